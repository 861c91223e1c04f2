using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GilScan.Semantics.Catalog;

/// <summary>
/// The call catalog: which library calls hold the GIL, release it, block on I/O, or are cheap.
/// Loaded from the files of rules/knowledge/calls/ (one per library, embedded in this assembly at build
/// time, or a folder or file given explicitly). Every entry names a source or a reason; <see cref="Load(string)"/>
/// refuses a catalog where one does not, and a name may appear in one file only.
/// </summary>
public sealed class CallCatalog
{
    private readonly Dictionary<string, CatalogEntry> _exact;
    private readonly Dictionary<string, CatalogEntry> _wildcards;

    private CallCatalog(IReadOnlyList<CatalogEntry> entries)
    {
        Entries = entries;
        _exact = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        _wildcards = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var table = e.IsWildcard ? _wildcards : _exact;
            var key = e.IsWildcard ? e.Name[..^2] : e.Name;
            if (!table.TryAdd(key, e)) throw new InvalidDataException($"call catalog: duplicate entry '{e.Name}'");
            if (!e.IsWildcard && OperatorMethods.IsBinaryOperatorMethod(e.Name[(e.Name.LastIndexOf('.') + 1)..]))
                _operatorModules.Add(e.Name[..e.Name.IndexOf('.')]);
        }
    }

    private readonly HashSet<string> _operatorModules = new(StringComparer.Ordinal);

    /// <summary>Top-level modules with catalogued operator methods (<c>ecpy.curves.Point.__rmul__</c>):
    /// binary operations are checked for operands of their types only in projects that import one.</summary>
    public IReadOnlySet<string> OperatorModules => _operatorModules;

    public IReadOnlyList<CatalogEntry> Entries { get; }

    public static CallCatalog Empty { get; } = new([]);

    private const string ResourcePrefix = "GilScan.Semantics.calls.";

    private static readonly Lazy<CallCatalog> BuiltIn = new(() =>
    {
        var assembly = typeof(CallCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0) throw new InvalidOperationException("the call catalog is not embedded in " + assembly.GetName().Name);
        var entries = new List<CatalogEntry>();
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            entries.AddRange(ParseEntries(reader.ReadToEnd(), name[ResourcePrefix.Length..]));
        }
        return new CallCatalog(entries);
    });

    /// <summary>The catalog shipped with gilscan (the files of rules/knowledge/calls/).</summary>
    public static CallCatalog Default => BuiltIn.Value;

    /// <summary>The catalog of one file, or of every <c>*.json</c> file of a folder (in name order).</summary>
    public static CallCatalog Load(string path)
    {
        if (!Directory.Exists(path)) return Parse(File.ReadAllText(path));
        var entries = new List<CatalogEntry>();
        foreach (var file in Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal))
            entries.AddRange(ParseEntries(File.ReadAllText(file), Path.GetFileName(file)));
        return new CallCatalog(entries);
    }

    public static CallCatalog Parse(string json) => new(ParseEntries(json, "call catalog"));

    private static List<CatalogEntry> ParseEntries(string json, string origin)
    {
        var document = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.CatalogDocument)
            ?? throw new InvalidDataException($"{origin}: empty document");
        var entries = new List<CatalogEntry>();
        foreach (var raw in document.Entries ?? [])
        {
            if (string.IsNullOrWhiteSpace(raw.Name)) throw new InvalidDataException($"{origin}: an entry has no name");
            if (string.IsNullOrWhiteSpace(raw.Source) && string.IsNullOrWhiteSpace(raw.Reason))
                throw new InvalidDataException($"{origin}: '{raw.Name}' has neither a source nor a reason");
            entries.Add(new CatalogEntry
            {
                Name = raw.Name,
                Category = ParseCategory(raw.Category, raw.Name),
                Source = raw.Source,
                Reason = raw.Reason,
                Returns = raw.Returns,
                IsAttribute = raw.Attribute ?? false,
                Weight = raw.Weight,
                PerItemOf = raw.PerItemOf is null ? null : new ArgumentRef(raw.PerItemOf.Position, raw.PerItemOf.Keyword),
                LocalFile = raw.LocalFile,
                AtLeast = raw.AtLeast,
                ReleasesGilWhen = raw.ReleasesGilWhen is null ? null : new BufferCondition(
                    new ArgumentRef(raw.ReleasesGilWhen.Position, raw.ReleasesGilWhen.Keyword), raw.ReleasesGilWhen.MinBytes),
                BlocksWhen = raw.BlocksWhen is null ? null : new BlockingCondition(
                    new ArgumentRef(raw.BlocksWhen.Position, raw.BlocksWhen.Keyword), raw.BlocksWhen.AbsentBlocks, raw.BlocksWhen.UnlessFlag),
                Otherwise = raw.Otherwise is null ? null : ParseCategory(raw.Otherwise, raw.Name),
                Invokes = (raw.Invokes ?? []).Select(a => new ArgumentRef(a.Position, a.Keyword)).ToList(),
                InMemoryWith = (raw.InMemoryWith ?? []).Select(a => new ArgumentRef(a.Position, a.Keyword)).ToList(),
                DataSource = raw.DataSource,
                Yields = raw.Yields,
                EntersArgument = raw.EntersArgument is null ? null : new ArgumentRef(raw.EntersArgument.Position, raw.EntersArgument.Keyword),
            });
        }
        return entries;
    }

    /// <summary>The entry for <paramref name="qualifiedName"/>: an exact entry, else the wildcard with
    /// the longest prefix.</summary>
    public CatalogEntry? Find(string? qualifiedName)
    {
        if (qualifiedName is null) return null;
        if (_exact.TryGetValue(qualifiedName, out var exact)) return exact;
        if (_wildcards.Count == 0) return null;
        var lookup = _wildcards.GetAlternateLookup<ReadOnlySpan<char>>();
        var prefix = qualifiedName.AsSpan();
        while (true)
        {
            var dot = prefix.LastIndexOf('.');
            if (dot < 0) return null;
            prefix = prefix[..dot];
            if (lookup.TryGetValue(prefix, out var wildcard)) return wildcard;
        }
    }

    private static CallCategory ParseCategory(string? text, string name) => text switch
    {
        "gil-holding-cpu" => CallCategory.GilHoldingCpu,
        "gil-releasing-native" => CallCategory.GilReleasingNative,
        "blocking-io" => CallCategory.BlockingIo,
        "cheap" => CallCategory.Cheap,
        _ => throw new InvalidDataException($"call catalog: '{name}' has unknown category '{text}'"),
    };
}

