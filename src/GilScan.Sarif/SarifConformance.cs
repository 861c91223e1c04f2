using System.IO.Compression;
using Microsoft.CodeAnalysis.Sarif;

namespace GilScan.Sarif;

/// <summary>
/// The checks of SARIF-CHECKLIST.md §3 that neither schema validation nor the Multitool makes, and
/// whose failure makes GitHub reject a whole upload. Returns the problems found, in words; empty
/// means the file is fine.
/// </summary>
public static class SarifConformance
{
    public const int MaxResultsPerRun = 25_000;
    public const int MaxLocationsPerResult = 1_000;
    public const long MaxGzippedBytes = 10L * 1024 * 1024;

    public static IReadOnlyList<string> Check(SarifLog log, byte[] fileBytes, SarifProfile profile)
    {
        var problems = new List<string>();
        if (fileBytes.Length >= 3 && fileBytes[0] == 0xEF && fileBytes[1] == 0xBB && fileBytes[2] == 0xBF)
        {
            problems.Add("the file starts with a UTF-8 byte order mark");
        }

        if (GzippedLength(fileBytes) > MaxGzippedBytes)
        {
            problems.Add($"the file is over {MaxGzippedBytes} bytes gzipped");
        }

        var categories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (run, runIndex) in log.Runs.Select((r, i) => (r, i)))
        {
            var category = run.AutomationDetails?.Id ?? string.Empty;
            if (!categories.Add(category))
            {
                problems.Add($"runs[{runIndex}] repeats the category '{category}'");
            }

            var rules = run.Tool.Driver.Rules ?? [];
            var results = run.Results ?? [];
            if (results.Count > MaxResultsPerRun)
            {
                problems.Add($"runs[{runIndex}] has {results.Count} results, over {MaxResultsPerRun}");
            }

            foreach (var (result, i) in results.Select((r, i) => (r, i)))
            {
                var where = $"runs[{runIndex}].results[{i}]";
                if (result.Locations is null || result.Locations.Count == 0)
                {
                    problems.Add($"{where} has no location");
                }
                else if (result.Locations.Any(l => l.PhysicalLocation?.ArtifactLocation?.Uri is null || l.PhysicalLocation.Region is null || l.PhysicalLocation.Region.StartLine < 1))
                {
                    problems.Add($"{where} has a location without a file and a start line");
                }

                if ((result.Locations?.Count ?? 0) > MaxLocationsPerResult || (result.RelatedLocations?.Count ?? 0) > MaxLocationsPerResult)
                {
                    problems.Add($"{where} has over {MaxLocationsPerResult} locations");
                }

                if (result.RuleIndex < 0 || result.RuleIndex >= rules.Count || rules[result.RuleIndex].Id != result.RuleId)
                {
                    problems.Add($"{where} has ruleId '{result.RuleId}' and ruleIndex {result.RuleIndex}, which do not match the run's rules");
                }

                if (profile == SarifProfile.GitHub && result.Suppressions is { Count: > 0 })
                {
                    problems.Add($"{where} carries suppressions, which GitHub ignores (it would open an alert)");
                }

                if (profile == SarifProfile.GitHub && result.BaselineState == BaselineState.Absent)
                {
                    problems.Add($"{where} is an absent baseline result, which GitHub would show as an open alert");
                }
            }
        }

        return problems;
    }

    private static long GzippedLength(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.Length;
    }
}
