using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using GilScan.Semantics.Catalog;

namespace GilScan.Semantics.Processes;

/// <summary>
/// What gilscan knows about process boundaries, as data (rules/knowledge/process-knowledge.json,
/// embedded in this assembly): the calls that pickle something for another process, the names that
/// reach the same types, how start methods are chosen, the types that cannot be pickled, NumPy item
/// sizes and the calls that make large values. Every entry names a source or a reason;
/// <see cref="Parse"/> refuses one that does not.
/// </summary>
public sealed class ProcessKnowledge
{
    private readonly FrozenDictionary<string, BoundaryApi> _boundaries;
    private readonly FrozenDictionary<string, string> _aliases;
    private readonly FrozenDictionary<string, StartMethodApi> _startMethods;
    private readonly FrozenDictionary<string, UnpicklableType> _unpicklable;
    private readonly FrozenDictionary<string, int> _itemSizes;
    private readonly FrozenDictionary<string, SizeProducer> _sizes;
    private readonly FrozenDictionary<string, LargeType> _largeTypes;
    private readonly FrozenSet<string> _boundaryMethods;

    private ProcessKnowledge(IEnumerable<BoundaryApi> boundaries, IReadOnlyDictionary<string, string> aliases,
        IEnumerable<StartMethodApi> startMethods, IEnumerable<UnpicklableType> unpicklable,
        IReadOnlyDictionary<string, int> itemSizes, IEnumerable<SizeProducer> sizes, IEnumerable<LargeType> largeTypes)
    {
        _boundaries = boundaries.ToFrozenDictionary(b => b.Name, StringComparer.Ordinal);
        _aliases = aliases.ToFrozenDictionary(StringComparer.Ordinal);
        _startMethods = startMethods.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        _unpicklable = unpicklable.ToFrozenDictionary(u => u.TypeName, StringComparer.Ordinal);
        _itemSizes = itemSizes.ToFrozenDictionary(StringComparer.Ordinal);
        _sizes = sizes.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        _largeTypes = largeTypes.ToFrozenDictionary(t => t.TypeName, StringComparer.Ordinal);
        _boundaryMethods = _boundaries.Keys.Concat(_aliases.Keys).Concat(_aliases.Values)
            .Select(name => name[(name.LastIndexOf('.') + 1)..]).ToFrozenSet(StringComparer.Ordinal);
    }

