namespace GilScan.Confirmation.Results;

/// <summary>How one interpreter's measurement ended.</summary>
public enum RunStatus
{
    /// <summary>The harness ran to the end and reported figures.</summary>
    Measured,

    /// <summary>The harness, the import or the target failed; <see cref="InterpreterRun.Problem"/> says how.</summary>
    Failed,

    /// <summary>The timeout ended it; its process group was killed.</summary>
    TimedOut,
}
