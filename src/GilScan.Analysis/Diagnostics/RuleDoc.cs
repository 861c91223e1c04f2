using System.Collections.Immutable;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// A rule's documentation page (rules/docs/GILnnn.md), parsed, and the texts derived from it for
/// SARIF rule metadata. Made by <see cref="RuleDocParser"/>, which enforces the skeleton.
/// </summary>
public sealed class RuleDoc
{
    /// <summary>GitHub code scanning and the SARIF spec cap descriptions at this many characters.</summary>
    public const int MaxFullDescriptionLength = 1024;

    internal RuleDoc(
        string id, string title, ImmutableArray<string> sections, string shortDescription,
        string fullDescriptionText, string fullDescriptionMarkdown, string helpText, string helpMarkdown)
    {
        Id = id;
        Title = title;
        Sections = sections;
        ShortDescription = shortDescription;
        FullDescriptionText = fullDescriptionText;
        FullDescriptionMarkdown = fullDescriptionMarkdown;
        HelpText = helpText;
        HelpMarkdown = helpMarkdown;
    }

    public string Id { get; }

    /// <summary>The title from the page's first line (<c># GIL001: Python syntax error</c>).</summary>
    public string Title { get; }

    /// <summary>The section headings present, in order ("What it does", "Why is this bad?", ...).</summary>
    public ImmutableArray<string> Sections { get; }

    /// <summary>The first sentence of "What it does", as plain text (SARIF <c>shortDescription</c>).</summary>
    public string ShortDescription { get; }

    /// <summary>
    /// "What it does" and the first paragraph of "Why is this bad?", as plain text of at most
    /// <see cref="MaxFullDescriptionLength"/> characters: what VS Code's SARIF viewer shows.
    /// </summary>
    public string FullDescriptionText { get; }

    /// <summary>The same as <see cref="FullDescriptionText"/>, as Markdown.</summary>
    public string FullDescriptionMarkdown { get; }

    /// <summary>The whole page below the title as plain text (SARIF <c>help.text</c>).</summary>
    public string HelpText { get; }

    /// <summary>The whole page below the title as Markdown (SARIF <c>help.markdown</c>, which GitHub shows).</summary>
    public string HelpMarkdown { get; }
}
