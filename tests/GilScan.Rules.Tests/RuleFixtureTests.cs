using GilScan.Rules.Tests.Support;

namespace GilScan.Rules.Tests;

/// <summary>
/// Every folder of fixtures/rules, found on disk, against its '# expect:' markers (fixtures/rules/README.md):
/// recall (every marked line is found) and precision (nothing else is). Each folder is analysed as one
/// project with every shipped rule, so a rule's fixtures also show that no other rule fires on their clean
/// lines. A new rule's folder is tested as soon as it exists; <see cref="ShippedRuleMetaTests"/> checks that it does.
/// </summary>
public sealed class RuleFixtureTests
{
    public static TheoryData<string> RuleFolders() => [.. RuleFixtures.Folders()];

    [Theory]
    [MemberData(nameof(RuleFolders))]
    public void Rule_fixture_folder_matches_its_markers(string id)
    {
        ShippedRuleSet.Catalog.Find(id).ShouldNotBeNull($"fixtures/rules/{id} is named after no shipped rule");
        FixtureExpectations.Check(RuleFixtures.Folder(id), ShippedRuleSet.All);
    }

    [Fact]
    public void Imaging_service_sample_project_matches_its_markers() =>
        FixtureExpectations.Check(RepositoryRoot.Combine("fixtures", "projects", "imaging-service"), ShippedRuleSet.All);

    [Fact]
    public void A_marker_lists_every_rule_id_of_its_line()
    {
        var markers = FixtureExpectations.Markers("a.py", "x = 1\nrun(f)  # expect: GIL101, GIL202 (both)\n").ToList();
        markers.ShouldBe([new FixtureExpectations.Marker("a.py", 2, "GIL101"), new FixtureExpectations.Marker("a.py", 2, "GIL202")]);
    }
}
