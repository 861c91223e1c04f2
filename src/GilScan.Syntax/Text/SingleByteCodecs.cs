namespace GilScan.Syntax.Text;

/// <summary>A charmap codec (cp1252, koi8-r, mac-roman, ...) with the decoding table taken from CPython.</summary>
internal sealed class CharmapCodec(string name, char[] table) : PythonCodec(name)
{
    public const char Undefined = '\uFFFE';

    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName)
    {
        var chars = new char[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            char c = table[input[i]];
            if (c == Undefined)
            {
                return CodecOutcome.Failed(CodecErrorMessage.Format("charmap", input, i, i + 1, "character maps to <undefined>"));
            }
            chars[i] = c;
        }
        return CodecOutcome.Decoded(new string(chars));
    }
}

internal sealed class AsciiCodec(string name) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName)
    {
        int bad = input.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        return bad >= 0
            ? CodecOutcome.Failed(CodecErrorMessage.Format("ascii", input, bad, bad + 1, "ordinal not in range(128)"))
            : CodecOutcome.Decoded(System.Text.Encoding.ASCII.GetString(input));
    }
}

internal sealed class Latin1Codec(string name) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName) =>
        CodecOutcome.Decoded(System.Text.Encoding.Latin1.GetString(input));
}
