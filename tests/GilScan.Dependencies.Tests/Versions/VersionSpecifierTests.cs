using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Tests.Versions;

/// <summary>The matching rules and examples of PEP 440's "Version specifiers" section.</summary>
public sealed class VersionSpecifierTests
{
    private static bool Matches(string specifier, string version, bool preReleases = true) =>
        VersionSpecifierSet.Parse(specifier).Contains(Pep440Version.Parse(version), preReleases);

    [Theory]
    // Compatible release: ~=2.2 is >=2.2, ==2.*; ~=1.4.5 is >=1.4.5, ==1.4.*
    [InlineData("~=2.2", "2.2", true)]
    [InlineData("~=2.2", "2.9.1", true)]
    [InlineData("~=2.2", "3.0", false)]
    [InlineData("~=2.2", "2.1", false)]
    [InlineData("~=1.4.5", "1.4.9", true)]
    [InlineData("~=1.4.5", "1.5.0", false)]
    [InlineData("~=2.2.post3", "2.2.post3", true)]
    [InlineData("~=2.2.post3", "2.3", true)]
    [InlineData("~=2.2.post3", "2.2", false)]
    [InlineData("~=1.4.5a4", "1.4.5", true)]
    [InlineData("~=1.4.5a4", "1.4.5a3", false)]
    [InlineData("~=2.2.0", "2.2.7", true)]
    [InlineData("~=2.2.0", "2.3.0", false)]
    [InlineData("~=1.4.5.0", "1.4.5.9", true)]
    [InlineData("~=1.4.5.0", "1.4.6", false)]
    // Version matching: zero padding, post releases, prefix matching
    [InlineData("==1.1", "1.1.post1", false)]
    [InlineData("==1.1", "1.1.0", true)]
    [InlineData("==1.1.post1", "1.1.post1", true)]
    [InlineData("==1.1.*", "1.1.post1", true)]
    [InlineData("==1.1.*", "1.1a1", true)]
    [InlineData("==1.1.*", "1.10", false)]
    [InlineData("==1.1", "1.1+local.7", true)]
    [InlineData("==1.1+local.7", "1.1", false)]
    [InlineData("==1.1+local.7", "1.1+local.7", true)]
    // Exclusion
    [InlineData("!=1.1", "1.1.post1", true)]
    [InlineData("!=1.1.*", "1.1.post1", false)]
    [InlineData("!=1.1.*", "1.2", true)]
    // Inclusive and exclusive ordered comparison
    [InlineData(">1.7", "1.7.1", true)]
    [InlineData(">1.7", "1.7.0.post1", false)]
    [InlineData(">1.7.post2", "1.7.1", true)]
    [InlineData(">1.7.post2", "1.7.0.post3", true)]
    [InlineData(">1.7", "1.7+local", false)]
    [InlineData("<3.1", "3.1.dev0", false)]
    [InlineData("<3.1", "3.0.9", true)]
    [InlineData("<3.1rc1", "3.1.dev0", true)]
    [InlineData("<=2.0", "2.0+local", true)]
    [InlineData(">=2.1,<3", "2.2.6", true)]
    [InlineData(">=2.1,<3,!=2.2.0", "2.2.0", false)]
    // Arbitrary equality
    [InlineData("===1.0", "1.0", true)]
    [InlineData("===1.0", "1.0.0", false)]
    public void Clause_matches_as_pep_440_defines(string specifier, string version, bool expected) =>
        Matches(specifier, version).ShouldBe(expected);

    [Fact]
    public void Pre_releases_are_excluded_unless_asked_for_or_named_by_a_clause()
    {
        Matches(">=1.0", "2.0b1", preReleases: false).ShouldBeFalse();
        Matches(">=1.0", "2.0b1", preReleases: true).ShouldBeTrue();
        Matches(">=2.0b1", "2.0b2", preReleases: false).ShouldBeTrue();
    }

    [Theory]
    [InlineData(">=1.0.*")]
    [InlineData("~=1")]
    [InlineData("=>1.0")]
    [InlineData("==1.0+local.*")]
    [InlineData(">=1.0+local")]
    [InlineData(">=1.0,")]
    public void Malformed_specifiers_are_rejected_with_a_message(string specifier)
    {
        VersionSpecifierSet.TryParse(specifier, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_empty_specifier_admits_everything() =>
        VersionSpecifierSet.Any.Contains(Pep440Version.Parse("0.0.1")).ShouldBeTrue();
}
