namespace GilScan.Semantics.Binding;

/// <summary>Orders nodes by where they start in the file. Nodes without a position (e.g.
/// <c>arguments</c>) take the position of their nearest located ancestor.</summary>
public static class SourceOrder
{
    public static int Compare(Node a, Node b)
    {
        var ra = RangeOf(a);
        var rb = RangeOf(b);
        var c = ra.StartLine.CompareTo(rb.StartLine);
        return c != 0 ? c : ra.StartColumn.CompareTo(rb.StartColumn);
    }

    public static SourceRange RangeOf(Node node)
    {
        for (Node? n = node; n is not null; n = n.Parent)
            if (n is LocatedNode located) return located.Range;
        return SourceRange.None;
    }
}
