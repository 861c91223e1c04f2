using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Findings;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Measurements;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;
using GilScan.Reporting.Check;

namespace GilScan.Reporting.Tests.Check;

/// <summary>The one line a person reads under a measured finding.</summary>
public sealed class ConfirmationTextTests
{
    private static readonly ConfirmationTarget Loop = new()
    {
        ProjectRoot = "/p",
        Module = "demo.cpu",
        Function = "pure_loop",
        Kind = ConfirmationKind.ThreadWork,
        Arguments = [1_500_000],
    };

    private static InterpreterIdentity Interpreter(string implementation, string version, string implementationVersion, bool freeThreaded = false) => new()
    {
        Command = "/usr/bin/" + implementation,
        Executable = "/usr/bin/" + implementation,
        Prefix = "/usr",
        Implementation = implementation,
        Version = version,
        ImplementationVersion = implementationVersion,
        GilDisabledBuild = freeThreaded,
        GilEnabledAtStart = !freeThreaded,
        Origin = InterpreterOrigin.Named,
    };

    private static InterpreterRun Threads(InterpreterIdentity interpreter, bool gil, double sequential, double threads, double processes) => new()
    {
        Interpreter = interpreter,
        Status = RunStatus.Measured,
        GilEnabled = gil,
        Threads = new ThreadWorkFigures
        {
            ScaleFactor = 1,
            WarmUpSeconds = 0.2,
            Pinning = "os.sched_setaffinity",
            StartMethod = "fork",
            Levels =
            [
                new SpeedupFigures
                {
                    K = 2, Repeats = 3, SequentialSeconds = sequential, ThreadSeconds = threads, ProcessSeconds = processes,
                    ThreadSpeedup = sequential / threads, ProcessSpeedup = sequential / processes, ThreadSpread = 0.02, ProcessSpread = 0.02,
                    ThreadStartupSeconds = 0.001, ProcessStartupSeconds = 0.004, ProcessTransferSeconds = 0.001, ResultBytes = 17,
                    SequentialCoreShare = 0.99, ThreadCoresBusy = 1, ProcessCoresBusy = 1.9,
                },
            ],
        },
    };

    private static ConfirmationResult Result(Verdict verdict, string reason, params InterpreterRun[] runs) => new()
    {
        Target = Loop,
        Verdict = verdict,
        Reason = reason,
        K = 2,
        Cores = CoreSet.Of([0, 1]),
        Runs = [.. runs],
    };

    [Fact]
    public void Thread_work_shows_one_thread_k_threads_and_k_processes_and_every_other_interpreter()
    {
        var result = Result(Verdict.Confirmed, "why",
            Threads(Interpreter("cpython", "3.13.0", "3.13.0"), gil: true, 2.01, 2.05, 1.03),
            Threads(Interpreter("cpython", "3.13.0", "3.13.0", freeThreaded: true), gil: false, 2.4, 1.25, 1.2),
            new InterpreterRun { Interpreter = Interpreter("pypy", "3.9.16", "7.3.11"), Status = RunStatus.TimedOut, Problem = "timed out" });

        ConfirmationText.Line(new ConfirmedFinding(result, null)).ShouldBe(
            "confirmed: 1 thread 2.01 s, 2 threads 2.05 s (x0.98), 2 processes 1.03 s (x1.95) under CPython 3.13.0"
            + "; CPython 3.13.0 free-threaded (GIL off): threads x1.92, processes x2.00; PyPy 7.3.11 (Python 3.9.16): timed out");
    }

    [Fact]
    public void Inconclusive_results_give_their_reason_and_findings_not_run_say_why()
    {
        var busy = Result(Verdict.Inconclusive, "the machine is busy", Threads(Interpreter("cpython", "3.13.0", "3.13.0"), gil: true, 2, 2, 2));

        ConfirmationText.Line(new ConfirmedFinding(busy, null)).ShouldBe("inconclusive: the machine is busy");
        ConfirmationText.Line(new ConfirmedFinding(ConfirmationResult.Unmeasured(Loop, "not run: arguments unknown"), "arguments unknown"))
            .ShouldBe("not confirmed: arguments unknown");
    }

    [Fact]
    public void A_coroutine_shows_its_worst_loop_lag_against_the_budget()
    {
        var run = new InterpreterRun
        {
            Interpreter = Interpreter("cpython", "3.13.0", "3.13.0"),
            Status = RunStatus.Measured,
            GilEnabled = true,
            Coroutine = new CoroutineFigures
            {
                Repeats = 3,
                WorstLagMs = 104.04,
                TypicalWorstLagMs = 101.76,
                P99LagMs = 99,
                RepeatsOverBudget = 3,
                BaselineWorstLagMs = 0.3,
                RunSeconds = 0.1,
                HeartbeatMs = 5,
                WallWorstLagMs = 110,
                RunQueueAccounted = true,
                BudgetMs = 50,
            },
        };
        var result = Result(Verdict.Refuted, "why", run) with { Target = Loop with { Kind = ConfirmationKind.CoroutineWork } };

        ConfirmationText.Line(new ConfirmedFinding(result, null)).ShouldBe(
            "refuted: the event loop stalled up to 104.0 ms (typical worst 101.8 ms, budget 50 ms, 3 of 3 runs over) under CPython 3.13.0");
    }
}
