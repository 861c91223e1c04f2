using System.Collections.Immutable;
using System.Numerics;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Processes;
using GilScan.Semantics.Sizes;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Processes;

/// <summary>GIL302: many tiny tasks, each sent to a worker process in its own message. See
/// rules/docs/GIL302.md.</summary>
public sealed class PerItemProcessMessages : ProcessBoundaryRule
{
    public new const string Id = "GIL302";

    /// <summary>What one message costs, in pure-Python operations: a round trip of 100-150 µs on the
    /// benchmark machine, the time of 4,000-5,000 simple operations (fixtures/benchmarks/multiprocessing).</summary>
    public const double MessageOperations = 4_000;

    /// <summary>Work per item at or below which the messages cost as much as the work: reported with
    /// high confidence when the item count is known.</summary>
    public const double CheapOperationsPerItem = MessageOperations;

    /// <summary>Work per item at or below which the messages still add at least a tenth of the work
    /// (a task of up to about ten messages' worth, a millisecond or so): reported with medium
    /// confidence.</summary>
    public const double SmallOperationsPerItem = 10 * MessageOperations;

    /// <summary>Work per item at or below which a task is trivial: its message costs ten times the
    /// work or more (returning the argument, one arithmetic step), so even a few dozen of them are
    /// a loss against a plain loop in the parent.</summary>
    public const double TrivialOperationsPerItem = MessageOperations / 10;

    /// <summary>The fewest messages of trivial tasks that are reported (medium confidence): about
    /// 3 ms of messages spent on work a loop in the parent does in microseconds.</summary>
    public const double MinTrivialMessages = 32;

    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "PerItemProcessMessages", title: "Per-item messages to a process pool",
        message: "'{0}' sends '{1}' of one item each for about '{2}' of work per item; fix: '{3}'.",
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
        double? messages;
        string? dataSource = null;
        string fix;
        switch (boundary.Api.Kind)
        {
            // Pool.map/starmap and their _async forms choose their own chunks (about four per worker):
            // never reported, even when a caller forces chunksize=1.
            case BoundaryKind.Map when boundary.Api.DefaultChunksize != 0 && boundary.SendsOneItemPerMessage:
                messages = boundary.ItemCount is { } items ? (double)items : null;
                if (messages is null)
                {
                    if (boundary.Iterables.Count != 1 || analysis.Sizes.Data.OfIteration(boundary.Iterables[0]) is not { } data) return;
                    dataSource = data.Source;
                }
                fix = boundary.ItemCount is { } n
                    ? ChunksizeFix(n, boundary.Workers)
                    : "pass chunksize= about items / (4 x workers), e.g. chunksize=len(items) // (4 * workers) + 1";
                break;
            case BoundaryKind.Task when boundary.Repetition.IsRepeated:
                messages = boundary.Repetition.Count;
                if (messages is null)
                {
                    dataSource = LoopData(analysis, boundary);
                    if (dataSource is null) return;
                }
                fix = boundary.Api.ShortName == "submit"
                    ? "submit one task per batch of items (a list of a few thousand), or use map(..., chunksize=...)"
                    : "send one task per batch of items, or use Pool.map/imap with a chunksize";
                break;
            default:
                return;
        }
        var work = WorkPerItem(analysis, boundary, callable);
        if (work is null) return;
        var (operations, definition, name, perItem) = work.Value;
        Confidence confidence;
        if (messages is { } count)
        {
            if (count >= minimum && operations <= CheapOperationsPerItem) confidence = Confidence.High;
            else if (count >= minimum && operations <= SmallOperationsPerItem) confidence = Confidence.Medium;
            else if (count >= Math.Min(minimum, MinTrivialMessages) && operations <= TrivialOperationsPerItem) confidence = Confidence.Medium;
            else return;
        }
        else if (operations <= SmallOperationsPerItem) confidence = Confidence.Medium;
        else return;
        if (boundary.Alternative is not null) confidence = Confidence.Medium;

        var project = analysis.Project;
        var workText = operations <= 1 ? "1 operation" : $"{SizeFact.Count(operations)} operations";
        var tasksText = messages is { } m
            ? (m >= minimum ? $"about {SizeFact.Count(m)} tasks" : $"{SizeFact.Count(m)} tasks")
            : $"one task for each of {dataSource}";
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        if (messages is { } known) properties[ProcessFindings.Messages] = (long)Math.Min(known, long.MaxValue);
        if (dataSource is not null) properties[ProcessFindings.DataSourceKey] = dataSource;
        properties["work-per-item"] = Math.Round(operations, 1);
        if (perItem is not null) properties["work-per-item-evidence"] = perItem;
        properties[ProcessFindings.Api] = boundary.Api.Name;
        properties["callable"] = name;
        if (boundary.Api.Kind == BoundaryKind.Map) properties["chunksize"] = 1;
        if (boundary.Alternative is { } alternative) properties[ProcessFindings.AlternativeKey] = alternative;

