using System.Text.Json;
using System.Text.Json.Serialization;
using GilScan.Semantics.Catalog;

namespace GilScan.Rules.Threads;

/// <summary>How an offload is spelled in code.</summary>
public enum OffloadKind
{
    /// <summary>The call runs its callable on another thread (<c>Thread(target=f)</c>, <c>ex.submit(f)</c>).</summary>
    Call,
    /// <summary>The call returns a function whose calls run the callable on a thread pool
    /// (<c>sync_to_async(f)(x)</c>).</summary>
    Wrapper,
    /// <summary>The decorated function runs on a thread when called (<c>@work(thread=True)</c>).</summary>
    Decorator,
    /// <summary>A plain <c>def</c> decorated by this runs on a thread pool for every request
    /// (<c>@app.get("/")</c> in FastAPI).</summary>
    SyncRoute,
    /// <summary>The callable given to this runs on a thread pool when it is a plain <c>def</c>
    /// (<c>Route("/", endpoint)</c>, <c>Depends(f)</c>).</summary>
    Route,
    /// <summary>The call of a runner object with a generator of delayed calls runs each on a worker
    /// (<c>Parallel(prefer="threads")(delayed(f)(x) for x in data)</c>), on threads when the runner's
    /// constructor or the configuration around the call chooses them.</summary>
    DelayedMap,
}

/// <summary>A keyword (or position) of a constructor or configuration call, and the constant string
/// that selects threads (<c>backend="threading"</c>).</summary>
public sealed record ThreadsWhen(string Keyword, int? Position, string Value);

/// <summary>One entry of rules/knowledge/thread-offloads.json.</summary>
public sealed record ThreadOffload(
    string Name,
    OffloadKind Kind,
    ThreadStartFamily Family,
    ArgumentRef? Callable,
    ArgumentRef? Args,
    ArgumentRef? Kwargs,
    bool Forwards,
    ArgumentRef? Items,
    ArgumentRef? Executor,
    string? WhenKeyword,
    string Source)
{
    /// <summary>For <see cref="OffloadKind.DelayedMap"/>: the function that wraps the callable
    /// (<c>joblib.delayed</c>).</summary>
    public string? Delayed { get; init; }

    /// <summary>For <see cref="OffloadKind.DelayedMap"/>: the arguments of the runner's constructor, or of a
    /// configuration call around the run, that select threads (any one is enough).</summary>
    public IReadOnlyList<ThreadsWhen> ThreadsWhen { get; init; } = [];

    /// <summary>For <see cref="OffloadKind.DelayedMap"/>: context managers that configure the runners made
    /// inside them (<c>with parallel_config(backend="threading"):</c>), with their arguments that select threads.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<ThreadsWhen> ThreadsWhen)> ConfiguredBy { get; init; } = [];

    /// <summary>How messages name the starter: a method by its class ("ThreadPoolExecutor.submit",
    /// "FastAPI.get"), a function by its full name ("anyio.to_thread.run_sync").</summary>
    public string Starter(string qualifiedName)
    {
        var parts = qualifiedName.Split('.');
        return parts.Length > 2 && parts[^2].Length > 0 && char.IsUpper(parts[^2][0]) ? string.Join('.', parts[^2..]) : qualifiedName;
    }

    public bool Matches(string qualifiedName)
    {
        var star = Name.IndexOf('*');
        if (star < 0) return Name == qualifiedName;
        var prefix = Name[..star];
        var suffix = Name[(star + 1)..];
        return qualifiedName.Length > prefix.Length + suffix.Length &&
               qualifiedName.StartsWith(prefix, StringComparison.Ordinal) && qualifiedName.EndsWith(suffix, StringComparison.Ordinal);
    }
}

/// <summary>
/// The calls, decorators and routes that run code on threads (rules/knowledge/thread-offloads.json,
/// embedded in this assembly): the standard library's threads and thread pools, and what frameworks
/// run on their thread pools (FastAPI/Starlette sync endpoints and dependencies, AnyIO, asgiref, trio,
/// tornado, textual's thread workers). Every entry names its source.
/// </summary>
public sealed class ThreadOffloads
{
    private readonly Dictionary<string, ThreadOffload> _exact = new(StringComparer.Ordinal);
    private readonly List<ThreadOffload> _patterns = [];

    // The last dotted part of every name an entry can match ("submit" of "...ThreadPoolExecutor.submit"),
    // or every part when a pattern ends in its wildcard.
    private readonly HashSet<string> _lastParts = new(StringComparer.Ordinal);
    private readonly bool _anyLastPart;

    private ThreadOffloads(IReadOnlyList<ThreadOffload> entries)
    {
        Entries = entries;
        foreach (var e in entries)
        {
            if (e.Name.Contains('*')) _patterns.Add(e);
            else if (!_exact.TryAdd(e.Name, e)) throw new InvalidDataException($"thread offloads: duplicate entry '{e.Name}'");
            var tail = e.Name[(e.Name.LastIndexOf('*') + 1)..];
            if (tail.Contains('.')) _lastParts.Add(tail[(tail.LastIndexOf('.') + 1)..]);
            else _anyLastPart = true;
        }
    }

    /// <summary>Whether a callee whose qualified name ends in <paramref name="lastPart"/> can be an
    /// offload: a cheap test before evaluating a call in every caller's context.</summary>
    public bool MayEndWith(string lastPart) => _anyLastPart || _lastParts.Contains(lastPart);

