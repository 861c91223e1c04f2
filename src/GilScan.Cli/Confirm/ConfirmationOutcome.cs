using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Reporting;
using GilScan.Confirmation.Results;

namespace GilScan.Cli.Confirm;

/// <summary>
/// One finding's confirmation: the result (its verdict, reason and figures, as attached to the finding),
/// and, when nothing ran, why (arguments unknown).
/// </summary>
internal sealed record ConfirmedFinding(ConfirmationResult Result, string? NotRunReason)
{
    public bool Ran => NotRunReason is null;

    /// <summary>The audit report's chart: speedup against k for thread work, loop lag for a coroutine; null without figures.</summary>
    public string? Chart => Ran ? SpeedupChart.Render(Result) ?? LagChart.Render(Result) : null;
}

/// <summary>
/// What <c>--confirm</c> gave: every finding (adjusted where measured, in the diagnostic order), and for
/// each adjusted finding its confirmation, keyed by the adjusted diagnostic itself.
/// </summary>
internal sealed record ConfirmationOutcome(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<Diagnostic, ConfirmedFinding> Confirmations)
{
    public static ConfirmationOutcome Unchanged(ImmutableArray<Diagnostic> diagnostics) =>
        new(diagnostics, new Dictionary<Diagnostic, ConfirmedFinding>(ReferenceEqualityComparer.Instance));
}
