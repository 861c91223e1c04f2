using GilScan.Analysis.Rules;
using GilScan.Rules.Processes;
using GilScan.Testing;

namespace GilScan.Rules.Tests.Processes;

/// <summary>Runs each rule over its folder of real Python fixtures (fixtures/rules/GIL30x) and
/// compares the findings with the inline <c># expect:</c> markers, exactly.</summary>
public sealed class ProcessFixtureTests
{
    private static readonly Verifier Verifier = new(models: ShippedRuleSet.Models);

    public static TheoryData<string> RuleIds() => ["GIL301", "GIL302", "GIL303"];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Findings_match_the_fixture_markers(string id)
    {
        var folder = RepositoryRoot.Combine("fixtures", "rules", id);
        Rule rule = id switch
        {
            LargeObjectPickledPerTask.Id => new LargeObjectPickledPerTask(),
            PerItemProcessMessages.Id => new PerItemProcessMessages(),
            _ => new UnpicklableProcessCallable(),
        };

        var comparison = FixtureExpectations.Check(Verifier, [rule], folder);

        comparison.Expected.Count.ShouldBeGreaterThan(5, $"{id}'s fixtures should have flagged cases");
        comparison.Matches.ShouldBeTrue(comparison.Describe(folder));
    }
}
