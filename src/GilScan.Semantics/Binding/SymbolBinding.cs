namespace GilScan.Semantics.Binding;

/// <summary>One place that binds a name.</summary>
public sealed class SymbolBinding
{
    internal SymbolBinding(BindingKind kind, Symbol symbol, Node site, Expr? value, Scope executingScope, ImportTarget? import,
        UnpackedElement? unpacked = null)
    {
        Unpacked = unpacked;
        Kind = kind;
        Symbol = symbol;
        Site = site;
        Value = value;
        ExecutingScope = executingScope;
        Import = import;
    }

    public BindingKind Kind { get; }

    /// <summary>The symbol bound (after following global/nonlocal declarations).</summary>
    public Symbol Symbol { get; internal set; }

    /// <summary>The node that binds: a Name in Store/Del context, an Alias, a FunctionDef/
    /// AsyncFunctionDef/ClassDef, an Arg, an ExceptHandler, a pattern, a type parameter or a TypeAlias.</summary>
    public Node Site { get; }

    /// <summary>The expression whose value the name receives; what it means depends on
    /// <see cref="Kind"/>. Null when unknown (e.g. unpacking a non-literal).</summary>
    public Expr? Value { get; }

    /// <summary>The scope whose code performs the binding: differs from the symbol's scope for
    /// <c>global</c>/<c>nonlocal</c> names and for walrus targets inside comprehensions. The value
    /// expression itself may belong to another scope (a parameter's default, a comprehension's first
    /// iterable); <see cref="BoundModule.ScopeOf"/> of <see cref="Value"/> tells.</summary>
    public Scope ExecutingScope { get; }

    public ImportTarget? Import { get; }

    /// <summary>For a name that unpacks a value that is not a display (<c>model, tokenizer = load()</c>):
    /// the value unpacked and the name's place in the target list. <see cref="Value"/> is null then.</summary>
    public UnpackedElement? Unpacked { get; }

    public override string ToString() => $"{Kind} {Symbol.Name}";
}
