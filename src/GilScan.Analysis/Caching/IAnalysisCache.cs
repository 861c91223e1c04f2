using GilScan.Analysis.Engine;

namespace GilScan.Analysis.Caching;

/// <summary>
/// Where the driver keeps results between runs. An instance belongs to one effective configuration
/// and one build of gilscan (its owner chose them when opening it), so keys only need to name the
/// inputs: a file's path and content hash for file results, the hash of every path and content of the
/// run for project results. Implementations must be safe to call from several threads.
/// </summary>
public interface IAnalysisCache
{
    /// <summary>The results of the file actions on the file at <paramref name="path"/> with content <paramref name="contentHash"/>, or null.</summary>
    ResultSet? GetFile(string path, string contentHash);

    void PutFile(string path, string contentHash, ResultSet results);

    /// <summary>The results of the project actions on the project whose inputs hash to <paramref name="projectKey"/>, or null.</summary>
    ResultSet? GetProject(string projectKey);

    void PutProject(string projectKey, ResultSet results);
}
