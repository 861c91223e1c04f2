using System.Text;

namespace GilScan.Syntax.Text;

/// <summary>Strict UTF-8, optionally skipping a leading BOM (utf-8-sig), with CPython's error messages.</summary>
internal sealed class Utf8Codec(string name, bool skipsSignature) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName)
    {
        if (skipsSignature && input.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            input = input[3..];
        }
        var failure = PythonUtf8.FindFailure(input);
        return failure is { } f
            ? CodecOutcome.Failed(f.Message(input))
            : CodecOutcome.Decoded(Encoding.UTF8.GetString(input));
    }
}

/// <summary>
/// UTF-16 and UTF-32 in a given byte order, or (when <c>bigEndian</c> is null) by BOM with little
/// endian as the default, as CPython does on little-endian machines. Error reasons follow CPython's.
/// </summary>
internal sealed class WideUnicodeCodec(string name, int unitSize, bool? bigEndian) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName)
    {
        bool big = bigEndian ?? false;
        int offset = 0;
        if (bigEndian is null)
        {
            if (unitSize == 2 && input.Length >= 2 && (input[0], input[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            {
                big = input[0] == 0xFE;
                offset = 2;
            }
            else if (unitSize == 4 && input.Length >= 4 && (input.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || input.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])))
            {
                big = input[0] == 0;
                offset = 4;
            }
        }
        string codec = (unitSize == 2 ? "utf-16-" : "utf-32-") + (big ? "be" : "le");
        return unitSize == 2 ? DecodeUtf16(input, offset, big, codec) : DecodeUtf32(input, offset, big, codec);
    }

    private static CodecOutcome DecodeUtf16(ReadOnlySpan<byte> input, int i, bool big, string codec)
    {
        var text = new StringBuilder(input.Length / 2);
        while (i < input.Length)
        {
            if (input.Length - i < 2)
            {
                return CodecOutcome.Failed(CodecErrorMessage.Format(codec, input, i, input.Length, "truncated data"));
            }
            char unit = Unit(input, i, big);
            if (char.IsLowSurrogate(unit))
            {
                return CodecOutcome.Failed(CodecErrorMessage.Format(codec, input, i, i + 2, "illegal encoding"));
            }
            if (char.IsHighSurrogate(unit))
            {
                if (input.Length - i < 4)
                {
                    string reason = input.Length - i == 2 ? "unexpected end of data" : "truncated data";
                    return CodecOutcome.Failed(CodecErrorMessage.Format(codec, input, i, input.Length, reason));
                }
                char low = Unit(input, i + 2, big);
                if (!char.IsLowSurrogate(low))
                {
                    return CodecOutcome.Failed(CodecErrorMessage.Format(codec, input, i, i + 2, "illegal UTF-16 surrogate"));
                }
                text.Append(unit).Append(low);
                i += 4;
                continue;
            }
            text.Append(unit);
            i += 2;
        }
        return CodecOutcome.Decoded(text.ToString());
    }

    private static char Unit(ReadOnlySpan<byte> input, int i, bool big) =>
        (char)(big ? input[i] << 8 | input[i + 1] : input[i + 1] << 8 | input[i]);

    private static CodecOutcome DecodeUtf32(ReadOnlySpan<byte> input, int i, bool big, string codec)
    {
        var text = new StringBuilder(input.Length / 4);
        while (i < input.Length)
        {
            if (input.Length - i < 4)
            {
                return CodecOutcome.Failed(CodecErrorMessage.Format(codec, input, i, input.Length, "truncated data"));
            }
            uint value = big
                ? (uint)(input[i] << 24 | input[i + 1] << 16 | input[i + 2] << 8 | input[i + 3])
                : (uint)(input[i + 3] << 24 | input[i + 2] << 16 | input[i + 1] << 8 | input[i]);
            if (value > 0x10FFFF)
            {
                return CodecOutcome.Failed(CodecErrorMessage.Format(codec, input, i, i + 4, "code point not in range(0x110000)"));
            }
            if (value is >= 0xD800 and < 0xE000)
            {
                return CodecOutcome.Failed(CodecErrorMessage.Format(codec, input, i, i + 4,
                    "code point in surrogate code point range(0xd800, 0xe000)"));
            }
            text.Append(char.ConvertFromUtf32((int)value));
            i += 4;
        }
        return CodecOutcome.Decoded(text.ToString());
    }
}
