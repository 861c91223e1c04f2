using System.Collections.Frozen;
using System.Text.Json;

namespace GilScan.Rules.FreeThreading;

/// <summary>A built-in container type and the methods that change its size (GIL502).</summary>
/// <param name="WhenIteratedWhileChanged">What a loop over it can do when another thread changes its size, as the
/// words after "the loop can": dict, set and deque iterators raise RuntimeError (with the GIL too), a list
/// iterator silently skips or repeats items.</param>
public sealed record ContainerKind(string TypeName, string Kind, FrozenSet<string> Inserting, FrozenSet<string> Removing, FrozenSet<string> Views, string WhenIteratedWhileChanged)
{
    /// <summary>Methods that only add at the end (a list's append and extend).</summary>
    public FrozenSet<string> Appending { get; init; } = FrozenSet<string>.Empty;

    /// <summary>What a loop can do when every change is an <see cref="Appending"/> one, when that is milder than
    /// <see cref="WhenIteratedWhileChanged"/>: a list iterator then sees the new items or not, and skips nothing.</summary>
    public string? WhenOnlyAppendedWhileIterated { get; init; }

    public bool Changes(string method) => Inserting.Contains(method) || Removing.Contains(method);
}

/// <summary>How a framework runs project code on a thread pool (rules/knowledge/free-threading-safety.json, <c>threadPools</c>).</summary>
public enum ThreadPoolHandlerKind
{
    /// <summary><c>@app.get(...)</c> on a plain <c>def</c>: each request calls it on a pool thread.</summary>
    RouteDecorator,
    /// <summary>A call that runs its callable argument on a pool thread (<c>anyio.to_thread.run_sync(f)</c>).</summary>
    Offload,
    /// <summary>A decorator that makes each call of the method run on a new thread (<c>@work(thread=True)</c>).</summary>
    Decorator,
}

/// <summary>One entry of <c>threadPools</c>; <paramref name="PerRequest"/>: the server calls the callable once per request.</summary>
public sealed record ThreadPoolHandler(
    ThreadPoolHandlerKind Kind, FrozenSet<string> Names, FrozenSet<string> Methods, int? CallablePosition, string? CallableKeyword,
    string? WhenKeyword, bool WhenValue, string Starter, bool PerRequest);

