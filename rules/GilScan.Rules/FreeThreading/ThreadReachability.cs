using System.Collections.Immutable;
using GilScan.Rules.Shared;
using GilScan.Rules.Threads;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using ThreadStart = GilScan.Rules.Threads.ThreadStart;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// Which functions can run on more than one thread at once, and in which contexts. The entries are every
/// thread start <see cref="ThreadStarts.Recognise"/> knows (Thread/Timer targets, Thread subclasses,
/// executor and ThreadPool tasks, <c>to_thread</c>, <c>run_in_executor</c>) plus the framework thread pools of
/// rules/knowledge/free-threading-safety.json (FastAPI and Starlette sync endpoints, <c>anyio.to_thread.run_sync</c>,
/// <c>run_in_threadpool</c>, <c>sync_to_async(thread_sensitive=False)</c>, textual's <c>@work(thread=True)</c>).
/// An entry runs its target on several threads at once when it is started in a loop, maps over items,
/// serves requests, or is itself started by code that runs on several threads; two entries that touch the
/// same object run at once too.
/// <para>From each entry's target the call graph is walked (at most <see cref="MaxPathLength"/> calls deep),
/// carrying what <c>self</c> and each parameter are (<see cref="ObjectFact"/>) and whether a caller holds a lock
/// around the call: a <see cref="ReachedFunction"/> per function and context.</para>
/// <para>This is the one class that knows where threads start; when the semantic model offers thread starts
/// of its own (framework offloads, executors as unions), <see cref="Build"/> is where they come in.</para>
/// </summary>
public sealed class ThreadReachability
{
    public const int MaxPathLength = 6;
    private const int MaxContextsPerEntry = 300;
    private static readonly HashSet<string> MapMethods = new(StringComparer.Ordinal)
        { "map", "map_async", "imap", "imap_unordered", "starmap", "starmap_async" };

    private readonly Dictionary<ProjectFunction, List<ReachedFunction>> _byFunction = new();

    private ThreadReachability(IReadOnlyList<ThreadEntry> entries, IReadOnlyList<ReachedFunction> reached)
    {
        Entries = entries;
        Reached = reached;
        foreach (var r in reached)
        {
            if (!_byFunction.TryGetValue(r.Function, out var list))
            {
                _byFunction[r.Function] = list = [];
            }

            list.Add(r);
        }
    }

    /// <summary>Every thread entry of the project, in source order of the functions that start them.</summary>
    public IReadOnlyList<ThreadEntry> Entries { get; }

    /// <summary>Every function a thread entry runs, once per distinct context.</summary>
    public IReadOnlyList<ReachedFunction> Reached { get; }

    /// <summary>The contexts in which threads run <paramref name="function"/>.</summary>
    public IReadOnlyList<ReachedFunction> ContextsOf(ProjectFunction function) =>
        _byFunction.TryGetValue(function, out var list) ? list : [];

    /// <summary>Whether several threads may run <paramref name="function"/> at the same time: one entry that
    /// starts several threads, or two entries that run at once.</summary>
    public bool RunsConcurrently(ProjectFunction function)
    {
        var contexts = ContextsOf(function);
        return contexts.Any(a => contexts.Any(b => Concurrent(a.Entry, b.Entry)));
    }

    /// <summary>Whether code run by <paramref name="a"/> and code run by <paramref name="b"/> may run at the same time:
    /// two thread entries; one entry that starts several threads; a thread and the code that started it, before it
    /// waits. The code that starts threads is one thread, never concurrent with itself; nor are threads that
    /// two different tests start.</summary>
    public static bool Concurrent(ThreadEntry a, ThreadEntry b)
    {
        if (a.IsStartingCode || b.IsStartingCode)
        {
            return a.IsStartingCode != b.IsStartingCode && (a.IsStartingCode ? a.Beside == b.Id : b.Beside == a.Id);
        }

        // One waited-for site (callables handed to `await run_in_threadpool(self.func)`) runs them one at a time.
        if (a.Id != b.Id && a.Waited && b.Waited && ReferenceEquals(a.Site, b.Site))
        {
            return a.IsMany && b.IsMany;
        }

        // Threads that two different tests start do not overlap: a test runner calls one test at a time.
        if (a.Id != b.Id && a.StartingFunction != b.StartingFunction && TestCode.IsTestCase(a.StartingFunction) && TestCode.IsTestCase(b.StartingFunction))
        {
            return false;
        }

        return a.Id != b.Id || a.IsMany;
    }

