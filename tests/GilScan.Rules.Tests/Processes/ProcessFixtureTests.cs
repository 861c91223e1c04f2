using GilScan.Rules.Tests.Support;

namespace GilScan.Rules.Tests.Processes;

/// <summary>Runs each process rule over its folder of real Python fixtures (fixtures/rules/GIL30x) and
/// compares the findings with the inline <c># expect:</c> markers: recall and precision.</summary>
public sealed class ProcessFixtureTests
{
    public static TheoryData<string> RuleIds() => ["GIL301", "GIL302", "GIL303"];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_fixture_folder_matches_its_markers(string id)
    {
        var folder = RepositoryRoot.Combine("fixtures", "rules", id);
        var files = Directory.GetFiles(folder, "*.py");

        files.Sum(f => FixtureExpectations.Markers(f, File.ReadAllText(f)).Count(m => m.RuleId == id)).ShouldBeGreaterThan(5);
        FixtureExpectations.Check(folder, [ShippedRuleSet.All.Single(r => r.Id == id)]);
    }

    [Fact]
    public void The_sample_projects_hold_no_process_findings_beyond_their_markers() =>
        FixtureExpectations.Check(RepositoryRoot.Combine("fixtures", "projects", "imaging-service"),
            [.. ShippedRuleSet.All.Where(r => r.Id.StartsWith("GIL30", StringComparison.Ordinal))]);
}