    private static readonly Lazy<ProcessKnowledge> BuiltIn = new(() =>
    {
        using var stream = typeof(ProcessKnowledge).Assembly.GetManifestResourceStream("GilScan.Semantics.process-knowledge.json")
            ?? throw new InvalidOperationException("process-knowledge.json is not embedded in " + typeof(ProcessKnowledge).Assembly.GetName().Name);
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The knowledge shipped with gilscan.</summary>
    public static ProcessKnowledge Default => BuiltIn.Value;

    public IEnumerable<BoundaryApi> Boundaries => _boundaries.Values.OrderBy(b => b.Name, StringComparer.Ordinal);

    public IEnumerable<UnpicklableType> UnpicklableTypes => _unpicklable.Values.OrderBy(u => u.TypeName, StringComparer.Ordinal);

    public IEnumerable<SizeProducer> SizeProducers => _sizes.Values.OrderBy(s => s.Name, StringComparer.Ordinal);

    /// <summary>The name a type or callable is known by here: "concurrent.futures.process.ProcessPoolExecutor"
    /// → "concurrent.futures.ProcessPoolExecutor"; a method of an aliased type keeps its method name.</summary>
    public string Canonical(string qualifiedName)
    {
        if (_aliases.TryGetValue(qualifiedName, out var direct)) return direct;
        var dot = qualifiedName.LastIndexOf('.');
        if (dot > 0 && _aliases.TryGetValue(qualifiedName[..dot], out var type)) return type + qualifiedName[dot..];
        return qualifiedName;
    }

    /// <summary>Whether a method of this name can be a boundary (<c>submit</c>, <c>map</c>): the last
    /// part of a boundary's name, or of an alias. A call of any other method needs no look at its
    /// receiver.</summary>
    public bool MayBeBoundaryMethod(string method) => _boundaryMethods.Contains(method);

    /// <summary>The boundary a callee (by qualified name, aliases applied) is, if any.</summary>
    public BoundaryApi? Boundary(string? qualifiedName) =>
        qualifiedName is null ? null : _boundaries.GetValueOrDefault(Canonical(qualifiedName));

    public StartMethodApi? StartMethodSetter(string? qualifiedName) =>
        qualifiedName is null ? null : _startMethods.GetValueOrDefault(Canonical(qualifiedName));

    /// <summary>The entry of a type whose instances cannot be pickled (aliases applied).</summary>
    public UnpicklableType? Unpicklable(string? typeName) =>
        typeName is null ? null : _unpicklable.GetValueOrDefault(Canonical(typeName));

    /// <summary>Bytes per element of a NumPy dtype name ("float32", "f4", "int"), if known.</summary>
    public int? ItemSize(string dtype) => _itemSizes.TryGetValue(dtype, out var size) ? size : null;

    /// <summary>The size entry of a callee: its exact name, else the longest <c>prefix.*</c> entry that
    /// covers it (<c>torchvision.models.*</c>).</summary>
    public SizeProducer? SizeProducer(string? qualifiedName)
    {
        if (qualifiedName is null) return null;
        if (_sizes.TryGetValue(qualifiedName, out var exact)) return exact;
        for (var dot = qualifiedName.LastIndexOf('.'); dot > 0; dot = qualifiedName.LastIndexOf('.', dot - 1))
            if (_sizes.TryGetValue(string.Concat(qualifiedName.AsSpan(0, dot), ".*"), out var wildcard)) return wildcard;
        return null;
    }

    public IEnumerable<LargeType> LargeTypes => _largeTypes.Values.OrderBy(t => t.TypeName, StringComparer.Ordinal);

    /// <summary>The entry of a type whose instances are normally large, if <paramref name="typeName"/> is one.</summary>
    public LargeType? LargeTypeOf(string? typeName) => typeName is null ? null : _largeTypes.GetValueOrDefault(Canonical(typeName));

    public static ProcessKnowledge Parse(string json)
    {
        var document = JsonSerializer.Deserialize(json, ProcessKnowledgeJsonContext.Default.ProcessKnowledgeDocument)
            ?? throw new InvalidDataException("process knowledge: empty document");
        static void Sourced(string what, string? name, string? source, string? reason)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new InvalidDataException($"process knowledge: a {what} entry has no name");
            if (string.IsNullOrWhiteSpace(source) && string.IsNullOrWhiteSpace(reason))
                throw new InvalidDataException($"process knowledge: {what} '{name}' has neither a source nor a reason");
        }
        static ArgumentRef? Ref(RawReference? raw) => raw is null ? null : new ArgumentRef(raw.Position, raw.Keyword);

        var boundaries = new List<BoundaryApi>();
        foreach (var b in document.Boundaries ?? [])
        {
            Sourced("boundary", b.Name, b.Source, b.Reason);
            boundaries.Add(new BoundaryApi
            {
                Name = b.Name,
                Kind = b.Kind switch
                {
                    "task" => BoundaryKind.Task,
                    "map" => BoundaryKind.Map,
                    "process" => BoundaryKind.Process,
                    "message" => BoundaryKind.Message,
                    "pool" => BoundaryKind.Pool,
                    _ => throw new InvalidDataException($"process knowledge: boundary '{b.Name}' has unknown kind '{b.Kind}'"),
                },
                Callable = Ref(b.Callable),
                RestArePayload = b.Rest,
                Items = Ref(b.Items),
                Args = Ref(b.Args),
                Kwargs = Ref(b.Kwargs),
                Object = Ref(b.Object),
                Chunksize = b.Chunksize is null ? null : new ArgumentRef(b.Chunksize.Position, b.Chunksize.Keyword),
                DefaultChunksize = b.Chunksize?.Default ?? 1,
                Star = b.Star,
                Workers = Ref(b.Workers),
                Context = Ref(b.Context),
                Initializer = Ref(b.Initializer),
                Initargs = Ref(b.Initargs),
                Source = b.Source ?? b.Reason!,
            });
        }
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in document.Aliases ?? [])
        {
            Sourced("alias", a.Name, a.Source, a.Reason);
            if (string.IsNullOrWhiteSpace(a.Means)) throw new InvalidDataException($"process knowledge: alias '{a.Name}' means nothing");
            if (!aliases.TryAdd(a.Name, a.Means)) throw new InvalidDataException($"process knowledge: duplicate alias '{a.Name}'");
        }
        var startMethods = new List<StartMethodApi>();
        foreach (var s in document.StartMethods ?? [])
        {
            Sourced("start method", s.Name, s.Source, s.Reason);
            startMethods.Add(new StartMethodApi(s.Name, Ref(s.Method) ?? new ArgumentRef(0, "method"), s.Scope == "project"));
        }
        var unpicklable = new List<UnpicklableType>();
        foreach (var u in document.Unpicklable ?? [])
        {
            Sourced("unpicklable type", u.Type, u.Source, u.Reason);
            unpicklable.Add(new UnpicklableType(u.Type, u.Error ?? "cannot be pickled", u.Inheritable, u.Source ?? u.Reason!));
        }
        var dtypes = document.Dtypes ?? throw new InvalidDataException("process knowledge: no dtypes");
        Sourced("dtypes", "dtypes", dtypes.Source, dtypes.Reason);
        var sizes = new List<SizeProducer>();
        foreach (var s in document.Sizes ?? [])
        {
            Sourced("size", s.Name, s.Source, s.Reason);
            sizes.Add(new SizeProducer
            {
                Name = s.Name,
                Kind = s.Kind switch
                {
                    "shape" => SizeProducerKind.Shape,
                    "dimensions" => SizeProducerKind.Dimensions,
                    "arange" => SizeProducerKind.Arange,
                    "linspace" => SizeProducerKind.Linspace,
                    "eye" => SizeProducerKind.Eye,
                    "same" => SizeProducerKind.SameAsArgument,
                    "parts" => SizeProducerKind.Parts,
                    "dataframe-from-file" => SizeProducerKind.DataFrameFromFile,
                    "loaded-object" => SizeProducerKind.LoadedObject,
                    "file-contents" => SizeProducerKind.FileContents,
                    "image" => SizeProducerKind.Image,
                    "model" => SizeProducerKind.Model,
                    "document" => SizeProducerKind.Document,
                    _ => throw new InvalidDataException($"process knowledge: size '{s.Name}' has unknown kind '{s.Kind}'"),
                },
                Shape = Ref(s.Shape),
                Dtype = Ref(s.Dtype),
                Of = Ref(s.Of),
                Count = Ref(s.Count),
                DefaultCount = s.DefaultCount,
                Rows = Ref(s.Rows),
                DefaultDtype = s.DefaultDtype ?? "float64",
                Element = s.Element,
                Source = s.Source ?? s.Reason!,
            });
        }
        var largeTypes = new List<LargeType>();
        foreach (var t in document.LargeTypes ?? [])
        {
            Sourced("large type", t.Type, t.Source, t.Reason);
            if (string.IsNullOrWhiteSpace(t.Noun)) throw new InvalidDataException($"process knowledge: large type '{t.Type}' has no noun");
            largeTypes.Add(new LargeType(t.Type, t.Noun, t.Source ?? t.Reason!));
        }
        return new ProcessKnowledge(boundaries, aliases, startMethods, unpicklable, dtypes.ItemSizes ?? [], sizes, largeTypes);
    }
}

