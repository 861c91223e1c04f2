using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Asyncio;

/// <summary>
/// GIL201: a coroutine runs CPU-bound pure-Python work with no await in between (its own loop, or a
/// synchronous call down a chain, across modules), so the event loop serves nothing else meanwhile.
/// The threshold is <c>latency-budget-ms</c> (default 50 ms) at <see cref="WorkCost.NanosecondsPerOperation"/>.
/// See rules/docs/GIL201.md.
/// </summary>
public sealed class CpuBoundCoroutineWork : Rule
{
    public new const string Id = "GIL201";

    /// <summary>Arguments: the coroutine, the estimated time, the work in words.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "CpuBoundCoroutineWork", title: "CPU-bound pure-Python work in a coroutine without an await",
        message: "Coroutine '{0}' blocks the event loop for '{1}' without an await ('{2}'); offload it to a process pool or yield with 'await asyncio.sleep(0)'.",
        category: RuleCategory.Asyncio, level: RuleLevel.Warning,
        tags: ["performance", "asyncio", "latency"]);

    /// <summary>
    /// The stretch that blocks the loop: the longest stretch without an await, when its known work is
    /// over the budget. Loops of unknown length are not reported in coroutines: on real code (trio,
    /// jinja2, prompt_toolkit) they were short loops over a request's or a queue's items, never a stall.
    /// </summary>
    private static (HotSpot Stretch, Confidence Confidence, string Time)? Judge(EffectSummary summary, double threshold) =>
        summary.LongestStretchWithoutAwait is { } stretch && stretch.Work.Operations >= threshold
            ? (stretch, Confidence.High, WorkCost.Duration(stretch.Work.Operations))
            : null;

    public CpuBoundCoroutineWork()
        : base(Descriptor)
    {
    }

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
    {
        var model = project.GetModel<ProjectModel>();
        var paths = new FindingPaths(model);
        model.Effects.Prepare(model.Functions.Where(f => f.IsCoroutine));
        var threshold = WorkCost.EventLoopThreshold(project.Options);
        foreach (var coroutine in model.Functions)
        {
            if (!coroutine.IsCoroutine || Judge(model.Effects.SummaryOf(coroutine), threshold) is not { } blocking)
            {
                continue;
            }

            var (stretch, confidence, time) = blocking;
            var hot = stretch.Innermost;
            if (CoroutinePaths.EntersAnotherCoroutine(paths, stretch.Chain, stretch.Node) || !paths.IsFeasible([], hot.Chain, hot.Node))
            {
                continue;
            }

            var reported = CoroutinePaths.ReportedNode(stretch.Chain, stretch.Node);
            var steps = new List<(Node, string)> { (reported, $"{coroutine.DisplayName} runs this without awaiting") };
            steps.AddRange(paths.ChainSteps(hot.Chain, hot.Node, $"hot spot: {WorkDescriptions.Place(hot)}").Skip(stretch.Chain.IsEmpty ? 0 : 1));
            if (ReferenceEquals(steps[^1].Item1, reported))
            {
                steps.RemoveAt(steps.Count - 1);
            }

            var (related, flow) = paths.Path(steps);
            var description = WorkDescriptions.Of(stretch, stretch.Work);
            project.Report(new Diagnostic(Descriptor, paths.LocationOf(reported), coroutine.DisplayName, time, description)
            {
                Confidence = confidence,
                RelatedLocations = related,
                CodeFlow = flow,
                Properties = ImmutableProperties.Of(
                    ("target", FindingPaths.TargetName(coroutine)),
                    ("work-operations", stretch.Work.Operations),
                    ("estimated-ms", Math.Round(WorkCost.Milliseconds(stretch.Work.Operations), 1)),
                    ("latency-budget-ms", project.Options.LatencyBudgetMs)),
                FingerprintKey = FindingPaths.TargetName(coroutine) + "|" + FindingPaths.TargetName(paths.Entered(hot.Chain, hot.Chain.Length - 1, hot.Node)),
            });
        }
    });
}
