using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Tests.Support;

namespace GilScan.Rules.Tests;

/// <summary>
/// Every rule in <see cref="ShippedRuleSet.All"/> comes with the three things rules/README.md asks of a new
/// rule: its page in rules/docs, its fixtures, and a test class named after it. (Ids, titles and the pages'
/// skeleton are checked by RuleCatalogMetaTests in GilScan.Cli.Tests.)
/// </summary>
public sealed class ShippedRuleMetaTests
{
    /// <summary>The least a rule's fixture folder shows: this many lines it flags, beside a file of clean cases.</summary>
    private const int MinimumMarkedLines = 5;

    public static TheoryData<string> RuleIds() => [.. ShippedRuleSet.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_has_its_page_in_rules_docs(string id) =>
        File.Exists(RepositoryRoot.Combine("rules", "docs", id + ".md")).ShouldBeTrue($"rules/docs/{id}.md is missing");

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_has_a_test_class_named_after_it(string id)
    {
        var rule = ShippedRuleSet.All.Single(r => r.Id == id);
        rule.GetType().Name.ShouldBe(rule.Definition.Name, $"{id}'s class is named after its descriptor's name");

        var testClass = typeof(ShippedRuleMetaTests).Assembly.GetTypes().SingleOrDefault(t => t.Name == rule.Definition.Name + "Tests");

        testClass.ShouldNotBeNull($"{id} has no test class {rule.Definition.Name}Tests in GilScan.Rules.Tests");
        testClass.GetMethods().ShouldContain(m => m.IsDefined(typeof(FactAttribute), inherit: true), $"{testClass.Name} has no tests");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_has_fixtures(string id)
    {
        var rule = ShippedRuleSet.All.Single(r => r.Id == id);
        if (rule.Definition.Category == RuleCategory.Dependencies)
        {
            // The dependency rules report on manifests and lockfiles, not on Python lines: their fixture is the
            // sample project fixtures/projects/audit-sample, whose findings the dependency tests assert one by one.
            FixtureProjects.AnalysedSample.Diagnostics.ShouldContain(d => d.RuleId == id, $"fixtures/projects/audit-sample gives no {id} finding");
            return;
        }

        var folder = RuleFixtures.Folder(id);
        Directory.Exists(folder).ShouldBeTrue($"fixtures/rules/{id} is missing (fixtures/rules/README.md)");
        var files = RuleFixtures.Files(folder);
        files.Sum(f => f.Markers.Count(m => m.RuleId == id)).ShouldBeGreaterThanOrEqualTo(MinimumMarkedLines, $"fixtures/rules/{id} marks too few lines '# expect: {id}'");
        files.ShouldContain(f => f.Markers.All(m => m.RuleId != id), $"fixtures/rules/{id} has no file of clean cases");
    }

    [Fact]
    public void Every_fixture_folder_is_named_after_a_shipped_rule() =>
        RuleFixtures.Folders().ShouldBeSubsetOf(ShippedRuleSet.All.Select(r => r.Id));
}
