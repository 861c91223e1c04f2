using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Tests;

public sealed class RuleDocParserTests
{
    private const string Page = """
        # GIL101: CPU-bound work on a thread

        ## What it does
        Checks for `threading.Thread` targets that run pure-Python loops. It follows
        calls across modules.

        Second paragraph of what it does.

        ## Why is this bad?
        Under the GIL only one thread runs bytecode at a time. See
        [the docs](https://docs.python.org/3/glossary.html#term-global-interpreter-lock).

        More detail that stays out of the full description.

        ## Example
        ```python
        ## not a heading: inside a fence
        threading.Thread(target=work).start()
        ```

        Use instead:
        ```python
        ProcessPoolExecutor().submit(work)
        ```

        ## References
        - [GIL](https://docs.python.org/3/glossary.html)
        """;

    [Fact]
    public void A_page_in_the_skeleton_yields_the_sarif_texts()
    {
        var doc = RuleDocParser.Parse("GIL101", Page, "GIL101.md");

        doc.Title.ShouldBe("CPU-bound work on a thread");
        doc.Sections.ShouldBe(["What it does", "Why is this bad?", "Example", "References"]);
        doc.ShortDescription.ShouldBe("Checks for threading.Thread targets that run pure-Python loops.");
        doc.FullDescriptionMarkdown.ShouldBe(
            "Checks for `threading.Thread` targets that run pure-Python loops. It follows calls across modules.\n\n"
            + "Second paragraph of what it does.\n\n"
            + "Under the GIL only one thread runs bytecode at a time. See [the docs](https://docs.python.org/3/glossary.html#term-global-interpreter-lock).");
        doc.FullDescriptionText.ShouldBe(
            "Checks for threading.Thread targets that run pure-Python loops. It follows calls across modules.\n\n"
            + "Second paragraph of what it does.\n\n"
            + "Under the GIL only one thread runs bytecode at a time. See the docs (https://docs.python.org/3/glossary.html#term-global-interpreter-lock).");
        doc.HelpMarkdown.ShouldStartWith("## What it does\nChecks for `threading.Thread`");
        doc.HelpMarkdown.ShouldEndWith("- [GIL](https://docs.python.org/3/glossary.html)\n");
        doc.HelpText.ShouldContain("Example\n    ## not a heading: inside a fence\n    threading.Thread(target=work).start()\n\nUse instead:\n    ProcessPoolExecutor().submit(work)\n");
        doc.HelpText.ShouldEndWith("- GIL (https://docs.python.org/3/glossary.html)\n");
    }

    [Fact]
    public void Crlf_pages_parse_like_lf_pages()
    {
        var doc = RuleDocParser.Parse("GIL101", Page.ReplaceLineEndings("\r\n"), "GIL101.md");

        doc.HelpMarkdown.ShouldBe(RuleDocParser.Parse("GIL101", Page, "GIL101.md").HelpMarkdown);
    }

    [Theory]
    [InlineData("# GIL102: CPU-bound work on a thread", "", 1, "the first line must be '# GIL101: <title>'")]
    [InlineData("# GIL101: CPU-bound work on a thread.", "", 1, "title 'CPU-bound work on a thread.' must be one line without a final period")]
    [InlineData("## Why is this bad?", "## Why bother?", 9, "unknown section 'Why bother?'; allowed: What it does, Why is this bad?, Example, Known problems, Options, Fix safety, References")]
    [InlineData("## References", "## Known problems\nx\n## Options\ny\n## Known problems", 30, "section 'Known problems' is out of order or repeated; the order is What it does, Why is this bad?, Example, Known problems, Options, Fix safety, References")]
    [InlineData("Use instead:", "Instead:", 15, "'Example' must hold a code block, then a line 'Use instead:', then a code block")]
    [InlineData("Second paragraph of what it does.", "# Stray title", 7, "only the first line may be a '# ' heading")]
    [InlineData("- [GIL](https://docs.python.org/3/glossary.html)", "```\nunclosed", 27, "a fenced code block is not closed")]
    public void Pages_that_break_the_skeleton_are_rejected_with_the_line(string find, string replace, int line, string problem)
    {
        var broken = find.StartsWith("# GIL", StringComparison.Ordinal) ? Page.Replace(Page.Split('\n')[0], find) : Page.Replace(find, replace);

        var error = Should.Throw<RuleDocFormatException>(() => RuleDocParser.Parse("GIL101", broken, "GIL101.md"));

        error.Message.ShouldBe($"GIL101.md:{line}: {problem}");
        error.Line.ShouldBe(line);
    }

    [Fact]
    public void A_missing_required_section_is_named()
    {
        var withoutWhy = Page.Replace("## Why is this bad?\nUnder", "Under");

        Should.Throw<RuleDocFormatException>(() => RuleDocParser.Parse("GIL101", withoutWhy, "p.md"))
            .Message.ShouldBe("p.md:1: the required section '## Why is this bad?' is missing");
    }

    [Fact]
    public void An_empty_section_is_rejected()
    {
        var empty = Page.Replace("- [GIL](https://docs.python.org/3/glossary.html)", "");

        Should.Throw<RuleDocFormatException>(() => RuleDocParser.Parse("GIL101", empty, "p.md"))
            .Message.ShouldBe("p.md:26: section 'References' is empty");
    }

    [Fact]
    public void A_full_description_over_1024_characters_is_rejected()
    {
        var wordy = Page.Replace("Second paragraph of what it does.", string.Concat(Enumerable.Repeat("Many words here. ", 60)));

        Should.Throw<RuleDocFormatException>(() => RuleDocParser.Parse("GIL101", wordy, "p.md"))
            .Message.ShouldStartWith("p.md:3: 'What it does' plus the first paragraph of 'Why is this bad?' must fit in 1024 characters (has ");
    }

    [Fact]
    public void Pages_must_be_named_after_their_rule()
    {
        Should.Throw<RuleDocFormatException>(() => RuleDocs.FromPages([("notes.md", "rules/docs/notes.md", Page)]))
            .Message.ShouldBe("rules/docs/notes.md:1: a rule page must be named GILnnn.md after its rule id");
    }
}
