using System.Collections.Immutable;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// Reads a rule page and enforces its skeleton (STYLE.md, after ruff's rule docs):
/// <code>
/// # GIL101: Title of the rule
/// ## What it does          (required)
/// ## Why is this bad?      (required)
/// ## Example               (required: code, then a line "Use instead:", then code)
/// ## Known problems        (optional, in this order from here on)
/// ## Options
/// ## Fix safety
/// ## References
/// </code>
/// Headings inside fenced code do not count; "###" sub-headings are free inside a section.
/// </summary>
public static class RuleDocParser
{
    public const string WhatItDoes = "What it does";
    public const string WhyIsThisBad = "Why is this bad?";
    public const string Example = "Example";
    public const string UseInstead = "Use instead:";

    /// <summary>Every allowed section, in the order a page must use.</summary>
    public static ImmutableArray<string> SectionOrder { get; } =
        [WhatItDoes, WhyIsThisBad, Example, "Known problems", "Options", "Fix safety", "References"];

    /// <summary>The sections every page must have.</summary>
    public static ImmutableArray<string> RequiredSections { get; } = [WhatItDoes, WhyIsThisBad, Example];

    /// <summary>Parses the page of rule <paramref name="id"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="RuleDocFormatException">The page does not follow the skeleton.</exception>
    public static RuleDoc Parse(string id, string markdown, string source)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!RuleConventions.IsWellFormedId(id))
        {
            throw new RuleDocFormatException(source, 1, $"'{id}' is not a rule id of the form GIL + 3 digits");
        }

        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var title = ParseTitle(id, lines[0], source);
        var sections = SplitSections(lines, source);
        CheckSectionOrder(sections, source);
        foreach (var section in sections)
        {
            if (section.Body.All(string.IsNullOrWhiteSpace))
            {
                throw new RuleDocFormatException(source, section.Line, $"section '{section.Name}' is empty");
            }
        }

        CheckExample(sections.Single(s => s.Name == Example), source);

        var what = sections.Single(s => s.Name == WhatItDoes);
        var why = sections.Single(s => s.Name == WhyIsThisBad);
        var whatParagraphs = MarkdownText.UnwrapParagraphs(what.Body);
        var whyFirstParagraph = MarkdownText.UnwrapParagraphs(why.Body).Split("\n\n")[0];

        var shortDescription = MarkdownText.InlineToPlain(MarkdownText.FirstSentence(whatParagraphs.Split("\n\n")[0]));
        if (!shortDescription.EndsWith('.'))
        {
            throw new RuleDocFormatException(source, what.Line, "the first sentence of 'What it does' must end with a period");
        }

        var fullMarkdown = whatParagraphs + "\n\n" + whyFirstParagraph;
        var fullText = MarkdownText.ToPlainText(fullMarkdown);
        if (fullText.Length > RuleDoc.MaxFullDescriptionLength || fullMarkdown.Length > RuleDoc.MaxFullDescriptionLength)
        {
            throw new RuleDocFormatException(
                source, what.Line,
                $"'What it does' plus the first paragraph of 'Why is this bad?' must fit in {RuleDoc.MaxFullDescriptionLength} characters (has {Math.Max(fullText.Length, fullMarkdown.Length)})");
        }

        var helpMarkdown = string.Join('\n', lines.Skip(sections[0].Line - 1)).Trim('\n') + "\n";
        var helpText = MarkdownText.ToPlainText(helpMarkdown.TrimEnd('\n')) + "\n";
        return new RuleDoc(
            id, title, [.. sections.Select(s => s.Name)], shortDescription, fullText, fullMarkdown, helpText, helpMarkdown);
    }

    private static string ParseTitle(string id, string firstLine, string source)
    {
        var prefix = $"# {id}: ";
        if (!firstLine.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new RuleDocFormatException(source, 1, $"the first line must be '{prefix}<title>'");
        }

        var title = firstLine[prefix.Length..];
        var problem = RuleConventions.CheckTitle(title);
        return problem is null ? title : throw new RuleDocFormatException(source, 1, problem);
    }

    private static List<Section> SplitSections(string[] lines, string source)
    {
        var sections = new List<Section>();
        var inFence = false;
        var fenceLine = 0;
        for (var index = 1; index < lines.Length; index++)
        {
            var line = lines[index];
            var lineNumber = index + 1;
            if (MarkdownText.IsFence(line))
            {
                inFence = !inFence;
                fenceLine = lineNumber;
            }
            else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                sections.Add(new Section(line[3..].Trim(), lineNumber, []));
                continue;
            }
            else if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
            {
                throw new RuleDocFormatException(source, lineNumber, "only the first line may be a '# ' heading");
            }

            if (sections.Count == 0)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    throw new RuleDocFormatException(source, lineNumber, $"text before the first section; start with '## {WhatItDoes}'");
                }

                continue;
            }

            sections[^1].Body.Add(line);
        }

        if (inFence)
        {
            throw new RuleDocFormatException(source, fenceLine, "a fenced code block is not closed");
        }

        return sections;
    }

    private static void CheckSectionOrder(List<Section> sections, string source)
    {
        var previous = -1;
        foreach (var section in sections)
        {
            var position = SectionOrder.IndexOf(section.Name);
            if (position < 0)
            {
                throw new RuleDocFormatException(
                    source, section.Line, $"unknown section '{section.Name}'; allowed: {string.Join(", ", SectionOrder)}");
            }

            if (position <= previous)
            {
                throw new RuleDocFormatException(
                    source, section.Line, $"section '{section.Name}' is out of order or repeated; the order is {string.Join(", ", SectionOrder)}");
            }

            previous = position;
        }

        foreach (var required in RequiredSections)
        {
            if (!sections.Any(s => s.Name == required))
            {
                throw new RuleDocFormatException(source, 1, $"the required section '## {required}' is missing");
            }
        }
    }

    private static void CheckExample(Section example, string source)
    {
        // Expected shape: at least one code block, the line "Use instead:", at least one code block.
        var codeBlocksBefore = 0;
        var codeBlocksAfter = 0;
        var useInsteadSeen = false;
        var inFence = false;
        foreach (var line in example.Body)
        {
            if (MarkdownText.IsFence(line))
            {
                if (inFence)
                {
                    if (useInsteadSeen)
                    {
                        codeBlocksAfter++;
                    }
                    else
                    {
                        codeBlocksBefore++;
                    }
                }

                inFence = !inFence;
            }
            else if (!inFence && line.Trim() == UseInstead)
            {
                if (useInsteadSeen)
                {
                    throw new RuleDocFormatException(source, example.Line, $"'{UseInstead}' appears twice in '{Example}'");
                }

                useInsteadSeen = true;
            }
        }

        if (!useInsteadSeen || codeBlocksBefore == 0 || codeBlocksAfter == 0)
        {
            throw new RuleDocFormatException(
                source, example.Line, $"'{Example}' must hold a code block, then a line '{UseInstead}', then a code block");
        }
    }

    private sealed record Section(string Name, int Line, List<string> Body);
}
