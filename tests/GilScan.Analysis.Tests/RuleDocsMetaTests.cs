using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Tests;

/// <summary>Guards the whole set of rule pages in rules/docs, whoever adds them.</summary>
public sealed class RuleDocsMetaTests
{
    private static readonly string DocsDirectory = RepositoryRoot.Combine("rules", "docs");

    public static TheoryData<string> PageFiles() =>
        [.. Directory.EnumerateFiles(DocsDirectory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(PageFiles))]
    public void Every_page_in_rules_docs_has_the_skeleton(string fileName)
    {
        var path = Path.Combine(DocsDirectory, fileName);

        var docs = Should.NotThrow(() => RuleDocs.FromPages([(fileName, path, File.ReadAllText(path))]));

        var doc = docs.All.ShouldHaveSingleItem();
        doc.Sections.Take(3).ShouldBe(["What it does", "Why is this bad?", "Example"]);
        doc.ShortDescription.ShouldEndWith(".");
        doc.FullDescriptionText.Length.ShouldBeLessThanOrEqualTo(RuleDoc.MaxFullDescriptionLength);
    }

    [Fact]
    public void The_embedded_pages_are_the_pages_in_rules_docs()
    {
        var onDisk = RuleDocs.LoadDirectory(DocsDirectory);
        var embedded = RuleDocs.LoadEmbedded();

        embedded.All.Select(d => d.Id).ShouldBe(onDisk.All.Select(d => d.Id));
        embedded.All.Select(d => d.HelpMarkdown).ShouldBe(onDisk.All.Select(d => d.HelpMarkdown));
    }

    [Fact]
    public void Every_tool_rule_has_a_page_with_its_title()
    {
        var docs = RuleDocs.LoadDirectory(DocsDirectory);

        foreach (var rule in ToolRules.All)
        {
            docs.TryGet(rule.Id, out var doc).ShouldBeTrue($"rules/docs/{rule.Id}.md is missing");
            doc.Title.ShouldBe(rule.Title);
        }
    }

    [Fact]
    public void Tool_pages_yield_the_descriptions_sarif_shows()
    {
        var docs = RuleDocs.LoadDirectory(DocsDirectory);

        docs["GIL001"].ShortDescription.ShouldBe("Reports a Python file that does not parse, at the position of the first syntax error.");
        docs["GIL002"].ShortDescription.ShouldBe("Reports a Python file that gilscan cannot read, or whose bytes are not valid in the encoding Python would use for it.");
        docs["GIL003"].ShortDescription.ShouldBe("Reports a setting in the [tool.gilscan] table (of pyproject.toml, or of the file given with --config) that gilscan does not know, or whose value has the wrong type or is out of range.");
    }
}
