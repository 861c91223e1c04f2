namespace GilScan.Sarif.Tests;

public sealed class SarifUrisTests
{
    [Theory]
    [InlineData("app/worker.py", "app/worker.py")]
    [InlineData("app/web handlers/vüews.py", "app/web%20handlers/v%C3%BCews.py")]
    [InlineData("a#b/c?d%e.py", "a%23b/c%3Fd%25e.py")]
    [InlineData("src/日本.py", "src/%E6%97%A5%E6%9C%AC.py")]
    public void Relative_paths_are_percent_encoded_per_segment(string path, string expected)
    {
        var uri = SarifUris.Relative(path);

        uri.IsAbsoluteUri.ShouldBeFalse();
        uri.OriginalString.ShouldBe(expected);
        SarifUris.PathOf(uri).ShouldBe(path);
    }

    [Theory]
    [InlineData("/home/runner/work/proj", "file:///home/runner/work/proj/")]
    [InlineData("/home/runner/work/proj/", "file:///home/runner/work/proj/")]
    [InlineData("/srv/my repo/ü", "file:///srv/my%20repo/%C3%BC/")]
    [InlineData("/", "file:///")]
    public void Source_root_is_an_absolute_file_uri_with_a_trailing_slash(string directory, string expected)
    {
        SarifUris.SourceRoot(directory).OriginalString.ShouldBe(expected);
    }

    [Fact]
    public void Source_root_must_be_absolute()
    {
        Should.Throw<ArgumentException>(() => SarifUris.SourceRoot("relative/dir"));
    }
}