        var related = new List<(LocatedNode, string)>();
        if (definition is not null) related.Add((definition, $"'{name}' does about {workText} per item{(perItem is null ? "" : $" ({perItem})")}"));
        related.AddRange(boundary.Repetition.Loops.Select(loop => (loop, "one task per iteration of this loop")));
        context.Report(new Diagnostic(Descriptor, ProcessFindings.LocationOf(project, boundary.Call),
            ProcessFindings.Unquoted(boundary.CalleeDescription), tasksText, workText, fix)
        {
            Confidence = confidence,
            Properties = properties.ToImmutable(),
            RelatedLocations = ProcessFindings.Related(project, related),
            FingerprintKey = string.Join('|', Id, ProcessFindings.Owner(project, boundary.Call), boundary.Api.Name, name),
        });
    }

    /// <summary>The data a loop around a task walks (innermost loop first), when it is external data.</summary>
    private static string? LoopData(ProcessAnalysis analysis, ProcessBoundary boundary)
    {
        foreach (var loop in boundary.Repetition.Loops.Reverse())
        {
            var walked = loop switch
            {
                For f => f.Iter,
                AsyncFor f => f.Iter,
                ListComp l => l.Generators[0].Iter,
                GeneratorExp g => g.Generators[0].Iter,
                SetComp c => c.Generators[0].Iter,
                DictComp d => d.Generators[0].Iter,
                _ => null,
            };
            if (walked is not null && analysis.Sizes.Data.OfIteration(walked) is { } data) return data.Source;
        }
        return boundary.Repetition.Trips.Source;
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
    /// calls, I/O or native work whose cost the summary does not measure). A map over integers of
    /// known values (<c>range(10_000)</c>) is summarised for its mean item, so that a function whose
    /// loop runs as many times as its argument says gets a count.</summary>
    private static (double Operations, LocatedNode? Definition, string Name, string? PerItem)? WorkPerItem(ProcessAnalysis analysis, ProcessBoundary boundary, Expr callable)
    {
        var project = analysis.Project;
        var targets = project.CallGraph.CallableTargets(callable);
        if (targets.Count == 0)
        {
            var qualified = project.Values.QualifiedNameOf(callable);
            var entry = project.Catalog.Find(qualified);
            return entry switch
            {
                { Category: CallCategory.Cheap } => (1, null, qualified!, null),
                { Category: CallCategory.GilHoldingCpu, PerItemOf: null, Weight: { } weight } => (weight, null, qualified!, null),
                _ => null,
            };
        }
        (double Operations, LocatedNode? Definition, string Name, string? PerItem)? heaviest = null;
        var scope = project.ModuleOf(boundary.Call).ScopeOf(boundary.Call);
        var typical = boundary.Api.Kind == BoundaryKind.Map && boundary.Iterables.Count == 1 ? TypicalItem(project, boundary.Iterables[0]) : null;
        foreach (var target in targets)
        {
            string? perItem = null;
            var summary = boundary.TaskPositional is { } positional
                ? project.Effects.SummaryForArguments(target, positional, boundary.TaskKeywords, scope)
                : project.Effects.SummaryOf(target.Function);
            if (summary.Work.HasUnknownTrips && typical is var (values, text) && ItemParameter(target) is { } parameter)
            {
                // The mean over a few of the map's own items (first, last and evenly between): each
                // summary folds the branches and loop bounds that item takes.
                var total = 0.0;
                foreach (var value in values)
                {
                    var sample = project.Effects.SummaryIn(target.Function, project.Effects.DefaultEnvironment(target.Function).With(parameter.Name, new IntValue(value)));
                    // Each sample must be fully measured: an item whose branch calls unknown code or
                    // blocks has a cost the mean cannot stand for.
                    if (sample.Work.HasUnknownTrips || sample.Work.Unbounded || sample.UnknownCalls > 0
                        || sample.IsRecursive || sample.HasBlockingIo || sample.HasGilReleasing)
                        return null;
                    total += sample.Work.Operations;
                }
                var mean = total / values.Count;
                perItem = $"the mean over items {string.Join(", ", values)} of {text}";
                if (heaviest is null || mean > heaviest.Value.Operations)
                    heaviest = (mean, target.Function.Node as LocatedNode, target.Function.DisplayName, perItem);
                continue;
            }
            var work = summary.Work;
            if (work.HasUnknownTrips || work.Unbounded || summary.UnknownCalls > 0 || summary.IsRecursive
                || summary.HasBlockingIo || summary.HasGilReleasing)
                return null;
            if (heaviest is null || work.Operations > heaviest.Value.Operations)
                heaviest = (work.Operations, target.Function.Node as LocatedNode, target.Function.DisplayName, perItem);
        }
        return heaviest;
    }

    /// <summary>A few of a map's items, when they are integers the code shows (a range or a literal of
    /// ints): the first, the last and up to three evenly between.</summary>
    private static (IReadOnlyList<BigInteger> Values, string Text)? TypicalItem(ProjectModel project, Expr iterable)
    {
        const int Samples = 5;
        var text = ExpressionText.Of(iterable);
        switch (project.Constants.Evaluate(iterable))
        {
            case RangeValue { Length: { } n } range when n > 0:
                var count = (int)BigInteger.Min(n, Samples);
                return (Enumerable.Range(0, count).Select(k => range.Start + range.Step * (count == 1 ? 0 : (n - 1) * k / (count - 1))).ToList(), text);
            case SequenceValue { Items: { Length: > 0 } items } when items.All(i => i is IntValue):
                var picked = Math.Min(items.Length, Samples);
                return (Enumerable.Range(0, picked).Select(k => ((IntValue)items[picked == 1 ? 0 : (items.Length - 1) * k / (picked - 1)]!).Value).ToList(), text);
            default:
                return null;
        }
    }

    /// <summary>The parameter that receives the item: the first positional one after those already bound
    /// (<c>self</c>, a partial's arguments).</summary>
    private static Parameter? ItemParameter(CallTarget target)
    {
        var positional = target.Function.Parameters.Where(p => p.Kind is ParameterKind.PositionalOnly or ParameterKind.PositionalOrKeyword).ToList();
        return target.BoundPositionals < positional.Count ? positional[target.BoundPositionals] : null;
    }
}
