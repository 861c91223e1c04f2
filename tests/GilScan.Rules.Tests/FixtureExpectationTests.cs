using GilScan.Rules.Tests.Support;

namespace GilScan.Rules.Tests;

/// <summary>The real Python fixtures of the thread and asyncio rules, against their '# expect:'
/// markers: recall (every marked line is found) and precision (nothing else is).</summary>
public sealed class FixtureExpectationTests
{
    private static readonly string[] ThreadAndAsyncioRules = ["GIL101", "GIL102", "GIL201", "GIL202"];

    public static TheoryData<string> RuleFolders => new(ThreadAndAsyncioRules);

    [Theory]
    [MemberData(nameof(RuleFolders))]
    public void Rule_fixture_folder_matches_its_markers(string folder) =>
        FixtureExpectations.Check(RepositoryRoot.Combine("fixtures", "rules", folder), Rules());

    [Fact]
    public void Imaging_service_sample_project_matches_its_markers() =>
        FixtureExpectations.Check(RepositoryRoot.Combine("fixtures", "projects", "imaging-service"), Rules());

    [Fact]
    public void A_marker_lists_every_rule_id_of_its_line()
    {
        var markers = FixtureExpectations.Markers("a.py", "x = 1\nrun(f)  # expect: GIL101, GIL202 (both)\n").ToList();
        markers.ShouldBe([new FixtureExpectations.Marker("a.py", 2, "GIL101"), new FixtureExpectations.Marker("a.py", 2, "GIL202")]);
    }

    private static IReadOnlyList<GilScan.Analysis.Rules.Rule> Rules() =>
        ShippedRuleSet.All.Where(r => ThreadAndAsyncioRules.Contains(r.Id)).ToList();
}
