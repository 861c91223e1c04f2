using System.Collections.Immutable;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Effects;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Threads;

/// <summary>
/// The shared analysis of GIL101 and GIL102: every thread start of the project (calls, decorated
/// functions, framework endpoints), every callable it may run (functions, lambdas, bound methods,
/// partials, callables handed through a helper's parameters, catalogued library functions), that
/// callable's effect summary in each context the start runs in (the start's own arguments, read with
/// what the starting function's callers pass: a helper <c>run_threads(work, N, K)</c> starting
/// <c>Thread(target=work, args=(n // k,))</c> folds <c>n // k</c>; each distinct item of a map over
/// known values), and the CPU-bound verdict of the heaviest context. A callable that reached the start
/// through a helper's parameter is reported at the call that handed it over (the line to change), once
/// per callable.
/// </summary>
public static class ThreadWorkFinder
{
    /// <summary>Distinct items of a map over known values whose summaries are compared.</summary>
    private const int MaxMappedItems = 8;

    /// <param name="messageArguments">The rule's message arguments from the callable's name, the starter and the work in words.</param>
    public static IEnumerable<Diagnostic> Find(ProjectModel model, AnalysisOptions options, ThreadStartFamily family, RuleDescriptor descriptor,
        Func<string, string, string, object[]> messageArguments)
    {
        var paths = new FindingPaths(model);
        var recogniser = ThreadStarts.Of(model);
        var starts = new List<(ThreadStart Start, IReadOnlyList<CallTarget> Targets)>();
        foreach (var start in AllStarts(model, recogniser).Where(s => s.Family == family))
        {
            starts.Add((start, TargetsOf(model, start)));
        }

        // Summaries are computed on demand; asking for all targets at once lets them be computed in parallel.
        model.Effects.Prepare(starts.SelectMany(s => s.Targets).Select(t => t.Function));
        var reported = new HashSet<(Node, string)>();
        foreach (var (start, targets) in starts)
        {
            // One finding per place: a start whose callable is one of several (a dispatch table, a
            // registry filled by a decorator) names the heaviest and counts the others.
            var judged = new List<(CallTarget Target, CpuBoundWork Work, StartContext Context, Node ReportAt)>();
            foreach (var target in targets)
            {
                if (start.RequiresPlainFunction && target.Function.IsAsync)
                {
                    continue;
                }

                if (Judge(model, options, paths, start, target) is var (work, context))
                {
                    judged.Add((target, work, context, target.Through.IsEmpty ? start.ReportAt : target.Through[0].Call));
                }
            }

            foreach (var place in judged.GroupBy(j => j.ReportAt))
            {
                var chosen = place.OrderBy(j => j.Work.Confidence == Confidence.High ? 0 : 1).ThenByDescending(j => j.Work.Summary.Work.Operations).First();
                var others = place.Where(j => !ReferenceEquals(j.Target, chosen.Target)).Select(j => j.Target.Function.DisplayName).Distinct().ToList();
                if (reported.Add((place.Key, FindingPaths.TargetName(chosen.Target.Function))))
                {
                    yield return Report(model, paths, descriptor, messageArguments, start, chosen.Target, chosen.Work, place.Key, chosen.Context, others);
                }
            }

            if (targets.Count == 0 && ExternalWork(model, options, start) is { } external && reported.Add((start.ReportAt, external.Name)))
            {
                yield return ReportExternal(paths, descriptor, messageArguments, start, external);
            }
        }
    }

    /// <summary>Every start of the project: calls (in the generic context, or, for a call on a
    /// parameter that only a caller's argument makes a thread pool, in that caller's context) and
    /// declared ones (decorators, sync endpoints). Found once per model, for all the thread rules,
    /// in parallel over functions and in their order.</summary>
    private static IReadOnlyList<ThreadStart> AllStarts(ProjectModel model, ThreadStarts recogniser) =>
        recogniser.Every(() =>
        {
            var functions = model.OwnFunctions;
            var perFunction = new List<ThreadStart>?[functions.Count];
            Parallel.For(0, functions.Count, model.Parallelism, i => perFunction[i] = StartsIn(model, recogniser, functions[i]));
            var all = new List<ThreadStart>();
            foreach (var starts in perFunction)
                if (starts is not null) all.AddRange(starts);
            all.AddRange(recogniser.Declared());
            return all;
        });

