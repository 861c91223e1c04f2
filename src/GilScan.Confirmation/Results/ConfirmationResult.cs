using System.Collections.Immutable;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Results;

/// <summary>The outcome of confirming one target: the verdict, why, and every interpreter's figures.</summary>
public sealed record ConfirmationResult
{
    public required ConfirmationTarget Target { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>One sentence with the deciding figures.</summary>
    public required string Reason { get; init; }

    /// <summary>Workers per parallel run (0 when the target was never measured).</summary>
    public required int K { get; init; }

    /// <summary>The cores the measurement was pinned to; null when the target was never measured.</summary>
    public required CoreSet? Cores { get; init; }

    /// <summary>One entry per interpreter, in the order they ran (the project's interpreter first).</summary>
    public required ImmutableArray<InterpreterRun> Runs { get; init; }

    /// <summary>Where the harness script was kept (<c>--keep-harness</c>); null when it was deleted.</summary>
    public string? HarnessPath { get; init; }

    public static ConfirmationResult Unmeasured(ConfirmationTarget target, string reason) => new()
    {
        Target = target,
        Verdict = Verdict.Inconclusive,
        Reason = reason,
        K = 0,
        Cores = null,
        Runs = [],
    };
}
