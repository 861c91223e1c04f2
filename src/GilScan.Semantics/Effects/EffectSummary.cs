using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Effects;

/// <summary>
/// What one call of a function does to its thread, including everything it calls synchronously
/// (work started on other threads, processes or executors is not included):
/// <list type="bullet">
/// <item><see cref="Work"/>: estimated pure-Python work done with the GIL held (iterations × operations),
/// and <see cref="HotSpot"/>: where most of it is, with the chain of call sites to it. Branches count
/// their heavier side; <c>except</c> handlers do not count (they run only on failure), but their
/// catalogued calls are listed, marked <see cref="EffectSite.OnErrorPath"/>;</item>
/// <item><see cref="LongestStretchWithoutAwait"/>: for a coroutine, the largest work that runs without
/// an await in between (a loop with no await in it, a synchronous callee, or such a stretch of an
/// awaited coroutine): what blocks the event loop;</item>
/// <item><see cref="BlockingIo"/>, <see cref="GilReleasing"/>, <see cref="GilHolding"/>: catalogued calls
/// reached, with their chains (the first <see cref="MaxSitesPerKind"/> of each, in evaluation order);</item>
/// <item><see cref="Loops"/>: the function's own loops with trip counts and per-iteration facts.</item>
/// </list>
/// </summary>
public sealed class EffectSummary
{
    /// <summary>Own catalogued sites of each kind that a summary records.</summary>
    public const int MaxSitesPerKind = 16;

    /// <summary>Sites of each kind listed by <see cref="BlockingIo"/>, <see cref="GilReleasing"/> and
    /// <see cref="GilHolding"/>, own and inherited.</summary>
    public const int MaxListed = 32;

    private IReadOnlyList<EffectSite>? _blocking;
    private IReadOnlyList<EffectSite>? _releasing;
    private IReadOnlyList<EffectSite>? _holding;

    internal EffectSummary(ProjectFunction function, ArgumentEnvironment? arguments)
    {
        Function = function;
        Arguments = arguments;
    }

    public ProjectFunction Function { get; }

    /// <summary>The parameter values this summary assumed (defaults, or constants from a call site).</summary>
    public ArgumentEnvironment? Arguments { get; }

    public WorkEstimate Work { get; internal set; }

    public HotSpot? HotSpot { get; internal set; }

    /// <summary>Null for a function that is not a coroutine; for a coroutine, the heaviest work that runs
    /// between two awaits.</summary>
    public HotSpot? LongestStretchWithoutAwait { get; internal set; }

    /// <summary>Null for a coroutine; for a plain function, the single loop, library call or callee that
    /// keeps its thread busiest, native work included (what an event loop calling it waits for), where
    /// <see cref="HotSpot"/> ranks GIL-held work only.</summary>
    public HotSpot? Busiest { get; internal set; }

    public IReadOnlyList<LoopFact> Loops { get; internal set; } = [];

    /// <summary>Blocking I/O reached (time.sleep, file and socket I/O, subprocess waits, HTTP clients).</summary>
    public IReadOnlyList<EffectSite> BlockingIo => _blocking ??= Flatten(CallCategory.BlockingIo);

    /// <summary>Native work that releases the GIL (NumPy, hashlib on large buffers, zlib, ...).</summary>
    public IReadOnlyList<EffectSite> GilReleasing => _releasing ??= Flatten(CallCategory.GilReleasingNative);

    /// <summary>Library calls that hold the GIL while they work (json, re, sorted, pickle, hashlib on
    /// small buffers).</summary>
    public IReadOnlyList<EffectSite> GilHolding => _holding ??= Flatten(CallCategory.GilHoldingCpu);

    public bool HasBlockingIo { get; internal set; }

    public bool HasGilReleasing { get; internal set; }

    public bool HasGilHolding { get; internal set; }

    /// <summary>Awaits (await, async for, async with) in the function's own code.</summary>
    public int Awaits { get; internal set; }

