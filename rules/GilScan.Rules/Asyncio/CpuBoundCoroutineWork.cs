using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Asyncio;

/// <summary>
/// GIL201: a coroutine keeps the event loop busy with work and no await in between (its own loop, or a
/// synchronous call down a chain, across modules), so the event loop serves nothing else meanwhile.
/// What counts is how long the thread is busy: pure-Python work and native work alike (an image filter
/// or a password hash releases the GIL, but the event loop still waits for it). High confidence when the
/// work is known to pass <c>latency-budget-ms</c> (default 50 ms) at
/// <see cref="WorkCost.NanosecondsPerOperation"/>; medium for a loop over data (the rows of a query, the
/// items a caller passes) whose every item is heavy, or nested loops over data. See rules/docs/GIL201.md.
/// </summary>
public sealed class CpuBoundCoroutineWork : Rule
{
    public new const string Id = "GIL201";

    /// <summary>Arguments: the coroutine, the estimated time, the work in words, the fix.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "CpuBoundCoroutineWork", title: "CPU-bound work in a coroutine without an await",
        message: "Coroutine '{0}' blocks the event loop for '{1}' without an await ('{2}'); fix: '{3}'.",
        category: RuleCategory.Asyncio, level: RuleLevel.Warning,
        tags: ["performance", "asyncio", "latency"]);

    /// <summary>Busy time per item (operations) above which a loop over data in a coroutine is reported:
    /// 1 ms an item (an image operation, a model call, a page of a PDF: a few hundred items stall the
    /// loop for a noticeable time); a loop over a catalogued data source (a file's lines, a query's rows,
    /// which run to thousands) needs 0.1 ms an item.</summary>
    private const double HeavyItem = 100_000;

    private const double HeavyItemOfDataSource = 10_000;

    /// <summary>Work per inner item (operations, ~2 µs) from which two nested loops over data down a call
    /// chain are reported even in a coroutine that calls unknown code: validating each part of each
    /// record, not walking small bookkeeping structures.</summary>
    private const double HeavyNestedItem = 200;

    public CpuBoundCoroutineWork()
        : base(Descriptor)
    {
    }

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
    {
        var model = project.GetModel<ProjectModel>();
        SemanticModelBuilder.NotifyNotes(project, model);
        var paths = new FindingPaths(model);
        var contexts = new CoroutineContexts(model);
        model.Effects.Prepare(model.OwnFunctions.Where(f => f.IsCoroutine));
        var threshold = WorkCost.EventLoopThreshold(project.Options);
        var testsByHotSpot = new Dictionary<Node, List<Stall>>(ReferenceEqualityComparer.Instance);
        var hotSpotOrder = new List<Node>();
        foreach (var coroutine in model.OwnFunctions)
        {
            if (!coroutine.IsCoroutine || model.Effects.SummaryOf(coroutine) is not { LongestStretchWithoutAwait: { } stretch } summary)
            {
                continue;
            }

            if (Judge(model, summary, stretch, threshold) is not var (spot, confidence, description, time))
            {
                continue;
            }

            var hot = spot.Innermost;
            if (CoroutinePaths.EntersAnotherCoroutine(paths, spot.Chain, spot.Node) || !paths.IsFeasible([], hot.Chain, hot.Node))
            {
                continue;
            }

            var stall = new Stall(coroutine, contexts.Of(coroutine), spot, confidence, description, time);
            if (stall.Context != CoroutineContext.Test)
            {
                project.Report(Report(paths, project.Options.LatencyBudgetMs, stall, []));
                continue;
            }

            if (!testsByHotSpot.TryGetValue(hot.Node, out var sharing))
            {
                testsByHotSpot[hot.Node] = sharing = [];
                hotSpotOrder.Add(hot.Node);
            }

            sharing.Add(stall);
        }

        // Tests that stall the loop on the same hot spot (a slow fixture every test of a module awaits)
        // have one root cause: one note, at the first test, with the others as related locations.
        foreach (var node in hotSpotOrder)
        {
            var sharing = testsByHotSpot[node];
            var first = sharing[0];
            project.Report(Report(paths, project.Options.LatencyBudgetMs, first, sharing.Skip(1).ToList()));
        }
    });

    /// <summary>One coroutine's stall, as judged.</summary>
    private sealed record Stall(ProjectFunction Coroutine, CoroutineContext Context, HotSpot Spot, Confidence Confidence, string Description, string? Time);

    /// <summary>Most tests named one by one in a note about a hot spot they share.</summary>
    private const int MaxSharingTestsListed = 50;

    private static Diagnostic Report(FindingPaths paths, double budgetMs, Stall stall, List<Stall> sharing)
    {
        var (coroutine, context, spot, confidence, description, time) = stall;
        var hot = spot.Innermost;
        description += paths.InstalledPlace(spot);
        var reported = CoroutinePaths.ReportedNode(spot.Chain, spot.Node);
        var (related, flow) = CoroutinePaths.Path(paths, reported, $"{coroutine.DisplayName} runs this without awaiting",
            hot.Chain, hot.Node, $"hot spot: {WorkDescriptions.Place(hot)}");
        var hotTarget = FindingPaths.TargetName(paths.Entered(hot.Chain, hot.Chain.Length - 1, hot.Node));
        if (sharing.Count > 0)
        {
            description += $"; {sharing.Count} other test coroutine{(sharing.Count == 1 ? "" : "s")} reach the same hot spot";
            related = related.AddRange(sharing.Take(MaxSharingTestsListed).Select(other => new RelatedLocation(
                paths.LocationOf(CoroutinePaths.ReportedNode(other.Spot.Chain, other.Spot.Node)),
                $"{other.Coroutine.DisplayName} reaches the same hot spot")));
        }

        return new Diagnostic(Descriptor, paths.LocationOf(reported), coroutine.DisplayName,
            time ?? (spot.Work.HasUnknownTrips ? "an unknown time that grows with the data" : WorkCost.Duration(spot.Work.Busy)), description, Fix(spot.Work))
        {
            Confidence = context == CoroutineContext.Serving ? confidence : Confidence.Medium,
            Level = context == CoroutineContext.Serving ? Descriptor.DefaultLevel : RuleLevel.Note,
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = ImmutableProperties.Of(
                ("target", FindingPaths.TargetName(coroutine)),
                ("work-operations", spot.Work.Operations),
                ("native-operations", spot.Work.NativeOperations),
                ("estimated-ms", Math.Round(WorkCost.Milliseconds(spot.Work.Busy), 1)),
                ("latency-budget-ms", budgetMs),
                ("context", CoroutineContexts.Describe(context)),
                ("sharing-tests", sharing.Count)),
            // A note shared by tests is the hot spot's: which test comes first may change.
            FingerprintKey = sharing.Count > 0 ? "tests|" + hotTarget : FindingPaths.TargetName(coroutine) + "|" + hotTarget,
            // The coroutine runs on a loop of its own with no arguments, or with those the configuration gives.
            Confirmation = ConfirmationRequests.Call(coroutine, ConfirmationKind.CoroutineWork, arguments: null),
        };
    }

    /// <summary>The stretch to report, how sure, and the work in words: known busy time over the budget,
    /// or a loop over data without awaits whose items are heavy, or a loop over data with a pure-Python
    /// loop of open length nested in it (quadratic work, judged as for a thread: no call in the outer
    /// loop that could be anything).</summary>
    private static (HotSpot Spot, Confidence Confidence, string Description, string? Time)? Judge(ProjectModel model, EffectSummary summary, HotSpot stretch, double threshold)
    {
        if (stretch.Work.Busy >= threshold && !stretch.Work.HasUnknownTrips)
        {
            // A model's forward pass over the budget on its catalogued floor alone: "at least" that long.
            var floorOnly = stretch.Innermost is { Loop: null, Library: { } floorCall } && model.Catalog.Find(floorCall) is { AtLeast: true };
            return (stretch, stretch.Work.MayLeaveEarly ? Confidence.Medium : Confidence.High, Describe(stretch),
                floorOnly ? $"at least {WorkCost.Duration(stretch.Work.Busy).TrimStart('~')}" : null);
        }

        if (stretch.Work.Busy >= threshold)
        {
            // A lower bound already over the budget: "at least" that long, more with more data when a
            // loop over data is part of it.
            var floor = $"at least {WorkCost.Duration(stretch.Work.Busy).TrimStart('~')}";
            return (stretch, stretch.Work.MayLeaveEarly ? Confidence.Medium : Confidence.High, Describe(stretch),
                stretch.Work.ScalesWithData ? floor + ", longer with more data" : floor);
        }

        foreach (var candidate in Candidates(summary, stretch))
        {
            if (candidate.Loop is not { Trips.IsOpen: true } loop || loop.Awaits || loop.OnErrorPath)
            {
                continue;
            }

            var perItem = loop.PerIteration.Busy;
            var heavy = perItem >= HeavyItem || (loop.Trips.Source is not null && perItem >= HeavyItemOfDataSource);
            // Nested loops over data. In the coroutine's own body: counting loops over numeric bounds, one
            // in the other, pure Python (a pixel-by-pixel pass over an image of the caller's size; walking
            // small collections of records inside each other is bookkeeping, not this). Down a call chain,
            // where a helper's quadratic branch may be a failure report (unittest's diff of two unequal
            // lists): only loops over data both, in a coroutine that calls nothing unknown, or whose inner
            // items are heavy (each part of each record validated: hashing included, since native work
            // keeps the event loop waiting as well).
            var nested = loop.Trips.Kind == TripKind.DataDependent && !loop.BlocksOnIo &&
                         (candidate.Chain.Length == 0
                             ? !loop.ReleasesGil && IsCounting(model, loop) && CpuBoundJudge.IsPureNestedLoop(model, summary, candidate) && HasCountingLoopInside(model, loop)
                             : candidate.Inner is { Loop: { Trips.Kind: TripKind.DataDependent, Awaits: false } inner } && inner.PerIteration.Busy >= 4 &&
                               candidate.Inner.Chain.Length == candidate.Chain.Length &&
                               (summary.UnknownCalls == 0 && !loop.ReleasesGil || inner.PerIteration.Busy >= HeavyNestedItem));
            if (heavy)
            {
                return (candidate, Confidence.Medium, $"{WorkDescriptions.Place(candidate)}, ~{WorkCost.Duration(perItem).TrimStart('~')} per item", null);
            }

            if (nested)
            {
                return (candidate, Confidence.Medium, WorkDescriptions.OfUnknownRange(candidate), null);
            }
        }

        // A call whose catalogued cost is only a floor (a model's forward pass: the model's size is not in
        // the code), a fair share of the budget already: how long the loop waits depends on the model.
        var hot = stretch.Innermost;
        if (hot.Loop is null && hot.Library is { } library && model.Catalog.Find(library) is { AtLeast: true } &&
            hot.Work.Busy >= threshold * OpenEndedShare)
        {
            return (stretch, Confidence.Medium,
                $"{WorkDescriptions.Place(hot)}, at least {WorkCost.Duration(hot.Work.Busy).TrimStart('~')}; longer with a larger model or input",
                $"at least {WorkCost.Duration(stretch.Work.Busy).TrimStart('~')}");
        }

        return null;
    }

    /// <summary>Share of the budget from which a call whose cost is only a floor is reported: a fifth
    /// (10 ms of the default 50 ms), the floor of a small CNN's forward pass on a CPU.</summary>
    private const double OpenEndedShare = 0.2;

    private static bool IsCounting(ProjectModel model, LoopFact loop) => loop.IsCounting || CpuBoundJudge.IsRangeOfNumericBound(model, loop.Node);

    /// <summary>A counting loop of open length nested in <paramref name="outer"/> (same function), pure Python.</summary>
    private static bool HasCountingLoopInside(ProjectModel model, LoopFact outer) =>
        model.Effects.SummaryOf(outer.Function).Loops.Any(nested =>
            nested.Trips.IsOpen && !nested.BlocksOnIo && !nested.ReleasesGil && !nested.OnErrorPath && IsCounting(model, nested) &&
            IsInside(nested, outer) && !SharesCounterAcrossPasses(nested, outer));

    /// <summary>A <c>while</c> loop whose counter the outer loop never resets (<c>idx = 0</c> before the
    /// outer loop, <c>while idx &lt; len(rows) and ...: idx += 1</c> inside it): the counter moves on from
    /// where the last pass left it, so all passes together run it once over its range (a two-pointer merge
    /// of sorted data), not once per outer item.</summary>
    private static bool SharesCounterAcrossPasses(LoopFact nested, LoopFact outer)
    {
        if (nested.Node is not While inner)
        {
            return false;
        }

        var tested = AstWalker.DescendantsAndSelf(inner.Test).OfType<Name>().Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var counters = inner.Body.SelectMany(AstWalker.DescendantsAndSelf).OfType<AugAssign>()
            .Select(a => a.Target).OfType<Name>().Select(n => n.Id).Where(tested.Contains).ToHashSet(StringComparer.Ordinal);
        if (counters.Count == 0)
        {
            return false;
        }

        foreach (var node in AstWalker.DescendantsAndSelf(outer.Node))
        {
            if (node is Name { Ctx: ExprContext.Store } stored && counters.Contains(stored.Id) && !IsWithin(stored, inner))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWithin(Node node, Node ancestor)
    {
        for (Node? n = node; n is not null; n = n.Parent)
        {
            if (ReferenceEquals(n, ancestor)) return true;
        }

        return false;
    }

    private static bool IsInside(LoopFact nested, LoopFact outer)
    {
        for (var p = nested.Parent; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p, outer)) return true;
        }

        return false;
    }

    /// <summary>The stretch's hot spot and its nested hot spots, then the coroutine's own loops that run
    /// without awaiting: outermost ones, and those nested in a loop that awaits elsewhere in its body (a
    /// page loop that awaits a download, then stitches the page's frames in an inner loop that does not:
    /// the inner loop runs whole between two awaits).</summary>
    private static IEnumerable<HotSpot> Candidates(EffectSummary summary, HotSpot stretch)
    {
        for (var h = stretch; h is not null; h = h.Inner)
        {
            yield return h;
        }

        foreach (var loop in summary.Loops)
        {
            if (!loop.Awaits && !loop.OnErrorPath && (loop.Parent is null || loop.Parent.Awaits))
            {
                yield return loop.AsHotSpot();
            }
        }
    }

    /// <summary>Native work that releases the GIL (a password hash, an image filter, a model's forward
    /// pass) runs in parallel on a thread, so a thread is enough; pure-Python work would hold the GIL
    /// there too and slow the event loop's own thread, so it needs a process or awaits in between.</summary>
    private static string Fix(WorkEstimate work) =>
        work.NativeOperations > work.Operations
            ? "run it in a thread with await asyncio.to_thread(...); the native code releases the GIL, so the event loop keeps serving meanwhile"
            : "offload it to a process pool (await loop.run_in_executor(process_pool, ...)), or split the work and yield with await asyncio.sleep(0) between parts";

    private static string Describe(HotSpot stretch) =>
        stretch.Work.NativeOperations > stretch.Work.Operations
            ? $"{WorkDescriptions.Place(stretch)}, mostly native work ({WorkCost.Duration(stretch.Work.NativeOperations)})"
            : WorkDescriptions.Of(stretch, stretch.Work);
}
