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
            if (fact is null || !IsSentAgain(analysis, boundary, payload, fact)) continue;
            context.Report(Finding(analysis, boundary, payload, fact, payload.Sends ?? sends));
        }
    }

    /// <summary>Whether the payload's size is worth a finding: large (computed or by kind), or growing
    /// with the program's data and the very same data pickled again with every send (made before the
    /// loop that repeats the send, or part of every task of a map): data made anew for each send is
    /// sent once, as it must be.</summary>
    private static bool IsSentAgain(ProcessAnalysis analysis, ProcessBoundary boundary, Payload payload, SizeFact fact)
    {
        if (fact.IsLarge(analysis.LargeBytes)) return true;
        if (fact.Basis != SizeBasis.DataDependent) return false;
        return payload.Role switch
        {
            PayloadRole.ItemPart => false,
            PayloadRole.SharedItemPart or PayloadRole.Bound or PayloadRole.Instance or PayloadRole.SplitWhole when boundary.Api.Kind == BoundaryKind.Map => true,
            _ => boundary.Repetition.IsRepeated && analysis.MadeBeforeLoop(fact, boundary),
        };
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
                if (!repetition.IsRepeated || boundary.StartMethod.Method == StartMethod.Fork) return null;
                return boundary.StartMethod.PicklesProcess
                    ? new Sends(repetition.Count, $"once per process started under {boundary.StartMethod.Name}, {ProcessFindings.RepetitionText(repetition)}")
                    : new Sends(repetition.Count, $"once per process started, {ProcessFindings.RepetitionText(repetition)}, {ProcessFindings.DefaultStartMethods}");
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
    /// <c>itertools.repeat(big)</c>), the parts of each item that are large on their own (an image
    /// decoded per item), and, in a loop, the whole iterable when it is the same data every time.</summary>
    private static IEnumerable<Payload> Payloads(ProcessAnalysis analysis, ProcessBoundary boundary)
    {
        if (boundary.Api.Kind is BoundaryKind.Task or BoundaryKind.Message or BoundaryKind.Process)
            foreach (var argument in boundary.Arguments)
                yield return new Payload(argument, null, PayloadRole.Argument);
        if (boundary.Callable is { } callable && boundary.Api.Kind != BoundaryKind.Message)
        {
            foreach (var v in analysis.ValuesAt(callable, boundary.Call).Items)
            {
                switch (v)
                {
                    case PartialValue p:
                        foreach (var bound in p.Site.Args.Skip(1).Concat(p.Site.Keywords.Select(k => k.Value)))
                            yield return new Payload(bound is Starred s ? s.Value : bound, null, PayloadRole.Bound);
                        if (p.Site.Args.Count > 0 && p.Site.Args[0] is Attribute { Value: var receiver } && p.Callable is FunctionValue { Receiver: InstanceValue { Class: not null } } inner
                            && InstanceFact(analysis, receiver, inner) is { } held)
                            yield return new Payload(p.Site.Args[0], held, PayloadRole.Instance, callable);
                        break;
                    case FunctionValue { Receiver: InstanceValue { Class: not null } } method:
                        if (InstanceFact(analysis, callable is Attribute a ? a.Value : null, method) is { } instance)
                            yield return new Payload(callable, instance, PayloadRole.Instance);
                        break;
                }
            }
        }
        if (boundary.Api.Kind != BoundaryKind.Map) yield break;
        foreach (var iterable in boundary.Iterables)
        {
            foreach (var part in SharedItemParts(analysis, iterable, 0))
                yield return new Payload(part, null, PayloadRole.SharedItemPart, IsWithin(part, iterable) ? null : iterable);
            foreach (var (part, fact) in analysis.Sizes.LargeItemParts(iterable))
                yield return new Payload(part, fact, PayloadRole.ItemPart, iterable,
                    new Sends(boundary.ItemCount is { } n ? (double)n : null, $"once for each item of {boundary.CalleeText}, each item holding its own"));
        }
        foreach (var iterable in boundary.Iterables)
        {
            if (SplitOf(analysis, iterable) is not var (whole, split)) continue;
            yield return new Payload(whole, null, PayloadRole.SplitWhole, boundary.Call,
                new Sends(null, $"whole, one part per task, by {boundary.CalleeText} (the parts made by {ExpressionText.Of(split)})"));
        }
        if (boundary.Repetition.IsRepeated && boundary.Iterables.Count == 1)
        {
            var whole = boundary.Iterables[0];
            var fact = analysis.Sizes.Estimate(whole);
            if (fact is not null && fact.MayBeLarge(analysis.LargeBytes) && analysis.MadeBeforeLoop(fact, boundary))
            {
                var pool = analysis.PoolMadeInLoop(boundary);
                var text = $"whole, item by item, by {boundary.CalleeText} on every iteration, {ProcessFindings.RepetitionText(boundary.Repetition)}" +
                           (pool is null ? "" : $", to a new pool made on each iteration ({ExpressionText.Of(pool)})");
                yield return new Payload(whole, fact, PayloadRole.WholeIterable, boundary.Call, new Sends(boundary.Repetition.Count, text), pool);
            }
        }
    }

    /// <summary>The data a map's iterable is the parts of (<c>parts = np.array_split(df, n)</c>, the
    /// "one partition per core" recipe), and the call that splits it.</summary>
    private static (Expr Whole, Call Split)? SplitOf(ProcessAnalysis analysis, Expr iterable)
    {
        foreach (var origin in analysis.Origins.Of(iterable))
        {
            if (origin.UnpackIndex is not null || origin.Expression is not Call split) continue;
            if (analysis.Knowledge.SizeProducer(analysis.Project.Values.QualifiedNameOf(split.Func)) is not { Kind: SizeProducerKind.Parts, Of: { } of }) continue;
            if (of.Keyword is { } keyword && split.Keywords.FirstOrDefault(k => k.Arg == keyword) is { } named) return (named.Value, split);
            if (of.Position is { } position && position < split.Args.Count && !split.Args.Take(position + 1).Any(a => a is Starred))
                return (split.Args[position], split);
        }
        return null;
    }

    /// <summary>The size of the instance a bound method carries: from its receiver expression when there
    /// is one (so that where the instance was made is known), else from its class's attributes.</summary>
    private static SizeFact? InstanceFact(ProcessAnalysis analysis, Expr? receiver, FunctionValue method)
    {
        var cls = ((InstanceValue)method.Receiver!).Class!;
        var fact = receiver is not null && receiver is not Name { Id: "self" or "cls" } ? analysis.Sizes.Estimate(receiver) : null;
        fact ??= analysis.Sizes.InstanceSize(cls);
        return fact is null || !fact.MayBeLarge(analysis.LargeBytes) ? null : fact with { Kind = $"bound method '{method.Function.DisplayName}'" };
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
        var size = SizeText(fact);
        var confidence = fact.Basis == SizeBasis.Computed && !fact.ViaParameter ? Confidence.High : Confidence.Medium;
        var platformDefault = boundary.Api.Kind == BoundaryKind.Process && !boundary.StartMethod.PicklesProcess;
        if (boundary.Alternative is not null || platformDefault) confidence = Confidence.Medium;
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties[ProcessFindings.SizeEvidence] = fact.Describe();
        properties[ProcessFindings.SizeBasisKey] = fact.BasisName;
        if (fact.DataSource is { } source) properties[ProcessFindings.DataSourceKey] = source;
        if (fact.Bytes is { } bytes) properties[ProcessFindings.SizeBytes] = (long)Math.Min(bytes, long.MaxValue);
        if (sends.Count is { } count) properties[ProcessFindings.Messages] = (long)Math.Min(count, long.MaxValue);
        properties[ProcessFindings.MessagesText] = sends.Text;
        properties[ProcessFindings.Api] = boundary.Api.Name;
        properties[ProcessFindings.Payload] = payload.RoleText;
        if (boundary.Alternative is { } alternative) properties[ProcessFindings.AlternativeKey] = alternative;
        if (boundary.Api.Kind is BoundaryKind.Process or BoundaryKind.Task or BoundaryKind.Map)
            properties[ProcessFindings.StartMethodKey] = boundary.StartMethod.Name;

        var related = new List<(LocatedNode, string)> { (fact.Origin, $"made here: {fact.Describe()}") };
        related.AddRange(boundary.Repetition.Loops.Select(loop => (loop, "the loop that repeats the send")));
        if (payload.Pool is { } pool) related.Add((pool, "a new pool is made here on every iteration"));
        if (!ReferenceEquals(where, payload.Expression))
            related.Insert(0, (payload.Expression, payload.Role switch
            {
                PayloadRole.WholeIterable => $"'{what}' is the iterable sent again",
                PayloadRole.Instance => $"'{what}' carries its instance",
                PayloadRole.SplitWhole => $"'{what}' is split into the parts that the tasks carry",
                _ => $"'{what}' is put in every item here",
            }));
        return new Diagnostic(Descriptor, ProcessFindings.LocationOf(project, where),
            ProcessFindings.Unquoted(what), ProcessFindings.Unquoted(size), ProcessFindings.Unquoted(SendsText(boundary, sends)), Fix(boundary, fact, payload))
        {
            Confidence = confidence,
            Level = Descriptor.DefaultLevel,
            Properties = properties.ToImmutable(),
            RelatedLocations = ProcessFindings.Related(project, related),
            CodeFlow = ProcessFindings.Flow(project, fact, boundary.Repetition.Loops, boundary.Call, $"pickled and sent by {boundary.CalleeText}"),
            FingerprintKey = string.Join('|', Id, ProcessFindings.Owner(project, boundary.Call), boundary.Api.Name, what),
        };
    }

    private static string SendsText(ProcessBoundary boundary, Sends sends) =>
        boundary.Alternative is { } alternative ? $"{sends.Text}, when {boundary.CalleeText} is a process pool ({alternative} on another path)" : sends.Text;

    /// <summary>The size for the message: "about 80 MB", "an image of unknown size", "a set that grows
    /// with the lines of a file", "a bound method `Model.predict` whose instance grows with …".</summary>
    private static string SizeText(SizeFact fact)
    {
        if (fact.Basis == SizeBasis.Computed) return fact.SizeText;
        var holder = fact.Kind.StartsWith("bound method", StringComparison.Ordinal);
        var noun = fact.Kind switch
        {
            "file contents" => "a whole file",
            "document" => "a parsed document",
            "model" => "a model",
            "data" => "data",
            _ => $"{Article(fact.Kind)} {fact.Kind}",
        };
        if (fact.Basis == SizeBasis.TypicallyLarge) return holder ? $"{noun} whose instance holds data of unknown size" : $"{noun} of unknown size";
        var source = fact.DataSource ?? "the program's data";
        if (holder) return $"{noun} whose instance grows with {source}";
        return source == "the contents of a file" ? $"{noun} of unknown size" : $"{noun} that grows with {source}";
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(noun[0])) ? "an" : "a";

    private static string Fix(ProcessBoundary boundary, SizeFact fact, Payload payload)
    {
        switch (payload.Role)
        {
            case PayloadRole.Instance:
                return "send a module-level function instead of the bound method, and pass the large attribute once through the pool initializer into a global";
            case PayloadRole.WholeIterable:
                return payload.Pool is null
                    ? "give the data to the workers once (the pool initializer into a module global) and send only what changes, or map over it once outside the loop"
                    : "make the pool once before the loop and give it the data once (initializer and initargs into a module global); send only what changes";
            case PayloadRole.SplitWhole:
                return "let each worker read or make its own part (send the path and a row range, or an index range into multiprocessing.shared_memory) instead of pickling every part to the workers and the results back";
            case PayloadRole.ItemPart when fact.Kind == "image":
                return "send the file name or frame index and read or decode the image in the worker, or put the pixels in multiprocessing.shared_memory";
            case PayloadRole.ItemPart:
                return "send what each item is made from (a path, an index) and build it in the worker";
        }
        return boundary.Api.Kind switch
        {
            BoundaryKind.Message when fact.Kind == "image" =>
                "write the frames into multiprocessing.shared_memory (a ring buffer of frames) and send only their index, or read the camera in the process that uses the frames",
            BoundaryKind.Message => "send it once and refer to it by index or key afterwards, or share it through multiprocessing.shared_memory",
            BoundaryKind.Process => "create or load it in the child process, or share it through multiprocessing.shared_memory or a memory-mapped file",
            _ when fact.Kind == "image" =>
                "send the file name or frame index and read or decode the image in the worker, or put the pixels in multiprocessing.shared_memory and send their name",
            _ when fact.Basis == SizeBasis.TypicallyLarge && fact.Kind == "pandas.DataFrame" =>
                "load it once per worker in the pool initializer (or send the path and read it in the worker), and send row or column indices with each task",
            _ when fact.Kind == "numpy.ndarray" =>
                "put the array in multiprocessing.shared_memory (or a memory-mapped file) and send its name and indices, or pass it once through the pool initializer into a global",
            _ => "pass it once through the pool initializer (initializer=, initargs=) into a module global and send only indices or keys with each task",
        };
    }

    private sealed record Sends(double? Count, string Text);

    private enum PayloadRole
    {
        /// <summary>An argument of a task, message or process start.</summary>
        Argument,
        /// <summary>An argument bound by functools.partial to the task's function.</summary>
        Bound,
        /// <summary>The instance pickled with a bound method.</summary>
        Instance,
        /// <summary>The same object in every item of a map.</summary>
        SharedItemPart,
        /// <summary>A large object of its own in each item of a map.</summary>
        ItemPart,
        /// <summary>A map's whole iterable, the same data on every iteration of a loop.</summary>
        WholeIterable,
        /// <summary>The data whose parts a map's items are (<c>np.array_split(df, n)</c>).</summary>
        SplitWhole,
    }

    /// <param name="ReportAt">Where to report: the expression itself, or for item parts built away from
    /// the call (<c>tasks = [(m, i) for …]; pool.starmap(f, tasks)</c>) the iterable in the call, or the
    /// call itself for a whole iterable.</param>
    /// <param name="Sends">How often this payload goes, when it differs from the boundary's.</param>
    /// <param name="Pool">For a whole iterable: the pool constructor run on every iteration, if any.</param>
    private sealed record Payload(Expr Expression, SizeFact? Size, PayloadRole Role, Expr? ReportAt = null, Sends? Sends = null, Call? Pool = null)
    {
        public Expr Location => ReportAt ?? Expression;

        public string RoleText => Role switch
        {
            PayloadRole.Argument => "argument",
            PayloadRole.Bound => "argument bound by functools.partial",
            PayloadRole.Instance => "instance pickled with the bound method",
            PayloadRole.SharedItemPart => "part of every item",
            PayloadRole.ItemPart => "part of each item",
            PayloadRole.SplitWhole => "split into the items",
            _ => "whole iterable",
        };
    }
}
