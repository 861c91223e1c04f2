using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Processes;
using GilScan.Semantics.Sizes;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.Processes;

/// <summary>GIL301: a large object is pickled again for every task or message sent to another
/// process. See rules/docs/GIL301.md.</summary>
public sealed class LargeObjectPickledPerTask : ProcessBoundaryRule
{
    public new const string Id = "GIL301";

    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "LargeObjectPickledPerTask", title: "Large object pickled per task",
        message: "Large object '{0}' of '{1}' is pickled '{2}'; fix: '{3}'.",
        category: RuleCategory.Processes, level: RuleLevel.Warning, precision: RulePrecision.Medium,
        tags: ["performance", "pickle"]);

    public LargeObjectPickledPerTask()
        : base(Descriptor)
    {
    }

    protected override void Analyze(ProcessAnalysis analysis, NodeContext<Call> context)
    {
        var boundary = analysis.BoundaryAt(context.Node);
        if (boundary is null || HowOften(boundary) is not { } sends) return;
        if (boundary.Api.Kind == BoundaryKind.Process && analysis.IsNeverStarted(boundary.Call)) return;
        var reported = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        foreach (var payload in Payloads(analysis, boundary))
        {
            if (!reported.Add(payload.Expression)) continue;
            var fact = payload.Size ?? analysis.Sizes.Estimate(payload.Expression);
            if (fact is null || !fact.IsLarge(analysis.LargeBytes)) continue;
            context.Report(Finding(analysis, boundary, payload, fact, sends));
        }
    }

    /// <summary>How often a boundary pickles what it is given; null when only once (or never, as a
    /// Process's arguments under fork).</summary>
    private static Sends? HowOften(ProcessBoundary boundary)
    {
        var repetition = boundary.Repetition;
        switch (boundary.Api.Kind)
        {
            case BoundaryKind.Task or BoundaryKind.Message:
                return repetition.IsRepeated ? new Sends(repetition.Count, $"once per {boundary.Api.ShortName} call, {ProcessFindings.RepetitionText(repetition)}") : null;
            case BoundaryKind.Process:
                return repetition.IsRepeated && boundary.StartMethod.PicklesProcess
                    ? new Sends(repetition.Count, $"once per process started under {boundary.StartMethod.Name}, {ProcessFindings.RepetitionText(repetition)}")
                    : null;
            case BoundaryKind.Map:
                var tasks = boundary.MapMessages;
                if ((tasks is { } t && t < 2 || boundary.ItemCount is { } n && n < 2) && !repetition.IsRepeated) return null;
                var perCall = tasks is { } known
                    ? $"once per task, {SizeFact.Count((double)known)} tasks of {boundary.CalleeText}"
                    : boundary.SendsOneItemPerMessage
                        ? $"once per item of {boundary.CalleeText} (chunksize 1)"
                        : boundary.Api.DefaultChunksize == 0 && !boundary.ChunksizeGiven
                            ? $"once per task of {boundary.CalleeText}, about 4 tasks per worker process"
                            : $"once per task (chunk) of {boundary.CalleeText}";
                double? count = tasks is { } m ? (double)m * (repetition.Count ?? 1) : null;
                return new Sends(repetition.IsRepeated ? null : count,
                    repetition.IsRepeated ? $"{perCall}, {ProcessFindings.RepetitionText(repetition)}" : perCall);
            default:
                return null;
        }
    }

    /// <summary>What each task or message carries: its arguments; what the callable carries (a
    /// partial's bound arguments, a bound method's instance); for a map, the parts of every item that
    /// are the same object each time (<c>[(matrix, i) for i in …]</c>, <c>[big] * n</c>,
    /// <c>itertools.repeat(big)</c>).</summary>
    private static IEnumerable<Payload> Payloads(ProcessAnalysis analysis, ProcessBoundary boundary)
    {
        if (boundary.Api.Kind is BoundaryKind.Task or BoundaryKind.Message or BoundaryKind.Process)
            foreach (var argument in boundary.Arguments)
                yield return new Payload(argument, null, "argument");
        if (boundary.Callable is { } callable && boundary.Api.Kind != BoundaryKind.Message)
        {
            foreach (var v in analysis.ValuesAt(callable, boundary.Call).Items)
            {
                switch (v)
                {
                    case PartialValue p:
                        foreach (var bound in p.Site.Args.Skip(1).Concat(p.Site.Keywords.Select(k => k.Value)))
                            yield return new Payload(bound is Starred s ? s.Value : bound, null, "argument bound by functools.partial");
                        break;
                    case FunctionValue { Receiver: InstanceValue { Class: { } cls } } method:
                        if (analysis.Sizes.InstanceSize(cls) is { } instance)
                            yield return new Payload(callable, instance with { Kind = $"bound method '{method.Function.DisplayName}'" }, "instance pickled with the bound method");
                        break;
                }
            }
        }
        if (boundary.Api.Kind == BoundaryKind.Map)
            foreach (var iterable in boundary.Iterables)
                foreach (var part in SharedItemParts(analysis, iterable, 0))
                    yield return new Payload(part, null, "part of every item", IsWithin(part, iterable) ? null : iterable);
    }

    private static IEnumerable<Expr> SharedItemParts(ProcessAnalysis analysis, Expr iterable, int depth)
    {
        if (depth > 3) yield break;
        switch (iterable)
        {
            case ListComp or GeneratorExp or SetComp:
                var (element, generators) = iterable switch
                {
                    ListComp l => (l.Elt, l.Generators),
                    GeneratorExp g => (g.Elt, g.Generators),
                    _ => (((SetComp)iterable).Elt, ((SetComp)iterable).Generators),
                };
                var scope = analysis.Project.ModuleOf(iterable).ScopeOf(element);
                foreach (var leaf in Leaves(element))
                    if (IsSameEveryItem(leaf, scope)) yield return leaf;
                break;
            case BinOp { Op: BinaryOperator.Mult } product:
                var display = product.Left is List or Tuple ? product.Left : product.Right;
                if (display is List or Tuple)
                    foreach (var leaf in display is List list ? list.Elts : ((Tuple)display).Elts)
                        foreach (var inner in Leaves(leaf))
                            if (inner is Name or Attribute) yield return inner;
                break;
            case Call call:
                var name = analysis.Project.Values.QualifiedNameOf(call.Func);
                if (name == "itertools.repeat" && call.Args.Count >= 1) yield return call.Args[0];
                else if (name == "builtins.zip")
                    foreach (var a in call.Args)
                        foreach (var part in SharedItemParts(analysis, a, depth + 1)) yield return part;
                break;
            case Name:
                foreach (var origin in analysis.Origins.Of(iterable))
                    if (!ReferenceEquals(origin.Expression, iterable) && origin.UnpackIndex is null)
                        foreach (var part in SharedItemParts(analysis, origin.Expression, depth + 1)) yield return part;
                break;
        }
    }

    private static bool IsWithin(Node node, Node ancestor)
    {
        for (var n = node; n is not null; n = n.Parent)
            if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    private static IEnumerable<Expr> Leaves(Expr element) => element is Tuple t ? t.Elts.SelectMany(Leaves) : [element];

    /// <summary>A name or attribute chain whose base name is bound outside the comprehension: the same
    /// object in every item.</summary>
    private static bool IsSameEveryItem(Expr leaf, GilScan.Semantics.Binding.Scope comprehension)
    {
        var base_ = leaf;
        while (base_ is Attribute a) base_ = a.Value;
        if (base_ is not Name name) return false;
        var symbol = GilScan.Semantics.Binding.BoundModule.Lookup(name.Id, comprehension);
        if (symbol is null) return false;
        for (var s = comprehension; s is not null && s.Kind == GilScan.Semantics.Binding.ScopeKind.Comprehension; s = s.Parent)
            if (ReferenceEquals(symbol.Scope, s)) return false;
        return true;
    }

    private static Diagnostic Finding(ProcessAnalysis analysis, ProcessBoundary boundary, Payload payload, SizeFact fact, Sends sends)
    {
        var project = analysis.Project;
        var what = ExpressionText.Of(payload.Expression);
        var where = payload.Location;
        var size = fact.Basis switch
        {
            SizeBasis.Computed => fact.SizeText,
            SizeBasis.TypicallyLarge => $"a {fact.Kind} of unknown size",
            _ => "a whole file",
        };
        var confidence = fact.Basis switch
        {
            SizeBasis.Computed => fact.ViaParameter ? Confidence.Medium : Confidence.High,
            SizeBasis.TypicallyLarge => Confidence.Medium,
            _ => Confidence.Low,
        };
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties[ProcessFindings.SizeEvidence] = fact.Describe();
        properties[ProcessFindings.SizeBasisKey] = fact.Basis switch
        {
            SizeBasis.Computed => "computed",
            SizeBasis.TypicallyLarge => "typically-large",
            _ => "file-contents",
        };
        if (fact.Bytes is { } bytes) properties[ProcessFindings.SizeBytes] = (long)Math.Min(bytes, long.MaxValue);
        if (sends.Count is { } count) properties[ProcessFindings.Messages] = (long)Math.Min(count, long.MaxValue);
        properties[ProcessFindings.MessagesText] = sends.Text;
        properties[ProcessFindings.Api] = boundary.Api.Name;
        properties[ProcessFindings.Payload] = payload.Role;
        if (boundary.Api.Kind is BoundaryKind.Process or BoundaryKind.Task or BoundaryKind.Map)
            properties[ProcessFindings.StartMethodKey] = boundary.StartMethod.Name;

        var related = new List<(LocatedNode, string)> { (fact.Origin, $"{fact.Kind} made here: {fact.Describe()}") };
        related.AddRange(boundary.Repetition.Loops.Select(loop => (loop, "the loop that repeats the send")));
        if (!ReferenceEquals(where, payload.Expression))
            related.Insert(0, (payload.Expression, $"'{what}' is put in every item here"));
        return new Diagnostic(Descriptor, ProcessFindings.LocationOf(project, where),
            ProcessFindings.Unquoted(what), ProcessFindings.Unquoted(size), ProcessFindings.Unquoted(sends.Text), Fix(boundary, fact, payload))
        {
            Confidence = confidence,
            Level = confidence == Confidence.Low ? RuleLevel.Note : Descriptor.DefaultLevel,
            Properties = properties.ToImmutable(),
            RelatedLocations = ProcessFindings.Related(project, related),
            CodeFlow = ProcessFindings.Flow(project, fact, boundary.Repetition.Loops, boundary.Call, $"pickled and sent by {boundary.CalleeText}"),
            FingerprintKey = string.Join('|', Id, ProcessFindings.Owner(project, boundary.Call), boundary.Api.Name, what),
        };
    }

    private static string Fix(ProcessBoundary boundary, SizeFact fact, Payload payload)
    {
        if (payload.Role == "instance pickled with the bound method")
            return "send a module-level function instead of the bound method, and pass the large attribute once through the pool initializer into a global";
        return boundary.Api.Kind switch
        {
            BoundaryKind.Message => "send it once and refer to it by index or key afterwards, or share it through multiprocessing.shared_memory",
            BoundaryKind.Process => "create it in the child process, or share it through multiprocessing.shared_memory or a memory-mapped file",
            _ when fact.Basis == SizeBasis.TypicallyLarge && fact.Kind == "pandas.DataFrame" =>
                "load it once per worker in the pool initializer (or send the path and read it in the worker), and send row or column indices with each task",
            _ when fact.Kind == "numpy.ndarray" =>
                "put the array in multiprocessing.shared_memory (or a memory-mapped file) and send its name and indices, or pass it once through the pool initializer into a global",
            _ => "pass it once through the pool initializer (initializer=, initargs=) into a module global and send only indices or keys with each task",
        };
    }

    private sealed record Sends(double? Count, string Text);

    /// <param name="ReportAt">Where to report: the expression itself, or for item parts built away from
    /// the call (<c>tasks = [(m, i) for …]; pool.starmap(f, tasks)</c>) the iterable in the call.</param>
    private sealed record Payload(Expr Expression, SizeFact? Size, string Role, Expr? ReportAt = null)
    {
        public Expr Location => ReportAt ?? Expression;
    }
}