    private static List<ThreadStart>? StartsIn(ProjectModel model, ThreadStarts recogniser, ProjectFunction function)
    {
        List<ThreadStart>? starts = null;
        foreach (var site in model.CallGraph.SitesIn(function))
        {
            if (recogniser.At(site, null) is { } start)
            {
                (starts ??= []).Add(start);
                continue;
            }

            if (!CallsAParameter(model, site, recogniser))
            {
                continue;
            }

            foreach (var (env, chain) in model.Effects.CallerEnvironments(function))
            {
                if (recogniser.At(site, env) is { } inContext)
                {
                    (starts ??= []).Add(inContext with { ContextChain = chain });
                    break;
                }
            }
        }
        return starts;
    }

    /// <summary><c>ex.submit(...)</c> where <c>ex</c> is a parameter of the calling function.</summary>
    private static bool CallsAParameter(ProjectModel model, CallSite site, ThreadStarts recogniser) =>
        site.Call.Func is GilScan.Syntax.Ast.Attribute { Value: Name receiver } method &&
        site.Targets.Count == 0 &&
        recogniser.MayStartThroughMethod(method.Attr) &&
        site.Caller.Parameters.Any(p => p.Name == receiver.Id);

    private static IReadOnlyList<CallTarget> TargetsOf(ProjectModel model, ThreadStart start)
    {
        if (start.RunMethod is { } run)
        {
            return [new CallTarget(run, run.Class is null ? CallEdgeKind.Direct : CallEdgeKind.BoundMethod, run.Class is null ? 0 : 1, null, [])];
        }

        return start.Callable is null ? [] : model.CallGraph.CallableTargets(start.Callable);
    }

    /// <summary>The environment the starting function runs in for one context, and the call sites
    /// that led there.</summary>
    private readonly record struct StartContext(ArgumentEnvironment? Environment, ImmutableArray<CallSite> Chain);

    /// <summary>
    /// The heaviest CPU-bound verdict over the contexts of the start: without any caller's arguments,
    /// and with those of each caller of the starting function when the start's arguments read its
    /// parameters (or, for a callable handed through helpers, with the arguments along that chain).
    /// </summary>
    private static (CpuBoundWork Work, StartContext Context)? Judge(ProjectModel model, AnalysisOptions options, FindingPaths paths,
        ThreadStart start, CallTarget target)
    {
        (CpuBoundWork Work, StartContext Context)? best = null;
        foreach (var context in Contexts(model, start, target))
        {
            foreach (var summary in Summaries(model, start, target, context.Environment))
            {
                var work = CpuBoundJudge.OnThread(model, summary, options);
                if (work is null && start.Items is { } items)
                {
                    work = CpuBoundJudge.ForMap(model, summary, model.Effects.IterationCount(items, ItemsEnvironment(start, context.Environment)), options);
                }
                else if (work is null && start.RepeatedOver is { } over &&
                         model.Effects.IterationCount(over, ItemsEnvironment(start, context.Environment)) is { Kind: TripKind.DataDependent, Source: not null } repeats)
                {
                    // One task per item of data the program reads (a file's lines, a query's rows), as a
                    // map: heavy tasks add up while each holds the GIL. A count that only comes from a
                    // caller's value (`for _ in range(n)`) is too weak a sign here.
                    work = CpuBoundJudge.ForMap(model, summary, repeats, options);
                }

                if (work is null)
                {
                    continue;
                }

                if (work.HotSpot?.Innermost is { } hot && !paths.IsFeasible([.. target.Through, start.Site], hot.Chain, hot.Node))
                {
                    continue;
                }

                if (best is null || Better(work, best.Value.Work))
                {
                    best = (work, context);
                }
            }
        }

        if (best is { } found && start.Alternative is not null && found.Work.Confidence == Confidence.High)
        {
            // The call runs on threads on some paths only: the finding is as sure as that.
            best = (found.Work with { Confidence = Confidence.Medium }, found.Context);
        }

        return best;
    }

    /// <summary>The context's environment when it is the one of the function whose code holds the map's items.</summary>
    private static ArgumentEnvironment? ItemsEnvironment(ThreadStart start, ArgumentEnvironment? context) =>
        context is not null && ReferenceEquals(context.Scope, start.Site.Caller.Scope) ? context : null;

