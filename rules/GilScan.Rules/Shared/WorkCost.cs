using System.Globalization;
using GilScan.Analysis.Configuration;

namespace GilScan.Rules.Shared;

/// <summary>
/// How the rules turn the effect summaries' operation counts into "worth reporting". One operation
/// is roughly one bytecode-level step (an arithmetic operation, a subscript, a call). Measured on
/// CPython 3.13 on this project's 2-core machine, a loop like <c>total += i * i % 7</c> costs 10-17 ns
/// per operation; <see cref="NanosecondsPerOperation"/> takes the fast end, so that time estimates err
/// towards silence.
/// </summary>
public static class WorkCost
{
    /// <summary>Time of one pure-Python operation on a fast core, in nanoseconds.</summary>
    public const double NanosecondsPerOperation = 10;

    /// <summary>Operations per loop iteration assumed when <c>min-loop-iterations</c> becomes an
    /// operation threshold: a typical loop body does 5-20 operations; 100 keeps small loops silent.</summary>
    public const long OperationsPerCountedIteration = 100;

    /// <summary>The least GIL-held work (in operations) that makes a callable CPU-bound on a thread:
    /// <c>min-loop-iterations</c> (default 10,000) x 100 = 1,000,000 operations, about 10 ms.</summary>
    public static double ThreadThreshold(AnalysisOptions options) => (double)options.MinLoopIterations * OperationsPerCountedIteration;

    /// <summary>The least work between two awaits that blocks the event loop longer than
    /// <c>latency-budget-ms</c> (default 50 ms = 5,000,000 operations).</summary>
    public static double EventLoopThreshold(AnalysisOptions options) => options.LatencyBudgetMs * 1e6 / NanosecondsPerOperation;

    public static double Milliseconds(double operations) => operations * NanosecondsPerOperation / 1e6;

    /// <summary>"~80,000,000" (3 significant digits, invariant culture).</summary>
    public static string Approximately(double value)
    {
        if (value < 1000) return "~" + Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)) - 2);
        return "~" + (Math.Round(value / magnitude) * magnitude).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <summary>"~800 ms", "~1.2 s".</summary>
    public static string Duration(double operations)
    {
        var ms = Milliseconds(operations);
        if (ms >= 1000) return "~" + (ms / 1000).ToString(ms >= 10_000 ? "N0" : "0.#", CultureInfo.InvariantCulture) + " s";
        if (ms >= 1) return "~" + Math.Round(ms).ToString("N0", CultureInfo.InvariantCulture) + " ms";
        return ms >= 0.1 ? "~" + ms.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "<0.1 ms";
    }
}
