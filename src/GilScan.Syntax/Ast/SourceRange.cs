namespace GilScan.Syntax.Ast;

/// <summary>
/// Where a node stands in its file. Lines are 1-based; columns are 0-based. <see cref="StartColumn"/>
/// and <see cref="EndColumn"/> count UTF-8 bytes from the line start, exactly as CPython's
/// <c>col_offset</c>/<c>end_col_offset</c>; the UTF-16 columns count code units, as SARIF's default
/// <c>columnKind</c> and editors want. End columns are exclusive.
/// </summary>
public readonly record struct SourceRange(
    int StartLine, int StartColumn, int EndLine, int EndColumn, int StartColumnUtf16, int EndColumnUtf16)
{
    public static readonly SourceRange None = default;

    /// <summary>The range from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceRange Cover(SourceRange first, SourceRange last) =>
        new(first.StartLine, first.StartColumn, last.EndLine, last.EndColumn, first.StartColumnUtf16, last.EndColumnUtf16);

    /// <summary>True when this range starts before, or where, <paramref name="other"/> starts.</summary>
    public bool StartsAtOrBefore(SourceRange other) =>
        StartLine < other.StartLine || (StartLine == other.StartLine && StartColumn <= other.StartColumn);

    /// <summary>True when this range ends after, or where, <paramref name="other"/> ends.</summary>
    public bool EndsAtOrAfter(SourceRange other) =>
        EndLine > other.EndLine || (EndLine == other.EndLine && EndColumn >= other.EndColumn);

    public bool Contains(SourceRange other) => StartsAtOrBefore(other) && EndsAtOrAfter(other);

    public override string ToString() => $"{StartLine}:{StartColumn}-{EndLine}:{EndColumn}";
}

/// <summary>The value of CPython's <c>Ellipsis</c> constant (<c>...</c>).</summary>
public sealed class EllipsisValue
{
    public static readonly EllipsisValue Instance = new();
    private EllipsisValue() { }
    public override string ToString() => "Ellipsis";
}
