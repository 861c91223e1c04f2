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
            // Known work only: loops of unknown length in coroutines were, on real code (trio, jinja2,
            // prompt_toolkit), short loops over a request's or a queue's items, never a stall.
            if (!coroutine.IsCoroutine ||
                model.Effects.SummaryOf(coroutine).LongestStretchWithoutAwait is not { } stretch ||
                stretch.Work.Operations < threshold)
            {
                continue;
            }

            var hot = stretch.Innermost;
            if (CoroutinePaths.EntersAnotherCoroutine(paths, stretch.Chain, stretch.Node) || !paths.IsFeasible([], hot.Chain, hot.Node))
            {
                continue;
            }

            var reported = CoroutinePaths.ReportedNode(stretch.Chain, stretch.Node);
            var (related, flow) = CoroutinePaths.Path(paths, reported, $"{coroutine.DisplayName} runs this without awaiting",
                hot.Chain, hot.Node, $"hot spot: {WorkDescriptions.Place(hot)}");
            project.Report(new Diagnostic(Descriptor, paths.LocationOf(reported), coroutine.DisplayName,
                WorkCost.Duration(stretch.Work.Operations), WorkDescriptions.Of(stretch, stretch.Work))
            {
                Confidence = Confidence.High,
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
