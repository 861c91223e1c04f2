namespace GilScan.Confirmation.Verdicts;

/// <summary>
/// The numbers a verdict is decided by. Speedups are sequential time divided by parallel time for the
/// same k calls; every figure is the median over the repeats. The defaults are the ones README.md
/// states and the tests and the demo bench check; change them only with new figures.
/// </summary>
public sealed record ConfirmationThresholds
{
    public static ConfirmationThresholds Default { get; } = new();

    /// <summary>A thread speedup below this means the threads did not overlap: confirmed (with <see cref="ParallelAbove"/>).</summary>
    public double SerialisedBelow { get; init; } = 1.25;

    /// <summary>
    /// A process speedup (or a thread speedup under a free-threaded build) above this shows that the work
    /// itself runs in parallel on these cores, so slow threads are the GIL's doing and not a busy machine's.
    /// </summary>
    public double ParallelAbove { get; init; } = 1.5;

    /// <summary>A thread speedup at or above this means the threads ran in parallel: the code releases the GIL (refuted).</summary>
    public double ScalesAtLeast { get; init; } = 1.5;

    /// <summary>
    /// For a refutation the threads must also reach this share of the process speedup; below it part of
    /// the work still holds the GIL, which is neither a confirmation nor a refutation.
    /// </summary>
    public double ThreadShareOfProcess { get; init; } = 0.6;

    /// <summary>
    /// Noise: when the interquartile range of a deciding speedup over the repeats exceeds this share of
    /// its median, the figures are not stable enough to decide on.
    /// </summary>
    public double MaxRelativeSpread { get; init; } = 0.4;

    /// <summary>
    /// The sequential runs must have had at least this share of a core (CPU time / wall time, median over
    /// the repeats); below it other work on the machine stretched them, and every speedup with them.
    /// </summary>
    public double MinSequentialCoreShare { get; init; } = 0.85;

    /// <summary>
    /// A speedup above this many times k is impossible on k cores: the sequential runs were slowed by
    /// something CPU time does not show (a neighbour sharing the cache and memory bus, which the parallel
    /// runs push off), so nothing measured against them can be trusted. Why 1.25: GIL-bound threads
    /// only reach the refutation threshold of 1.5x when the sequential runs are slowed 1.5-fold, and then
    /// the processes show about 1.5 x k x 0.95, above 1.25 x k; a smaller limit turned away sound runs
    /// (NumPy at 2.44x on 2 cores after a 24% slower sequential phase, threads and processes agreeing).
    /// </summary>
    public double MaxSpeedupPerWorker { get; init; } = 1.25;

    /// <summary>k sequential calls faster than this are too short to time against thread and process start-up.</summary>
    public double MinSequentialSeconds { get; init; } = 0.05;

    /// <summary>
    /// GIL201: when the heartbeat alone (no coroutine) already lags by more than this share of the budget,
    /// the machine is too busy to tell what the coroutine did.
    /// </summary>
    public double QuietBaselineShareOfBudget { get; init; } = 0.5;
}
