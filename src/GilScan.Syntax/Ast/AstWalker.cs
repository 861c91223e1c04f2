namespace GilScan.Syntax.Ast;

/// <summary>
/// Pre-order traversal of a tree without recursion, so that the deepest tree the parser accepts
/// cannot overflow the stack of whoever walks it.
/// </summary>
public static class AstWalker
{
    /// <summary>Every node under (and including) <paramref name="root"/>, parents before children,
    /// children in CPython's field order.</summary>
    public static IEnumerable<Node> DescendantsAndSelf(Node root)
    {
        var stack = new Stack<Node>();
        var children = new List<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            children.Clear();
            node.AppendChildren(children);
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }
}
