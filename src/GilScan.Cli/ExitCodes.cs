namespace GilScan.Cli;

/// <summary>The exit codes every command keeps (DESIGN.md, ruff's convention).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Findings = 1;
    public const int UsageError = 2;
}
