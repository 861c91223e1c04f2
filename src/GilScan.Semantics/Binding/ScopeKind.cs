namespace GilScan.Semantics.Binding;

/// <summary>The kinds of Python scope (CPython's symtable block types).</summary>
public enum ScopeKind
{
    Module,
    Class,
    Function,
    Lambda,
    /// <summary>A list/set/dict comprehension or generator expression. PEP 709 inlines the first three
    /// in 3.12+, but their iteration variables stay invisible outside, so they keep their own scope here.</summary>
    Comprehension,
    /// <summary>PEP 695's annotation scope that holds the type parameters of a generic function, class
    /// or type alias.</summary>
    TypeParameters,
}
