namespace GilScan.Semantics.Binding;

/// <summary>A name in one scope, with every binding of it and every read that resolves to it.
/// A name declared <c>global</c>/<c>nonlocal</c> has a symbol in the declaring scope whose
/// <see cref="DeclaredTarget"/> is the real one; its bindings and reads are recorded on the target.</summary>
public sealed class Symbol
{
    private readonly List<SymbolBinding> _bindings = [];

    internal Symbol(string name, Scope scope)
    {
        Name = name;
        Scope = scope;
    }

    public string Name { get; }

    /// <summary>The scope that owns the name.</summary>
    public Scope Scope { get; }

    public SymbolFlags Flags { get; internal set; }

    /// <summary>For a <c>global</c>/<c>nonlocal</c> declaration: the symbol it stands for.</summary>
    public Symbol? DeclaredTarget { get; internal set; }

    /// <summary>Bindings in source order (of the binding sites).</summary>
    public IReadOnlyList<SymbolBinding> Bindings => _bindings;

    /// <summary>Name nodes that read this symbol (Load context, and the target of an augmented
    /// assignment, which reads before it writes), in source order. Computed for the whole module on
    /// first use.</summary>
    public IReadOnlyList<Name> References
    {
        get
        {
            Scope.Module.EnsureReferences();
            return (IReadOnlyList<Name>?)_references ?? [];
        }
    }

    /// <summary>True when some read resolves to this symbol.</summary>
    public bool IsReferenced => References.Count > 0;

    /// <summary>True when a nested function or lambda reads this local (a cell variable).</summary>
    public bool IsCaptured
    {
        get
        {
            Scope.Module.EnsureReferences();
            return _captured;
        }
    }

    private List<Name>? _references;
    private bool _captured;

    /// <summary>True when this name is local to its scope by Python's rules (bound, a parameter, or
    /// annotated in a function), and not a global/nonlocal declaration.</summary>
    public bool IsLocal =>
        (Flags & (SymbolFlags.DeclaredGlobal | SymbolFlags.DeclaredNonlocal)) == 0 &&
        (Flags & (SymbolFlags.Bound | SymbolFlags.Parameter | SymbolFlags.Annotated)) != 0;

    public bool Has(SymbolFlags flag) => (Flags & flag) == flag;

    /// <summary>The one binding, when there is exactly one that assigns something. Bindings to None
    /// are ignored when others exist, so that the optional-import idiom
    /// (<c>try: import numpy as np / except ImportError: np = None</c>) keeps its meaning.</summary>
    public SymbolBinding? SingleBinding
    {
        get
        {
            SymbolBinding? found = null;
            var count = 0;
            SymbolBinding? noneBinding = null;
            foreach (var b in _bindings)
            {
                if (b.Kind is BindingKind.Deletion or BindingKind.AnnotationOnly) continue;
                if (b.Kind == BindingKind.Assignment && b.Value is Constant { Value: null })
                {
                    noneBinding ??= b;
                    continue;
                }
                found ??= b;
                count++;
            }
            if (count == 1) return found;
            return count == 0 ? noneBinding : null;
        }
    }

    internal void AddBinding(SymbolBinding binding) => _bindings.Add(binding);

    /// <summary>Called once per module, under the module's reference lock.</summary>
    internal void AddReference(Name name, bool fromNestedFunction)
    {
        (_references ??= []).Add(name);
        _captured |= fromNestedFunction;
    }

    internal void ClearBindings() => _bindings.Clear();

    /// <summary>Puts bindings moved here from global/nonlocal declarations in source order (stable).</summary>
    internal void SortBindings()
    {
        if (_bindings.Count < 2) return;
        var sorted = _bindings.OrderBy(b => b.Site, Comparer<Node>.Create(SourceOrder.Compare)).ToList();
        _bindings.Clear();
        _bindings.AddRange(sorted);
    }

    public override string ToString() => $"{Scope.Name}:{Name}";
}
