using System.Collections.Immutable;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Measurements;
using GilScan.Confirmation.Results;

namespace GilScan.Confirmation.Tests;

/// <summary>Measured figures written down by hand, for the decision rules and the reports built on them.</summary>
internal static class Figures
{
    public static InterpreterIdentity CPython { get; } = Identity("cpython", "3.13.0", "3.13.0", freeThreaded: false, "/usr/local/bin/python3.13");

    public static InterpreterIdentity FreeThreaded { get; } = Identity("cpython", "3.13.0", "3.13.0", freeThreaded: true, "/usr/local/bin/python3.13t");

    public static InterpreterIdentity PyPy { get; } = Identity("pypy", "3.9.16", "7.3.11", freeThreaded: false, "/usr/bin/pypy3");

    public static InterpreterRun Threads(InterpreterIdentity interpreter, double threads, double processes,
        double threadSpread = 0.05, double processSpread = 0.05, double sequential = 0.4, bool? gil = null, double coreShare = 0.99,
        params (int K, double Threads, double Processes)[] more)
    {
        var levels = more.Select(m => Level(m.K, m.Threads, m.Processes, 0.05, 0.05, sequential, 0.99))
            .Append(Level(2, threads, processes, threadSpread, processSpread, sequential, coreShare));
        return new InterpreterRun
        {
            Interpreter = interpreter,
            Status = RunStatus.Measured,
            GilEnabled = gil ?? !interpreter.GilDisabledBuild,
            Threads = new ThreadWorkFigures
            {
                Levels = [.. levels.OrderBy(l => l.K)],
                ScaleFactor = 1,
                WarmUpSeconds = 0.2,
                Pinning = "os.sched_setaffinity",
                StartMethod = "fork",
            },
            Elapsed = TimeSpan.FromSeconds(3),
        };
    }

    public static InterpreterRun Failed(InterpreterIdentity interpreter, string problem, RunStatus status = RunStatus.Failed) => new()
    {
        Interpreter = interpreter,
        Status = status,
        Problem = problem,
    };

    public static InterpreterRun Lag(double worst, double typical, double p99, int over, double baseline = 0.3, int repeats = 5) => new()
    {
        Interpreter = CPython,
        Status = RunStatus.Measured,
        GilEnabled = true,
        Coroutine = new CoroutineFigures
        {
            Repeats = repeats,
            WorstLagMs = worst,
            TypicalWorstLagMs = typical,
            P99LagMs = p99,
            RepeatsOverBudget = over,
            BaselineWorstLagMs = baseline,
            RunSeconds = 0.15,
            HeartbeatMs = 5,
            BudgetMs = 50,
            WallWorstLagMs = worst + 1,
            RunQueueAccounted = true,
        },
    };

    public static InterpreterRun Import(InterpreterIdentity interpreter, bool before, bool after, params string[] warnings) => new()
    {
        Interpreter = interpreter,
        Status = RunStatus.Measured,
        GilEnabled = after,
        Import = new ImportProbeFigures { GilEnabledBefore = before, GilEnabledAfter = after, RuntimeWarnings = [.. warnings] },
    };

    /// <summary>A lost-update measurement of 2 threads: each repeat's sequential change and threaded change.</summary>
    public static InterpreterRun Lost(InterpreterIdentity interpreter, params (double Expected, double Got)[] repeats) => new()
    {
        Interpreter = interpreter,
        Status = RunStatus.Measured,
        GilEnabled = !interpreter.GilDisabledBuild,
        LostUpdates = new LostUpdateFigures { K = 2, CallsPerThread = 1000, Repeats = [.. repeats.Select(r => new LostUpdateRepeat(r.Expected, r.Got))] },
    };

    public static ImmutableArray<InterpreterRun> Runs(params InterpreterRun[] runs) => [.. runs];

    private static SpeedupFigures Level(int k, double threads, double processes, double threadSpread, double processSpread, double sequential, double coreShare) => new()
    {
        K = k,
        Repeats = 5,
        SequentialSeconds = sequential,
        ThreadSeconds = sequential / threads,
        ProcessSeconds = sequential / processes,
        ThreadSpeedup = threads,
        ProcessSpeedup = processes,
        ThreadSpread = threadSpread,
        ProcessSpread = processSpread,
        ThreadStartupSeconds = 0.0002,
        ProcessStartupSeconds = 0.004,
        ProcessTransferSeconds = 0.001,
        ResultBytes = 17,
        SequentialCoreShare = coreShare,
        ThreadCoresBusy = Math.Min(threads, k),
        ProcessCoresBusy = Math.Min(processes, k),
    };

    private static InterpreterIdentity Identity(string implementation, string version, string implementationVersion, bool freeThreaded, string path) => new()
    {
        Command = path,
        Executable = path,
        Prefix = "/usr/local",
        Implementation = implementation,
        Version = version,
        ImplementationVersion = implementationVersion,
        GilDisabledBuild = freeThreaded,
        GilEnabledAtStart = implementation == "cpython" ? !freeThreaded : null,
        Origin = InterpreterOrigin.Named,
    };
}
