using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>How check finds and applies [tool.gilscan], and how it refuses a bad one (GIL003).</summary>
public sealed class ConfigurationTests
{
    private static readonly GilScanApp App = TestApps.With(new EveryCall(), new PrintCall());

    [Fact]
    public void An_invalid_setting_is_a_GIL003_on_its_line_and_exit_code_2()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[project]\nname = \"x\"\n\n[tool.gilscan]\nignroe = [\"GIL190\"]\nlatency-budget-ms = \"fast\"\n");
        temp.Write("a.py", "run()\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBe(
            "pyproject.toml:5:1: GIL003 The gilscan setting 'ignroe' is invalid: 'is not a gilscan setting; the settings are select, extend-select, ignore, per-file-ignores, exclude, extend-exclude, severity, respect-gitignore, min-loop-iterations, latency-budget-ms, target-version, confirm'.\n"
            + "pyproject.toml:6:1: GIL003 The gilscan setting 'latency-budget-ms' is invalid: 'must be a positive number of milliseconds, not the string \"fast\"'.\n"
            + "Found 2 findings.\n");
        result.Error.ShouldBe("gilscan: error: pyproject.toml has 2 invalid settings (GIL003); nothing was checked.\n");
    }

    [ValidatorFact]
    public void An_invalid_configuration_still_writes_valid_sarif_anchored_on_the_setting()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\nselect = \"GIL190\"\n");
        var output = temp.Combine("out.sarif");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "sarif", "--output", output);

        result.ExitCode.ShouldBe(2);
        var sarif = File.ReadAllText(output);
        sarif.ShouldContain("\"executionSuccessful\": false");
        sarif.ShouldContain("\"uri\": \"pyproject.toml\"");
        sarif.ShouldContain("\"startLine\": 2");
        var (exit, log) = SarifValidators.Validate(output);
        exit.ShouldBe(0, log);
    }

    [Fact]
    public void The_nearest_pyproject_with_the_table_applies_from_a_subfolder()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\nignore = [\"GIL190\"]\nextend-select = [\"GIL191\"]\n");
        temp.Write("pkg/pyproject.toml", "[tool.ruff]\nline-length = 100\n");
        temp.Write("pkg/a.py", "run()\nprint(1)\n");

        var result = CliRun.Run(App, temp.Combine("pkg"), "check", "--no-cache", "--fail-level", "note");

        result.Out.ShouldBe("a.py:2:1: GIL191 A 'print' call.\nFound 1 finding.\n");
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Isolated_ignores_the_configuration_and_config_reads_another_file()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\nignore = [\"GIL190\"]\n");
        temp.Write("strict.toml", "select = [\"GIL191\"]\n");
        temp.Write("a.py", "run()\nprint(1)\n");

        CliRun.Run(App, temp.Path, "check", "--no-cache").Out.ShouldBe("a.py:2:1: GIL191 A 'print' call.\nFound 1 finding.\n");
        CliRun.Run(App, temp.Path, "check", "--no-cache", "--isolated").Out.ShouldBe(
            "a.py:1:1: GIL190 Call to 'run'.\na.py:2:1: GIL190 Call to 'print'.\na.py:2:1: GIL191 A 'print' call.\nFound 3 findings.\n");
        CliRun.Run(App, temp.Path, "check", "--no-cache", "--config", "strict.toml").Out.ShouldBe(
            "a.py:2:1: GIL191 A 'print' call.\nFound 1 finding.\n");
    }

    [Fact]
    public void Command_line_select_and_ignore_override_the_configuration()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\nselect = [\"GIL191\"]\n");
        temp.Write("a.py", "run()\nprint(1)\n");

        CliRun.Run(App, temp.Path, "check", "--no-cache", "--select", "GIL190", "--ignore", "GIL190").Out.ShouldBe("All checks passed!\n");
        CliRun.Run(App, temp.Path, "check", "--no-cache", "--select", "GIL190,GIL191", "--ignore", "GIL191").Out.ShouldBe(
            "a.py:1:1: GIL190 Call to 'run'.\na.py:2:1: GIL190 Call to 'print'.\nFound 2 findings.\n");
    }

    [Fact]
    public void Severity_per_file_ignores_and_excludes_apply()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", """
            [tool.gilscan]
            extend-exclude = ["generated"]
            [tool.gilscan.severity]
            GIL190 = "error"
            [tool.gilscan.per-file-ignores]
            "tests/*" = ["GIL190"]
            """);
        temp.Write("app.py", "run()\n");
        temp.Write("tests/test_app.py", "run()\n");
        temp.Write("generated/out.py", "run()\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "github");

        result.Out.ShouldBe("::error file=app.py,line=1,col=1,endLine=1,endColumn=5,title=GIL190 Any call::Call to 'run'.\n");
    }

    [Fact]
    public void A_selector_that_matches_no_rule_is_an_error_and_nothing_is_checked()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\nextend-select = [\"GIL9\"]\n");
        temp.Write("a.py", "x = 1\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBe(
            "pyproject.toml:2:1: GIL003 The gilscan setting 'extend-select' is invalid: ''GIL9' matches no rule of this gilscan version; rule codes start with GIL0, GIL1 ('gilscan rules' lists them)'.\n"
            + "Found 1 finding.\n");
        result.Error.ShouldBe("gilscan: error: pyproject.toml has 1 invalid setting (GIL003); nothing was checked.\n");
    }

    [Fact]
    public void A_rule_code_on_the_command_line_that_matches_no_rule_is_a_usage_error_with_a_suggestion()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "x = 1\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache", "--ignore", "GIL199");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe("gilscan: error: --ignore: 'GIL199' matches no rule of this gilscan version; did you mean 'GIL190'? ('gilscan rules' lists them)\n");
    }

    [Fact]
    public void A_pyproject_toml_that_is_not_valid_toml_stops_the_run_with_exit_code_2()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\n");
        temp.Write("a.py", "x = 1\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldStartWith("pyproject.toml:4:1: GIL003 ");
        result.Error.ShouldBe("gilscan: error: pyproject.toml has 1 invalid setting (GIL003); nothing was checked.\n");
    }

    [Fact]
    public void Gitignored_files_are_not_checked()
    {
        using var temp = new TempDirectory();
        temp.Write(".gitignore", "scratch_*.py\n");
        temp.Write("a.py", "x = 1\n");
        temp.Write("scratch_1.py", "run()\n");

        CliRun.Run(App, temp.Path, "check", "--no-cache").Out.ShouldBe("All checks passed!\n");
    }

    [Fact]
    public void A_symbolic_link_loop_is_a_warning_and_the_run_goes_on()
    {
        using var temp = new TempDirectory();
        temp.Write("pkg/a.py", "run()\n");
        Directory.CreateSymbolicLink(temp.Combine("pkg/loop"), temp.Combine("pkg"));

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBe("pkg/a.py:1:1: GIL190 Call to 'run'.\nFound 1 finding.\n");
        result.Error.ShouldBe("gilscan: warning: pkg/loop: symbolic link loop: it points back to pkg, which is being walked; not followed\n");
    }

    [Fact]
    public void A_configuration_outside_the_project_does_not_move_the_project_root_and_its_errors_still_have_a_location()
    {
        using var temp = new TempDirectory();
        temp.Write("settings/gilscan.toml", "select = [\"GIL191\"]\n");
        temp.Write("settings/broken.toml", "selct = [\"GIL191\"]\n");
        temp.Write("project/a.py", "print(1)\n");

        var good = CliRun.Run(App, temp.Combine("project"), "check", "--no-cache", "--config", "../settings/gilscan.toml", "--format", "json");
        var bad = CliRun.Run(App, temp.Combine("project"), "check", "--no-cache", "--config", "../settings/broken.toml", "--format", "github");

        good.Out.ShouldContain("\"path\": \"a.py\"");
        bad.ExitCode.ShouldBe(2);
        bad.Out.ShouldStartWith($"::error file={temp.Combine("settings/broken.toml").Replace(":", "%3A", StringComparison.Ordinal)},line=1,col=1,endLine=1,endColumn=5,title=GIL003 Invalid gilscan configuration::The gilscan setting 'selct' is invalid");
    }
}
