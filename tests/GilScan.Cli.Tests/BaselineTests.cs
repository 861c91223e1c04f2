using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>--write-baseline and --baseline: only findings that are not in the baseline fail the run.</summary>
public sealed class BaselineTests
{
    private static readonly GilScanApp App = TestApps.With(new EveryCall());

    [Fact]
    public void Writing_a_baseline_accepts_current_findings_and_a_later_run_fails_only_on_new_ones()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "first()\nsecond()\n");

        var write = CliRun.Run(App, temp.Path, "check", "--no-cache", "--write-baseline", "baseline.sarif");
        write.ExitCode.ShouldBe(0);
        File.Exists(temp.Combine("baseline.sarif")).ShouldBeTrue();

        var unchanged = CliRun.Run(App, temp.Path, "check", "--no-cache", "--baseline", "baseline.sarif");
        unchanged.ExitCode.ShouldBe(0);
        unchanged.Out.ShouldBe("All checks passed! (2 already in the baseline)\n");

        // Lines move and one finding is new: only the new one is shown and fails the run.
        temp.Write("a.py", "\n\nfirst()\nsecond()\nthird()\n");
        var moved = CliRun.Run(App, temp.Path, "check", "--no-cache", "--baseline", "baseline.sarif");
        moved.ExitCode.ShouldBe(1);
        moved.Out.ShouldBe("a.py:5:1: GIL190 Call to 'third'.\nFound 1 finding (2 already in the baseline).\n");
    }

    [Fact]
    public void Sarif_and_json_carry_the_baseline_state_of_each_result()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "first()\nsecond()\n");
        CliRun.Run(App, temp.Path, "check", "--no-cache", "--write-baseline", "baseline.sarif");
        temp.Write("a.py", "second()\nthird()\n");

        var sarif = CliRun.Run(App, temp.Path, "check", "--no-cache", "--baseline", "baseline.sarif", "--format", "sarif");
        var json = CliRun.Run(App, temp.Path, "check", "--no-cache", "--baseline", "baseline.sarif", "--format", "json");

        sarif.ExitCode.ShouldBe(1);
        using var log = JsonDocument.Parse(sarif.Out);
        log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("message").GetProperty("text").GetString()} {r.GetProperty("baselineState").GetString()}")
            .ShouldBe(["Call to 'second'. unchanged", "Call to 'third'. new", "Call to 'first'. absent"]);
        using var report = JsonDocument.Parse(json.Out);
        report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("message").GetString()} {f.GetProperty("baselineState").GetString()}")
            .ShouldBe(["Call to 'second'. unchanged", "Call to 'third'. new"]);
        report.RootElement.GetProperty("summary").GetProperty("absent").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void A_baseline_that_is_not_sarif_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "x = 1\n");
        temp.Write("old.sarif", "not json");

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache", "--baseline", "old.sarif");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("gilscan: error: --baseline: ");
        result.Error.ShouldContain("is not a SARIF log");
    }
}
