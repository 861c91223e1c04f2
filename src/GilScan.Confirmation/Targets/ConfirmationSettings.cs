using System.Collections.Immutable;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Targets;

/// <summary>How a confirmation measures: on which cores, how many workers, how often, for how long.</summary>
public sealed record ConfirmationSettings
{
    public static ConfirmationSettings Default { get; } = new();

    /// <summary>The cores to pin to (<c>--cores</c>); null means every core this process may use.</summary>
    public CoreSet? Cores { get; init; }

    /// <summary>Workers per parallel run (threads, processes); null means one per target core.</summary>
    public int? K { get; init; }

    /// <summary>
    /// Further worker counts to measure for the chart (speedup against k); the verdict is always decided at
    /// <see cref="K"/>. Empty means only <see cref="K"/>.
    /// </summary>
    public ImmutableArray<int> ChartLevels { get; init; } = [];

    /// <summary>Repeats of each measurement (<c>--repeat</c>); the median and spread are taken over them.</summary>
    public int Repeat { get; init; } = 5;

    /// <summary>Wall-clock limit for one interpreter's measurement of one target (<c>--confirm-timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>GIL201: the loop lag a service tolerates (<c>latency-budget-ms</c>).</summary>
    public double LatencyBudgetMs { get; init; } = 50;

    /// <summary>GIL201: how often the heartbeat asks to wake up.</summary>
    public double HeartbeatMs { get; init; } = 5;

    /// <summary>With <see cref="ArgumentScale.Auto"/>: the duration of one call the harness scales to.</summary>
    public double TargetCallSeconds { get; init; } = 0.2;

    /// <summary>Keep the generated harness scripts (<c>--keep-harness</c>) instead of deleting them.</summary>
    public bool KeepHarness { get; init; }

    /// <summary>Where harness scripts are written; null means a new folder under the system temp folder.</summary>
    public string? HarnessDirectory { get; init; }

    public ConfirmationThresholds Thresholds { get; init; } = ConfirmationThresholds.Default;

    /// <summary>The problems that make these settings unusable, as sentences; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (K is < 1)
        {
            problems.Add($"k must be at least 1, not {K}.");
        }

        if (ChartLevels.Any(k => k < 1))
        {
            problems.Add("Every chart level must be at least 1.");
        }

        if (Repeat < 1)
        {
            problems.Add($"repeat must be at least 1, not {Repeat}.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add("The timeout must be positive.");
        }

        if (!(LatencyBudgetMs > 0) || !(HeartbeatMs > 0) || !(TargetCallSeconds > 0))
        {
            problems.Add("The latency budget, heartbeat and target call time must be positive.");
        }

        return problems;
    }

    /// <summary>The cores actually used: <see cref="Cores"/> or every allowed core.</summary>
    public CoreSet ResolveCores() => Cores ?? CoreSet.Allowed();

    /// <summary>The worker counts to measure, ascending, <see cref="K"/> included.</summary>
    public ImmutableArray<int> ResolveLevels(int k) => [.. ChartLevels.Append(k).Distinct().Order()];
}