internal sealed class ProcessKnowledgeDocument
{
    [JsonPropertyName("about")] public string? About { get; set; }
    [JsonPropertyName("boundaries")] public List<RawBoundary>? Boundaries { get; set; }
    [JsonPropertyName("aliases")] public List<RawAlias>? Aliases { get; set; }
    [JsonPropertyName("startMethods")] public List<RawStartMethod>? StartMethods { get; set; }
    [JsonPropertyName("unpicklable")] public List<RawUnpicklable>? Unpicklable { get; set; }
    [JsonPropertyName("dtypes")] public RawDtypes? Dtypes { get; set; }
    [JsonPropertyName("sizes")] public List<RawSize>? Sizes { get; set; }
    [JsonPropertyName("largeTypes")] public List<RawLargeType>? LargeTypes { get; set; }
}

internal sealed class RawLargeType
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("noun")] public string? Noun { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal class RawReference
{
    [JsonPropertyName("position")] public int? Position { get; set; }
    [JsonPropertyName("keyword")] public string? Keyword { get; set; }
}

internal sealed class RawChunksize : RawReference
{
    [JsonPropertyName("default")] public int? Default { get; set; }
}

internal sealed class RawBoundary
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("callable")] public RawReference? Callable { get; set; }
    [JsonPropertyName("rest")] public bool Rest { get; set; }
    [JsonPropertyName("items")] public RawReference? Items { get; set; }
    [JsonPropertyName("args")] public RawReference? Args { get; set; }
    [JsonPropertyName("kwargs")] public RawReference? Kwargs { get; set; }
    [JsonPropertyName("object")] public RawReference? Object { get; set; }
    [JsonPropertyName("chunksize")] public RawChunksize? Chunksize { get; set; }
    [JsonPropertyName("star")] public bool Star { get; set; }
    [JsonPropertyName("workers")] public RawReference? Workers { get; set; }
    [JsonPropertyName("context")] public RawReference? Context { get; set; }
    [JsonPropertyName("initializer")] public RawReference? Initializer { get; set; }
    [JsonPropertyName("initargs")] public RawReference? Initargs { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal sealed class RawAlias
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("means")] public string Means { get; set; } = "";
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal sealed class RawStartMethod
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("method")] public RawReference? Method { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal sealed class RawUnpicklable
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("inheritable")] public bool Inheritable { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal sealed class RawDtypes
{
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("itemSizes")] public Dictionary<string, int>? ItemSizes { get; set; }
}

internal sealed class RawSize
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("shape")] public RawReference? Shape { get; set; }
    [JsonPropertyName("dtype")] public RawReference? Dtype { get; set; }
    [JsonPropertyName("of")] public RawReference? Of { get; set; }
    [JsonPropertyName("count")] public RawReference? Count { get; set; }
    [JsonPropertyName("defaultCount")] public int? DefaultCount { get; set; }
    [JsonPropertyName("rows")] public RawReference? Rows { get; set; }
    [JsonPropertyName("defaultDtype")] public string? DefaultDtype { get; set; }
    [JsonPropertyName("element")] public int? Element { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ProcessKnowledgeDocument))]
internal sealed partial class ProcessKnowledgeJsonContext : JsonSerializerContext;
