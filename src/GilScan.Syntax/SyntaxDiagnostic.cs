namespace GilScan.Syntax;

/// <summary>Why a file has no syntax tree.</summary>
public enum SyntaxErrorKind
{
    /// <summary>The bytes could not be decoded (unknown encoding, invalid UTF-8, NUL bytes, ...).</summary>
    Decoding,
    /// <summary>The text is not valid Python (CPython's SyntaxError, IndentationError, TabError).</summary>
    Syntax,
    /// <summary>The file is beyond what gilscan parses (nesting or size limits); CPython may accept it.</summary>
    Limit,
    /// <summary>gilscan itself failed on the file (a bug); the rest of the run goes on.</summary>
    Internal,
}

/// <summary>
/// A file's syntax error as CPython would report it: <see cref="Message"/> is CPython's message,
/// <see cref="Line"/> is 1-based, <see cref="Column"/> is 1-based in characters (code points), like
/// CPython's <c>SyntaxError.offset</c>, or null where CPython gives none. The UTF-16 column (0-based)
/// is kept for SARIF.
/// </summary>
public sealed record SyntaxDiagnostic(SyntaxErrorKind Kind, string Message, int? Line, int? Column, int? ColumnUtf16 = null)
{
    /// <summary>
    /// Where gilscan found the cause when CPython reports none (its nesting limits are a MemoryError
    /// or a RecursionError without a position): 1-based line, 0-based UTF-16 column. For findings,
    /// never for the canonical error line, which shows CPython's null.
    /// </summary>
    public (int Line, int ColumnUtf16)? Near { get; init; }

    public override string ToString() => Line is int line ? $"{line}:{Column ?? 0}: {Message}" : Message;
}