/// <summary>
/// What GIL501/GIL502 know about synchronisation and the built-in containers under free-threaded
/// CPython, as data (rules/knowledge/free-threading-safety.json, embedded in this assembly): lock types,
/// thread-local types, thread-safe types, augmented assignments that work in place, the containers and
/// their size-changing methods, the calls that copy a container under its lock, thread identities, and
/// the frameworks that run handlers on thread pools. Every entry names a source or a reason;
/// <see cref="Parse"/> refuses one that does not.
/// </summary>
public sealed class FreeThreadingKnowledge
{
    private static readonly Lazy<FreeThreadingKnowledge> BuiltIn = new(() =>
    {
        using var stream = typeof(FreeThreadingKnowledge).Assembly.GetManifestResourceStream("GilScan.Rules.free-threading-safety.json")
            ?? throw new InvalidOperationException("free-threading-safety.json is not embedded in GilScan.Rules");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    private FreeThreadingKnowledge()
    {
    }

    /// <summary>The knowledge shipped with gilscan.</summary>
    public static FreeThreadingKnowledge Default => BuiltIn.Value;

    /// <summary>Types (and factories) whose <c>with</c> block or <c>acquire()</c> excludes other threads.</summary>
    public FrozenSet<string> Locks { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Types whose attributes or values are separate for each thread.</summary>
    public FrozenSet<string> ThreadLocals { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Types whose operations are synchronised internally (queues, events).</summary>
    public FrozenSet<string> ThreadSafe { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>By type: the augmented operators ("+=") that change the object in place.</summary>
    public FrozenDictionary<string, FrozenSet<string>> InPlaceOperators { get; private init; } = FrozenDictionary<string, FrozenSet<string>>.Empty;

    public FrozenDictionary<string, ContainerKind> Containers { get; private init; } = FrozenDictionary<string, ContainerKind>.Empty;

    /// <summary>Callables whose result is a copy made under the container's lock (<c>list(d)</c>).</summary>
    public FrozenSet<string> SnapshotCalls { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Methods whose result is such a copy (<c>d.copy()</c>).</summary>
    public FrozenSet<string> SnapshotMethods { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Built-ins that iterate their argument item by item (<c>sum(d.values())</c>).</summary>
    public FrozenSet<string> Consumers { get; private init; } = FrozenSet<string>.Empty;

    /// <summary>Calls whose result differs on each thread (<c>threading.get_ident()</c>).</summary>
    public FrozenSet<string> ThreadIdentities { get; private init; } = FrozenSet<string>.Empty;

    public IReadOnlyList<ThreadPoolHandler> ThreadPools { get; private init; } = [];

    /// <summary>The container entry of a type name ("builtins.dict"), if it is one.</summary>
    public ContainerKind? ContainerOf(string? typeName) => typeName is null ? null : Containers.GetValueOrDefault(typeName);

    /// <summary>Whether <c>x OP= y</c> on an object of <paramref name="typeName"/> changes it in place.</summary>
    public bool IsInPlace(string? typeName, string augmentedOperator) =>
        typeName is not null && InPlaceOperators.TryGetValue(typeName, out var operators) && operators.Contains(augmentedOperator);

    public static FreeThreadingKnowledge Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;

        IEnumerable<JsonElement> Section(string name) =>
            root.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Array
                ? section.EnumerateArray().Select(entry => Sourced(name, entry))
                : throw new InvalidDataException($"free-threading knowledge: no '{name}' section");

        static FrozenSet<string> Names(IEnumerable<JsonElement> entries) =>
            entries.Select(e => Text(e, "name") ?? throw new InvalidDataException("free-threading knowledge: an entry has no name")).ToFrozenSet(StringComparer.Ordinal);

        var inPlace = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var entry in Section("inPlace"))
        {
            inPlace.Add(Required(entry, "type"), Strings(entry, "operators"));
        }

        var containers = new Dictionary<string, ContainerKind>(StringComparer.Ordinal);
        foreach (var entry in Section("containers"))
        {
            var type = Required(entry, "type");
            containers.Add(type, new ContainerKind(type, Required(entry, "kind"), Strings(entry, "insert"), Strings(entry, "remove"), Strings(entry, "views"), Required(entry, "whenIteratedWhileChanged"))
            {
                Appending = entry.TryGetProperty("appending", out _) ? Strings(entry, "appending") : FrozenSet<string>.Empty,
                WhenOnlyAppendedWhileIterated = Text(entry, "whenOnlyAppendedWhileIterated"),
            });
        }

        var snapshots = Section("snapshots").ToList();
        var pools = new List<ThreadPoolHandler>();
        foreach (var entry in Section("threadPools"))
        {
            var kind = Required(entry, "kind") switch
            {
                "route-decorator" => ThreadPoolHandlerKind.RouteDecorator,
                "offload" => ThreadPoolHandlerKind.Offload,
                "decorator" => ThreadPoolHandlerKind.Decorator,
                var other => throw new InvalidDataException($"free-threading knowledge: unknown thread pool kind '{other}'"),
            };
            JsonElement? callable = entry.TryGetProperty("callable", out var c) ? c : null;
            JsonElement? when = entry.TryGetProperty("when", out var w) ? w : null;
            pools.Add(new ThreadPoolHandler(
                kind, Strings(entry, "names"), entry.TryGetProperty("methods", out _) ? Strings(entry, "methods") : FrozenSet<string>.Empty,
                callable is { } cp && cp.TryGetProperty("position", out var position) ? position.GetInt32() : null,
                callable is { } ck ? Text(ck, "keyword") : null,
                when is { } wk ? Text(wk, "keyword") : null,
                when is { } wv && wv.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.True,
                Required(entry, "starter"),
                entry.TryGetProperty("perRequest", out var perRequest) && perRequest.ValueKind == JsonValueKind.True));
        }

        return new FreeThreadingKnowledge
        {
            Locks = Names(Section("locks")),
            ThreadLocals = Names(Section("threadLocal")),
            ThreadSafe = Names(Section("threadSafe")),
            InPlaceOperators = inPlace.ToFrozenDictionary(StringComparer.Ordinal),
            Containers = containers.ToFrozenDictionary(StringComparer.Ordinal),
            SnapshotCalls = snapshots.Select(e => Text(e, "name")).OfType<string>().ToFrozenSet(StringComparer.Ordinal),
            SnapshotMethods = snapshots.Select(e => Text(e, "method")).OfType<string>().ToFrozenSet(StringComparer.Ordinal),
            Consumers = Names(Section("consumers")),
            ThreadIdentities = Names(Section("threadIdentity")),
            ThreadPools = pools,
        };
    }

    private static JsonElement Sourced(string section, JsonElement entry)
    {
        if (string.IsNullOrWhiteSpace(Text(entry, "source")) && string.IsNullOrWhiteSpace(Text(entry, "reason")))
        {
            var name = Text(entry, "name") ?? Text(entry, "type") ?? Text(entry, "method") ?? entry.GetRawText();
            throw new InvalidDataException($"free-threading knowledge: '{name}' in '{section}' has neither a source nor a reason");
        }

        return entry;
    }

    private static string? Text(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement entry, string property) =>
        Text(entry, property) ?? throw new InvalidDataException($"free-threading knowledge: an entry has no '{property}': {entry.GetRawText()}");

    private static FrozenSet<string> Strings(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(item => item.GetString() ?? "").ToFrozenSet(StringComparer.Ordinal)
            : throw new InvalidDataException($"free-threading knowledge: an entry has no '{property}' list: {entry.GetRawText()}");
}
