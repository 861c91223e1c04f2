namespace GilScan.Semantics.Binding;

/// <summary>A Python scope: the module, a class body, a function or lambda, a comprehension, or a
/// PEP 695 type-parameter scope.</summary>
public sealed class Scope
{
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);
    private readonly List<Scope> _children = [];

    internal Scope(ScopeKind kind, Scope? parent, Node node, string name)
    {
        Kind = kind;
        Parent = parent;
        Node = node;
        Name = name;
        parent?._children.Add(this);
    }

    public ScopeKind Kind { get; }

    /// <summary>The module this scope belongs to.</summary>
    public BoundModule Module { get; internal set; } = null!;

    public Scope? Parent { get; }

    /// <summary>The node that opens the scope: Module, FunctionDef, AsyncFunctionDef, Lambda, ClassDef,
    /// ListComp/SetComp/DictComp/GeneratorExp, or (type parameters) the generic def/class/TypeAlias.</summary>
    public Node Node { get; }

    /// <summary>The function or class name; "&lt;module&gt;", "&lt;lambda&gt;", "&lt;listcomp&gt;", ... otherwise.</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, Symbol> Symbols => _symbols;

    /// <summary>Nested scopes in source order.</summary>
    public IReadOnlyList<Scope> Children => _children;

    /// <summary>Star imports (<c>from m import *</c>) of this scope, by absolute module name.</summary>
    public IReadOnlyList<string> StarImports => _starImports ?? (IReadOnlyList<string>)[];

    private List<string>? _starImports;

    /// <summary>True for functions and lambdas: the scopes whose locals nested functions can see.</summary>
    public bool IsFunctionLike => Kind is ScopeKind.Function or ScopeKind.Lambda;

    /// <summary>The nearest enclosing (or this) module, function or lambda scope: where a walrus in a
    /// comprehension binds, and whose code a comprehension runs as part of.</summary>
    public Scope NearestNonComprehension
    {
        get
        {
            var s = this;
            while (s.Kind == ScopeKind.Comprehension && s.Parent is not null) s = s.Parent;
            return s;
        }
    }

    public Symbol? TryGetSymbol(string name) => _symbols.GetValueOrDefault(name);

    internal Symbol GetOrAdd(string name)
    {
        if (!_symbols.TryGetValue(name, out var symbol))
        {
            symbol = new Symbol(name, this);
            _symbols.Add(name, symbol);
        }
        return symbol;
    }

    internal void AddStarImport(string module) => (_starImports ??= []).Add(module);

    public override string ToString() => $"{Kind} {Name}";
}
