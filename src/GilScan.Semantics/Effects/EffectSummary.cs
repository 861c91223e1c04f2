using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Effects;

/// <summary>
/// What one call of a function does to its thread, including everything it calls synchronously
/// (work started on other threads, processes or executors is not included):
/// <list type="bullet">
/// <item><see cref="Work"/>: estimated pure-Python work done with the GIL held (iterations × operations),
/// and <see cref="HotSpot"/>: where most of it is, with the chain of call sites to it;</item>
/// <item><see cref="LongestStretchWithoutAwait"/>: for a coroutine, the largest work that runs without
/// an await in between (a loop with no await in it, a synchronous callee, or such a stretch of an
/// awaited coroutine): what blocks the event loop;</item>
/// <item><see cref="BlockingIo"/>, <see cref="GilReleasing"/>, <see cref="GilHolding"/>: catalogued calls
/// reached, with their chains (the first few of each, in source order);</item>
/// <item><see cref="Loops"/>: the function's own loops with trip counts and per-iteration facts.</item>
/// </list>
/// </summary>
public sealed class EffectSummary
{
    public const int MaxSitesPerKind = 8;

    internal EffectSummary(ProjectFunction function, ArgumentEnvironment? arguments) { Function = function; Arguments = arguments; }

    public ProjectFunction Function { get; }

    /// <summary>The parameter values this summary assumed (defaults, or constants from a call site).</summary>
    public ArgumentEnvironment? Arguments { get; }

    public WorkEstimate Work { get; internal set; }

    public HotSpot? HotSpot { get; internal set; }

    /// <summary>Null for a function that is not a coroutine; for a coroutine, the heaviest work that runs
    /// between two awaits.</summary>
    public HotSpot? LongestStretchWithoutAwait { get; internal set; }

    public IReadOnlyList<LoopFact> Loops { get; internal set; } = [];

    public IReadOnlyList<EffectSite> BlockingIo { get; internal set; } = [];

    public IReadOnlyList<EffectSite> GilReleasing { get; internal set; } = [];

    public IReadOnlyList<EffectSite> GilHolding { get; internal set; } = [];

    /// <summary>Awaits (await, async for, async with) in the function's own code.</summary>
    public int Awaits { get; internal set; }

    /// <summary>Calls to functions that are neither in the project nor in the catalog (counted as one
    /// operation each): the more there are, the less the estimate says.</summary>
    public int UnknownCalls { get; internal set; }

    /// <summary>Part of a recursive cycle of the call graph: the recursion's own cost is not counted.</summary>
    public bool IsRecursive { get; internal set; }

    public override string ToString() => $"{Function.QualifiedName}: work {Work}, hot {HotSpot?.Node.PythonTypeName}@{(HotSpot?.Node as LocatedNode)?.Lineno}";
}
