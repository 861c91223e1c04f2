using GilScan.Rules.Tests.Support;

namespace GilScan.Rules.Tests.FreeThreading;

/// <summary>fixtures/rules/GIL501 and GIL502 against their '# expect:' markers: recall (every marked line is
/// found) and precision (nothing else is), each rule alone on its own folder.</summary>
public sealed class FreeThreadingFixtureTests
{
    [Theory]
    [InlineData("GIL501")]
    [InlineData("GIL502")]
    public void Rule_fixture_folder_matches_its_markers(string rule) =>
        FixtureExpectations.Check(RepositoryRoot.Combine("fixtures", "rules", rule), ShippedRuleSet.All.Where(r => r.Id == rule).ToList());
}
