namespace GilScan.Syntax.Literals;

/// <summary>
/// Why a literal is invalid, with CPython 3.13's message. <see cref="Offset"/> is a UTF-16 index into
/// the text that was parsed, pointing at the construct at fault (for escapes, the backslash). Where
/// CPython reports the error differs per case: for string literals at the token start, for number
/// literals at the token start plus <see cref="Offset"/> characters (its tokenizer's cursor); see the
/// parser methods.
/// </summary>
public sealed record LiteralError(string Message, int Offset);

/// <summary>A SyntaxWarning CPython 3.13 emits for a literal (e.g. "invalid escape sequence '\d'"), which does not stop parsing.</summary>
public sealed record LiteralWarning(string Message, int Offset);

/// <summary>Either a parsed literal value or the <see cref="LiteralError"/> that CPython would raise.</summary>
public sealed class LiteralResult<T>
    where T : class
{
    private LiteralResult(T? value, LiteralError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public LiteralError? Error { get; }

    public bool IsSuccess => Error is null;

    internal static LiteralResult<T> Success(T value) => new(value, null);

    internal static LiteralResult<T> Failure(LiteralError error) => new(null, error);
}
