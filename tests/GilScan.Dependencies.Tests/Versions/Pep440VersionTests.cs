using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Tests.Versions;

/// <summary>Examples from PEP 440 ("Version specifiers" on packaging.python.org): normalisation and ordering.</summary>
public sealed class Pep440VersionTests
{
    [Theory]
    [InlineData("1.0a", "1.0a0")]
    [InlineData("1.1.a1", "1.1a1")]
    [InlineData("1.0-a1", "1.0a1")]
    [InlineData("1.0alpha1", "1.0a1")]
    [InlineData("1.0beta2", "1.0b2")]
    [InlineData("1.0c1", "1.0rc1")]
    [InlineData("1.0pre1", "1.0rc1")]
    [InlineData("1.0preview1", "1.0rc1")]
    [InlineData("1.2-post2", "1.2.post2")]
    [InlineData("1.2post2", "1.2.post2")]
    [InlineData("1.0-r4", "1.0.post4")]
    [InlineData("1.0rev4", "1.0.post4")]
    [InlineData("1.0.post", "1.0.post0")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.2.dev", "1.2.dev0")]
    [InlineData("1.2-dev2", "1.2.dev2")]
    [InlineData("1.0+ubuntu-1", "1.0+ubuntu.1")]
    [InlineData("1.0+Ubuntu_1", "1.0+ubuntu.1")]
    [InlineData("v1.0", "1.0")]
    [InlineData("  1.0\t", "1.0")]
    [InlineData("00.01.002", "0.1.2")]
    [InlineData("1.0+abc.007", "1.0+abc.7")]
    [InlineData("1!2.0.post1.dev3", "1!2.0.post1.dev3")]
    [InlineData("2025.9.18", "2025.9.18")]
    [InlineData("2.9.0.post0", "2.9.0.post0")]
    public void Alternate_spellings_normalise_as_the_spec_says(string input, string normalised) =>
        Pep440Version.Parse(input).ToString().ShouldBe(normalised);

    [Theory]
    [InlineData("")]
    [InlineData("1.0-")]
    [InlineData("french toast")]
    [InlineData("1.0+")]
    [InlineData("1..0")]
    [InlineData("1.0a1a2")]
    [InlineData("not-a-version")]
    public void Strings_outside_the_grammar_are_rejected(string input) =>
        Pep440Version.TryParse(input, out _).ShouldBeFalse();

    [Fact]
    public void The_specs_ordering_example_sorts_in_its_order()
    {
        string[] ordered =
        [
            "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
            "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",
        ];
        var shuffled = ordered.Reverse().Select(Pep440Version.Parse).ToList();
        shuffled.Sort();
        shuffled.Select(v => v.ToString()).ShouldBe(ordered);
    }

    [Fact]
    public void Trailing_zeros_do_not_change_equality_or_hash()
    {
        var short1 = Pep440Version.Parse("1.1");
        var long1 = Pep440Version.Parse("1.1.0.0");
        short1.ShouldBe(long1);
        short1.GetHashCode().ShouldBe(long1.GetHashCode());
    }

    [Fact]
    public void Epoch_outranks_the_release()
    {
        (Pep440Version.Parse("1!1.0") > Pep440Version.Parse("2024.1")).ShouldBeTrue();
    }
}
