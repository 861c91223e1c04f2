using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Results;

namespace GilScan.Confirmation.Findings;

/// <summary>
/// What <c>--confirm</c> gave: every finding (adjusted where measured, in the diagnostic order), for each
/// adjusted finding its confirmation, keyed by the adjusted diagnostic itself, and the results of the
/// targets only the configuration named (no finding to attach them to).
/// </summary>
public sealed record ConfirmationOutcome(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyDictionary<Diagnostic, ConfirmedFinding> Confirmations)
{
    /// <summary>Targets of <c>[tool.gilscan.confirm]</c> that no finding flags, with their results, in key order.</summary>
    public ImmutableArray<ConfirmationResult> ConfiguredOnly { get; init; } = [];

    public static ConfirmationOutcome Unchanged(ImmutableArray<Diagnostic> diagnostics) =>
        new(diagnostics, new Dictionary<Diagnostic, ConfirmedFinding>(ReferenceEqualityComparer.Instance));
}
