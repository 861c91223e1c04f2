namespace GilScan.Confirmation.Measurements;

/// <summary>
/// k calls of the target, three ways, on one interpreter, summarised over the repeats. Times are medians
/// in seconds; a speedup is the median of the per-repeat ratios sequential / parallel (each repeat pairs
/// its own runs, so a machine that slows down between repeats does not skew the ratio).
/// </summary>
public sealed record SpeedupFigures
{
    public required int K { get; init; }

    public required int Repeats { get; init; }

    /// <summary>k calls in a row on one thread.</summary>
    public required double SequentialSeconds { get; init; }

    /// <summary>k threads, from the barrier's release to the last thread's end.</summary>
    public required double ThreadSeconds { get; init; }

    /// <summary>k processes, from the barrier's release to the last process's end (start-up and result transfer excluded).</summary>
    public required double ProcessSeconds { get; init; }

    public required double ThreadSpeedup { get; init; }

    public required double ProcessSpeedup { get; init; }

    /// <summary>Relative interquartile spread of the per-repeat thread speedups (see <see cref="Statistics.RelativeSpread"/>).</summary>
    public required double ThreadSpread { get; init; }

    public required double ProcessSpread { get; init; }

    /// <summary>From creating the threads to the barrier's release.</summary>
    public required double ThreadStartupSeconds { get; init; }

    /// <summary>From creating the processes to the barrier's release.</summary>
    public required double ProcessStartupSeconds { get; init; }

    /// <summary>From the last process's end to the parent holding every pickled result.</summary>
    public required double ProcessTransferSeconds { get; init; }

    /// <summary>The size of the largest pickled result; 0 when the result could not be pickled.</summary>
    public required long ResultBytes { get; init; }

    /// <summary>
    /// CPU time / wall time of the sequential runs: 1 when they had a whole core. Less means other work on
    /// the machine took the core, which inflates the sequential time every speedup divides by.
    /// </summary>
    public required double SequentialCoreShare { get; init; }

    /// <summary>How many cores the threads kept busy (CPU time / wall time): about 1 when the GIL serialises them.</summary>
    public required double ThreadCoresBusy { get; init; }

    /// <summary>How many cores the worker processes kept busy, start-up included; null where the OS does not say.</summary>
    public required double? ProcessCoresBusy { get; init; }
}
