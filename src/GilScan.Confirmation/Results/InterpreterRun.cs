using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Measurements;

namespace GilScan.Confirmation.Results;

/// <summary>One target measured under one interpreter.</summary>
public sealed record InterpreterRun
{
    public required InterpreterIdentity Interpreter { get; init; }

    public required RunStatus Status { get; init; }

    /// <summary>Why the run failed or timed out, as one sentence; null when measured.</summary>
    public string? Problem { get; init; }

    /// <summary>
    /// Whether the GIL was on while the target ran (read after it ran: an import can turn it on under a
    /// free-threaded build). Null when the harness did not get that far.
    /// </summary>
    public bool? GilEnabled { get; init; }

    public ThreadWorkFigures? Threads { get; init; }

    public CoroutineFigures? Coroutine { get; init; }

    public ImportProbeFigures? Import { get; init; }

    public LostUpdateFigures? LostUpdates { get; init; }

    public TimeSpan Elapsed { get; init; }

    public bool IsMeasured => Status == RunStatus.Measured;

    /// <summary>A measured run with the GIL off: a free-threaded build that stayed free-threaded.</summary>
    public bool RanFreeThreaded => IsMeasured && GilEnabled == false;
}
