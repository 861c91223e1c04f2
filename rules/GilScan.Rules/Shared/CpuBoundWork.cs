using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Semantics;
using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;

namespace GilScan.Rules.Shared;

/// <summary>What a CPU-bound verdict rests on.</summary>
public enum CpuEvidence
{
    /// <summary>Constant-folded trip counts (or a counted recursion) add up to more than the threshold.</summary>
    KnownWork,
    /// <summary>As <see cref="KnownWork"/>, but a loop may leave early: the count is an upper bound.</summary>
    BoundedWork,
    /// <summary>A counting loop of pure-Python work (<c>range(n)</c>, <c>while i &lt; n: i += 1</c>) whose
    /// bound comes from data or callers.</summary>
    RangeOfUnknownLength,
    /// <summary>Nested pure-Python loops whose lengths come from data (quadratic work).</summary>
    NestedLoops,
    /// <summary>A pure-Python loop over data (a file's lines, a query's rows, a caller's collection) with
    /// substantial work per item.</summary>
    DataLoop,
    /// <summary>A branching recursion of pure Python (its depth is not known statically).</summary>
    Recursion,
}

/// <summary>A callable judged CPU-bound: the work, where it is, what the judgement rests on.</summary>
/// <param name="HotSpot">Where most of the work is; null only for <see cref="CpuEvidence.Recursion"/>
/// and counted recursions.</param>
/// <param name="Description">The work in words, for messages ("loop of ~10,000,000 iterations (range(10000000)), ~80,000,000 operations").</param>
public sealed record CpuBoundWork(EffectSummary Summary, HotSpot? HotSpot, CpuEvidence Evidence, Confidence Confidence, string Description)
{
    /// <summary>The evidence as a SARIF property value.</summary>
    public string EvidenceName => Evidence switch
    {
        CpuEvidence.KnownWork => "known-work",
        CpuEvidence.BoundedWork => "bounded-work",
        CpuEvidence.RangeOfUnknownLength => "range-of-unknown-length",
        CpuEvidence.NestedLoops => "nested-loops-over-data",
        CpuEvidence.DataLoop => "loop-over-data",
        _ => "recursion",
    };
}

/// <summary>
/// Decides whether a callable run on a thread holds the GIL long enough to matter. High confidence
/// needs work known to pass <see cref="WorkCost.ThreadThreshold"/> (constants, arguments folded through
/// calls, counted recursions); a loop that may leave early, a counting loop or nested loops whose sizes
/// come from data, a pure-Python loop over data with heavy iterations, or a branching pure recursion are
/// Medium. Work whose hot loop waits for I/O or calls native code that releases the GIL is not CPU-bound
/// unless each iteration is itself heavy, and nothing that blocks or releases the GIL anywhere is
/// reported on a guess.
/// </summary>
public static class CpuBoundJudge
{
    /// <summary>Per-iteration work below which a counting loop of unknown length is not called CPU-bound.</summary>
    private const double MinimumOperationsPerIteration = 4;

    /// <summary>Per-item work (operations) above which a single pure loop over data is CPU-bound: at 10
    /// ns an operation, 1,000 items of this cost take a millisecond, and data loops run over far more.</summary>
    public const double HeavyIteration = 200;

    /// <summary>How far over the threshold the GIL-held work of a task that also waits on I/O must be.</summary>
    private const double WaitingTaskFactor = 10;

    public static CpuBoundWork? OnThread(ProjectModel model, EffectSummary summary, AnalysisOptions options) =>
        Judged(model, summary, options) is { HotSpot: { } hot } work
            ? work with { Description = work.Description + new FindingPaths(model).InstalledPlace(hot) }
            : Judged(model, summary, options);

