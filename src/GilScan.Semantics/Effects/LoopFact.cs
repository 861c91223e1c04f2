using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Effects;

/// <summary>One loop in a function's own code.</summary>
public sealed class LoopFact
{
    internal LoopFact(Node node, ProjectFunction function, LoopFact? parent, TripCount trips)
    {
        Node = node;
        Function = function;
        Parent = parent;
        Trips = trips;
    }

    /// <summary>For, AsyncFor, While, or a ListComp/SetComp/DictComp/GeneratorExp (one fact per
    /// comprehension, its generators multiplied).</summary>
    public Node Node { get; }

    public ProjectFunction Function { get; }

    /// <summary>The loop this one is nested in, within the same function.</summary>
    public LoopFact? Parent { get; }

    public TripCount Trips { get; }

    /// <summary>A <c>while</c> loop driven by an induction variable (<c>while i &lt; n: i += 1</c>): a
    /// computation's counting loop, like <c>for i in range(n)</c>.</summary>
    public bool IsCounting { get; internal set; }

    /// <summary>GIL-held work of one iteration (nested loops and synchronous callees included).</summary>
    public WorkEstimate PerIteration { get; internal set; }

    /// <summary><see cref="PerIteration"/> times <see cref="Trips"/>.</summary>
    public WorkEstimate Total { get; internal set; }

    /// <summary>The body awaits (an <c>await</c>, <c>async for</c> or <c>async with</c> in it, or the
    /// loop is itself an <c>async for</c>): it gives the event loop a turn each iteration.</summary>
    public bool Awaits { get; internal set; }

    /// <summary>The body calls GIL-releasing native code or blocking I/O (directly or through calls).</summary>
    public bool ReleasesGil { get; internal set; }

    /// <summary>The body does blocking I/O (directly or through calls).</summary>
    public bool BlocksOnIo { get; internal set; }

    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>The loop is in an <c>except</c> handler: it runs only on failure and its work is not
    /// counted in the summary.</summary>
    public bool OnErrorPath { get; internal set; }

    /// <summary>The nested loop or call doing most of one iteration's work, when one does at least half.</summary>
    internal HotSpotCandidate? Dominant { get; set; }

    /// <summary>This loop as a hot spot of its own function, with its dominant nested work.</summary>
    public HotSpot AsHotSpot() => new(Node, Total, this, [], Dominant?.Materialise());

    public override string ToString() => $"{Node.PythonTypeName}@{(Node as LocatedNode)?.Lineno} trips={Trips} total={Total}";
}
