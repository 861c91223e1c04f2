using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Engine;

/// <summary>How a run went: counts for progress lines and benchmarks.</summary>
/// <param name="Files">Input files.</param>
/// <param name="ParsedFiles">Files parsed in this run (not served from the cache).</param>
/// <param name="FilesFromCache">Files whose own results came from the cache.</param>
/// <param name="ProjectFromCache">True when the project actions' results came from the cache (or there were none to compute).</param>
public sealed record AnalysisStatistics(int Files, int ParsedFiles, int FilesFromCache, bool ProjectFromCache);

/// <summary>
/// Everything a run found, in a total order that does not depend on how many threads ran it
/// (<see cref="DiagnosticComparer"/>, <see cref="NotificationComparer"/>), and the shared models it built.
/// </summary>
public sealed record AnalysisResult(
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<ToolNotification> Notifications,
    AnalysisStatistics Statistics,
    bool ExecutionSuccessful)
{
    /// <summary>The shared models the rules asked for in this run, as they used them (none when the results came from the cache).</summary>
    public BuiltModels Models { get; init; } = BuiltModels.None;
}
