namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// A range of source text. THE position convention of gilscan, stated once here:
/// <list type="bullet">
/// <item>Lines are 1-based, as CPython's <c>lineno</c> / <c>end_lineno</c>.</item>
/// <item>Columns are 0-based and the end is exclusive, as CPython's <c>col_offset</c> /
/// <c>end_col_offset</c>. Each column is kept in two units: UTF-8 bytes from the start of the line
/// (CPython's unit, used by the AST and its dump) and UTF-16 code units from the start of the line
/// (the index into a .NET string, and SARIF's default <c>columnKind</c>).</item>
/// <item>Only at the SARIF boundary do columns become 1-based: SARIF <c>startColumn</c> =
/// <see cref="StartColumnUtf16"/> + 1 and <c>endColumn</c> = <see cref="EndColumnUtf16"/> + 1,
/// which SARIF also reads as exclusive. Text output shows the 1-based UTF-16 column too, like
/// ruff and most editors.</item>
/// </list>
/// A zero-width span (start == end) marks a point, such as the end of file of a syntax error.
/// </summary>
public readonly record struct SourceSpan
{
    public SourceSpan(int startLine, int startColumnUtf8, int startColumnUtf16, int endLine, int endColumnUtf8, int endColumnUtf16)
    {
        if (startLine < 1 || endLine < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(startLine), $"Lines are 1-based: got {startLine}..{endLine}.");
        }

        if (startColumnUtf8 < 0 || startColumnUtf16 < 0 || endColumnUtf8 < 0 || endColumnUtf16 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startColumnUtf8), "Columns are 0-based and never negative.");
        }

        if (endLine < startLine || (endLine == startLine && (endColumnUtf8 < startColumnUtf8 || endColumnUtf16 < startColumnUtf16)))
        {
            throw new ArgumentException(
                $"A span must not end before it starts: {startLine}:{startColumnUtf16}..{endLine}:{endColumnUtf16}.");
        }

        // A UTF-8 column is never smaller than its UTF-16 column (every UTF-16 unit is 1..3 bytes).
        if (startColumnUtf8 < startColumnUtf16 || endColumnUtf8 < endColumnUtf16)
        {
            throw new ArgumentException("A UTF-8 byte column cannot be smaller than the UTF-16 column of the same position.");
        }

        StartLine = startLine;
        StartColumnUtf8 = startColumnUtf8;
        StartColumnUtf16 = startColumnUtf16;
        EndLine = endLine;
        EndColumnUtf8 = endColumnUtf8;
        EndColumnUtf16 = endColumnUtf16;
    }

    /// <summary>The empty span at the very start of a file: for findings about a whole file.</summary>
    public static SourceSpan StartOfFile { get; } = new(1, 0, 0, 1, 0, 0);

    public int StartLine { get; }

    public int StartColumnUtf8 { get; }

    public int StartColumnUtf16 { get; }

    public int EndLine { get; }

    public int EndColumnUtf8 { get; }

    public int EndColumnUtf16 { get; }

    public bool IsEmpty => StartLine == EndLine && StartColumnUtf16 == EndColumnUtf16;

    /// <summary>
    /// The span between two UTF-16 positions of <paramref name="text"/>, with the UTF-8 columns
    /// computed from the text (for producers that only know string indexes, and for tests).
    /// </summary>
    public static SourceSpan FromUtf16(string text, int startLine, int startColumnUtf16, int endLine, int endColumnUtf16)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SourceLines.Split(text);
        string LineAt(int line) => line >= 1 && line <= lines.Count
            ? lines[line - 1]
            : throw new ArgumentOutOfRangeException(nameof(startLine), $"Line {line} is outside the text's {lines.Count} line(s).");

        return new SourceSpan(
            startLine, LineColumns.Utf16ToUtf8(LineAt(startLine), startColumnUtf16), startColumnUtf16,
            endLine, LineColumns.Utf16ToUtf8(LineAt(endLine), endColumnUtf16), endColumnUtf16);
    }

    public override string ToString() =>
        $"{StartLine}:{StartColumnUtf16}-{EndLine}:{EndColumnUtf16} (utf8 {StartColumnUtf8}-{EndColumnUtf8})";
}
