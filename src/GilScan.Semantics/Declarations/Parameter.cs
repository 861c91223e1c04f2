namespace GilScan.Semantics.Declarations;

public enum ParameterKind
{
    PositionalOnly,
    PositionalOrKeyword,
    VarPositional,
    KeywordOnly,
    VarKeyword,
}

/// <summary>One parameter of a project function or lambda.</summary>
/// <param name="Position">Index among the positional parameters (positional-only and positional),
/// counting <c>self</c>; -1 for the others.</param>
/// <param name="Default">The default expression, evaluated in the enclosing scope at definition time.</param>
public sealed record Parameter(string Name, ParameterKind Kind, int Position, Expr? Default, Arg Node);