    public static ThreadReachability Build(ProjectModel model, FreeThreadingKnowledge knowledge)
    {
        var facts = new ObjectFacts(model, knowledge);
        var locks = new LockRegions(model, knowledge);
        var starts = new Dictionary<Call, bool>(ReferenceEqualityComparer.Instance);
        var builder = new Builder(model, knowledge, facts, locks, starts);
        var candidates = builder.Candidates();

        // A pass with what the code shows around each start (loops, maps, requests)...
        var entries = candidates.Select((c, i) => builder.Entry(c, i, c.ManyReason)).ToList();
        var reached = entries.SelectMany(builder.Walk).ToList();

        // ...then the entries started by code that itself runs on several threads run on several threads.
        var many = reached.Where(r => r.Entry.IsMany).GroupBy(r => r.Function).ToDictionary(g => g.Key, g => g.First().Entry);
        var upgraded = false;
        for (var i = 0; i < entries.Count; i++)
        {
            if (!entries[i].IsMany && many.TryGetValue(entries[i].StartingFunction, out var outer))
            {
                entries[i] = builder.Entry(candidates[i], i, $"'{entries[i].StartingFunction.DisplayName}' itself runs on several threads ({outer.Starter})");
                upgraded = true;
            }
        }

        if (upgraded)
        {
            reached = entries.SelectMany(builder.Walk).ToList();
        }

        // The code that starts each thread runs beside it until it waits for it.
        var starting = new List<ThreadEntry>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (builder.StartingCode(candidates[i], entries[i], entries.Count + starting.Count) is { } code)
            {
                starting.Add(code);
            }
        }

