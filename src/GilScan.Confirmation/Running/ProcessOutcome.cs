namespace GilScan.Confirmation.Running;

/// <summary>How a run ended.</summary>
public enum ProcessEnd
{
    Exited,
    TimedOut,
    Cancelled,
    FailedToStart,
}

/// <summary>What a run produced. Never an exception: every way a run can go wrong is a value here.</summary>
public sealed record ProcessOutcome(
    ProcessEnd End,
    int? ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed,
    string? StartError = null,
    int? ProcessId = null)
{
    public bool Succeeded => End == ProcessEnd.Exited && ExitCode == 0;

    /// <summary>The last non-empty lines of standard error, for a reason sentence.</summary>
    public string ErrorTail(int lines = 3) =>
        string.Join(" | ", StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
}
