namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The honest false-positive rate of a rule, as GitHub code scanning's <c>precision</c> property
/// (it orders alerts by it).
/// </summary>
public enum RulePrecision
{
    /// <summary>Findings are essentially always right (for example syntax errors).</summary>
    VeryHigh,

    /// <summary>Rare false positives.</summary>
    High,

    /// <summary>Some false positives on real code.</summary>
    Medium,

    /// <summary>Frequent false positives; worth a look, not a gate.</summary>
    Low,
}
