using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Tests;

public sealed class LocationTests
{
    [Theory]
    [InlineData("/abs/x.py")]
    [InlineData("src\\x.py")]
    [InlineData("../x.py")]
    [InlineData("src/./x.py")]
    [InlineData("src//x.py")]
    [InlineData("")]
    public void Paths_must_be_project_relative_with_forward_slashes(string path)
    {
        Should.Throw<ArgumentException>(() => Location.StartOf(path));
    }

    [Theory]
    [InlineData("src\\pkg\\mod.py", "src/pkg/mod.py")]
    [InlineData("./src/pkg/mod.py", "src/pkg/mod.py")]
    [InlineData("src//pkg/", "src/pkg")]
    [InlineData("dir with space/ünï.py", "dir with space/ünï.py")]
    public void Os_paths_are_normalised(string input, string expected)
    {
        Location.NormalizePath(input).ShouldBe(expected);
    }

    [Fact]
    public void Normalising_refuses_to_climb_out_of_the_project()
    {
        Should.Throw<ArgumentException>(() => Location.NormalizePath("src/../../etc/passwd"));
    }
}
