using System.Globalization;

namespace GilScan.Analysis.Configuration;

/// <summary>
/// The thresholds and facts about the project that rules read (<c>[tool.gilscan]</c>'s
/// <c>min-loop-iterations</c>, <c>latency-budget-ms</c>, <c>target-version</c>). Immutable; part of
/// the cache key through <see cref="CanonicalText"/>.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>Default of <see cref="MinLoopIterations"/>.</summary>
    public const long DefaultMinLoopIterations = 10_000;

    /// <summary>Default of <see cref="LatencyBudgetMs"/>.</summary>
    public const double DefaultLatencyBudgetMs = 50;

    public static AnalysisOptions Default { get; } = new();

    /// <summary>
    /// Loops with fewer estimated iterations are too small to report: the work a thread or a coroutine
    /// does must be at least this many iterations of pure-Python code before it is worth a finding.
    /// </summary>
    public long MinLoopIterations
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinLoopIterations), value, "must be at least 1");
    } = DefaultMinLoopIterations;

    /// <summary>How long, in milliseconds, a coroutine may keep the event loop busy without an await before it is reported.</summary>
    public double LatencyBudgetMs
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LatencyBudgetMs), value, "must be a positive number");
    } = DefaultLatencyBudgetMs;

    /// <summary>The oldest Python version the project supports, when configured.</summary>
    public PythonVersion? TargetVersion { get; init; }

    /// <summary>The installed environment whose pure-Python packages the analysis follows calls into
    /// (<c>--python-env</c>, a full path); null for the project's own <c>.venv</c> or <c>venv</c>, if any.</summary>
    public string? PythonEnvironment { get; init; }

    /// <summary>A stable text of every value, for cache keys.</summary>
    public string CanonicalText => string.Create(
        CultureInfo.InvariantCulture,
        $"min-loop-iterations={MinLoopIterations};latency-budget-ms={LatencyBudgetMs:R};target-version={TargetVersion?.ToString() ?? "-"};python-env={PythonEnvironment ?? "-"}");
}
