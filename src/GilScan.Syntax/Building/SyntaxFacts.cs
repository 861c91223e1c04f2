using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Building;

/// <summary>
/// What the source says about a tree that the tree itself does not keep, recorded by the builder
/// for <see cref="CPythonNesting"/>: CPython's parser spends a different number of rule calls on
/// <c>(x)</c> than on <c>x</c>, on <c>elif</c> than on <c>else: if</c>, and on a generator that is
/// a call's only argument than on a parenthesised one.
/// </summary>
internal sealed class SyntaxFacts
{
    /// <summary>How many pairs of grouping parentheses enclose an expression (<c>((x))</c>: 2).</summary>
    public Dictionary<Expr, int> Groups { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Tuples written with their own parentheses (<c>(a, b)</c>, <c>()</c>).</summary>
    public HashSet<Expr> ParenthesizedTuples { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Generator expressions that are a call's only argument, without parentheses of their own.</summary>
    public HashSet<Expr> BareGeneratorArguments { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>If statements written as an <c>elif</c> clause of the If that holds them.</summary>
    public HashSet<Stmt> Elifs { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>First statements of blocks written on their header's line (<c>if a: x</c>).</summary>
    public HashSet<Stmt> InlineBlockStarts { get; } = new(ReferenceEqualityComparer.Instance);

    public int GroupsAround(Expr expression) => Groups.TryGetValue(expression, out var count) ? count : 0;

    public void AddGroup(Expr expression) => Groups[expression] = GroupsAround(expression) + 1;
}
