using System.Text;

namespace GilScan.Testing;

/// <summary>
/// Python source with the expected findings marked in it, Roslyn-style:
/// <c>{|GIL101:threading.Thread(target=work)|}</c> marks a GIL101 finding on exactly that text, and
/// <c>[|…|]</c> one of the rule under test. Marks may nest and span lines. <see cref="Parse"/>
/// returns the source without the marks and the spans, in the positions of the clean text.
/// </summary>
public static class Markup
{
    public static (string Text, IReadOnlyList<ExpectedSpan> Spans) Parse(string markup, string path, string defaultRuleId)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var text = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        var open = new Stack<(string RuleId, int Line, int Column)>();
        var line = 1;
        var column = 0;
        for (var i = 0; i < markup.Length; i++)
        {
            if (At(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"'{{|' at {line}:{column + 1} needs a rule id and ':' (e.g. {{|GIL101:...|}}).");
                }

                open.Push((markup[(i + 2)..colon], line, column));
                i = colon;
                continue;
            }

            if (At(markup, i, "[|"))
            {
                open.Push((defaultRuleId, line, column));
                i++;
                continue;
            }

            if (At(markup, i, "|}") || At(markup, i, "|]"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"'{markup.Substring(i, 2)}' at {line}:{column + 1} closes no mark.");
                }

                var (ruleId, startLine, startColumn) = open.Pop();
                spans.Add(new ExpectedSpan(path, ruleId, startLine, startColumn, line, column));
                i++;
                continue;
            }

            var c = markup[i];
            text.Append(c);
            if (c == '\n' || (c == '\r' && !(i + 1 < markup.Length && markup[i + 1] == '\n')))
            {
                line++;
                column = 0;
            }
            else if (c != '\r')
            {
                column++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"A mark opened at {open.Peek().Line}:{open.Peek().Column + 1} is never closed.");
        }

        return (text.ToString(), spans);
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
