using GilScan.Confirmation.Reporting;
using GilScan.Confirmation.Results;

namespace GilScan.Confirmation.Findings;

/// <summary>
/// One finding's confirmation: the result (its verdict, reason and figures, as attached to the finding),
/// and, when nothing ran, why (arguments unknown).
/// </summary>
public sealed record ConfirmedFinding(ConfirmationResult Result, string? NotRunReason)
{
    public bool Ran => NotRunReason is null;

    /// <summary>The audit report's chart: speedup against k for thread work, loop lag for a coroutine; null without figures.</summary>
    public string? Chart => Ran ? SpeedupChart.Render(Result) ?? LagChart.Render(Result) : null;
}
