namespace GilScan.Syntax.Literals;

/// <summary>What an escape decoder produced: a value, or CPython's message and the UTF-16 index of the fault.</summary>
internal readonly record struct EscapeOutcome<T>(T? Value, string? ErrorMessage, int ErrorIndex, LiteralWarning? Warning, bool HasSurrogates)
    where T : class
{
    public static EscapeOutcome<T> Failed(string message, int index) => new(null, message, index, null, false);
}
