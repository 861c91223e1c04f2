namespace GilScan.Analysis.Engine;

/// <summary>The stages of a run that a progress display names.</summary>
public enum AnalysisPhase
{
    /// <summary>Files are parsed (and, without project rules, checked in the same pass).</summary>
    Parsing,

    /// <summary>Project rules start: the shared models (the semantic model, the dependency audit) are built.</summary>
    Model,

    /// <summary>The rules walk each parsed file.</summary>
    Rules,
}

/// <summary>
/// Called by <see cref="AnalysisDriver.Run"/>
/// from any thread: the phase, how many of its items are done and how many there are (0 of 0 for a phase without a count).
/// </summary>
public delegate void AnalysisProgress(AnalysisPhase phase, int done, int total);
