namespace GilScan.Reporting.Audit;

/// <summary>
/// The exit status of <c>gilscan audit</c>: 1 when a dependency blocks free-threading on the target
/// (the migration cannot go ahead as pinned), 0 otherwise or with <c>--exit-zero</c>. Code findings
/// of other rules do not change it: they are advice for the migration, not blockers. Usage,
/// configuration and internal errors (2) are the command's to report.
/// </summary>
public static class AuditExitCodes
{
    public const int NoBlockers = 0;

    public const int BlockersFound = 1;

    public static int For(AuditReport report, bool exitZero = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.HasBlockers && !exitZero ? BlockersFound : NoBlockers;
    }
}
