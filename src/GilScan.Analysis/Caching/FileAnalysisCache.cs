using System.Collections.Concurrent;
using System.Text.Json;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;

namespace GilScan.Analysis.Caching;

/// <summary>
/// The results cache on disk: one JSON file per effective configuration and gilscan build in
/// <c>.gilscan_cache/</c> (see <see cref="CacheDirectory"/>), named after a hash of
/// <c>settingsKey</c>, which the caller makes from everything that can change results besides the
/// inputs: gilscan's version and build, the selected rules and the whole effective configuration.
/// It holds each file's results by path and content hash, and the last project results by project
/// key. Loaded once, written once by <see cref="Save"/> (atomically, by rename) when something
/// changed. A missing, corrupt or foreign file is an empty cache, never an error.
/// </summary>
public sealed class FileAnalysisCache : IAnalysisCache, IDisposable
{
    // 2: diagnostics in DiagnosticJson's keys (shared with --format json); 3: with their confirmation requests.
    private const int FormatVersion = 3;

    private readonly string _settingsKey;
    private readonly string _projectRoot;
    private readonly IReadOnlyDictionary<string, RuleDescriptor> _rules;
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _touched = new(StringComparer.Ordinal);
    private readonly Lock _projectGate = new();
    private JsonDocument? _loaded;
    private (string Key, Entry Entry)? _project;
    private int _dirty;

    private FileAnalysisCache(string directory, string settingsKey, IReadOnlyDictionary<string, RuleDescriptor> rules, string projectRoot)
    {
        Directory = directory;
        FilePath = Path.Combine(directory, $"results-{ContentHash.OfText(settingsKey)[..16]}.json");
        _settingsKey = settingsKey;
        _rules = rules;
        _projectRoot = projectRoot;
    }

    public string Directory { get; }

    /// <summary>The JSON file of this configuration.</summary>
    public string FilePath { get; }

    /// <param name="directory">The cache folder, usually <c>&lt;project&gt;/.gilscan_cache</c>.</param>
    /// <param name="settingsKey">Everything besides the inputs that results depend on (see the class remarks).</param>
    /// <param name="rules">Every rule whose findings may be stored (including the tool rules).</param>
    /// <param name="projectRoot">The folder file paths are relative to; entries of files gone from it are dropped on save.</param>
    public static FileAnalysisCache Open(string directory, string settingsKey, IEnumerable<RuleDescriptor> rules, string projectRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settingsKey);
        var byId = ToolRules.All.Concat(rules).DistinctBy(rule => rule.Id).ToDictionary(rule => rule.Id, StringComparer.Ordinal);
        var cache = new FileAnalysisCache(directory, settingsKey, byId, projectRoot);
        cache.Load();
        return cache;
    }

    public ResultSet? GetFile(string path, string contentHash)
    {
        _touched[path] = true;
        return _files.TryGetValue(path, out var entry) && entry.Hash == contentHash ? Materialise(path, entry) : null;
    }

    public void PutFile(string path, string contentHash, ResultSet results)
    {
        _touched[path] = true;
        _files[path] = new Entry(contentHash, null, results);
        Interlocked.Exchange(ref _dirty, 1);
    }

    public ResultSet? GetProject(string projectKey)
    {
        lock (_projectGate)
        {
            if (_project is not { } stored || stored.Key != projectKey)
            {
                return null;
            }

            var results = TryRead(stored.Entry);
            _project = results is null ? null : (projectKey, stored.Entry with { Results = results });
            return results;
        }
    }

    public void PutProject(string projectKey, ResultSet results)
    {
        lock (_projectGate)
        {
            _project = (projectKey, new Entry(projectKey, null, results));
        }

        Interlocked.Exchange(ref _dirty, 1);
    }

    /// <summary>Writes the cache if this run changed it: the folder's marker files, then the JSON file by atomic rename.</summary>
    public void Save()
    {
        if (Volatile.Read(ref _dirty) == 0)
        {
            return;
        }

        CacheDirectory.Ensure(Directory);
        var temporary = $"{FilePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteString("settings", _settingsKey);
            json.WriteStartObject("files");
            foreach (var (path, entry) in _files.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (!_touched.ContainsKey(path) && !File.Exists(Path.Combine(_projectRoot, path)))
                {
                    continue;
                }

                json.WritePropertyName(path);
                WriteEntry(json, entry);
            }

            json.WriteEndObject();
            if (_project is { } stored)
            {
                json.WritePropertyName("project");
                WriteEntry(json, stored.Entry);
            }

            json.WriteEndObject();
        }

        File.Move(temporary, FilePath, overwrite: true);
        Interlocked.Exchange(ref _dirty, 0);
    }

    public void Dispose() => _loaded?.Dispose();

    private void Load()
    {
        try
        {
            if (!File.Exists(FilePath))
            {
                return;
            }

            _loaded = JsonDocument.Parse(File.ReadAllBytes(FilePath));
            var root = _loaded.RootElement;
            if (root.GetProperty("format").GetInt32() != FormatVersion || root.GetProperty("settings").GetString() != _settingsKey)
            {
                return;
            }

            foreach (var file in root.GetProperty("files").EnumerateObject())
            {
                _files[file.Name] = new Entry(file.Value.GetProperty("hash").GetString()!, file.Value.GetProperty("results"), null);
            }

            if (root.TryGetProperty("project", out var stored))
            {
                var key = stored.GetProperty("hash").GetString()!;
                _project = (key, new Entry(key, stored.GetProperty("results"), null));
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // An unreadable or damaged cache is an empty one; the next save replaces it.
            _files.Clear();
            _project = null;
        }
    }

    private ResultSet? Materialise(string path, Entry entry)
    {
        if (entry.Results is not null)
        {
            return entry.Results;
        }

        var results = TryRead(entry);
        if (results is not null)
        {
            _files.TryUpdate(path, entry with { Results = results }, entry);
        }

        return results;
    }

    private ResultSet? TryRead(Entry entry)
    {
        if (entry.Results is not null)
        {
            return entry.Results;
        }

        try
        {
            return ResultSetJson.Read(entry.Json!.Value, _rules);
        }
        catch (Exception error) when (error is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static void WriteEntry(Utf8JsonWriter json, Entry entry)
    {
        json.WriteStartObject();
        json.WriteString("hash", entry.Hash);
        json.WritePropertyName("results");
        if (entry.Results is not null)
        {
            ResultSetJson.Write(json, entry.Results);
        }
        else
        {
            entry.Json!.Value.WriteTo(json);
        }

        json.WriteEndObject();
    }

    /// <summary>A stored result: as JSON from the file until someone reads it, or as objects.</summary>
    private sealed record Entry(string Hash, JsonElement? Json, ResultSet? Results);
}
