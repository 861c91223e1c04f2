using System.Globalization;
using System.Text;
using GilScan.Semantics.Constants;

namespace GilScan.Rules.Shared;

/// <summary>Folded constants written back as Python literals (for <c>--confirm</c>, which calls the
/// flagged callable with them). Null when a value has no literal (bytes of unknown content, ranges).</summary>
public static class PythonLiterals
{
    /// <summary>Literals longer than this are not worth carrying in a SARIF property.</summary>
    private const int MaxLength = 200;

    public static string? Of(FoldedValue? value)
    {
        var text = Write(value);
        return text is { Length: <= MaxLength } ? text : null;
    }

    private static string? Write(FoldedValue? value) => value switch
    {
        IntValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue f when double.IsFinite(f.Value) => Float(f.Value),
        BoolValue b => b.Value ? "True" : "False",
        NoneValue => "None",
        BufferValue { Text: { } text } buffer => (buffer.IsBytes ? "b" : "") + Quote(text, buffer.IsBytes),
        // The constant evaluator names display types by their builtins: "builtins.tuple", "builtins.list".
        SequenceValue { Items: { } items, TypeName: "builtins.tuple" or "builtins.list" } sequence when items.All(v => v is not null) =>
            Sequence(sequence.TypeName, items.Select(Write).ToList()),
        _ => null,
    };

    private static string? Sequence(string type, List<string?> items)
    {
        if (items.Any(i => i is null)) return null;
        return type == "builtins.list"
            ? "[" + string.Join(", ", items) + "]"
            : items.Count == 1 ? "(" + items[0] + ",)" : "(" + string.Join(", ", items) + ")";
    }

    private static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text.Replace("E", "e") : text + ".0";
    }

    private static string Quote(string text, bool bytes)
    {
        var builder = new StringBuilder("'");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c == '\x7f' || (bytes && c > '\x7f') => bytes || c <= '\xff' ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('\'').ToString();
    }
}
