namespace GilScan.Semantics.Declarations;

/// <summary>How a function defined in a class body receives its first argument.</summary>
public enum MethodKind
{
    /// <summary>Not defined directly in a class body.</summary>
    None,
    Instance,
    Static,
    Class,
    Property,
}
