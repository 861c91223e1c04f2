using GilScan.Analysis.Diagnostics;

namespace GilScan.Sarif;

/// <summary>How a result compares with the baseline; SARIF's <c>baselineState</c> values.</summary>
public enum ResultBaselineState
{
    /// <summary>No baseline was given.</summary>
    NotCompared,

    /// <summary>Not in the baseline: the only state that fails a run that has a baseline.</summary>
    New,

    /// <summary>In the baseline with the same message and level (its line may have moved).</summary>
    Unchanged,

    /// <summary>In the baseline, but its message or level changed.</summary>
    Updated,

    /// <summary>In the baseline but no longer found.</summary>
    Absent,
}

/// <summary>What became of one diagnostic in the SARIF file: its fingerprints, baseline state and whether it was written.</summary>
/// <param name="LineHash">GitHub's <c>primaryLocationLineHash</c>, or null when the file could not be read.</param>
/// <param name="Written">False when the profile left it out (a suppressed result in the GitHub profile).</param>
public sealed record ReportedResult(
    Diagnostic Diagnostic, string StableFingerprint, string? LineHash, ResultBaselineState BaselineState, bool Written);
