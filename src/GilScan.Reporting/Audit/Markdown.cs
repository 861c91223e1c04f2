using System.Text;

namespace GilScan.Reporting.Audit;

/// <summary>
/// Escaping for text that goes into Markdown (CommonMark and GitHub's tables): every ASCII punctuation
/// character that can start markup is backslash-escaped, line breaks become spaces, and code spans get
/// a backtick fence longer than any backtick run inside them.
/// </summary>
internal static class Markdown
{
    private const string Special = "\\`*_{}[]<>()#+-.!|~&";

    public static string Text(string text)
    {
        var plain = text.ReplaceLineEndings(" ");
        var escaped = new StringBuilder(plain.Length + 8);
        foreach (var c in plain)
        {
            if (Special.Contains(c) && !IsHarmless(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Text that starts a line: also escapes what would open a list there ("- ", "+ ", "1. ").</summary>
    public static string Line(string text)
    {
        var escaped = Text(text);
        if (escaped.Length > 0 && escaped[0] is '-' or '+')
        {
            return "\\" + escaped;
        }

        var digits = escaped.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && digits < escaped.Length && escaped[digits] is '.' or ')'
            ? escaped[..digits] + "\\" + escaped[digits..]
            : escaped;
    }

    /// <summary>A table cell: escaped text, never empty (an empty cell collapses some renderers' tables).</summary>
    public static string Cell(string text) => text.Length == 0 ? "–" : Text(text);

    public static string Code(string text)
    {
        var plain = text.ReplaceLineEndings(" ");
        var longestRun = 0;
        var run = 0;
        foreach (var c in plain)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var fence = new string('`', longestRun + 1);
        // A pipe ends a table cell even inside a code span on GitHub; its escape is kept literally there.
        var body = plain.Replace("|", "\\|", StringComparison.Ordinal);
        var pad = longestRun > 0 || body.StartsWith('`') || body.EndsWith('`') ? " " : string.Empty;
        return fence + pad + body + pad + fence;
    }

    // '.', '-', '(' and ')' only start markup at the beginning of a line, where our renderers never put
    // input text; escaping them everywhere would fill every version number with backslashes.
    private static bool IsHarmless(char c) => c is '.' or '-' or '(' or ')' or '+' or '!';
}
