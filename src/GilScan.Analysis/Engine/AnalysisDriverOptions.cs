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

    /// <summary>Files analysed at once; the output does not depend on it.</summary>
    public int Jobs
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Jobs), value, "at least one job is needed");
    } = Environment.ProcessorCount;
}
