using System.Globalization;
using System.Text;

namespace GilScan.Analysis.Confirmation;

/// <summary>
/// Writes a <see cref="PythonValue"/> as Python source. Output is ASCII only (everything else is
/// escaped), so a harness file reads the same whatever the locale, and strings cannot end early or
/// smuggle code: the writer escapes every quote, backslash and control character.
/// </summary>
public static class PythonLiteral
{
    public static string Write(PythonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, PythonValue value)
    {
        switch (value)
        {
            case PythonValue.NoneValue:
                text.Append("None");
                break;
            case PythonValue.Bool b:
                text.Append(b.Value ? "True" : "False");
                break;
            case PythonValue.Int i:
                text.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case PythonValue.Float f:
                text.Append(FloatSource(f.Value));
                break;
            case PythonValue.Str s:
                AppendString(text, s.Value);
                break;
            case PythonValue.Bytes b:
                AppendBytes(text, b.Value);
                break;
            case PythonValue.Sequence { IsTuple: true, Items.Length: 1 } single:
                text.Append('(');
                Append(text, single.Items[0]);
                text.Append(",)");
                break;
            case PythonValue.Sequence sequence:
                text.Append(sequence.IsTuple ? '(' : '[');
                AppendJoined(text, sequence.Items, Append);
                text.Append(sequence.IsTuple ? ')' : ']');
                break;
            case PythonValue.Dict dict:
                text.Append('{');
                AppendJoined(text, dict.Entries, (t, e) =>
                {
                    Append(t, e.Key);
                    t.Append(": ");
                    Append(t, e.Value);
                });
                text.Append('}');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown Python value kind.");
        }
    }

    private static void AppendJoined<T>(StringBuilder text, IEnumerable<T> items, Action<StringBuilder, T> append)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }

            append(text, item);
            first = false;
        }
    }

    internal static string FloatSource(double value)
    {
        if (double.IsNaN(value))
        {
            return "float('nan')";
        }

        if (double.IsInfinity(value))
        {
            // 1e999 overflows to inf when Python parses it: a literal, unlike float('inf').
            return value > 0 ? "1e999" : "-1e999";
        }

        var source = value.ToString("R", CultureInfo.InvariantCulture);
        return source.AsSpan().IndexOfAny(".E") >= 0 ? source : source + ".0";
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, value[i + 1]):x8}");
                i++;
                continue;
            }

            switch (c)
            {
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\'':
                    text.Append("\\'");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case >= ' ' and < '\u007f':
                    text.Append(c);
                    break;
                case < '\u0100':
                    text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    break;
                default:
                    // Lone surrogates too: Python's str can hold them, and \u is how it spells them.
                    text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
            }
        }

        text.Append('\'');
    }

    private static void AppendBytes(StringBuilder text, IEnumerable<byte> value)
    {
        text.Append("b'");
        foreach (var b in value)
        {
            switch (b)
            {
                case (byte)'\\':
                    text.Append("\\\\");
                    break;
                case (byte)'\'':
                    text.Append("\\'");
                    break;
                case >= 0x20 and < 0x7f:
                    text.Append((char)b);
                    break;
                default:
                    text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
                    break;
            }
        }

        text.Append('\'');
    }
}
