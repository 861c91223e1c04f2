using GilScan.Syntax.Text;

namespace GilScan.Syntax.Literals;

/// <summary>CPython's message for the first UTF-8 failure in source bytes, or null if they decode.</summary>
internal static class PythonUtf8Access
{
    public static string? FindFailure(ReadOnlySpan<byte> bytes) =>
        PythonUtf8.FindFailure(bytes) is { } failure ? failure.Message(bytes) : null;
}
