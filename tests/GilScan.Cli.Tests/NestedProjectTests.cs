using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// Several Python projects under one folder (a monorepo): each is checked with its own configuration
/// and root, whichever folder is given, and SARIF URIs are relative to the git top level.
/// </summary>
public sealed class NestedProjectTests : IDisposable
{
    private static readonly GilScanApp App = TestApps.With(new EveryCall(), new PrintCall());
    private readonly TempDirectory _temp = new();

    public NestedProjectTests()
    {
        _temp.Write("services/quiet/pyproject.toml", "[project]\nname = \"quiet\"\n\n[tool.gilscan]\nignore = [\"GIL190\"]\n");
        _temp.Write("services/quiet/app.py", "run()\nprint(1)\n");
        _temp.Write("services/loud/uv.lock", "version = 1\n");
        _temp.Write("services/loud/src/loud/main.py", "start()\n");
        _temp.Write("tools/script.py", "go()\n");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Each_project_under_the_folder_given_is_checked_with_its_own_configuration()
    {
        var result = CliRun.Run(App, _temp.Path, "check", "--no-cache");

        result.Out.ShouldBe(
            "services/loud/src/loud/main.py:1:1: GIL190 Call to 'start'.\n"
            + "services/quiet/app.py:2:1: GIL191 A 'print' call.\n"
            + "tools/script.py:1:1: GIL190 Call to 'go'.\n"
            + "Found 3 findings.\n");
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void A_project_reports_the_same_findings_checked_alone_or_from_a_parent_folder()
    {
        var alone = CliRun.Run(App, _temp.Combine("services/quiet"), "check", "--no-cache");
        var fromParent = CliRun.Run(App, _temp.Path, "check", "services", "--no-cache");

        alone.Out.ShouldBe("app.py:2:1: GIL191 A 'print' call.\nFound 1 finding.\n");
        fromParent.Out.ShouldBe(
            "services/loud/src/loud/main.py:1:1: GIL190 Call to 'start'.\n"
            + "services/quiet/app.py:2:1: GIL191 A 'print' call.\n"
            + "Found 2 findings.\n");
    }

    [Fact]
    public void Sarif_uris_are_relative_to_the_git_top_level_and_name_the_project_folder()
    {
        Directory.CreateDirectory(_temp.Combine(".git"));

        var fromProject = CliRun.Run(App, _temp.Combine("services/quiet"), "check", "--no-cache", "--format", "sarif");
        var fromTop = CliRun.Run(App, _temp.Path, "check", "--no-cache", "--format", "sarif");

        Uris(fromProject.Out).ShouldBe(["services/quiet/app.py"]);
        SourceRoot(fromProject.Out).ShouldBe(new Uri(_temp.Path + "/").AbsoluteUri);
        Uris(fromTop.Out).ShouldBe(["services/loud/src/loud/main.py", "services/quiet/app.py", "tools/script.py"]);
        SourceRoot(fromTop.Out).ShouldBe(SourceRoot(fromProject.Out));
    }

    private static List<string> Uris(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        return [.. document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(result => result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!)];
    }

    private static string SourceRoot(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        return document.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString()!;
    }
}
