using GilScan.Analysis.Configuration;
using GilScan.Analysis.Rules;

namespace GilScan.Analysis.Engine;

/// <summary>How the driver runs: the options rules read, the configuration's policy, shared models and parallelism.</summary>
public sealed record AnalysisDriverOptions
{
    public static AnalysisDriverOptions Default { get; } = new();

    public AnalysisOptions Options { get; init; } = AnalysisOptions.Default;

    public DiagnosticPolicy Policy { get; init; } = DiagnosticPolicy.EnableAll;

    public ProjectModelRegistry Models { get; init; } = ProjectModelRegistry.Empty;

    /// <summary>
    /// The full path of the folder the documents' paths are relative to, handed to the shared models
    /// (<see cref="ProjectModelInput.ProjectRoot"/>) that read other inputs there, such as lockfiles;
    /// null when the documents do not come from a folder.
    /// </summary>
    public string? ProjectRoot { get; init; }

    /// <summary>
    /// A fingerprint of the inputs besides the Python files that project actions read (manifests,
    /// lockfiles, installed environments): part of the cache key of the project results, so that they
    /// are recomputed when one of those inputs changes although no Python file did. Null when there are none.
    /// </summary>
    public string? ProjectInputsKey { get; init; }

    /// <summary>Files analysed at once; the output does not depend on it.</summary>
    public int Jobs
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Jobs), value, "at least one job is needed");
    } = Environment.ProcessorCount;
}
