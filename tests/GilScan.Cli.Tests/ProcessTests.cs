using System.Diagnostics;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>The real gilscan process: its console output, exit code and files, as CI and pre-commit see them.</summary>
public sealed class ProcessTests
{
    [Fact]
    public void The_gilscan_process_writes_sarif_without_a_byte_order_mark_and_exits_with_1()
    {
        using var temp = new TempDirectory();
        var project = temp.CopyFrom(RepositoryRoot.Combine("fixtures", "projects", "pool-service"), "pool-service");
        var output = temp.Combine("gilscan.sarif");

        var (exit, stdout, stderr) = RunGilscan(project, "check", ".", "--format", "sarif", "--github", "--output", output);

        exit.ShouldBe(1, stderr);
        stdout.ShouldBeEmpty();
        stderr.ShouldBeEmpty();
        var bytes = File.ReadAllBytes(output);
        bytes[0].ShouldBe((byte)'{');
        Directory.Exists(Path.Combine(project, ".gilscan_cache")).ShouldBeTrue();

        var (textExit, text, _) = RunGilscan(project, "check");
        textExit.ShouldBe(1);
        text.ShouldEndWith("Found 8 findings (2 suppressed).\n");
    }

    private static (int Exit, string Out, string Error) RunGilscan(string workingDirectory, params string[] args)
    {
        var gilscan = Path.Combine(AppContext.BaseDirectory, "gilscan.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(gilscan);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue("gilscan did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
