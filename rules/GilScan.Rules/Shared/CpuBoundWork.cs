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
    /// <summary>Constant-folded trip counts add up to more than the threshold.</summary>
    KnownWork,
    /// <summary>A <c>range(n)</c> loop of pure-Python work whose bound is not known statically.</summary>
    RangeOfUnknownLength,
    /// <summary>Recursive pure-Python computation (its depth is not known statically).</summary>
    Recursion,
}

/// <summary>A callable judged CPU-bound: the work, where it is, what the judgement rests on.</summary>
/// <param name="HotSpot">Where most of the work is; null only for <see cref="CpuEvidence.Recursion"/>.</param>
/// <param name="Description">The work in words, for messages ("loop of ~10,000,000 iterations (range(10000000)), ~80,000,000 operations").</param>
public sealed record CpuBoundWork(EffectSummary Summary, HotSpot? HotSpot, CpuEvidence Evidence, Confidence Confidence, string Description);

/// <summary>
/// Decides whether a callable run on a thread holds the GIL long enough to matter. High confidence
/// needs constant-folded work above <see cref="WorkCost.ThreadThreshold"/>; a pure-Python
/// <c>range(n)</c> loop of unknown <c>n</c> or pure recursion is Medium. Work whose hot loop waits
/// for I/O or calls native code that releases the GIL is not CPU-bound unless each iteration is itself
/// heavy, and nothing that blocks or releases the GIL anywhere is reported on a guess.
/// </summary>
public static class CpuBoundJudge
{
    /// <summary>Per-iteration work below which a loop of unknown length is not called CPU-bound.</summary>
    private const double MinimumOperationsPerIteration = 4;

    public static CpuBoundWork? OnThread(ProjectModel model, EffectSummary summary, AnalysisOptions options)
    {
        var threshold = WorkCost.ThreadThreshold(options);
        var hot = summary.HotSpot;
        if (hot is not null && summary.Work.Operations >= threshold && !HotLoopWaits(hot, threshold))
        {
            return new CpuBoundWork(summary, hot, CpuEvidence.KnownWork, Confidence.High, WorkDescriptions.Of(hot, summary.Work));
        }

        // Below this line the size is a guess: stay silent when anything on the way does I/O or
        // native work, since that is what threads are for.
        if (summary.HasBlockingIo || summary.HasGilReleasing)
        {
            return null;
        }

        if (hot is not null && UnknownRangeLoop(model, summary, hot) is { } loop)
        {
            return new CpuBoundWork(summary, loop, CpuEvidence.RangeOfUnknownLength, Confidence.Medium, WorkDescriptions.OfUnknownRange(loop));
        }

        if (summary.IsRecursive && summary.UnknownCalls == 0 && summary.Work.Operations >= MinimumOperationsPerIteration)
        {
            return new CpuBoundWork(summary, hot, CpuEvidence.Recursion, Confidence.Medium, "recursive pure-Python computation of unknown depth");
        }

        return null;
    }

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
    /// The outermost loop on the hot path whose length is unknown but whose shape says "computation":
    /// a <c>range(n)</c> of unknown numeric bound (not <c>range(len(x))</c>, which just walks a
    /// collection), or a loop of unknown length with another such loop nested in it (quadratic work:
    /// a matrix product, a pairwise comparison). Its body must be pure Python: no I/O, no native code
    /// that releases the GIL.
    /// </summary>
    private static HotSpot? UnknownRangeLoop(ProjectModel model, EffectSummary summary, HotSpot hot)
    {
        for (var h = hot; h is not null; h = h.Inner)
        {
            if (h.Loop is not { Trips.Kind: TripKind.Unknown } loop || loop.BlocksOnIo || loop.ReleasesGil ||
                loop.PerIteration.Operations < MinimumOperationsPerIteration)
            {
                continue;
            }

            if (IsRangeOfNumericBound(model, loop.Node) || IsPureNestedForLoop(summary, h))
            {
                return h;
            }
        }

        return null;
    }

    /// <summary>A <c>for</c> loop with another <c>for</c> loop of unknown length directly in it (same
    /// function), in a summary whose every call is known to the project or the catalog: an unknown call
    /// could be anything, and loops over exception groups or handlers are not computations.</summary>
    private static bool IsPureNestedForLoop(EffectSummary summary, HotSpot outer) =>
        summary.UnknownCalls == 0 &&
        outer.Loop!.Node is For &&
        outer.Inner is { Loop: { Trips.Kind: TripKind.Unknown, BlocksOnIo: false, ReleasesGil: false, Node: For } inner } innerSpot &&
        innerSpot.Chain.Length == outer.Chain.Length &&
        inner.PerIteration.Operations >= MinimumOperationsPerIteration;

    private static bool IsRangeOfNumericBound(ProjectModel model, Node loop) =>
        loop is For { Iter: Call range } &&
        model.CallGraph.SiteOf(range)?.CalleeName == "builtins.range" &&
        range.Args.Count > 0 && range.Args.All(IsNumericBound);

    private static bool IsNumericBound(Expr argument) => argument switch
    {
        Call { Func: Name { Id: "len" } } => false,
        Constant => true,
        Name or Attribute or Subscript => true,
        BinOp b => IsNumericBound(b.Left) && IsNumericBound(b.Right),
        UnaryOp u => IsNumericBound(u.Operand),
        Call { Func: Name { Id: "int" or "min" or "max" or "abs" or "round" } } => true,
        _ => false,
    };
}
