using System.Collections.Immutable;

namespace GilScan.Confirmation.Measurements;

/// <summary>One interpreter's thread-work measurement: figures per k, and how the harness ran.</summary>
public sealed record ThreadWorkFigures
{
    public required ImmutableArray<SpeedupFigures> Levels { get; init; }

    /// <summary>The factor integer arguments were scaled by (1 when not scaled).</summary>
    public required double ScaleFactor { get; init; }

    /// <summary>One call before measuring (imports, caches, a JIT's warm-up).</summary>
    public required double WarmUpSeconds { get; init; }

    /// <summary>How the harness pinned itself (os.sched_setaffinity, libc sched_setaffinity, ...).</summary>
    public required string Pinning { get; init; }

    /// <summary>The multiprocessing start method of the process runs (fork, spawn).</summary>
    public required string StartMethod { get; init; }

    public SpeedupFigures? AtK(int k) => Levels.FirstOrDefault(l => l.K == k);
}