    /// <summary>Calls to functions that are neither in the project nor in the catalog (counted as one
    /// operation each), here and in synchronous callees: the more there are, the less the estimate says.</summary>
    public int UnknownCalls { get; internal set; }

    /// <summary>Part of a recursive cycle of the call graph. Unless a recursion solver counted the calls
    /// (arguments known), the recursion's own cost is not counted.</summary>
    public bool IsRecursive { get; internal set; }

    /// <summary>The function calls back into its recursive component twice or more on one path, or in a
    /// loop: the number of calls grows exponentially or polynomially with the depth (fib, tree walks,
    /// merge sort, backtracking).</summary>
    public bool RecursionBranches { get; internal set; }

    /// <summary>The recursion this call runs, here or in a callee (the branching one when there are
    /// several), with the call sites that reach it.</summary>
    public RecursionFact? Recursion { get; internal set; }

    /// <summary>When a recursion solver counted the calls of a recursion with known arguments: how many.</summary>
    public double? RecursiveCallCount { get; internal set; }

    /// <summary>The parameters that unknown trip counts or buffer sizes depend on (here, or in a callee
    /// they are passed to), sorted: a call that gives them constant values may know more.</summary>
    public IReadOnlyList<string> SensitiveParameters { get; internal set; } = [];

    public bool DependsOnParameters => SensitiveParameters.Count > 0;

    /// <summary>The generic walk kept a branch that a parameter's default would decide: a call that
    /// passes only defaults gets a walk of its own.</summary>
    public bool BranchesOnDefaults { get; internal set; }

    /// <summary>In evaluation order: the function's own catalogued sites and the callees that have some.</summary>
    internal List<EffectEvent> Events { get; } = [];

    /// <summary>The sites of one kind: the function's own first (the most direct causes), then for each
    /// call into a callee the first site it reaches (the root cause through that call), then the callees'
    /// further sites, up to <see cref="MaxListed"/>.</summary>
    private IReadOnlyList<EffectSite> Flatten(CallCategory category)
    {
        var result = new List<EffectSite>();
        foreach (var e in Events)
        {
            if (e.Own is { } own && own.Category == category && !result.Contains(own)) result.Add(own);
        }
        for (var pass = 0; pass < 2 && result.Count < MaxListed; pass++)
        {
            foreach (var e in Events)
            {
                if (result.Count >= MaxListed) break;
                if (e.Own is not null) continue;
                var inherited = category switch
                {
                    CallCategory.BlockingIo => e.Callee!.BlockingIo,
                    CallCategory.GilReleasingNative => e.Callee!.GilReleasing,
                    _ => e.Callee!.GilHolding,
                };
                foreach (var s in pass == 0 ? inherited.Take(1) : inherited.Skip(1))
                {
                    if (result.Count >= MaxListed) break;
                    var lifted = s.Through(e.Site!) with { InLoop = s.InLoop || e.InLoop, OnErrorPath = s.OnErrorPath || e.OnErrorPath };
                    if (!result.Contains(lifted)) result.Add(lifted);
                }
            }
        }
        return result;
    }

    public override string ToString() => $"{Function.QualifiedName}: work {Work}, hot {HotSpot?.Node.PythonTypeName}@{(HotSpot?.Node as LocatedNode)?.Lineno}";
}

/// <summary>A recursive function reached from a summarised function, through <paramref name="Chain"/>.</summary>
/// <param name="Pure">Its component makes no unknown calls and no blocking or GIL-releasing ones.</param>
public sealed record RecursionFact(ProjectFunction Function, bool Branches, bool Pure, System.Collections.Immutable.ImmutableArray<CallSite> Chain);

/// <summary>A catalogued site of the function itself, or a call to a callee that reaches some.</summary>
internal readonly record struct EffectEvent(EffectSite? Own, CallSite? Site, EffectSummary? Callee, bool InLoop, bool OnErrorPath);
