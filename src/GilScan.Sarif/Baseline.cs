using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using GilScan.Sarif.Fingerprints;

namespace GilScan.Sarif;

/// <summary>
/// The results of an earlier SARIF file, by their <c>gilscan/v1</c> fingerprint, to mark new results
/// as new/unchanged/updated and vanished ones as absent. Results without that fingerprint (from
/// another tool, or edited by hand) cannot be matched and are ignored.
/// </summary>
public sealed class Baseline
{
    private readonly IReadOnlyDictionary<string, Result> _byFingerprint;

    private Baseline(IReadOnlyDictionary<string, Result> byFingerprint) => _byFingerprint = byFingerprint;

    /// <summary>How many results of the old file can be matched.</summary>
    public int Count => _byFingerprint.Count;

    /// <exception cref="InvalidDataException">The file is not a SARIF log.</exception>
    public static Baseline Load(string path) => Parse(File.ReadAllText(path), path);

    /// <exception cref="InvalidDataException">The text is not a SARIF log.</exception>
    public static Baseline Parse(string json, string source = "baseline")
    {
        SarifLog? log;
        try
        {
            log = JsonConvert.DeserializeObject<SarifLog>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not a SARIF log: {e.Message}", e);
        }

        if (log?.Runs is null)
        {
            throw new InvalidDataException($"{source} is not a SARIF log: it has no runs.");
        }

        // A baseline's own absent results are history, not findings: they never match again.
        var results = new SortedDictionary<string, Result>(StringComparer.Ordinal);
        foreach (var result in log.Runs.SelectMany(run => run.Results ?? []))
        {
            if (result.BaselineState != BaselineState.Absent
                && result.PartialFingerprints is not null
                && result.PartialFingerprints.TryGetValue(StableFingerprint.Key, out var fingerprint))
            {
                results.TryAdd(fingerprint, result);
            }
        }

        return new Baseline(results);
    }

    internal bool TryGet(string fingerprint, out Result result)
    {
        var found = _byFingerprint.TryGetValue(fingerprint, out var value);
        result = value!;
        return found;
    }

    /// <summary>The old results whose fingerprints are not in <paramref name="matched"/>, in fingerprint order.</summary>
    internal IEnumerable<(string Fingerprint, Result Result)> Unmatched(IReadOnlySet<string> matched) =>
        _byFingerprint.Where(entry => !matched.Contains(entry.Key)).Select(entry => (entry.Key, entry.Value));
}