internal sealed class CatalogDocument
{
    [JsonPropertyName("about")] public string? About { get; set; }
    [JsonPropertyName("entries")] public List<RawEntry>? Entries { get; set; }
}

internal sealed class RawEntry
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("returns")] public string? Returns { get; set; }
    [JsonPropertyName("attribute")] public bool? Attribute { get; set; }
    [JsonPropertyName("weight")] public double? Weight { get; set; }
    [JsonPropertyName("perItemOf")] public RawArgument? PerItemOf { get; set; }
    [JsonPropertyName("releasesGilWhen")] public RawCondition? ReleasesGilWhen { get; set; }
    [JsonPropertyName("blocksWhen")] public RawBlockingCondition? BlocksWhen { get; set; }
    [JsonPropertyName("otherwise")] public string? Otherwise { get; set; }
    [JsonPropertyName("invokes")] public List<RawArgument>? Invokes { get; set; }
    [JsonPropertyName("inMemoryWith")] public List<RawArgument>? InMemoryWith { get; set; }
    [JsonPropertyName("dataSource")] public string? DataSource { get; set; }
    [JsonPropertyName("localFile")] public bool LocalFile { get; set; }

    [JsonPropertyName("atLeast")] public bool AtLeast { get; set; }
    [JsonPropertyName("yields")] public string? Yields { get; set; }
    [JsonPropertyName("entersArgument")] public RawArgument? EntersArgument { get; set; }
}

internal sealed class RawArgument
{
    [JsonPropertyName("position")] public int? Position { get; set; }
    [JsonPropertyName("keyword")] public string? Keyword { get; set; }
}

internal sealed class RawBlockingCondition
{
    [JsonPropertyName("position")] public int? Position { get; set; }
    [JsonPropertyName("keyword")] public string? Keyword { get; set; }
    [JsonPropertyName("absentBlocks")] public bool AbsentBlocks { get; set; }
    [JsonPropertyName("unlessFlag")] public string? UnlessFlag { get; set; }
}

internal sealed class RawCondition
{
    [JsonPropertyName("position")] public int? Position { get; set; }
    [JsonPropertyName("keyword")] public string? Keyword { get; set; }
    [JsonPropertyName("minBytes")] public long MinBytes { get; set; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CatalogDocument))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
