namespace GilScan.Confirmation.Measurements;

/// <summary>
/// Event-loop lag while the coroutine ran: how late a heartbeat that asked to wake every few
/// milliseconds woke up. Each repeat also measures the heartbeat alone (the baseline) for as long.
/// Lags are the coroutine's own: a tick's lateness minus the time the loop's thread sat runnable waiting
/// for a CPU (Linux schedstat), which is other work on the machine, not the coroutine. Where that is not
/// known (<see cref="RunQueueAccounted"/> false) they are plain wall-clock lags.
/// </summary>
public sealed record CoroutineFigures
{
    public required int Repeats { get; init; }

    /// <summary>The worst lag of any repeat, in milliseconds.</summary>
    public required double WorstLagMs { get; init; }

    /// <summary>The median over the repeats of each repeat's worst lag: what one run typically does.</summary>
    public required double TypicalWorstLagMs { get; init; }

    /// <summary>The 99th percentile of every heartbeat lag while the coroutine ran.</summary>
    public required double P99LagMs { get; init; }

    /// <summary>How many repeats had a worst lag over the budget.</summary>
    public required int RepeatsOverBudget { get; init; }

    /// <summary>The median over the repeats of the baseline's worst lag: the machine's own lag.</summary>
    public required double BaselineWorstLagMs { get; init; }

    /// <summary>The median duration of one run of the coroutine, in seconds.</summary>
    public required double RunSeconds { get; init; }

    public required double HeartbeatMs { get; init; }

    /// <summary>The worst wall-clock lag of any repeat: what a service on this machine, as busy as it was, would have seen.</summary>
    public required double WallWorstLagMs { get; init; }

    /// <summary>Whether lags exclude the time the thread waited for a CPU.</summary>
    public required bool RunQueueAccounted { get; init; }

    public required double BudgetMs { get; init; }
}
