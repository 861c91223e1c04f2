using GilScan.Semantics.Calls;

namespace GilScan.Semantics.Effects;

/// <summary>A contributor to a function's work, kept cheap until it wins: an own loop, a GIL-holding
/// library call, or a project callee through a call site. <see cref="Materialise"/> builds the
/// <see cref="HotSpot"/> only for the winners.</summary>
internal readonly record struct HotSpotCandidate(WorkEstimate Work, LoopFact? Loop, Node? LibraryCall, CallSite? Site, EffectSummary? Callee, bool UseStretch,
    string? LibraryName = null)
{
    public static HotSpotCandidate ForLoop(LoopFact loop) => new(loop.Total, loop, null, null, null, false);

    public static HotSpotCandidate ForLibraryCall(Expr call, WorkEstimate work, string name) => new(work, null, call, null, null, false, name);

    public static HotSpotCandidate ForCallee(CallSite site, EffectSummary callee, WorkEstimate work, bool useStretch) =>
        new(work, null, null, site, callee, useStretch);

    public HotSpot Materialise()
    {
        if (Loop is not null) return new HotSpot(Loop.Node, Work, Loop, [], Loop.Dominant?.Materialise());
        if (LibraryCall is not null) return new HotSpot(LibraryCall, Work, null, []) { Library = LibraryName };
        // UseStretch: where the callee keeps its thread busiest, native work included (an awaited
        // coroutine's longest stretch between awaits, or a plain function's busiest spot).
        var inner = !UseStretch ? Callee!.HotSpot
            : Callee!.Function.IsCoroutine ? Callee.LongestStretchWithoutAwait : Callee.Busiest;
        // Without a spot inside the callee the call itself is the spot: it lies in this function, so
        // the chain to it is empty (a chain step would say the spot is inside the callee).
        return inner is null ? new HotSpot(Site!.Call, Work, null, []) : inner.Through(Site!) with { Work = Work };
    }
}
