using GilScan.Analysis.Caching;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>The results cache as check uses it: where it lives, when it is reused, and that it never changes the output.</summary>
public sealed class CacheTests
{
    [Fact]
    public void A_second_run_reuses_every_file_and_writes_the_same_bytes()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\n");
        temp.Write("a.py", "first()\n");
        temp.Write("b.py", "def broken(:\n");
        var counter = new Counter();
        var app = TestApps.With(new EveryCall(counter), new ThreadTarget());

        var cold = CliRun.Run(app, temp.Path, "check", "--format", "sarif");
        var filesAnalysedCold = counter.Value;
        counter.Reset();
        var warm = CliRun.Run(app, temp.Path, "check", "--format", "sarif");

        filesAnalysedCold.ShouldBe(1);
        counter.Value.ShouldBe(0);
        warm.Out.ShouldBe(cold.Out);
        warm.ExitCode.ShouldBe(cold.ExitCode);
        File.ReadAllText(temp.Combine(".gilscan_cache/CACHEDIR.TAG")).ShouldStartWith(CacheDirectory.TagSignature);
        File.ReadAllText(temp.Combine(".gilscan_cache/.gitignore")).ShouldBe("# Automatically created by gilscan.\n*\n");
    }

    [Fact]
    public void Changing_one_file_reanalyses_only_that_file_but_updates_cross_file_findings()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\n");
        temp.Write("main.py", "import threading\nthreading.Thread(target=crunch)\n");
        temp.Write("work.py", "def crunch():\n    pass\n");
        var counter = new Counter();
        var app = TestApps.With(new EveryCall(counter), new ThreadTarget());
        CliRun.Run(app, temp.Path, "check").Out.ShouldBe(
            "main.py:2:1: GIL190 Call to 'Thread'.\nmain.py:2:1: GIL290 'crunch' runs on a thread.\nFound 2 findings.\n");
        counter.Reset();

        temp.Write("work.py", "def other():\n    pass\n");
        var after = CliRun.Run(app, temp.Path, "check");

        counter.Value.ShouldBe(1);
        after.Out.ShouldBe("main.py:2:1: GIL190 Call to 'Thread'.\nFound 1 finding.\n");
    }

    [Fact]
    public void A_changed_configuration_does_not_reuse_results_of_another()
    {
        using var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\n");
        temp.Write("a.py", "first()\n");
        var counter = new Counter();
        var app = TestApps.With(new EveryCall(counter));
        CliRun.Run(app, temp.Path, "check");
        counter.Reset();

        temp.Write("pyproject.toml", "[tool.gilscan.severity]\nGIL190 = \"error\"\n");
        var result = CliRun.Run(app, temp.Path, "check", "--format", "github");

        counter.Value.ShouldBe(1);
        result.Out.ShouldStartWith("::error file=a.py,");
        Directory.GetFiles(temp.Combine(".gilscan_cache"), "results-*.json").Length.ShouldBe(2);
    }

    [Fact]
    public void No_cache_neither_reads_nor_writes_and_cache_dir_moves_it()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "first()\n");
        var app = TestApps.With(new EveryCall());

        CliRun.Run(app, temp.Path, "check", "--no-cache");
        Directory.Exists(temp.Combine(".gilscan_cache")).ShouldBeFalse();

        CliRun.Run(app, temp.Path, "check", "--cache-dir", "elsewhere/cache");
        Directory.GetFiles(temp.Combine("elsewhere/cache"), "results-*.json").ShouldHaveSingleItem();
        Directory.Exists(temp.Combine(".gilscan_cache")).ShouldBeFalse();
    }
}
