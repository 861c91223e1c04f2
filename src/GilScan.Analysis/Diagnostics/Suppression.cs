namespace GilScan.Analysis.Diagnostics;

/// <summary>Where a suppression was written; the same two kinds as SARIF's <c>suppression.kind</c>.</summary>
public enum SuppressionKind
{
    /// <summary>A comment in the source (<c># noqa: GIL101</c>, <c># gilscan: ignore[GIL101]</c>).</summary>
    InSource,

    /// <summary>Outside the source: configuration (<c>per-file-ignores</c>) or a baseline.</summary>
    External,
}

/// <summary>
/// Why a finding is not reported as open: kept on the diagnostic so IDE output can show it as
/// suppressed, while output meant for GitHub leaves it out (GitHub ignores suppressions).
/// </summary>
public sealed record Suppression
{
    public Suppression(SuppressionKind kind, string justification)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(justification);
        Kind = kind;
        Justification = justification.ReplaceLineEndings(" ");
    }

    public SuppressionKind Kind { get; }

    /// <summary>The text that suppressed the finding, for example <c># noqa: GIL101</c>.</summary>
    public string Justification { get; }
}
