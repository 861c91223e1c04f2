using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>The GIL4xx descriptors and their pages in rules/docs belong together.</summary>
public sealed class DependencyRuleDescriptorTests
{
    private static readonly RuleDocs Docs = RuleDocs.LoadDirectory(RepositoryRoot.Combine("rules", "docs"));

    [Fact]
    public void The_dependency_rules_are_GIL401_to_GIL403_in_id_order()
    {
        DependencyRules.All.Select(r => (r.Id, r.Name, r.Category)).ShouldBe([
            ("GIL401", "GilReenablingDependency", RuleCategory.Dependencies),
            ("GIL402", "CompiledDependencyWithoutFreeThreadedWheel", RuleCategory.Dependencies),
            ("GIL403", "BlockingDependencyImport", RuleCategory.Dependencies),
        ]);
    }

    [Fact]
    public void Every_dependency_rule_has_a_page_whose_title_is_the_rule_title()
    {
        foreach (var rule in DependencyRules.All)
        {
            Docs.TryGet(rule.Id, out var doc).ShouldBeTrue($"rules/docs/{rule.Id}.md is missing");
            doc.Title.ShouldBe(rule.Title);
            doc.Sections.ShouldBe(["What it does", "Why is this bad?", "Example", "Known problems", "References"]);
        }
    }

    [Fact]
    public void The_embedded_pages_include_the_dependency_rules()
    {
        var embedded = RuleDocs.LoadEmbedded();

        foreach (var rule in DependencyRules.All)
        {
            embedded[rule.Id].HelpMarkdown.ShouldBe(Docs[rule.Id].HelpMarkdown);
        }
    }

    [Fact]
    public void Pages_yield_the_short_descriptions_sarif_shows()
    {
        Docs["GIL401"].ShortDescription.ShouldBe(
            "Reports a dependency the free-threaded target installs (by default the newest free-threaded CPython the project's requires-python allows, on Linux x86_64; --target, --platform) that ships an extension module without Py_mod_gil = Py_MOD_GIL_NOT_USED.");
        Docs["GIL402"].ShortDescription.ShouldBe(
            "Reports a dependency the free-threaded target installs (by default the newest free-threaded CPython the project's requires-python allows, on Linux x86_64; --target, --platform) that has compiled code and no wheel the target can install: GIL-build, abi3, older-Python, or other-platform wheels only.");
        Docs["GIL403"].ShortDescription.ShouldBe(
            "Reports an import or from … import in project code whose top-level module comes from a dependency reported by GIL401 or GIL402 in the project folder that governs the importing file, and links the dependency finding.");
    }

    [Fact]
    public void Precision_and_default_level_are_the_honest_ones()
    {
        DependencyRules.All.Select(r => (r.Id, r.DefaultLevel, r.Precision)).ShouldBe([
            ("GIL401", RuleLevel.Warning, RulePrecision.Medium),
            ("GIL402", RuleLevel.Warning, RulePrecision.High),
            ("GIL403", RuleLevel.Warning, RulePrecision.Medium),
        ]);
        DependencyRules.All.ShouldAllBe(r => r.Tags.Contains("dependencies") && r.Tags.Contains("free-threading"));
    }
}
