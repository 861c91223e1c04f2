using System.Collections.Immutable;
using GilScan.Semantics.Calls;

namespace GilScan.Semantics.Effects;

/// <summary>Where most of a function's GIL-held work happens: a loop (For, AsyncFor, While or a
/// comprehension) or a GIL-holding library call, reached through the call sites in
/// <paramref name="Chain"/> (empty when it is in the function itself).</summary>
/// <param name="Loop">The loop's facts when <paramref name="Node"/> is a loop.</param>
/// <param name="Inner">Inside a loop: the nested loop or call that does most of one iteration's work
/// (at least half of it), so that a report can point at the innermost hot code.</param>
public sealed record HotSpot(Node Node, WorkEstimate Work, LoopFact? Loop, ImmutableArray<CallSite> Chain, HotSpot? Inner = null)
{
    /// <summary>For a library call: the callee's qualified name ("json.loads", "PIL.Image.Image.filter").</summary>
    public string? Library { get; init; }

    /// <summary>Follows <see cref="Inner"/> to the innermost hot spot.</summary>
    public HotSpot Innermost
    {
        get
        {
            var h = this;
            while (h.Inner is not null) h = h.Inner;
            return h;
        }
    }

    public bool Equals(HotSpot? other) =>
        other is not null && ReferenceEquals(Node, other.Node) && Work == other.Work && Chain.SequenceEqual(other.Chain);

    public override int GetHashCode() => HashCode.Combine(Node, Work);

    /// <summary>This hot spot seen from a caller through <paramref name="site"/> (chains are always
    /// relative to the function whose summary holds the hot spot).</summary>
    public HotSpot Through(CallSite site) => this with { Chain = Chain.Insert(0, site), Inner = Inner?.Through(site) };
}
