namespace GilScan.Syntax.Text;

/// <summary>A UTF-8 decoding failure as CPython's strict decoder classifies it: bytes [Start, End) and the reason.</summary>
internal readonly record struct Utf8Failure(int Start, int End, string Reason)
{
    public string Message(ReadOnlySpan<byte> input) => CodecErrorMessage.Format("utf-8", input, Start, End, Reason);
}

/// <summary>
/// CPython's UTF-8 error classification (Objects/stringlib/codecs.h): where strict decoding stops, how
/// many bytes the error spans and whether it is an "invalid start byte", an "invalid continuation byte"
/// or an "unexpected end of data". The spans are Unicode's maximal subparts, so "replace" decoding
/// produces one U+FFFD per failure.
/// </summary>
internal static class PythonUtf8
{
    private const string InvalidStart = "invalid start byte";
    private const string InvalidContinuation = "invalid continuation byte";
    private const string UnexpectedEnd = "unexpected end of data";

    /// <summary>The first failure in <paramref name="input"/> at or after <paramref name="from"/>, or null if the rest is valid.</summary>
    public static Utf8Failure? FindFailure(ReadOnlySpan<byte> input, int from = 0)
    {
        int i = from;
        while (i < input.Length)
        {
            int length = SequenceLength(input, i, out var failure);
            if (length == 0)
            {
                return failure;
            }
            i += length;
        }
        return null;
    }

    /// <summary>How many characters "replace" decoding of <paramref name="input"/> yields (as CPython counts columns in broken lines).</summary>
    public static int CountReplacementDecodedCodePoints(ReadOnlySpan<byte> input)
    {
        int count = 0;
        int i = 0;
        while (i < input.Length)
        {
            int length = SequenceLength(input, i, out var failure);
            i = length == 0 ? failure.End : i + length;
            count++;
        }
        return count;
    }

    /// <summary>The UTF-8 bytes of "replace" decoding: each failure becomes U+FFFD (EF BF BD).</summary>
    public static byte[] ReplaceInvalidSequences(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>(input.Length + 8);
        int i = 0;
        while (i < input.Length)
        {
            int length = SequenceLength(input, i, out var failure);
            if (length == 0)
            {
                output.AddRange([0xEF, 0xBF, 0xBD]);
                i = failure.End;
            }
            else
            {
                output.AddRange(input.Slice(i, length));
                i += length;
            }
        }
        return output.ToArray();
    }

    /// <summary>Length of the valid sequence at <paramref name="i"/>, or 0 with the failure filled in.</summary>
    private static int SequenceLength(ReadOnlySpan<byte> s, int i, out Utf8Failure failure)
    {
        failure = default;
        byte lead = s[i];
        int available = s.Length - i;
        if (lead < 0x80)
        {
            return 1;
        }
        if (lead < 0xC2 || lead > 0xF4)
        {
            failure = new Utf8Failure(i, i + 1, InvalidStart);
            return 0;
        }
        int needed = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        // The second byte's range narrows for E0, ED, F0 and F4 (no overlongs, surrogates or > U+10FFFF).
        byte secondLow = lead switch { 0xE0 => 0xA0, 0xF0 => 0x90, _ => 0x80 };
        byte secondHigh = lead switch { 0xED => 0x9F, 0xF4 => 0x8F, _ => 0xBF };
        for (int k = 1; k < needed; k++)
        {
            if (k >= available)
            {
                failure = new Utf8Failure(i, s.Length, UnexpectedEnd);
                return 0;
            }
            byte b = s[i + k];
            bool ok = k == 1 ? b >= secondLow && b <= secondHigh : b >= 0x80 && b <= 0xBF;
            if (!ok)
            {
                failure = new Utf8Failure(i, i + k, InvalidContinuation);
                return 0;
            }
        }
        return needed;
    }
}
