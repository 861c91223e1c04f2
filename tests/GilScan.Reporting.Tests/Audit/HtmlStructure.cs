using System.Text.RegularExpressions;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>Checks that every element a page opens is closed in order: what escaping mistakes break first.</summary>
internal static partial class HtmlStructure
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal) { "meta", "br", "hr", "img", "input", "link" };

    /// <summary>The problems found (empty when the elements nest properly).</summary>
    public static IReadOnlyList<string> Problems(string html)
    {
        var problems = new List<string>();
        var open = new Stack<string>();
        var body = StyleBlock().Replace(html, "<style></style>");
        foreach (Match tag in Tag().Matches(body))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (tag.Groups["close"].Success)
            {
                if (open.Count == 0 || open.Pop() != name)
                {
                    problems.Add($"unexpected </{name}> at {tag.Index}");
                }
            }
            else if (!VoidElements.Contains(name) && name != "!doctype" && !tag.Groups["self"].Success)
            {
                open.Push(name);
            }
        }

        problems.AddRange(open.Select(name => $"<{name}> is never closed"));
        if (StrayAngle().IsMatch(Tag().Replace(body, string.Empty)))
        {
            problems.Add("a '<' or '>' outside a tag: unescaped text");
        }

        return problems;
    }

    // "/>" closes an element of inline SVG (foreign content, where HTML allows self-closing tags).
    [GeneratedRegex(@"<(?<close>/)?(?<name>!?[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*?)?(?<self>/)?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();

    [GeneratedRegex("[<>]")]
    private static partial Regex StrayAngle();
}
