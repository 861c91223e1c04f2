namespace GilScan.Syntax.Parsing;

/// <summary>Which Python exception class CPython would raise for a syntax error.</summary>
public enum PythonSyntaxErrorKind
{
    /// <summary><c>SyntaxError</c>.</summary>
    SyntaxError,

    /// <summary><c>IndentationError</c> (a subclass of SyntaxError in Python).</summary>
    IndentationError,

    /// <summary><c>TabError</c> (a subclass of IndentationError in Python).</summary>
    TabError,

    /// <summary>
    /// The codec's own <c>UnicodeDecodeError</c>, which has no line: CPython raises it for a name
    /// with undecodable bytes that it meets while tokenizing the rest of the file after a syntax error.
    /// </summary>
    UnicodeDecodeError,
}

/// <summary>
/// A syntax error as CPython reports it: the message, the 1-based line, and the 0-based column in
/// code points (CPython's <c>SyntaxError.offset</c> minus one).
/// </summary>
public sealed record PythonSyntaxError(
    string Message,
    int Line,
    int Column,
    PythonSyntaxErrorKind Kind = PythonSyntaxErrorKind.SyntaxError)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message} (line {Line}, column {Column})";
}
