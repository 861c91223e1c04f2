using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;

namespace GilScan.Cli.Tests.Support;

/// <summary>Command lines over test-only rules, with rule pages in the skeleton SARIF metadata needs.</summary>
internal static class TestApps
{
    public static GilScanApp With(params Rule[] rules)
    {
        var docs = RuleDocs.FromPages(
            ToolRules.All.Select(rule => ($"{rule.Id}.md", rule.Id, File.ReadAllText(GilScan.Testing.RepositoryRoot.Combine("rules", "docs", rule.Id + ".md"))))
                .Concat(rules.Select(rule => ($"{rule.Id}.md", rule.Id, Page(rule.Definition)))));
        return new GilScanApp(RuleCatalog.Create(rules), docs, ProjectModelRegistry.Empty);
    }

    private static string Page(RuleDescriptor rule) => $"""
        # {rule.Id}: {rule.Title}

        ## What it does
        Reports what the test rule {rule.Name} looks for.

        ## Why is this bad?
        It is a test rule; nothing is bad.

        ## Example
        ```python
        work()
        ```

        Use instead:
        ```python
        pass
        ```

        """;
}