    private static CpuBoundWork? Judged(ProjectModel model, EffectSummary summary, AnalysisOptions options)
    {
        var threshold = WorkCost.ThreadThreshold(options);
        var hot = summary.HotSpot;
        // A task that also waits on the network, a process, a sleep or a person (not just reads a local
        // file) spends much of its time waiting, which is what threads are for: its GIL-held work counts
        // when it is far over the threshold (a client handler that computes for 400 ms).
        var waits = summary.HasBlockingIo && !OnlyLocalFileAccess(summary);
        if (summary.Work.Operations >= threshold * (waits ? WaitingTaskFactor : 1) && (hot is null || !HotLoopWaits(hot, threshold)))
        {
            if (hot is null || summary.RecursiveCallCount is not null)
            {
                if (summary.RecursiveCallCount is { } calls)
                {
                    return new CpuBoundWork(summary, hot, CpuEvidence.KnownWork, Confidence.High,
                        $"recursion of {WorkCost.Approximately(calls)} calls, {WorkDescriptions.Operations(summary.Work)}");
                }
            }
            else if (!summary.Work.MayLeaveEarly)
            {
                return new CpuBoundWork(summary, hot, CpuEvidence.KnownWork, Confidence.High, WorkDescriptions.Of(hot, summary.Work));
            }
            else if (!summary.HasBlockingIo && !summary.HasGilReleasing)
            {
                return new CpuBoundWork(summary, hot, CpuEvidence.BoundedWork, Confidence.Medium, WorkDescriptions.Of(hot, summary.Work));
            }
        }

        // Below this line the size is a guess: stay silent when anything on the way does I/O or
        // native work, since that is what threads are for.
        if (summary.HasBlockingIo)
        {
            return null;
        }

        if (summary.HasGilReleasing)
        {
            // Native work beside a pure double loop over open lengths: the native calls are linear in the
            // data, the loop is quadratic pure Python (a pixel-by-pixel pass over an image that a filter
            // also went over), so the loop still holds the GIL for most of the time.
            return hot is null ? null : NestedLoopBesideNativeWork(model, summary, hot);
        }

        if (hot is not null && OpenLoop(model, summary, hot) is { } loop)
        {
            return loop;
        }

        if (summary.Recursion is { Pure: true, Branches: true } recursion && summary.Work.Operations >= MinimumOperationsPerIteration)
        {
            return new CpuBoundWork(summary, hot, CpuEvidence.Recursion, Confidence.Medium,
                $"branching pure-Python recursion in {recursion.Function.DisplayName}, depth not known statically");
        }

        return null;
    }

    /// <summary>
    /// A map of a callable over items on a pool of threads: every task takes the GIL in turn, so the
    /// pool's work is the tasks' work added up. Known item counts make it High when that sum passes the
    /// threshold; items that come from data make it Medium when each task is itself a substantial
    /// pure-Python computation.
    /// </summary>
    public static CpuBoundWork? ForMap(ProjectModel model, EffectSummary task, TripCount items, AnalysisOptions options)
    {
        if (task.HasGilReleasing || task.Work.Operations <= 0 ||
            (task.HasBlockingIo && !(OnlyLocalFileAccess(task) && task.Work.Operations >= WorkBesideFileAccess)))
        {
            return null;
        }

        var threshold = WorkCost.ThreadThreshold(options);
        var place = task.HotSpot is { } hot ? $" ({WorkDescriptions.Place(hot.Innermost)}{new FindingPaths(model).InstalledPlace(hot)})" : "";
        switch (items.Kind)
        {
            case TripKind.Known or TripKind.Bounded when task.Work.Operations * items.Count >= threshold && items.Count > 1:
            {
                var total = task.Work.Times(items);
                var confidence = task.Work.MayLeaveEarly || task.Work.HasUnknownTrips || items.Kind == TripKind.Bounded ? Confidence.Medium : Confidence.High;
                var description = $"{WorkCost.Approximately(items.Count)} tasks of {WorkDescriptions.Operations(task.Work)} each{place}, {WorkCost.Approximately(total.Operations)} in all";
                return new CpuBoundWork(task, task.HotSpot, CpuEvidence.KnownWork, confidence, description);
            }

            // Unknown calls could be native code that releases the GIL: with them, a task must be heavier in
            // known GIL-held work to count (as for a loop over data, five times more).
            case TripKind.DataDependent when task.Work.RepeatedOperations >= (task.UnknownCalls == 0 ? 5 : 25) * HeavyIteration:
                return new CpuBoundWork(task, task.HotSpot, CpuEvidence.DataLoop, Confidence.Medium,
                    $"one task per item of {items.Source ?? items.Reason}, {WorkDescriptions.Operations(task.Work)} each{place}");
            default:
                return null;
        }
    }

    /// <summary>GIL-held work per task (operations; 1 ms) beside which reading or inspecting a local file
    /// by its path (tens of microseconds from the page cache) does not make the task I/O-bound: a source
    /// file read and then parsed holds the GIL for the parse.</summary>
    private const double WorkBesideFileAccess = 100_000;

    /// <summary>Every blocking call of the task opens, reads, writes or inspects a local file by its path
    /// (the catalog's <c>localFile</c>): no network, no waiting for another thread or process.</summary>
    private static bool OnlyLocalFileAccess(EffectSummary task) =>
        task.BlockingIo.Count is > 0 and < EffectSummary.MaxListed && task.BlockingIo.All(site => site.Entry.LocalFile);