        reached.AddRange(starting.SelectMany(builder.Walk));
        return new ThreadReachability([.. entries, .. starting], reached);
    }

    /// <summary>A thread start found in the code, before its context is known.</summary>
    private sealed record Candidate(
        Node Site, ProjectFunction Starting, string Starter, CallTarget Target, Expr? Callable, IReadOnlyList<Expr> Positional,
        IReadOnlyList<Keyword> Keywords, IReadOnlyList<NamedArgument> Named, bool ArgumentsKnown, bool IsMap, Expr? MapItems,
        bool IsThreadObject, string? ManyReason);

    private sealed class Builder(ProjectModel model, FreeThreadingKnowledge knowledge, ObjectFacts facts, LockRegions locks, Dictionary<Call, bool> starts)
    {
        public List<Candidate> Candidates()
        {
            var found = new List<Candidate>();
            // A start site first, so that a start whose callable came through another start (the project's own
            // run_in_threadpool calling anyio.to_thread.run_sync) is recognised as the same thread below.
            foreach (var function in model.OwnFunctions)
            {
                foreach (var site in model.CallGraph.SitesIn(function))
                {
                    if (ThreadStarts.Recognise(model, site) is not null || Offload(site) is not null)
                    {
                        starts[site.Call] = true;
                    }
                }
            }

            foreach (var function in model.OwnFunctions)
            {
                foreach (var site in model.CallGraph.SitesIn(function))
                {
                    if (ThreadStarts.Recognise(model, site) is { } start)
                    {
                        FromThreadStart(site, start, found);
                    }
                    else if (Offload(site) is { } offload)
                    {
                        FromOffload(site, offload.Handler, offload.Callable, found);
                    }
                }

                FromDecorators(function, found);
            }

            return found.Where(c => !c.Target.Through.Any(passed => IsStart(passed.Call))).ToList();
        }

        public bool IsStart(Call call) => starts.ContainsKey(call);

        private void FromThreadStart(CallSite site, ThreadStart start, List<Candidate> found)
        {
            var method = start.Starter[(start.Starter.LastIndexOf('.') + 1)..];
            var isMap = start.Family == ThreadStartFamily.Pool && MapMethods.Contains(method);
            IReadOnlyList<CallTarget> targets = start.RunMethod is { } run
                ? [new CallTarget(run, CallEdgeKind.BoundMethod, 1, null, [])]
                : start.Callable is null ? [] : model.CallGraph.CallableTargets(start.Callable);
            foreach (var target in targets)
            {
                if (target.Function.IsAsync)
                {
                    continue;
                }

                var items = isMap && site.Call.Args.Count > 1 ? site.Call.Args[1] : null;
                found.Add(new Candidate(
                    site.Call, site.Caller, start.Starter, target, start.Callable, start.Positional, start.Keywords, start.NamedValues,
                    start.ArgumentsKnown, isMap, items, start.RunMethod is not null,
                    ManyReason(site.Call, site.Caller, target, isMap ? "one task per item" : null)));
            }
        }

        private (ThreadPoolHandler Handler, Expr Callable)? Offload(CallSite site)
        {
            if (site.CalleeName is not { } name)
            {
                return null;
            }

            foreach (var handler in knowledge.ThreadPools)
            {
                if (handler.Kind != ThreadPoolHandlerKind.Offload || !handler.Names.Contains(name) || !When(site.Call, handler))
                {
                    continue;
                }

                var callable = handler.CallableKeyword is { } keyword ? site.Call.Keywords.FirstOrDefault(k => k.Arg == keyword)?.Value : null;
                if (callable is null && handler.CallablePosition is { } position && position < site.Call.Args.Count &&
                    !site.Call.Args.Take(position + 1).Any(a => a is Starred))
                {
                    callable = site.Call.Args[position];
                }

                return callable is null ? null : (handler, callable);
            }

            return null;
        }

        private static bool When(Call call, ThreadPoolHandler handler) =>
            handler.WhenKeyword is not { } keyword ||
            call.Keywords.FirstOrDefault(k => k.Arg == keyword)?.Value is Constant { Value: bool value } && value == handler.WhenValue;

        private void FromOffload(CallSite site, ThreadPoolHandler handler, Expr callable, List<Candidate> found)
        {
            var index = site.Call.Args.ToList().FindIndex(a => ReferenceEquals(a, callable));
            var rest = index < 0 ? [] : site.Call.Args.Skip(index + 1).ToList();
            var known = !rest.Any(a => a is Starred);
            var perRequest = handler.PerRequest ? "one call per request" : null;
            foreach (var target in model.CallGraph.CallableTargets(callable))
            {
                if (target.Function.IsAsync)
                {
                    continue;
                }

                found.Add(new Candidate(site.Call, site.Caller, handler.Starter, target, callable, known ? rest : [], [], [], known, false, null, false,
                    ManyReason(site.Call, site.Caller, target, perRequest)));
            }
        }

        private void FromDecorators(ProjectFunction function, List<Candidate> found)
        {
            if (function.IsAsync || function.Decorators.Count == 0)
            {
                return;
            }

            foreach (var decorator in function.Decorators)
            {
                var callee = decorator is Call call ? call.Func : decorator;
                var name = model.Values.QualifiedNameOf(callee);
                if (name is null)
                {
                    continue;
                }

                foreach (var handler in knowledge.ThreadPools)
                {
                    var matches = handler.Kind switch
                    {
                        ThreadPoolHandlerKind.RouteDecorator => decorator is Call && name.LastIndexOf('.') is > 0 and var dot &&
                                                                handler.Names.Contains(name[..dot]) && handler.Methods.Contains(name[(dot + 1)..]),
                        ThreadPoolHandlerKind.Decorator => handler.Names.Contains(name) && decorator is Call c && When(c, handler),
                        _ => false,
                    };
                    if (!matches)
                    {
                        continue;
                    }

                    var starting = model.EnclosingFunction(function.Node);
                    var reason = handler.Kind == ThreadPoolHandlerKind.RouteDecorator ? "one call per request" : "each call starts a thread";
                    found.Add(new Candidate(decorator, starting, handler.Starter, new CallTarget(function, CallEdgeKind.Direct, 0, null, []), null,
                        [], [], [], false, false, null, false, reason));
                    return;
                }
            }
        }

        /// <summary>Why one start may run its target on several threads at once, from the code around it.</summary>
        private string? ManyReason(Call site, ProjectFunction starting, CallTarget target, string? given)
        {
            if (given is not null)
            {
                return given;
            }

            if (CodeShapes.InnermostLoop(site, starting.Node) is { } loop && !WaitsInTheLoop(site, loop))
            {
                return $"started in a loop in '{starting.DisplayName}'";
            }

            foreach (var passed in target.Through)
            {
                if (CodeShapes.InnermostLoop(passed.Call, passed.Caller.Node) is not null)
                {
                    return $"handed over in a loop in '{passed.Caller.DisplayName}'";
                }
            }

            var outer = target.Through.IsEmpty ? starting : target.Through[0].Caller;
            foreach (var caller in model.CallGraph.CallersOf(outer))
            {
                if (!ReferenceEquals(caller.Caller, outer) && !caller.IsAwaited && CodeShapes.InnermostLoop(caller.Call, caller.Caller.Node) is not null)
                {
                    return $"'{outer.DisplayName}' is called in a loop in '{caller.Caller.DisplayName}'";
                }
            }

            return null;
        }

        /// <summary>A start whose thread the same pass of the loop waits for: <c>await to_thread(f)</c>,
        /// <c>pool.submit(f).result()</c>, or <c>t = Thread(...)</c> followed by <c>t.join()</c> in the loop's body.
        /// The threads then run one after another.</summary>
        private static bool WaitsInTheLoop(Call site, Node loop)
        {
            if (IsWaited(site))
            {
                return true;
            }

            var thread = site.Parent switch
            {
                Assign { Targets: [Name name] } => name.Id,
                Attribute { Attr: "start" } => null,
                _ => null,
            };
            return thread is not null && AstWalker.DescendantsAndSelf(loop).OfType<Call>().Any(c =>
                c.Func is Attribute { Attr: "join", Value: Name joined } && joined.Id == thread &&
                GilScan.Semantics.Binding.SourceOrder.Compare(c, site) > 0);
        }

        private static bool IsWaited(Call site) => site.Parent is Await || site.Parent is Attribute { Attr: "result", Parent: Call };

        public ThreadEntry Entry(Candidate candidate, int id, string? manyReason)
        {
            var target = candidate.Target;
            var starting = candidate.Starting;
            // What the site makes is per thread when the site runs once per thread (a loop, or a starting
            // function that runs on several threads); a map's arguments are evaluated once for all tasks.
            var perSite = !candidate.IsMap && manyReason is not null && CodeShapes.InnermostLoop(candidate.Site, starting.Node) is null;
            var receiver = Receiver(candidate, perSite);
            var arguments = ImmutableDictionary.CreateBuilder<string, ObjectFact>(StringComparer.Ordinal);
            var scope = starting.Module.ScopeOf(candidate.Site);
            var mapItemGiven = false;
            foreach (var parameter in target.Function.Parameters)
            {
                if (ReferenceEquals(parameter, target.Function.ReceiverParameter) && target.BoundPositionals > 0)
                {
                    continue;
                }

                var argument = ArgumentBinding.ArgumentFor(model, target, parameter, candidate.Positional, candidate.Keywords, scope, candidate.Named);
                if (argument is { } bound)
                {
                    arguments[parameter.Name] = facts.AtStart(bound.Expression, bound.Expression, model.EnclosingFunction(bound.Expression), perSite);
                }
                else if (candidate.IsMap && !mapItemGiven && parameter.Kind is ParameterKind.PositionalOnly or ParameterKind.PositionalOrKeyword)
                {
                    mapItemGiven = true;
                    arguments[parameter.Name] = ObjectFact.PerThread("an item of the map", distinct: candidate.MapItems is Call { Func: Name { Id: "range" } });
                }
            }

            var keywords = candidate.Keywords.Where(k => k.Arg is not null).Select(k => KeyValuePair.Create(k.Arg!, k.Value))
                .Concat(candidate.Named.Select(n => KeyValuePair.Create(n.Name, n.Value))).ToList();
            var call = new StartArguments(candidate.Positional, keywords, candidate.ArgumentsKnown && !candidate.IsMap);
            return new ThreadEntry(id, candidate.Site, starting, candidate.Starter, target.Function, target.Through, manyReason, receiver,
                arguments.ToImmutable(), call)
            {
                Waited = candidate.Site is Call site && IsWaited(site),
            };
        }

        private ObjectFact Receiver(Candidate candidate, bool perSite)
        {
            var target = candidate.Target;
            if (candidate.IsThreadObject && candidate.Site is Call constructor)
            {
                return new ObjectFact(Sharing.PerThread, "per-thread", $"the '{target.Function.Class?.DisplayName}' thread object (one per thread)",
                    Constructed: constructor, ConstructedIn: candidate.Starting);
            }

            if (target.Kind == CallEdgeKind.Constructor)
            {
                return ObjectFact.PerThread($"a new '{target.Function.Class?.DisplayName}' object");
            }

            if (target.BoundPositionals == 0 || target.Function.ReceiverParameter is null || !target.Through.IsEmpty)
            {
                return ObjectFact.Unknown;
            }

            var callable = candidate.Callable;
            if (target.Partial is { } partial && partial.Site.Args.Count > 0)
            {
                callable = partial.Site.Args[0];
            }

            return callable is Attribute bound
                ? facts.AtStart(bound.Value, candidate.Site, candidate.Starting, perSite)
                : ObjectFact.Unknown;
        }

        /// <summary>The code that starts <paramref name="entry"/>, as an entry of its own that runs from the start to the
        /// first wait for the thread (or the end of the executor's <c>with</c> block); null for handlers that a framework starts.</summary>
        public ThreadEntry? StartingCode(Candidate candidate, ThreadEntry entry, int id)
        {
            if (candidate.Site is not Call site)
            {
                return null;
            }

            var starting = candidate.Starting;
            Node? until = null;
            if (entry.Waited)
            {
                until = site;
            }
            else if (candidate.IsMap && site.Parent is Call { Func: Name { Id: "list" or "tuple" or "set" or "sorted" or "sum" or "dict" } } or For or Comprehension)
            {
                until = site;
            }
            else
            {
                foreach (var call in starting.Calls)
                {
                    if (GilScan.Semantics.Binding.SourceOrder.Compare(call, site) > 0 && !CodeShapes.IsWithin(call, site) && Waits(call))
                    {
                        until = call;
                        break;
                    }
                }
            }

            ObjectFact receiver = starting.ReceiverParameter is not null && starting.Class is { } cls
                ? new ObjectFact(Sharing.Entry, $"self:{cls.QualifiedName}", $"the '{cls.DisplayName}' object 'self'")
                : ObjectFact.Unknown;
            return new ThreadEntry(id, site, starting, "the code that starts it", starting, [], null, receiver,
                ImmutableDictionary<string, ObjectFact>.Empty, StartArguments.None)
            {
                Beside = entry.Id,
                WithinBlock = ExecutorBlock(site, starting),
                Until = until,
            };
        }

        private bool Waits(Call call) =>
            call.Func is Attribute { Attr: "join" or "shutdown" or "wait" or "result" or "close" or "terminate" } ||
            model.Values.QualifiedNameOf(call.Func) is "concurrent.futures.wait" or "concurrent.futures.as_completed" or "asyncio.gather" or "asyncio.wait";

        /// <summary>The <c>with</c> block of the executor or pool the start uses: leaving it waits for the tasks.</summary>
        private Node? ExecutorBlock(Call site, ProjectFunction starting)
        {
            var receiver = site.Func is Attribute { Value: Name name } ? name.Id : null;
            for (var p = site.Parent; p is not null && !ReferenceEquals(p, starting.Node); p = p.Parent)
            {
                if (p is With with && with.Items.Any(i => (receiver is not null && i.OptionalVars is Name v && v.Id == receiver) ||
                                                         model.Values.TypeOf(i.ContextExpr) is { } type && (type.EndsWith("Executor", StringComparison.Ordinal) || type.EndsWith("Pool", StringComparison.Ordinal))))
                {
                    return with;
                }
            }

            return null;
        }

        /// <summary>Every function the entry runs, with its context, depth first from the target.</summary>
        public IEnumerable<ReachedFunction> Walk(ThreadEntry entry)
        {
            var reached = new List<ReachedFunction>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var root = new ReachedFunction(entry, entry.Target, [], entry.Receiver, entry.Arguments, null);
            seen.Add(Key(root));
            var stack = new Stack<ReachedFunction>();
            stack.Push(root);
            while (stack.Count > 0 && reached.Count < MaxContextsPerEntry)
            {
                var current = stack.Pop();
                reached.Add(current);
                if (current.Path.Length >= MaxPathLength)
                {
                    continue;
                }

                var next = new List<ReachedFunction>();
                foreach (var site in model.CallGraph.SitesIn(current.Function))
                {
                    if (IsStart(site.Call) || (current.IsStartingCode && !entry.RunsBeside(site.Call)))
                    {
                        continue;
                    }

                    var held = current.HeldLock ?? locks.Around(site.Call, current.Function);
                    foreach (var target in Targets(site, current))
                    {
                        var callee = target.Function;
                        if ((callee.IsCoroutine && !site.IsAwaited) || !Feasible(target, current, site))
                        {
                            continue;
                        }

                        var context = new ReachedFunction(entry, callee, current.Path.Add(site), ReceiverAt(site, target, current),
                            ParametersAt(site, target, current), held);
                        if (seen.Add(Key(context)))
                        {
                            next.Add(context);
                        }
                    }
                }

                for (var i = next.Count - 1; i >= 0; i--)
                {
                    stack.Push(next[i]);
                }
            }

            return reached;
        }

        /// <summary>The call graph's targets, or, for <c>p.method()</c> on an object whose class the thread context knows
        /// (a parameter the start filled with a project object), that class's method.</summary>
        private IReadOnlyList<CallTarget> Targets(CallSite site, ReachedFunction current)
        {
            if (site.Targets.Count > 0 || site.Call.Func is not Attribute { Value: var receiver, Attr: var method } ||
                facts.Inside(receiver, current).Class?.FindMethod(method) is not { } found ||
                found.MethodKind is not (MethodKind.Instance or MethodKind.Property))
            {
                return site.Targets;
            }

            return [new CallTarget(found, CallEdgeKind.BoundMethod, 1, null, [])];
        }

        /// <summary>A callable that reached a helper's parameter is only called on this path when the site that
        /// passed it is on the path too (the call graph's parameter flows are context-insensitive).</summary>
        private static bool Feasible(CallTarget target, ReachedFunction current, CallSite site) =>
            target.Through.All(passed => current.Path.Contains(passed) || current.Entry.HandedOver.Contains(passed) || ReferenceEquals(passed, site));

        private ObjectFact ReceiverAt(CallSite site, CallTarget target, ReachedFunction current)
        {
            switch (target.Kind)
            {
                case CallEdgeKind.Constructor:
                    return new ObjectFact(Sharing.PerThread, "per-thread", $"a new '{target.Function.Class?.DisplayName}' object",
                        Constructed: site.Call, ConstructedIn: current.Function);
                case CallEdgeKind.BoundMethod when target.Through.IsEmpty && site.Call.Func is Attribute { Value: var receiver }:
                    return receiver is Call { Func: Name { Id: "super" } } ? current.Receiver : facts.Inside(receiver, current);
                default:
                    return ObjectFact.Unknown;
            }
        }

        private ImmutableDictionary<string, ObjectFact> ParametersAt(CallSite site, CallTarget target, ReachedFunction current)
        {
            var parameters = ImmutableDictionary.CreateBuilder<string, ObjectFact>(StringComparer.Ordinal);
            var scope = current.Function.Module.ScopeOf(site.Call);
            foreach (var parameter in target.Function.Parameters)
            {
                if (ReferenceEquals(parameter, target.Function.ReceiverParameter) && target.BoundPositionals > 0)
                {
                    continue;
                }

                if (ArgumentBinding.ArgumentFor(model, target, parameter, site.Call.Args, site.Call.Keywords, scope) is { } argument &&
                    ReferenceEquals(argument.Scope.Module, current.Function.Module) && CodeShapes.IsWithin(argument.Expression, site.Call))
                {
                    parameters[parameter.Name] = facts.Inside(argument.Expression, current);
                }
            }

            return parameters.ToImmutable();
        }

        private static string Key(ReachedFunction context) =>
            $"{context.Function.Id}|{context.Receiver.Sharing}:{context.Receiver.Identity}|{context.HeldLock is not null}|" +
            string.Join(",", context.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.Sharing}:{p.Value.Identity}"));
    }
}
