using System.Text;
using System.Text.RegularExpressions;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The little Markdown handling rule pages need: plain-text renderings for SARIF's <c>text</c>
/// fields (which viewers show verbatim) and the first sentence of a paragraph. Not a general
/// Markdown renderer: rule pages use headings, paragraphs, lists, fenced code, inline code and links.
/// </summary>
internal static partial class MarkdownText
{
    /// <summary>Whether a line opens or closes a fenced code block.</summary>
    public static bool IsFence(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);
    }

    /// <summary>
    /// Plain text of a Markdown block: heading marks dropped, fenced code indented by four spaces
    /// without its fences, inline code without backticks, links as "text (url)".
    /// </summary>
    public static string ToPlainText(string markdown)
    {
        var output = new StringBuilder();
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (IsFence(line))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                output.Append("    ").Append(line).Append('\n');
                continue;
            }

            var heading = Heading().Match(line);
            output.Append(InlineToPlain(heading.Success ? heading.Groups["text"].Value : line)).Append('\n');
        }

        return output.ToString().TrimEnd('\n');
    }

    /// <summary>Inline Markdown of one line as plain text.</summary>
    public static string InlineToPlain(string line)
    {
        var withoutLinks = Link().Replace(line, m => $"{m.Groups["text"].Value} ({m.Groups["url"].Value})");
        return withoutLinks.Replace("`", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first sentence of a Markdown paragraph: up to the first '.', '?' or '!' that is followed
    /// by white space or the end and is not inside inline code.
    /// </summary>
    public static string FirstSentence(string paragraph)
    {
        var inCode = false;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c == '`')
            {
                inCode = !inCode;
            }
            else if (!inCode && c is '.' or '?' or '!' && (i + 1 == paragraph.Length || char.IsWhiteSpace(paragraph[i + 1])))
            {
                return paragraph[..(i + 1)];
            }
        }

        return paragraph;
    }

    /// <summary>Joins the soft-wrapped lines of each paragraph into one line; paragraphs stay separated by a blank line.</summary>
    public static string UnwrapParagraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
            }
            else
            {
                current.Add(line.Trim());
            }
        }

        Flush();
        return string.Join("\n\n", paragraphs);

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(string.Join(' ', current));
                current.Clear();
            }
        }
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>[^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
