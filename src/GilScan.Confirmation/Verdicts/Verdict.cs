namespace GilScan.Confirmation.Verdicts;

/// <summary>What the measurement says about the static finding.</summary>
public enum Verdict
{
    /// <summary>The figures show the problem the finding describes.</summary>
    Confirmed,

    /// <summary>The figures show the opposite (threads scale, the loop stays responsive, the GIL stays off).</summary>
    Refuted,

    /// <summary>Noise, a failure, a timeout or a missing interpreter: the figures decide nothing.</summary>
    Inconclusive,
}

/// <summary>A verdict and the one sentence that justifies it with its figures.</summary>
public sealed record VerdictDecision(Verdict Verdict, string Reason)
{
    public static VerdictDecision Confirmed(string reason) => new(Verdict.Confirmed, reason);

    public static VerdictDecision Refuted(string reason) => new(Verdict.Refuted, reason);

    public static VerdictDecision Inconclusive(string reason) => new(Verdict.Inconclusive, reason);
}