    private static bool Better(CpuBoundWork candidate, CpuBoundWork current) =>
        candidate.Confidence > current.Confidence ||
        (candidate.Confidence == current.Confidence && candidate.Summary.Work.Operations > current.Summary.Work.Operations);

    private static IEnumerable<StartContext> Contexts(ProjectModel model, ThreadStart start, CallTarget target)
    {
        if (!target.Through.IsEmpty)
        {
            yield return new StartContext(ChainEnvironment(model, target.Through, start.Site.Caller), target.Through);
            yield break;
        }

        if (start.Context is not null)
        {
            yield return new StartContext(start.Context, start.ContextChain);
            yield break;
        }

        yield return new StartContext(null, []);
        if (!ReadsCallerParameters(model, start))
        {
            yield break;
        }

        foreach (var (env, chain) in model.Effects.CallerEnvironments(start.Site.Caller))
        {
            yield return new StartContext(env, chain);
        }
    }

    /// <summary>True when the start's arguments or items read parameters of the function that starts it.</summary>
    private static bool ReadsCallerParameters(ProjectModel model, ThreadStart start)
    {
        var caller = start.Site.Caller;
        if (caller.Parameters.Count == 0)
        {
            return false;
        }

        IEnumerable<Expr> read = [.. start.Positional, .. start.Keywords.Select(k => k.Value), .. start.NamedValues.Select(n => n.Value)];
        if (start.Items is not null)
        {
            read = read.Append(start.Items);
        }

        var names = caller.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return read.SelectMany(e => AstWalker.DescendantsAndSelf(e)).OfType<Name>().Any(n => names.Contains(n.Id)) ||
               read.SelectMany(e => AstWalker.DescendantsAndSelf(e)).OfType<Name>().Any(n => model.Flow.ReachingBindings(n) is not null);
    }

    /// <summary>The environment of <paramref name="final"/> when reached through <paramref name="chain"/>
    /// (outermost call first), folding each call's arguments with the environment of its caller.</summary>
    private static ArgumentEnvironment? ChainEnvironment(ProjectModel model, ImmutableArray<CallSite> chain, ProjectFunction final)
    {
        ArgumentEnvironment? env = null;
        for (var i = 0; i < chain.Length; i++)
        {
            var site = chain[i];
            var next = i + 1 < chain.Length ? chain[i + 1].Caller : final;
            var target = site.Targets.FirstOrDefault(t => ReferenceEquals(t.Function, next));
            if (target is null)
            {
                return null;
            }

            env = model.Effects.EnvironmentFor(target, site.Call.Args, site.Call.Keywords, site.Caller.Module.ScopeOf(site.Call), env);
        }

        return env;
    }

    /// <summary>The summaries of one call of the target in a context: with the start's own arguments,
    /// or for a map, with each distinct known item (the heaviest decides), else generic.</summary>
    private static IEnumerable<EffectSummary> Summaries(ProjectModel model, ThreadStart start, CallTarget target, ArgumentEnvironment? context)
    {
        var scope = start.Site.Caller.Module.ScopeOf(start.Site.Call);
        if (start.ArgumentsKnown)
        {
            yield return model.Effects.SummaryForArguments(target, start.Positional, start.Keywords, scope, start.NamedValues, context);
            yield break;
        }

        var mapped = false;
        if (start.Items is { } items && FirstParameter(target) is { } parameter)
        {
            foreach (var item in KnownItems(model, items, scope, context))
            {
                mapped = true;
                var env = model.Effects.DefaultEnvironment(target.Function).With(parameter.Name, item);
                yield return model.Effects.SummaryIn(target.Function, env);
            }
        }

        if (!mapped)
        {
            yield return model.Effects.SummaryOf(target.Function);
        }
    }

    private static Parameter? FirstParameter(CallTarget target)
    {
        var index = target.BoundPositionals + Math.Max(0, (target.Partial?.BoundPositionals ?? 0));
        var positional = target.Function.Parameters.Where(p => p.Position >= 0).ToList();
        return index < positional.Count ? positional[index] : null;
    }

