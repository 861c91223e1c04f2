namespace GilScan.Semantics.Binding;

[Flags]
public enum SymbolFlags
{
    None = 0,
    /// <summary>Assigned, defined, imported or deleted in its scope (CPython's DEF_LOCAL).</summary>
    Bound = 1 << 0,
    Parameter = 1 << 1,
    /// <summary>Named by a <c>global</c> statement in this scope; bindings go to the module scope.</summary>
    DeclaredGlobal = 1 << 2,
    /// <summary>Named by a <c>nonlocal</c> statement; bindings go to an enclosing function scope.</summary>
    DeclaredNonlocal = 1 << 3,
    Imported = 1 << 4,
    /// <summary>Annotated (<c>x: T</c>), which makes the name local in a function.</summary>
    Annotated = 1 << 5,
}
