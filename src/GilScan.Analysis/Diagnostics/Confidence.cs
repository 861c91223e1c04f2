namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// How sure the analysis is about one finding (as opposed to <see cref="RulePrecision"/>, which is
/// about a rule as a whole): for example High when every call on the path was resolved, Low when a
/// trip count had to be guessed.
/// </summary>
public enum Confidence
{
    /// <summary>Every fact the finding rests on was proven statically.</summary>
    High,

    /// <summary>The finding rests on a plausible but unproven fact.</summary>
    Medium,

    /// <summary>The finding rests on a guess.</summary>
    Low,
}