    /// <summary>The distinct values of a map's items when the iterable folds: a list or tuple of
    /// constants, or a range (its largest item stands for it).</summary>
    private static IEnumerable<FoldedValue> KnownItems(ProjectModel model, Expr items, GilScan.Semantics.Binding.Scope scope, ArgumentEnvironment? context)
    {
        switch (model.Constants.Evaluate(items, scope, context))
        {
            case SequenceValue { Items: { } values }:
                foreach (var v in values.Where(v => v is not null).Distinct().Take(MaxMappedItems))
                {
                    yield return v!;
                }

                break;
            case RangeValue range when range.Length is { } length && length > 0:
                yield return new IntValue(range.Start + (length - 1) * range.Step);
                break;
        }
    }

    /// <summary>A catalogued library function handed to a thread (<c>run_in_executor(None,
    /// markdown.markdown, text)</c>, <c>run_in_executor(None, parser.parse, text)</c>) that holds the GIL
    /// for long. A callable with several possible values counts by the first catalogued one. An entry
    /// whose work scales with an argument (<c>perItemOf</c>) is judged by what the start passes there:
    /// a known size by the work it makes; a size that comes from data (a document read from a file, a
    /// parameter's text) when <see cref="DataDependentItems"/> items of it would pass the threshold,
    /// with medium confidence.</summary>
    private static (string Name, CatalogEntry Entry, string Description, Confidence Confidence)? ExternalWork(ProjectModel model, AnalysisOptions options, ThreadStart start)
    {
        if (start.Callable is null) return null;
        string? name = null;
        CatalogEntry? entry = null;
        foreach (var value in model.Values.Evaluate(start.Callable).Items)
        {
            if (value.QualifiedName is { } candidate &&
                model.Catalog.Find(candidate) is { Category: CallCategory.GilHoldingCpu, Weight: not null } found)
            {
                (name, entry) = (candidate, found);
                break;
            }
        }

        if (name is null || entry?.Weight is not { } weight) return null;

        var threshold = WorkCost.ThreadThreshold(options);
        if (entry.PerItemOf is { } perItem && PassedArgument(start, perItem) is { } argument)
        {
            var items = model.Effects.IterationCount(argument, ItemsEnvironment(start, start.Context));
            switch (items.Kind)
            {
                case TripKind.Known or TripKind.Bounded:
                    return weight * items.Count >= threshold
                        ? (name, entry, $"a call of {name} holds the GIL for {WorkCost.Duration(weight * items.Count)} ({WorkCost.Approximately(items.Count)} items)",
                            items.Kind == TripKind.Known ? Confidence.High : Confidence.Medium)
                        : null;
                case TripKind.DataDependent when weight * DataDependentItems >= threshold:
                    return (name, entry, $"{name} holds the GIL for work that grows with its input, {items.Reason} ({WorkCost.Approximately(weight)} operations per item)", Confidence.Medium);
            }
        }

        if (weight >= threshold)
        {
            return (name, entry, $"a call of {name} holds the GIL for {WorkCost.Duration(weight)}", Confidence.High);
        }

        return entry.PerItemOf is not null && weight >= CpuBoundJudge.HeavyIteration
            ? (name, entry, $"{name} holds the GIL for work that grows with its input ({WorkCost.Approximately(weight)} operations per item)", Confidence.Medium)
            : null;
    }

    /// <summary>Items of a data-dependent input that a catalogued call scaling with it is assumed to get:
    /// a 50 KB document, a query of 50,000 rows. Inputs from data are seldom smaller where a team bothers
    /// to move the call to a thread.</summary>
    private const double DataDependentItems = 50_000;

    /// <summary>The expression a start passes to the callable's argument <paramref name="argument"/>
    /// (the arguments after the callable of <c>run_in_executor</c>, <c>submit</c>, <c>to_thread</c>).</summary>
    private static Expr? PassedArgument(ThreadStart start, ArgumentRef argument)
    {
        if (argument.Keyword is { } keyword && start.Keywords.FirstOrDefault(k => k.Arg == keyword) is { } named) return named.Value;
        return argument.Position is { } position && position < start.Positional.Count && start.Positional[position] is not Starred
            ? start.Positional[position]
            : null;
    }

