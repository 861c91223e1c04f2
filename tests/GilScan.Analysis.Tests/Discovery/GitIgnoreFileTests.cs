using GilScan.Analysis.Discovery;

namespace GilScan.Analysis.Tests.Discovery;

/// <summary>gitignore(5) semantics, pattern by pattern.</summary>
public sealed class GitIgnoreFileTests
{
    [Theory]
    [InlineData("*.py", "a.py", false, true)]
    [InlineData("*.py", "deep/er/a.py", false, true)]
    [InlineData("/top.py", "top.py", false, true)]
    [InlineData("/top.py", "sub/top.py", false, null)]
    [InlineData("gen/out.py", "gen/out.py", false, true)]
    [InlineData("gen/out.py", "x/gen/out.py", false, null)]
    [InlineData("build/", "build", true, true)]
    [InlineData("build/", "build", false, null)]
    [InlineData("build/", "src/build", true, true)]
    [InlineData("**/cache", "a/b/cache", true, true)]
    [InlineData("**/cache", "cache", true, true)]
    [InlineData("logs/**", "logs/a/b.py", false, true)]
    [InlineData("a/**/b.py", "a/b.py", false, true)]
    [InlineData("a/**/b.py", "a/x/y/b.py", false, true)]
    [InlineData("test_?.py", "test_1.py", false, true)]
    [InlineData("test_?.py", "test_12.py", false, null)]
    [InlineData("[ab].py", "b.py", false, true)]
    [InlineData("[!ab].py", "b.py", false, null)]
    [InlineData("[!ab].py", "c.py", false, true)]
    [InlineData("\\#hash.py", "#hash.py", false, true)]
    [InlineData("trailing.py   ", "trailing.py", false, true)]
    [InlineData("# comment", "# comment", false, null)]
    [InlineData("*.py\n!keep.py", "keep.py", false, false)]
    [InlineData("!keep.py\n*.py", "keep.py", false, true)]
    public void A_path_is_decided_by_the_last_matching_pattern(string patterns, string path, bool isDirectory, bool? ignored) =>
        GitIgnoreFile.Parse("/repo", patterns).Decide(path, isDirectory).ShouldBe(ignored);

    [Fact]
    public void A_deeper_file_overrides_a_shallower_one()
    {
        var stack = GitIgnoreStack.Empty
            .Push(GitIgnoreFile.Parse("/repo", "*.py\n"))
            .Push(GitIgnoreFile.Parse("/repo/src", "!keep.py\n"));

        stack.IsIgnored("/repo/src/keep.py", false).ShouldBeFalse();
        stack.IsIgnored("/repo/src/other.py", false).ShouldBeTrue();
        stack.IsIgnored("/repo/keep.py", false).ShouldBeTrue();
    }
}
