using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>0 clean, 1 findings at or above the fail level, 2 usage, configuration or internal error.</summary>
public sealed class ExitCodeTests
{
    private static readonly GilScanApp App = TestApps.With(new EveryCall(), new PrintCall());

    [Fact]
    public void A_clean_project_exits_with_0()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "x = 1\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBe("All checks passed!\n");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public void Findings_exit_with_1_unless_exit_zero()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "run()\n");

        CliRun.Run(App, temp.Path, "check", "--no-cache").ExitCode.ShouldBe(1);
        var zero = CliRun.Run(App, temp.Path, "check", "--no-cache", "--exit-zero");
        zero.ExitCode.ShouldBe(0);
        zero.Out.ShouldBe("a.py:1:1: GIL190 Call to 'run'.\nFound 1 finding.\n");
    }

    [Fact]
    public void Notes_fail_only_when_the_fail_level_is_note()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "print(1)\n");

        CliRun.Run(App, temp.Path, "check", "--no-cache", "--select", "GIL191").ExitCode.ShouldBe(0);
        CliRun.Run(App, temp.Path, "check", "--no-cache", "--select", "GIL191", "--fail-level", "note").ExitCode.ShouldBe(1);
        CliRun.Run(App, temp.Path, "check", "--no-cache", "--fail-level", "error").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Suppressed_findings_do_not_fail_the_run()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "run()  # noqa: GIL190\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache", "--select", "GIL190");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBe("All checks passed! (1 suppressed)\n");
    }

    [Fact]
    public void A_missing_path_is_a_usage_error()
    {
        using var temp = new TempDirectory();

        var result = CliRun.Run(App, temp.Path, "check", "nowhere");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"gilscan: error: no such file or folder: {temp.Combine("nowhere")}\n");
    }

    [Theory]
    [InlineData("--select", "E501", "gilscan: error: --select: 'E501' is not a rule code: use a rule id such as GIL101, a prefix such as GIL1, or ALL\n")]
    [InlineData("--format", "xml", "gilscan: error: --format: 'xml' is not one of text, grouped, github, json, sarif\nRun 'gilscan --help' for usage.\n")]
    [InlineData("--jobs", "0", "gilscan: error: --jobs must be at least 1\n")]
    [InlineData("--jobs", "abc", "gilscan: error: --jobs expects a whole number, not 'abc'\nRun 'gilscan --help' for usage.\n")]
    [InlineData("--color", "sometimes", "gilscan: error: --color: 'sometimes' is not one of auto, always, never\nRun 'gilscan --help' for usage.\n")]
    [InlineData("--stdin-filename", "a.py", "gilscan: error: --stdin-filename applies only when the path is '-' (the source on standard input)\n")]
    [InlineData("--frobnicate", "1", "gilscan: error: unknown option '--frobnicate'; 'gilscan check --help' lists the options\n")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "x = 1\n");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache", option, value);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(message);
    }

    [Fact]
    public void A_rule_that_crashes_makes_it_an_internal_error_after_reporting_everything_else()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "run()\n");

        var result = CliRun.Run(TestApps.With(new EveryCall(), new Crashes()), temp.Path, "check", "--no-cache");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBe("a.py:1:1: GIL190 Call to 'run'.\nFound 1 finding.\n");
        result.Error.ShouldBe(
            "gilscan: error: a.py: Rule GIL192 failed on a.py and its results there are incomplete: InvalidOperationException: rule bug\n"
            + "gilscan: error: a rule failed; its results are incomplete (see the notifications above).\n");
    }

    [Fact]
    public void Progress_is_never_written_when_standard_error_is_redirected_or_in_CI()
    {
        using var temp = new TempDirectory();
        for (var i = 0; i < 200; i++)
        {
            temp.Write($"m{i:D3}.py", string.Concat(Enumerable.Repeat("x = [i * i for i in range(10)]\n", 200)));
        }

        var ci = CliRun.Run(App, temp.Path, new Dictionary<string, string> { ["CI"] = "true" }, errorIsTerminal: true, "check", "--no-cache", "--jobs", "1");
        var redirected = CliRun.Run(App, temp.Path, new Dictionary<string, string>(), errorIsTerminal: false, "check", "--no-cache", "--jobs", "1");

        ci.Error.ShouldBeEmpty();
        redirected.Error.ShouldBeEmpty();
        ci.Out.ShouldBe(redirected.Out);
    }
}
