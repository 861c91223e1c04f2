namespace GilScan.Syntax.Text;

/// <summary>
/// Formats a decoding failure the way <c>str(UnicodeDecodeError)</c> does in CPython, e.g.
/// "'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte".
/// </summary>
internal static class CodecErrorMessage
{
    public static string Format(string codec, ReadOnlySpan<byte> input, int start, int end, string reason) =>
        end == start + 1 && start < input.Length
            ? $"'{codec}' codec can't decode byte 0x{input[start]:x2} in position {start}: {reason}"
            : $"'{codec}' codec can't decode bytes in position {start}-{end - 1}: {reason}";
}
