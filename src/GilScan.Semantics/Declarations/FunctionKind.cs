namespace GilScan.Semantics.Declarations;

public enum FunctionKind
{
    Function,
    Lambda,
    /// <summary>The top-level code of a module, which runs at import.</summary>
    ModuleBody,
}
