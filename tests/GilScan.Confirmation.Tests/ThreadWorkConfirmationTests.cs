using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;
using Xunit.Abstractions;

namespace GilScan.Confirmation.Tests;

/// <summary>
/// The canonical demo, measured for real on cores 0-1: a pure-Python loop and the same kind of work
/// with NumPy, on 2 threads and 2 processes. They need the 2 cores to themselves (CI runs alone); on a
/// machine busy with other work a run can come out inconclusive, so the verdict tests allow
/// <see cref="Attempts.Limit"/> attempts and never accept the opposite verdict.
/// </summary>
public sealed class ThreadWorkConfirmationTests(ITestOutputHelper output)
{
    private readonly ConfirmationEngine _engine = new(new ProcessGroupRunner());

    [SkippableFact]
    public async Task Pure_python_loop_on_two_threads_is_confirmed_with_figures_for_every_interpreter()
    {
        var machine = MachineInterpreters.Get();
        var result = await Attempts.UntilDecided(_engine, DemoTargets.PureLoop, [machine.CPython313, machine.PyPy], output);

        result.Verdict.ShouldBe(Verdict.Confirmed, result.Reason);
        result.K.ShouldBe(2);
        result.Cores!.ToString().ShouldBe("0-1");
        result.Runs.Select(r => r.Interpreter.Name).ShouldBe(["CPython 3.13.0", "PyPy 7.3.11 (Python 3.9.16)"]);
        var cpython = result.Runs[0];
        cpython.Status.ShouldBe(RunStatus.Measured);
        cpython.GilEnabled.ShouldBe(true);
        var at = cpython.Threads!.AtK(2)!;
        at.Repeats.ShouldBe(3);
        at.ThreadSpeedup.ShouldBeLessThan(1.25);
        at.ProcessSpeedup.ShouldBeGreaterThan(1.5);
        cpython.Threads.Pinning.ShouldBe("os.sched_setaffinity");
        cpython.Threads.StartMethod.ShouldBe("fork");
        result.Reason.ShouldStartWith("on 2 cores under CPython 3.13.0: threads ");
        result.Reason.ShouldEndWith("the work runs in parallel but the threads do not, so it holds the GIL");

        // PyPy has a GIL too; scale = "auto" gives its JIT-compiled loop a size it needs ~200 ms for.
        var pypy = result.Runs[1];
        pypy.Status.ShouldBe(RunStatus.Measured, pypy.Problem);
        pypy.GilEnabled.ShouldBe(true);
        pypy.Threads!.Pinning.ShouldBe("libc sched_setaffinity");
        pypy.Threads.ScaleFactor.ShouldBeGreaterThan(cpython.Threads.ScaleFactor * 4);
        pypy.Threads.AtK(2)!.SequentialSeconds.ShouldBeGreaterThan(0.1);
    }

    [SkippableFact]
    public async Task Numpy_vectorised_work_on_two_threads_is_refuted()
    {
        var machine = MachineInterpreters.Get();
        var result = await Attempts.UntilDecided(_engine, DemoTargets.Vectorised, [machine.DebianPython], output);

        result.Verdict.ShouldBe(Verdict.Refuted, result.Reason);
        var at = result.Runs.Single().Threads!.AtK(2)!;
        at.ThreadSpeedup.ShouldBeGreaterThanOrEqualTo(1.5);
        result.Reason.ShouldEndWith("the threads run in parallel, so the code releases the GIL");
    }

    [SkippableFact]
    public async Task Chart_levels_measure_every_k_and_the_verdict_stays_at_k()
    {
        var target = DemoTargets.PureLoop with { Settings = DemoTargets.TestSettings with { ChartLevels = [1], Repeat = 1 } };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);
        Log(result);

        var levels = result.Runs.Single().Threads!.Levels;
        levels.Select(l => l.K).ShouldBe([1, 2]);
        levels.Select(l => l.Repeats).ShouldBe([1, 1]);
        result.K.ShouldBe(2);
        result.Runs.Single().Threads!.AtK(result.K).ShouldBeSameAs(levels[1]);
    }

    [SkippableFact]
    public async Task A_fixed_scale_multiplies_the_integer_arguments()
    {
        var target = DemoTargets.Target("demo.cpu", "pure_loop", ConfirmationKind.ThreadWork, 1_000) with
        {
            Scale = ArgumentScale.Fixed(300),
            Settings = DemoTargets.TestSettings with { Repeat = 1 },
        };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);
        Log(result);

        var threads = result.Runs.Single().Threads!;
        threads.ScaleFactor.ShouldBe(300);
        // 300,000 iterations, not 1,000: tens of milliseconds per call rather than tens of microseconds.
        threads.WarmUpSeconds.ShouldBeGreaterThan(0.005);
    }

    [SkippableFact]
    public async Task Output_printed_by_the_target_does_not_disturb_the_harness_result()
    {
        var target = DemoTargets.Target("demo.cpu", "chatty", ConfirmationKind.ThreadWork, 300_000) with
        {
            Settings = DemoTargets.TestSettings with { Repeat = 1 },
        };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);
        Log(result);

        result.Runs.Single().Status.ShouldBe(RunStatus.Measured, result.Runs.Single().Problem);
    }

    [SkippableFact]
    public async Task A_kept_harness_is_a_standalone_script_that_prints_one_json_object()
    {
        var folder = Directory.CreateTempSubdirectory("gilscan-confirm-test-").FullName;
        try
        {
            var target = DemoTargets.Target("demo.cpu", "pure_loop", ConfirmationKind.ThreadWork, 100_000) with
            {
                Settings = DemoTargets.TestSettings with { Repeat = 1, KeepHarness = true, HarnessDirectory = folder },
            };
            var machine = MachineInterpreters.Get();
            var result = await _engine.ConfirmAsync(target, [machine.CPython313]);

            result.HarnessPath.ShouldBe(Path.Combine(folder, "confirm_demo_cpu_pure_loop.py"));
            var lines = File.ReadAllLines(result.HarnessPath!);
            lines[0].ShouldBe("# gilscan confirmation harness (generated): GIL101/GIL102 thread work, 1 thread vs k threads vs k processes");
            lines[1].ShouldBe("# It runs project code: demo.cpu.pure_loop(100000)");

            var rerun = await new ProcessGroupRunner().RunAsync(new ProcessRequest
            {
                FileName = machine.CPython313.Command,
                Arguments = [result.HarnessPath!],
                WorkingDirectory = RepositoryRoot.DemoProject,
                Timeout = TimeSpan.FromSeconds(30),
            });
            rerun.ExitCode.ShouldBe(0, rerun.StandardError);
            var json = rerun.StandardOutput.Trim();
            json.Split('\n').Length.ShouldBe(1);
            json.ShouldStartWith("{\"cores\": [0, 1], \"gilEnabled\": true, \"harness\": \"thread-work\", \"levels\": [{\"k\": 2, \"repeats\": [{");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Harness_scripts_are_deleted_unless_kept()
    {
        var folder = Directory.CreateTempSubdirectory("gilscan-confirm-test-").FullName;
        try
        {
            var target = DemoTargets.Target("demo.cpu", "pure_loop", ConfirmationKind.ThreadWork, 100_000) with
            {
                Settings = DemoTargets.TestSettings with { Repeat = 1, HarnessDirectory = folder },
            };
            var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

            result.HarnessPath.ShouldBeNull();
            Directory.GetFiles(folder).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Log(ConfirmationResult result)
    {
        output.WriteLine($"{result.Verdict}: {result.Reason}");
        output.WriteLine(Reporting.ConfirmationProperty.ToCanonicalString(result));
    }
}
