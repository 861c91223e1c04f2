using System.Collections.Immutable;
using System.Numerics;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Processes;
using GilScan.Semantics.Sizes;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Processes;

/// <summary>GIL302: many tiny tasks, each sent to a worker process in its own message. See
/// rules/docs/GIL302.md.</summary>
public sealed class PerItemProcessMessages : ProcessBoundaryRule
{
    public new const string Id = "GIL302";

    /// <summary>Work per item (pure-Python operations) below which one message per item costs more
    /// than the item: a message round trip costs tens of microseconds, tens of thousands of times the
    /// cost of an operation (see fixtures/benchmarks/multiprocessing).</summary>
    public const double CheapOperationsPerItem = 1_000;

    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "PerItemProcessMessages", title: "Per-item messages to a process pool",
        message: "'{0}' sends about '{1}' tasks of one item each for about '{2}' of work per item; fix: '{3}'.",
        category: RuleCategory.Processes, level: RuleLevel.Warning, precision: RulePrecision.High,
        tags: ["performance", "ipc"]);

    public PerItemProcessMessages()
        : base(Descriptor)
    {
    }

    protected override void Analyze(ProcessAnalysis analysis, NodeContext<Call> context)
    {
        var boundary = analysis.BoundaryAt(context.Node);
        if (boundary?.Callable is not { } callable) return;
        var minimum = (double)context.Options.MinLoopIterations;
        double messages;
        string fix;
        switch (boundary.Api.Kind)
        {
            // Pool.map/starmap and their _async forms choose their own chunks (about four per worker):
            // never reported, even when a caller forces chunksize=1.
            case BoundaryKind.Map when boundary.Api.DefaultChunksize != 0 && boundary.SendsOneItemPerMessage
                                       && boundary.ItemCount is { } items && (double)items >= minimum:
                messages = (double)items;
                fix = ChunksizeFix(items, boundary.Workers);
                break;
            case BoundaryKind.Task when boundary.Repetition.Count is { } trips && trips >= minimum:
                messages = trips;
                fix = boundary.Api.ShortName == "submit"
                    ? "submit one task per batch of items (a list of a few thousand), or use map(..., chunksize=...)"
                    : "send one task per batch of items, or use Pool.map/imap with a chunksize";
                break;
            default:
                return;
        }
        var work = WorkPerItem(analysis, boundary, callable);
        if (work is null || work.Value.Operations > CheapOperationsPerItem) return;
        var project = analysis.Project;
        var (operations, definition, name) = work.Value;
        var workText = operations <= 1 ? "1 operation" : $"{SizeFact.Count(operations)} operations";
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties[ProcessFindings.Messages] = (long)Math.Min(messages, long.MaxValue);
        properties["work-per-item"] = Math.Round(operations, 1);
        properties[ProcessFindings.Api] = boundary.Api.Name;
        properties["callable"] = name;
        if (boundary.Api.Kind == BoundaryKind.Map) properties["chunksize"] = 1;

        var related = new List<(LocatedNode, string)>();
        if (definition is not null) related.Add((definition, $"'{name}' does about {workText} per item"));
        related.AddRange(boundary.Repetition.Loops.Select(loop => (loop, "one task per iteration of this loop")));
        context.Report(new Diagnostic(Descriptor, ProcessFindings.LocationOf(project, boundary.Call),
            ProcessFindings.Unquoted(boundary.CalleeText), SizeFact.Count(messages), workText, fix)
        {
            Confidence = Confidence.High,
            Properties = properties.ToImmutable(),
            RelatedLocations = ProcessFindings.Related(project, related),
            FingerprintKey = string.Join('|', Id, ProcessFindings.Owner(project, boundary.Call), boundary.Api.Name, name),
        });
    }

    /// <summary>chunksize about items / (4 x workers), as Pool.map chooses it (workers: the pool's, else
    /// an example of 8).</summary>
    private static string ChunksizeFix(BigInteger items, BigInteger? workers)
    {
        var w = workers is { } known && known >= 1 ? known : 8;
        var chunk = BigInteger.Max(1, (items + 4 * w - 1) / (4 * w));
        return $"pass chunksize= about items / (4 x workers), e.g. chunksize={chunk} for {w} workers";
    }

    /// <summary>The most work one item costs: the callable's effect summary (project functions) or its
    /// catalog weight (library callables); null when it cannot be told (unknown trip counts, unknown
    /// calls, I/O or native work whose cost the summary does not measure).</summary>
    private static (double Operations, LocatedNode? Definition, string Name)? WorkPerItem(ProcessAnalysis analysis, ProcessBoundary boundary, Expr callable)
    {
        var project = analysis.Project;
        var targets = project.CallGraph.CallableTargets(callable);
        if (targets.Count == 0)
        {
            var qualified = project.Values.QualifiedNameOf(callable);
            var entry = project.Catalog.Find(qualified);
            return entry switch
            {
                { Category: CallCategory.Cheap } => (1, null, qualified!),
                { Category: CallCategory.GilHoldingCpu, PerItemOf: null, Weight: { } weight } => (weight, null, qualified!),
                _ => null,
            };
        }
        (double Operations, LocatedNode? Definition, string Name)? heaviest = null;
        var scope = project.ModuleOf(boundary.Call).ScopeOf(boundary.Call);
        foreach (var target in targets)
        {
            var summary = boundary.TaskPositional is { } positional
                ? project.Effects.SummaryForArguments(target, positional, boundary.TaskKeywords, scope)
                : project.Effects.SummaryOf(target.Function);
            var work = summary.Work;
            if (work.HasUnknownTrips || work.Unbounded || summary.UnknownCalls > 0 || summary.IsRecursive
                || summary.HasBlockingIo || summary.HasGilReleasing)
                return null;
            if (heaviest is null || work.Operations > heaviest.Value.Operations)
                heaviest = (work.Operations, target.Function.Node as LocatedNode, target.Function.DisplayName);
        }
        return heaviest;
    }

}
