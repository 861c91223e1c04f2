using System.Text;

namespace GilScan.Syntax.Text;

/// <summary>
/// How decoded text carries bytes of a UTF-8 source that are not valid UTF-8 (see <see cref="DecodeResult"/>).
/// </summary>
/// <remarks>
/// Byte <c>b</c> (0x80..0xFF) becomes code point U+10FF00 + b, in the last private-use plane. A real
/// character is not used because CPython keeps the raw bytes, and a lone surrogate (Python's
/// "surrogateescape") is not used because ANTLR's <c>CharStreams.fromString</c> throws on lone surrogates.
/// A file that is valid UTF-8 may contain these code points genuinely; only text whose
/// <see cref="DecodeResult.HasUndecodableBytes"/> is set should have them read as markers.
/// </remarks>
public static class UndecodableBytes
{
    public const int FirstMarker = 0x10FF80;
    public const int LastMarker = 0x10FFFF;

    public static int MarkerFor(byte b) =>
        b >= 0x80 ? 0x10FF00 + b : throw new ArgumentOutOfRangeException(nameof(b), "only bytes 0x80-0xFF are undecodable");

    public static bool IsMarker(int codePoint) => codePoint is >= FirstMarker and <= LastMarker;

    /// <summary>True if <paramref name="text"/> holds at least one marker (they are surrogate pairs DBFF DF80..DFFF).</summary>
    public static bool ContainsMarker(ReadOnlySpan<char> text)
    {
        int at = text.IndexOf('\uDBFF');
        while (at >= 0 && at + 1 < text.Length)
        {
            if (text[at + 1] is >= '\uDF80' and <= '\uDFFF')
            {
                return true;
            }
            int next = text[(at + 1)..].IndexOf('\uDBFF');
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    /// <summary>The source bytes <paramref name="text"/> came from: UTF-8, with each marker turned back into its byte.</summary>
    public static byte[] ToSourceBytes(ReadOnlySpan<char> text)
    {
        var bytes = new List<byte>(text.Length + 8);
        Span<byte> buffer = stackalloc byte[4];
        int i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text[i..], out var rune, out int used);
            if (IsMarker(rune.Value))
            {
                bytes.Add((byte)(rune.Value - 0x10FF00));
            }
            else
            {
                int written = rune.EncodeToUtf8(buffer);
                for (int k = 0; k < written; k++)
                {
                    bytes.Add(buffer[k]);
                }
            }
            i += used;
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// CPython's error for an identifier token holding undecodable bytes, or null if it has none.
    /// <see cref="IdentifierDecodeError.Column"/> is the 1-based code-point column, relative to the
    /// token, of the token's last code point: added to the token's 0-based start column, minus one, it is
    /// the 0-based column that <see cref="BrokenLineColumns.CPythonOffset"/> turns into <c>SyntaxError.offset</c>.
    /// </summary>
    public static IdentifierDecodeError? DescribeIdentifier(string identifier)
    {
        if (!ContainsMarker(identifier))
        {
            return null;
        }
        byte[] bytes = ToSourceBytes(identifier);
        var failure = PythonUtf8.FindFailure(bytes);
        if (failure is null)
        {
            return null;
        }
        // CPython reports the error at the end of the identifier token (its byte offset, which
        // BrokenLineColumns turns into CPython's character count): the token's last code point.
        return new IdentifierDecodeError("(unicode error) " + failure.Value.Message(bytes),
            identifier.EnumerateRunes().Count());
    }
}

/// <summary>
/// The column CPython reports for an error on a line that holds undecodable bytes. CPython measures
/// the error's position in bytes of the original line, then counts characters in that many bytes of
/// the line as "replace" decoding shows it (each invalid sequence one U+FFFD, three bytes in UTF-8),
/// so that positions after an invalid byte shift; this reproduces that count.
/// </summary>
public static class BrokenLineColumns
{
    /// <summary>
    /// CPython's 1-based <c>SyntaxError.offset</c> for 0-based code-point column <paramref name="column"/> of
    /// <paramref name="line"/> (decoded text with markers, without its line break; columns past the
    /// end count the line break and then one byte each).
    /// </summary>
    public static int CPythonOffset(string line, int column)
    {
        if (!UndecodableBytes.ContainsMarker(line))
        {
            return column + 1;
        }

        byte[] original = UndecodableBytes.ToSourceBytes(line + "\n");
        int byteColumn = 0;
        int codePoints = 0;
        for (int i = 0; i < line.Length && codePoints < column; codePoints++)
        {
            Rune.DecodeFromUtf16(line.AsSpan(i), out var rune, out int used);
            byteColumn += UndecodableBytes.IsMarker(rune.Value) ? 1 : rune.Utf8SequenceLength;
            i += used;
        }
        byteColumn += column - codePoints;

        byte[] shown = PythonUtf8.ReplaceInvalidSequences(original);
        // CPython's 1-based byte offset, clamped as CPython clamps it (one past the end counts the
        // string's terminator as a character).
        int oneBased = byteColumn + 1;
        int taken = Math.Min(oneBased, shown.Length);
        return PythonUtf8.CountReplacementDecodedCodePoints(shown.AsSpan(0, taken)) + (oneBased > shown.Length ? 1 : 0);
    }
}

/// <summary>CPython's message and token-relative column for an undecodable identifier.</summary>
public sealed record IdentifierDecodeError(string Message, int Column);
