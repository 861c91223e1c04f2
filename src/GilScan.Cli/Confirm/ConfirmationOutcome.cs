using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Reporting.Check;

namespace GilScan.Cli.Confirm;

/// <summary>
/// What <c>--confirm</c> gave: every finding (adjusted where measured, in the diagnostic order), and for
/// each adjusted finding its confirmation, keyed by the adjusted diagnostic itself.
/// </summary>
internal sealed record ConfirmationOutcome(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<Diagnostic, ConfirmedFinding> Confirmations)
{
    public static ConfirmationOutcome Unchanged(ImmutableArray<Diagnostic> diagnostics) =>
        new(diagnostics, new Dictionary<Diagnostic, ConfirmedFinding>(ReferenceEqualityComparer.Instance));
}
