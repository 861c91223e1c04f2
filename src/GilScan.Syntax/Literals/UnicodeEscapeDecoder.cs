using System.Text;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Literals;

/// <summary>
/// Decodes the body of a str literal (or one f-string literal part) that contains a backslash, as
/// CPython 3.13's decode_unicode_with_escapes does: it first rewrites every run of non-ASCII
/// characters as \UXXXXXXXX escapes (and a backslash before one as \u005c), then runs the
/// 'unicodeescape' codec over that ASCII buffer. Error positions are in that buffer, as CPython's are.
/// </summary>
internal static class UnicodeEscapeDecoder
{
    public static EscapeOutcome<string> Decode(ReadOnlySpan<char> body, bool hasUndecodableByteMarkers)
    {
        if (!Ascii.IsValid(body))
        {
            var rewritten = RewriteNonAscii(body, hasUndecodableByteMarkers, out var origins, out string? utf8Error, out int utf8ErrorIndex);
            if (utf8Error is not null)
            {
                return EscapeOutcome<string>.Failed(utf8Error, utf8ErrorIndex);
            }
            var outcome = DecodeAscii(rewritten);
            // Report indexes in the caller's text rather than in the rewritten buffer.
            return outcome with
            {
                ErrorIndex = outcome.ErrorMessage is null ? 0 : origins[outcome.ErrorIndex],
                Warning = outcome.Warning is { } w ? w with { Offset = origins[w.Offset] } : null,
            };
        }
        return DecodeAscii(body);
    }

    private static string RewriteNonAscii(ReadOnlySpan<char> body, bool markers, out int[] origins, out string? utf8Error, out int utf8ErrorIndex)
    {
        var buffer = new StringBuilder(body.Length * 2);
        var origin = new List<int>(body.Length * 2);
        utf8Error = null;
        utf8ErrorIndex = 0;
        int i = 0;
        while (i < body.Length)
        {
            if (body[i] == '\\')
            {
                Add(buffer, origin, "\\", i);
                i++;
                if (i >= body.Length || body[i] > 0x7F)
                {
                    Add(buffer, origin, "u005c", i - 1);
                    if (i >= body.Length)
                    {
                        break;
                    }
                }
            }
            if (body[i] > 0x7F)
            {
                int runStart = i;
                while (i < body.Length && body[i] > 0x7F)
                {
                    i++;
                }
                var run = body[runStart..i];
                if (markers && UndecodableBytes.ContainsMarker(run))
                {
                    byte[] bytes = UndecodableBytes.ToSourceBytes(run);
                    if (PythonUtf8Access.FindFailure(bytes) is { } message)
                    {
                        utf8Error = "(unicode error) " + message;
                        utf8ErrorIndex = runStart;
                        origins = [];
                        return "";
                    }
                }
                int k = 0;
                while (k < run.Length)
                {
                    Rune.DecodeFromUtf16(run[k..], out var rune, out int used);
                    int value = used == 1 ? run[k] : rune.Value;
                    Add(buffer, origin, $"\\U{value:x8}", runStart + k);
                    k += used;
                }
            }
            else
            {
                Add(buffer, origin, body[i].ToString(), i);
                i++;
            }
        }
        origin.Add(body.Length);
        origins = origin.ToArray();
        return buffer.ToString();
    }

    private static void Add(StringBuilder buffer, List<int> origin, string text, int from)
    {
        buffer.Append(text);
        for (int k = 0; k < text.Length; k++)
        {
            origin.Add(from);
        }
    }

    /// <summary>The 'unicodeescape' codec over ASCII text.</summary>
    private static EscapeOutcome<string> DecodeAscii(ReadOnlySpan<char> s)
    {
        var text = new StringBuilder(s.Length);
        LiteralWarning? warning = null;
        bool surrogates = false;
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i++];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            int start = i - 1;
            if (i >= s.Length)
            {
                return Fail(s, start, s.Length, "\\ at end of string");
            }
            c = s[i++];
            switch (c)
            {
                case '\n': break;
                case '\\': case '\'': case '"': text.Append(c); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 't': text.Append('\t'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 'v': text.Append('\v'); break;
                case 'a': text.Append('\a'); break;
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
                    text.Append((char)value);
                    break;
                }
                case 'x':
                case 'u':
                case 'U':
                {
                    (int count, string message) = c switch
                    {
                        'x' => (2, "truncated \\xXX escape"),
                        'u' => (4, "truncated \\uXXXX escape"),
                        _ => (8, "truncated \\UXXXXXXXX escape"),
                    };
                    long value = 0;
                    for (; count > 0; count--, i++)
                    {
                        if (i >= s.Length || !char.IsAsciiHexDigit(s[i]))
                        {
                            return Fail(s, start, i, message);
                        }
                        value = value * 16 + HexDigit.Value(s[i]);
                    }
                    if (value > 0x10FFFF)
                    {
                        return Fail(s, start, i, "illegal Unicode character");
                    }
                    surrogates |= value is >= 0xD800 and <= 0xDFFF;
                    AppendCodePoint(text, (int)value);
                    break;
                }
                case 'N':
                {
                    const string malformed = "malformed \\N character escape";
                    if (i >= s.Length || s[i] != '{')
                    {
                        return Fail(s, start, i, malformed);
                    }
                    int nameStart = ++i;
                    while (i < s.Length && s[i] != '}')
                    {
                        i++;
                    }
                    if (i >= s.Length || i == nameStart)
                    {
                        return Fail(s, start, i, malformed);
                    }
                    var name = s[nameStart..i];
                    i++;
                    if (UnicodeNames.Instance.Lookup(name) is not { } codePoint)
                    {
                        return Fail(s, start, i, "unknown Unicode character name");
                    }
                    AppendCodePoint(text, codePoint);
                    break;
                }
                default:
                    warning ??= new LiteralWarning($"invalid escape sequence '\\{c}'", start);
                    text.Append('\\').Append(c);
                    break;
            }
        }
        return new EscapeOutcome<string>(text.ToString(), null, 0, warning, surrogates);
    }

    private static void AppendCodePoint(StringBuilder text, int value)
    {
        if (value <= 0xFFFF)
        {
            text.Append((char)value);
        }
        else
        {
            text.Append(char.ConvertFromUtf32(value));
        }
    }

    private static EscapeOutcome<string> Fail(ReadOnlySpan<char> s, int start, int end, string reason)
    {
        string where = end == start + 1
            ? $"byte 0x{(int)s[start]:x2} in position {start}"
            : $"bytes in position {start}-{end - 1}";
        return EscapeOutcome<string>.Failed($"(unicode error) 'unicodeescape' codec can't decode {where}: {reason}", start);
    }
}