    /// <summary>
    /// True when the innermost loop of the hot path waits for I/O or runs GIL-releasing native code in
    /// each iteration and no single iteration is itself above the threshold: the thread spends its time
    /// where the GIL is released (a queue consumer, a chunked file hasher).
    /// </summary>
    private static bool HotLoopWaits(HotSpot hot, double threshold)
    {
        LoopFact? innermost = null;
        for (var h = hot; h is not null; h = h.Inner)
        {
            if (h.Loop is { } loop) innermost = loop;
        }

        return innermost is { } l && (l.BlocksOnIo || l.ReleasesGil) && l.PerIteration.Operations < threshold;
    }

    /// <summary>
    /// The outermost loop on the hot path whose length is not a constant but whose shape says
    /// "computation": a counting loop (<c>range(n)</c> of a numeric bound, not <c>range(len(x))</c>, which
    /// just walks a collection; a <c>while</c> loop driven by an induction variable), a loop of open
    /// length with another such loop nested in it (quadratic work: a matrix product, pairwise
    /// comparisons), or a loop over data whose every item costs <see cref="HeavyIteration"/> operations.
    /// Its body must be pure Python: no I/O, no native code that releases the GIL.
    /// </summary>
    private static CpuBoundWork? OpenLoop(ProjectModel model, EffectSummary summary, HotSpot hot)
    {
        for (var h = hot; h is not null; h = h.Inner)
        {
            // Per pass, a run-once initialisation reached from the loop (a lazily built table) counts once:
            // it is not the loop's work.
            if (h.Loop is not { Trips.IsOpen: true } loop || loop.BlocksOnIo || loop.ReleasesGil ||
                loop.PerIteration.RepeatedOperations < MinimumOperationsPerIteration)
            {
                continue;
            }

            if (IsRangeOfNumericBound(model, loop.Node) || loop.IsCounting)
            {
                return new CpuBoundWork(summary, h, CpuEvidence.RangeOfUnknownLength, Confidence.Medium, WorkDescriptions.OfUnknownRange(h));
            }

            if (IsPureNestedLoop(model, summary, h))
            {
                return new CpuBoundWork(summary, h, CpuEvidence.NestedLoops, Confidence.Medium, WorkDescriptions.OfUnknownRange(h));
            }

            // Unknown calls could be anything, native code that releases the GIL included: with them, an
            // item must be heavier in known pure-Python work to count.
            if (loop.Trips.Kind == TripKind.DataDependent &&
                loop.PerIteration.RepeatedOperations >= (summary.UnknownCalls == 0 ? HeavyIteration : 5 * HeavyIteration))
            {
                return new CpuBoundWork(summary, h, CpuEvidence.DataLoop, Confidence.Medium, WorkDescriptions.OfDataLoop(h));
            }
        }

        return null;
    }

    /// <summary>The outermost pure open loop on the hot path with another one nested in it, in a summary
    /// that releases the GIL elsewhere.</summary>
    private static CpuBoundWork? NestedLoopBesideNativeWork(ProjectModel model, EffectSummary summary, HotSpot hot)
    {
        for (var h = hot; h is not null; h = h.Inner)
        {
            if (h.Loop is { Trips.IsOpen: true, BlocksOnIo: false, ReleasesGil: false } loop &&
                loop.PerIteration.Operations >= MinimumOperationsPerIteration && IsPureNestedLoop(model, summary, h))
            {
                return new CpuBoundWork(summary, h, CpuEvidence.NestedLoops, Confidence.Medium, WorkDescriptions.OfUnknownRange(h));
            }
        }

        return null;
    }