    public IReadOnlyList<ThreadOffload> Entries { get; }

    private static readonly Lazy<ThreadOffloads> BuiltIn = new(() =>
    {
        using var stream = typeof(ThreadOffloads).Assembly.GetManifestResourceStream("GilScan.Rules.thread-offloads.json")
            ?? throw new InvalidOperationException("thread-offloads.json is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    public static ThreadOffloads Default => BuiltIn.Value;

    public ThreadOffload? Find(string? qualifiedName)
    {
        if (qualifiedName is null) return null;
        if (_exact.TryGetValue(qualifiedName, out var exact)) return exact;
        foreach (var p in _patterns)
            if (p.Matches(qualifiedName)) return p;
        return null;
    }

    public static ThreadOffloads Parse(string json)
    {
        var document = JsonSerializer.Deserialize(json, OffloadJsonContext.Default.OffloadDocument)
            ?? throw new InvalidDataException("thread offloads: empty document");
        var entries = new List<ThreadOffload>();
        foreach (var raw in document.Entries ?? [])
        {
            if (string.IsNullOrWhiteSpace(raw.Name)) throw new InvalidDataException("thread offloads: an entry has no name");
            if (raw.Source is null || !raw.Source.StartsWith("https://", StringComparison.Ordinal))
                throw new InvalidDataException($"thread offloads: '{raw.Name}' has no source URL");
            var kind = raw.Kind switch
            {
                "call" => OffloadKind.Call,
                "wrapper" => OffloadKind.Wrapper,
                "decorator" => OffloadKind.Decorator,
                "sync-route" => OffloadKind.SyncRoute,
                "route" => OffloadKind.Route,
                "delayed-map" => OffloadKind.DelayedMap,
                _ => throw new InvalidDataException($"thread offloads: '{raw.Name}' has unknown kind '{raw.Kind}'"),
            };
            var family = raw.Family switch
            {
                "thread" => ThreadStartFamily.Thread,
                "pool" => ThreadStartFamily.Pool,
                _ => throw new InvalidDataException($"thread offloads: '{raw.Name}' has unknown family '{raw.Family}'"),
            };
            if (kind == OffloadKind.DelayedMap && (raw.Delayed is null || raw.ThreadsWhen is not { Count: > 0 }))
                throw new InvalidDataException($"thread offloads: '{raw.Name}' (delayed-map) needs 'delayed' and 'threadsWhen'");
            entries.Add(new ThreadOffload(raw.Name, kind, family, Ref(raw.Callable), Ref(raw.Args), Ref(raw.Kwargs), raw.Forwards ?? false,
                Ref(raw.Items), Ref(raw.Executor), raw.When?.Keyword, raw.Source)
            {
                Delayed = raw.Delayed,
                ThreadsWhen = Conditions(raw.Name, raw.ThreadsWhen),
                ConfiguredBy = [.. (raw.ConfiguredBy ?? []).Select(c => (
                    c.Name ?? throw new InvalidDataException($"thread offloads: '{raw.Name}' has a configuredBy without a name"),
                    Conditions(raw.Name, c.ThreadsWhen)))],
            });
        }
        return new ThreadOffloads(entries);
    }

    private static IReadOnlyList<ThreadsWhen> Conditions(string entry, List<RawThreadsWhen>? raw) =>
        [.. (raw ?? []).Select(t => new ThreadsWhen(
            t.Keyword ?? throw new InvalidDataException($"thread offloads: '{entry}' has a threadsWhen without a keyword"),
            t.Position, t.Value ?? throw new InvalidDataException($"thread offloads: '{entry}' has a threadsWhen without a value")))];

    private static ArgumentRef? Ref(RawRef? raw) => raw is null ? null : new ArgumentRef(raw.Position, raw.Keyword);
}

internal sealed class OffloadDocument
{
    [JsonPropertyName("about")] public string? About { get; set; }
    [JsonPropertyName("entries")] public List<RawOffload>? Entries { get; set; }
}

internal sealed class RawOffload
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("family")] public string? Family { get; set; }
    [JsonPropertyName("callable")] public RawRef? Callable { get; set; }
    [JsonPropertyName("args")] public RawRef? Args { get; set; }
    [JsonPropertyName("kwargs")] public RawRef? Kwargs { get; set; }
    [JsonPropertyName("forwards")] public bool? Forwards { get; set; }
    [JsonPropertyName("items")] public RawRef? Items { get; set; }
    [JsonPropertyName("executor")] public RawRef? Executor { get; set; }
    [JsonPropertyName("when")] public RawRef? When { get; set; }
    [JsonPropertyName("delayed")] public string? Delayed { get; set; }
    [JsonPropertyName("threadsWhen")] public List<RawThreadsWhen>? ThreadsWhen { get; set; }
    [JsonPropertyName("configuredBy")] public List<RawConfiguration>? ConfiguredBy { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
}

internal sealed class RawConfiguration
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("threadsWhen")] public List<RawThreadsWhen>? ThreadsWhen { get; set; }
}

internal sealed class RawThreadsWhen
{
    [JsonPropertyName("keyword")] public string? Keyword { get; set; }
    [JsonPropertyName("position")] public int? Position { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

internal sealed class RawRef
{
    [JsonPropertyName("position")] public int? Position { get; set; }
    [JsonPropertyName("keyword")] public string? Keyword { get; set; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(OffloadDocument))]
internal sealed partial class OffloadJsonContext : JsonSerializerContext;
