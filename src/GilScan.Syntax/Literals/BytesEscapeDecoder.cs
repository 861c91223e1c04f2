namespace GilScan.Syntax.Literals;

/// <summary>
/// Decodes the body of a bytes literal that contains a backslash, as CPython 3.13's
/// _PyBytes_DecodeEscape does. The body is ASCII (checked by the caller).
/// </summary>
internal static class BytesEscapeDecoder
{
    public static EscapeOutcome<byte[]> Decode(ReadOnlySpan<char> s)
    {
        var bytes = new List<byte>(s.Length);
        LiteralWarning? warning = null;
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] != '\\')
            {
                bytes.Add((byte)s[i++]);
                continue;
            }
            int start = i++;
            if (i == s.Length)
            {
                return EscapeOutcome<byte[]>.Failed("(value error) Trailing \\ in string", start);
            }
            char c = s[i++];
            switch (c)
            {
                case '\n': break;
                case '\\': case '\'': case '"': bytes.Add((byte)c); break;
                case 'b': bytes.Add((byte)'\b'); break;
                case 'f': bytes.Add((byte)'\f'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'v': bytes.Add((byte)'\v'); break;
                case 'a': bytes.Add((byte)'\a'); break;
                case >= '0' and <= '7':
                {
                    int value = c - '0';
                    for (int digits = 1; digits < 3 && i < s.Length && s[i] is >= '0' and <= '7'; digits++)
                    {
                        value = value * 8 + (s[i++] - '0');
                    }
                    if (value > 0xFF)
                    {
                        warning ??= new LiteralWarning($"invalid octal escape sequence '\\{s.Slice(start + 1, 3)}'", start);
                    }
                    // CPython stores the value in a char, keeping its low eight bits.
                    bytes.Add((byte)value);
                    break;
                }
                case 'x':
                    if (i + 1 < s.Length && char.IsAsciiHexDigit(s[i]) && char.IsAsciiHexDigit(s[i + 1]))
                    {
                        bytes.Add((byte)(HexDigit.Value(s[i]) * 16 + HexDigit.Value(s[i + 1])));
                        i += 2;
                        break;
                    }
                    return EscapeOutcome<byte[]>.Failed($"(value error) invalid \\x escape at position {start}", start);
                default:
                    warning ??= new LiteralWarning($"invalid escape sequence '\\{c}'", start);
                    bytes.Add((byte)'\\');
                    i--;
                    break;
            }
        }
        return new EscapeOutcome<byte[]>(bytes.ToArray(), null, 0, warning, false);
    }
}