    private static Diagnostic ReportExternal(FindingPaths paths, RuleDescriptor descriptor, Func<string, string, string, object[]> messageArguments,
        ThreadStart start, (string Name, CatalogEntry Entry, string Description, Confidence Confidence) external)
    {
        var (related, flow) = paths.Path([(start.ReportAt, $"{start.Starter} runs {external.Name} on another thread")]);
        return new Diagnostic(descriptor, paths.LocationOf(start.ReportAt), messageArguments(external.Name, start.Starter, external.Description))
        {
            Confidence = start.Alternative is null ? external.Confidence : Confidence.Medium,
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = ImmutableProperties.Of(
                ("target", external.Name),
                ("starter", start.Starter),
                ("evidence", "catalogued-library-call"),
                ("catalog-reason", external.Entry.Reason ?? external.Entry.Source ?? "")),
            FingerprintKey = $"{external.Name}|{start.Starter}",
        };
    }

    private static Diagnostic Report(ProjectModel model, FindingPaths paths, RuleDescriptor descriptor, Func<string, string, string, object[]> messageArguments,
        ThreadStart start, CallTarget target, CpuBoundWork work, Node reportAt, StartContext context, IReadOnlyList<string> alike)
    {
        var name = NameOfWork(paths, target.Function, work.HotSpot);
        var steps = new List<(Node, string)> { (reportAt, $"{start.Starter} runs {name} on another thread") };
        foreach (var passed in target.Through.Skip(1))
        {
            steps.Add((passed.Call, $"{passed.Caller.DisplayName} passes it on"));
        }

        if (!target.Through.IsEmpty)
        {
            steps.Add((start.Site.Call, $"{start.Site.Caller.DisplayName} starts it with {start.Starter}"));
        }

        var hot = work.HotSpot?.Innermost;
        if (hot is not null)
        {
            steps.AddRange(paths.ChainSteps(hot.Chain, hot.Node, $"hot spot: {WorkDescriptions.Place(hot)}"));
        }
        else
        {
            var recursive = work.Summary.Recursion?.Function ?? target.Function;
            steps.Add((recursive.Node, $"{recursive.DisplayName} recurses"));
        }

        var description = start.Alternative is null
            ? work.Description
            : $"{work.Description}; on other paths the call is {start.Alternative}";
        if (alike.Count > 0)
        {
            var named = string.Join(", ", alike.Take(3)) + (alike.Count > 3 ? $" and {alike.Count - 3} more" : "");
            description += $"; the call may also run {named}, CPU-bound alike";
        }

        var (related, flow) = paths.Path(steps);
        var folded = ConfirmationArguments.Of(model, start, target, context.Environment);
        return new Diagnostic(descriptor, paths.LocationOf(reportAt), messageArguments(name, start.Starter, description))
        {
            Confidence = work.Confidence,
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = Properties(start, target, work, folded),
            FingerprintKey = $"{FindingPaths.TargetName(target.Function)}|{start.Starter}",
            Confirmation = ConfirmationRequests.Call(target.Function, ConfirmationKind.ThreadWork, folded?.Call),
        };
    }

    /// <summary>The function to name in the message: the callable, or for a lambda (which has no
    /// useful name) the function its hot path calls first.</summary>
    private static string NameOfWork(FindingPaths paths, ProjectFunction callable, HotSpot? hot)
    {
        if (callable.Kind == FunctionKind.Lambda && hot is { Chain.Length: > 0 })
        {
            return paths.Entered(hot.Chain, 0, hot.Node).DisplayName;
        }

        return callable.DisplayName;
    }

    /// <summary>Facts for SARIF: <c>target</c> ("module:qualname") and, when every argument folded to a
    /// constant in the reported context, <c>arguments</c>/<c>keywords</c> as Python literals (the same values
    /// the finding's confirmation request carries, typed).</summary>
    private static ImmutableSortedDictionary<string, PropertyValue> Properties(ThreadStart start, CallTarget target, CpuBoundWork work, ConfirmationArguments? folded)
    {
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties["target"] = FindingPaths.TargetName(target.Function);
        properties["starter"] = start.Starter;
        properties["evidence"] = work.EvidenceName;
        properties["work-operations"] = work.Summary.Work.Operations;
        properties["estimated-ms"] = Math.Round(WorkCost.Milliseconds(work.Summary.Work.Operations), 1);
        if (start.Alternative is not null)
        {
            properties["other-paths"] = start.Alternative;
        }

        if (folded is not null)
        {
            properties["arguments"] = PropertyValue.List(folded.Positional);
            properties["keywords"] = PropertyValue.Dictionary(folded.Keywords.Select(k => KeyValuePair.Create(k.Key, (PropertyValue)k.Value)));
        }

        return properties.ToImmutable();
    }
}
