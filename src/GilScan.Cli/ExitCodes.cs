namespace GilScan.Cli;

/// <summary>The exit codes every command keeps (DESIGN.md, ruff's convention).</summary>
internal static class ExitCodes
{
    /// <summary>Nothing to report at or above the fail level (or --exit-zero).</summary>
    public const int Success = 0;

    /// <summary>Findings at or above the fail level (only new ones, with --baseline).</summary>
    public const int Findings = 1;

    /// <summary>Bad usage, bad configuration (GIL003), or an internal error such as a rule that crashed.</summary>
    public const int UsageError = 2;
}
