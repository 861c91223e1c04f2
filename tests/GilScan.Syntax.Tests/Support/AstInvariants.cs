using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Tests.Support;

/// <summary>
/// Checks the structural promises of a tree (pyright-style test walker): every child's parent link
/// points at its holder; every located node lies inside its nearest located ancestor; the located
/// children of a node, in source order, do not overlap. Two exceptions are CPython's own, measured on
/// the whole 3.13 standard library with its real parser: decorators stand before their function or
/// class (whose range starts at `def`/`class`), and in an f-string with a `=` debug specifier the
/// Constant holding "expr=" overlaps the FormattedValue that follows it.
/// </summary>
public static class AstInvariants
{
    public static IReadOnlyList<string> Violations(Node root)
    {
        var violations = new List<string>();
        var stack = new Stack<(Node Node, LocatedNode? Ancestor)>();
        stack.Push((root, null));
        var children = new List<Node>();
        while (stack.Count > 0)
        {
            var (node, ancestor) = stack.Pop();
            if (node is LocatedNode located && ancestor is not null && !ancestor.Range.Contains(located.Range)
                && !IsDecoratorOf(located, ancestor))
                violations.Add($"{Describe(located)} lies outside its ancestor {Describe(ancestor)}");

            children.Clear();
            node.AppendChildren(children);
            foreach (var child in children)
                if (!ReferenceEquals(child.Parent, node))
                    violations.Add($"{child.PythonTypeName} under {node.PythonTypeName} has a wrong parent link");

            CheckNoOverlap(node, violations);
            var nextAncestor = node as LocatedNode ?? ancestor;
            for (var i = children.Count - 1; i >= 0; i--) stack.Push((children[i], nextAncestor));
        }
        return violations;
    }

    private static void CheckNoOverlap(Node node, List<string> violations)
    {
        var located = new List<LocatedNode>();
        CollectLocated(node, located, isRoot: true);
        located.Sort((a, b) => a.Range.StartLine != b.Range.StartLine
            ? a.Range.StartLine.CompareTo(b.Range.StartLine)
            : a.Range.StartColumn.CompareTo(b.Range.StartColumn));
        for (var i = 1; i < located.Count; i++)
        {
            var previous = located[i - 1].Range;
            var current = located[i].Range;
            var overlaps = previous.EndLine > current.StartLine
                || (previous.EndLine == current.StartLine && previous.EndColumn > current.StartColumn);
            if (overlaps && !IsDebugTextOverlap(node, located[i - 1], located[i]))
                violations.Add($"{Describe(located[i - 1])} overlaps {Describe(located[i])} under {node.PythonTypeName}");
        }
    }

    /// <summary>The nearest located descendants: a node without a position (arguments, withitem,
    /// comprehension, match_case) is looked through.</summary>
    private static void CollectLocated(Node node, List<LocatedNode> into, bool isRoot)
    {
        if (!isRoot && node is LocatedNode located)
        {
            into.Add(located);
            return;
        }
        var children = new List<Node>();
        node.AppendChildren(children);
        foreach (var child in children) CollectLocated(child, into, isRoot: false);
    }

    private static bool IsDecoratorOf(LocatedNode node, LocatedNode ancestor)
    {
        var decorators = ancestor switch
        {
            FunctionDef f => f.DecoratorList,
            AsyncFunctionDef f => f.DecoratorList,
            ClassDef c => c.DecoratorList,
            _ => null,
        };
        if (decorators is null) return false;
        for (Node? n = node; n is not null && !ReferenceEquals(n, ancestor); n = n.Parent)
            if (n is Expr e && ReferenceEquals(n.Parent, ancestor) && decorators.Contains(e)) return true;
        return false;
    }

    private static bool IsDebugTextOverlap(Node holder, LocatedNode first, LocatedNode second) =>
        holder is JoinedStr or TemplateStr
        && ((first is Constant && second is FormattedValue or Interpolation)
            || (first is FormattedValue or Interpolation && second is Constant));

    private static string Describe(LocatedNode node) => $"{node.PythonTypeName}@{node.Range}";
}