    /// <summary>A call in the loop's body that neither the project nor the catalog knows: it could be
    /// anything, native code that releases the GIL included.</summary>
    private static bool HasUnknownCalls(ProjectModel model, LoopFact loop)
    {
        // The iterable is evaluated once, before the loop: its calls are not the loop's work.
        var once = loop.Node switch
        {
            For f => f.Iter,
            AsyncFor f => f.Iter,
            ListComp c => c.Generators[0].Iter,
            SetComp c => c.Generators[0].Iter,
            DictComp c => c.Generators[0].Iter,
            GeneratorExp c => c.Generators[0].Iter,
            _ => null,
        };
        foreach (var site in model.CallGraph.SitesIn(loop.Function))
        {
            if (!IsWithin(site.Call, loop.Node) || once is not null && IsWithin(site.Call, once) || OnErrorPath(site.Call, loop.Node))
            {
                continue;
            }

            if (site.HasExternalAlternative)
            {
                return true;
            }

            if (site.Targets.Count > 0)
            {
                if (site.Targets.Any(t => model.Effects.SummaryOf(t.Function).UnknownCalls > 0))
                {
                    return true;
                }
            }
            else if (site.CatalogEntry is null && site.InstantiatedClass is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The call is in an <c>except</c> handler inside the loop: it runs only on failure.</summary>
    private static bool OnErrorPath(Node node, Node loop)
    {
        for (var n = node.Parent; n is not null && !ReferenceEquals(n, loop); n = n.Parent)
        {
            if (n is ExceptHandler)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWithin(Node node, Node ancestor)
    {
        for (Node? n = node; n is not null; n = n.Parent)
        {
            if (ReferenceEquals(n, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A loop with another loop of open length in it (same function), both pure Python, and no
    /// call in the outer loop's body that the project or the catalog does not know (it could be anything,
    /// native code that releases the GIL included). The inner loop is the dominant work of an iteration,
    /// or any pure open loop nested in it with real work per pass (a statistic computed per group).
    /// Loops over exception groups or handlers are not computations.</summary>
    internal static bool IsPureNestedLoop(ProjectModel model, EffectSummary summary, HotSpot outer)
    {
        if (outer.Loop is not { } loop || HasUnknownCalls(model, loop))
        {
            return false;
        }

        if (outer.Inner is { Loop: { Trips.IsOpen: true, BlocksOnIo: false, ReleasesGil: false } inner } innerSpot &&
            innerSpot.Chain.Length == outer.Chain.Length && inner.PerIteration.Operations >= MinimumOperationsPerIteration)
        {
            return true;
        }

        foreach (var nested in model.Effects.SummaryOf(loop.Function).Loops)
        {
            if (nested.Trips.IsOpen && !nested.BlocksOnIo && !nested.ReleasesGil && !nested.OnErrorPath &&
                nested.PerIteration.Operations >= MinimumOperationsPerIteration && IsNestedIn(nested, loop))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNestedIn(LoopFact nested, LoopFact outer)
    {
        for (var p = nested.Parent; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p, outer))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsRangeOfNumericBound(ProjectModel model, Node loop) =>
        loop is For { Iter: var iter } && RangeOf(model, iter, 0) is { } range && range.Args.Count > 0 && range.Args.All(IsNumericBound);

    /// <summary>The <c>range(...)</c> call an iterable is: the call itself, <c>list(range(...))</c>, or a
    /// local assigned one of those (<c>keys = list(range(n))</c>).</summary>
    private static Call? RangeOf(ProjectModel model, Expr iterable, int depth)
    {
        if (depth > 3) return null;
        switch (iterable)
        {
            case Call call when model.CallGraph.SiteOf(call)?.CalleeName is { } callee:
                return callee switch
                {
                    "builtins.range" => call,
                    "builtins.list" or "builtins.tuple" when call.Args.Count == 1 => RangeOf(model, call.Args[0], depth + 1),
                    _ => null,
                };
            case Name { Ctx: ExprContext.Load } name:
            {
                var bindings = model.Flow.ReachingBindings(name) is { } reaching
                    ? (IReadOnlyList<GilScan.Semantics.Binding.SymbolBinding>)reaching
                    : GilScan.Semantics.Binding.BoundModule.Lookup(name.Id, model.ModuleOf(name).ScopeOf(name))?.Bindings ?? [];
                return bindings.Count == 1 && bindings[0].Kind == GilScan.Semantics.Binding.BindingKind.Assignment && bindings[0].Value is { } value
                    ? RangeOf(model, value, depth + 1)
                    : null;
            }
            default:
                return null;
        }
    }

    private static bool IsNumericBound(Expr argument) => argument switch
    {
        Call { Func: Name { Id: "len" } } => false,
        Constant => true,
        Name or Attribute or Subscript => true,
        BinOp b => IsNumericBound(b.Left) && IsNumericBound(b.Right),
        UnaryOp u => IsNumericBound(u.Operand),
        Call { Func: Name { Id: "int" or "min" or "max" or "abs" or "round" } } => true,
        Call { Func: Attribute { Attr: "sqrt" or "isqrt" or "ceil" or "floor" } } => true,
        _ => false,
    };
}
