using System.Text;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// Converts a column within one line between CPython's unit (UTF-8 bytes) and SARIF's (UTF-16
/// code units). See <see cref="SourceSpan"/> for the convention.
/// </summary>
public static class LineColumns
{
    /// <summary>The UTF-8 byte offset of the UTF-16 column <paramref name="utf16Column"/> of <paramref name="line"/>.</summary>
    public static int Utf16ToUtf8(string line, int utf16Column)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (utf16Column < 0 || utf16Column > line.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(utf16Column), $"Column {utf16Column} is outside a line of {line.Length} UTF-16 units.");
        }

        if (utf16Column > 0 && utf16Column < line.Length && char.IsHighSurrogate(line[utf16Column - 1]) && char.IsLowSurrogate(line[utf16Column]))
        {
            throw new ArgumentException($"Column {utf16Column} splits a surrogate pair.", nameof(utf16Column));
        }

        return Encoding.UTF8.GetByteCount(line.AsSpan(0, utf16Column));
    }

    /// <summary>The UTF-16 column of the UTF-8 byte offset <paramref name="utf8Column"/> of <paramref name="line"/>.</summary>
    public static int Utf8ToUtf16(string line, int utf8Column)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentOutOfRangeException.ThrowIfNegative(utf8Column);
        var bytes = 0;
        var index = 0;
        while (bytes < utf8Column)
        {
            if (index >= line.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(utf8Column), $"Byte column {utf8Column} is past the end of the line.");
            }

            var rune = Rune.GetRuneAt(line, index);
            bytes += rune.Utf8SequenceLength;
            index += rune.Utf16SequenceLength;
        }

        return bytes == utf8Column
            ? index
            : throw new ArgumentException($"Byte column {utf8Column} falls inside a UTF-8 sequence.", nameof(utf8Column));
    }
}
