using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Sizes;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Processes;

/// <summary>
/// Process boundaries of a project (what GIL301-303 look at): recognises the calls that hand work or
/// data to another process, by qualified name (imports, aliases, <c>get_context()</c> objects,
/// subclasses) or by the type of the receiver (variables, <c>with … as</c>, <c>self</c> attributes,
/// parameters given by callers or by <c>Process(args=…)</c>, <c>a, b = Pipe()</c>); knows the start
/// method a pool or process uses (its context, else the program's <c>set_start_method</c>); and
/// offers the size estimator and the picklability checks over the same value origins. Made once per
/// run over a built <see cref="ProjectModel"/>; thread-safe (its lazy indexes are built once).
/// </summary>
public sealed class ProcessAnalysis
{
    /// <summary>Values of at least this many pickled bytes count as large (1 MB: milliseconds to
    /// pickle and unpickle for containers of Python objects; see fixtures/benchmarks/multiprocessing).</summary>
    public const double DefaultLargeBytes = 1_000_000;

    private static readonly IReadOnlyList<TaskInvocation> NoInvocations = [];

    private readonly Lazy<StartMethodFact> _projectStartMethod;
    private readonly Lazy<Dictionary<ProjectFunction, List<TaskInvocation>>> _invocations;

    public ProcessAnalysis(ProjectModel project, ProcessKnowledge? knowledge = null, double largeBytes = DefaultLargeBytes)
    {
        Project = project;
        Knowledge = knowledge ?? ProcessKnowledge.Default;
        LargeBytes = largeBytes;
        Origins = new ValueOrigins(project, f => _invocations!.Value.TryGetValue(f, out var list) ? list : NoInvocations);
        Sizes = new SizeEstimator(project, Knowledge, Origins, largeBytes);
        Pickling = new Picklability(project, Knowledge);
        _projectStartMethod = new Lazy<StartMethodFact>(FindProjectStartMethod);
        _invocations = new Lazy<Dictionary<ProjectFunction, List<TaskInvocation>>>(IndexTaskInvocations);
    }

    public ProjectModel Project { get; }

    public ProcessKnowledge Knowledge { get; }

    public double LargeBytes { get; }

    public ValueOrigins Origins { get; }

    public SizeEstimator Sizes { get; }

    public Picklability Pickling { get; }

    /// <summary>The start method the program sets with <c>multiprocessing.set_start_method</c> (when
    /// every such call in the project agrees), else the platform default.</summary>
    public StartMethodFact ProjectStartMethod => _projectStartMethod.Value;

    /// <summary>The boundary <paramref name="call"/> is, or null when it does not cross one.</summary>
    public ProcessBoundary? BoundaryAt(Call call)
    {
        var found = ApiOf(call, followOrigins: true);
        return found is var (api, alternative) ? Describe(call, api) with { Alternative = alternative } : null;
    }

    /// <summary>
    /// True when the value a size fact describes was made before the innermost loop that repeats
    /// <paramref name="boundary"/>: the same object (or one built from the same data) is pickled again
    /// on every iteration. The place that decides is the last node of the fact's trail (or its origin)
    /// that lies in the sending function; a value that only comes from outside the function (a
    /// parameter, an attribute, a global) was made before the loop too.
    /// </summary>
    public bool MadeBeforeLoop(SizeFact fact, ProcessBoundary boundary)
    {
        if (boundary.Repetition.Loops.Count == 0) return true;
        var loop = boundary.Repetition.Loops[^1];
        var function = Project.EnclosingFunction(boundary.Call);
        LocatedNode? last = null;
        foreach (var node in fact.Trail.Append(fact.Origin))
            if (ReferenceEquals(Project.EnclosingFunction(node), function)) last = node;
        return last is null || !IsWithin(last, loop);
    }

    /// <summary>The constructor of the pool a method is called on, when it runs inside the innermost loop
    /// around the call (a new pool, and new worker processes, on every iteration).</summary>
    public Call? PoolMadeInLoop(ProcessBoundary boundary)
    {
        if (boundary.Call.Func is not Attribute method || boundary.Repetition.Loops.Count == 0) return null;
        var loop = boundary.Repetition.Loops[^1];
        foreach (var origin in Origins.Of(method.Value))
            if (origin.Expression is Call constructor && IsWithin(constructor, loop)
                && ApiOf(constructor, followOrigins: false) is ({ Kind: BoundaryKind.Pool }, _))
                return constructor;
        return null;
    }

    private static bool IsWithin(Node node, Node ancestor)
    {
        for (var n = node; n is not null; n = n.Parent)
            if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    /// <summary>
    /// The values <paramref name="callable"/> may have where <paramref name="at"/> runs. For a function
    /// local assigned several times (<c>job = partial(f, a)</c> … <c>job = partial(f, b)</c>), only the
    /// last assignment before the call counts: the reaching definition of straight-line code (a loop
    /// or branch may see another; the simplification keeps each send with the value it most likely
    /// has, where the flow-insensitive union would give every send every value).
    /// </summary>
    public ValueSet ValuesAt(Expr callable, Call at)
    {
        if (callable is Name { Ctx: ExprContext.Load } name
            && Binding.BoundModule.Lookup(name.Id, Project.ModuleOf(name).ScopeOf(name)) is { Scope.IsFunctionLike: true } symbol)
        {
            var bindings = symbol.Bindings.Where(b => b.Kind != Binding.BindingKind.AnnotationOnly).ToList();
            if (bindings.Count >= 2 && bindings.All(b => b.Kind is Binding.BindingKind.Assignment or Binding.BindingKind.AnnotatedAssignment && b.Value is not null))
            {
                var reaching = bindings.LastOrDefault(b => Binding.SourceOrder.Compare(b.Site, at) < 0);
                if (reaching is not null) return Project.Values.Evaluate(reaching.Value!);
            }
        }
        return Project.Values.Evaluate(callable);
    }

    /// <summary>True for a Process made into a local name that nothing starts: no <c>.start()</c> on
    /// it, and it is not passed anywhere else (a Process is pickled, under spawn, only when started).</summary>
    public bool IsNeverStarted(Call constructor)
    {
        if (constructor.Parent is not Assign { Targets.Count: 1 } assign || assign.Targets[0] is not Name target) return false;
        var symbol = Project.ModuleOf(constructor).Resolve(target);
        if (symbol is null || !symbol.Scope.IsFunctionLike) return false;
        foreach (var reference in symbol.References)
            if (reference.Parent is not Attribute access || !ReferenceEquals(access.Value, reference) || access.Attr == "start") return false;
        return true;
    }

    /// <summary>The table entry of a call: by the callee's qualified name, else (methods) by the type of
    /// the receiver's origins. A callee with several values of which one is a boundary (a process pool on
    /// one path, a thread pool on another) is that boundary, with the other value named as the
    /// alternative.</summary>
    private (BoundaryApi Api, string? Alternative)? ApiOf(Call call, bool followOrigins)
    {
        var name = Project.CallGraph.SiteOf(call)?.CalleeName ?? Project.Values.QualifiedNameOf(call.Func);
        if (Knowledge.Boundary(name) is { } api) return (api, null);
        if (name is not null) return null;
        if (OneOf(Project.Values.Evaluate(call.Func).Items.Select(v => v.QualifiedName)) is { } union) return union;
        if (!followOrigins || call.Func is not Attribute method || !Knowledge.MayBeBoundaryMethod(method.Attr)) return null;
        return OneOf(ReceiverTypes(method.Value).Select(t => Knowledge.Canonical(t) + "." + method.Attr));
    }

    /// <summary>The boundary among several callee names, and how the first other one is called; null
    /// when none or two different boundaries are among them.</summary>
    private (BoundaryApi Api, string? Alternative)? OneOf(IEnumerable<string?> names)
    {
        BoundaryApi? found = null;
        string? other = null;
        var any = false;
        foreach (var name in names.Distinct())
        {
            // `executor.submit` where executor may still be None is a guard away from the pool.
            if (name is not null && name.StartsWith("builtins.NoneType.", StringComparison.Ordinal)) continue;
            any = true;
            var api = Knowledge.Boundary(name);
            if (api is null)
            {
                other ??= name is null ? "an unknown value" : ShortType(name);
                continue;
            }
            if (found is not null && found.Name != api.Name) return null;
            found = api;
        }
        return any && found is not null ? (found, other) : null;
    }

    /// <summary>"concurrent.futures.ThreadPoolExecutor.submit" → "ThreadPoolExecutor".</summary>
    private static string ShortType(string method)
    {
        var parts = method.Split('.');
        return parts.Length >= 2 ? parts[^2] : method;
    }

    /// <summary>Types the receiver's origins have: instances by the type facts (every value of a
    /// union), and the connections that <c>a, b = multiprocessing.Pipe()</c> unpacks.</summary>
    private IEnumerable<string> ReceiverTypes(Expr receiver)
    {
        var direct = Project.Values.Evaluate(receiver);
        if (!direct.IsUnknown && direct.Items.All(v => v is InstanceValue))
        {
            foreach (var v in direct.Items) yield return ((InstanceValue)v).TypeName;
            yield break;
        }
        foreach (var origin in Origins.Of(receiver))
        {
            if (origin.UnpackIndex is not null)
            {
                if (origin.Expression is Call pipe && Knowledge.Canonical(Project.Values.QualifiedNameOf(pipe.Func) ?? "") is "multiprocessing.Pipe" or "multiprocessing.context.BaseContext.Pipe")
                    yield return "multiprocessing.connection.Connection";
                continue;
            }
            if (ValueEvaluator.TypeOf(Project.Values.Evaluate(origin.Expression)) is { } type) yield return type;
        }
    }

    private ProcessBoundary Describe(Call call, BoundaryApi api)
    {
        var callable = api.Callable is null ? null : ArgumentExpression(call, api.Callable);
        var boundary = new ProcessBoundary
        {
            Call = call,
            Api = api,
            CalleeText = ExpressionText.Of(call.Func),
            Callable = api.Kind == BoundaryKind.Pool ? ArgumentExpression(call, api.Initializer) : callable,
            StartMethod = StartMethodFact.Default,
            Repetition = Repetition.Around(Project, call),
        };
        switch (api.Kind)
        {
            case BoundaryKind.Task or BoundaryKind.Process:
                var (positional, keywords) = TaskCall(call, api);
                boundary = boundary with { Arguments = TaskArguments(call, api, callable), TaskPositional = positional, TaskKeywords = keywords };
                break;
            case BoundaryKind.Map:
                var iterables = api.RestArePayload ? RestArguments(call, api.Callable).ToList() : ArgumentExpression(call, api.Items) is { } items ? [items] : [];
                var chunk = ArgumentExpression(call, api.Chunksize);
                boundary = boundary with
                {
                    Iterables = iterables,
                    // map(f, *columns): the starred list holds iterables, not items.
                    ItemCount = call.Args.Any(a => a is Starred) ? null : ShortestLength(iterables),
                    ChunksizeGiven = chunk is not null,
                    Chunksize = chunk is null ? null : Project.Constants.IntegerOf(chunk),
                };
                break;
            case BoundaryKind.Message:
                boundary = boundary with { Arguments = ArgumentExpression(call, api.Object) is { } obj ? [obj] : [] };
                break;
            case BoundaryKind.Pool:
                boundary = boundary with { Arguments = Elements(ArgumentExpression(call, api.Initargs)) };
                break;
        }
        var (start, workers) = api.Kind switch
        {
            BoundaryKind.Process or BoundaryKind.Pool => (StartMethodOfConstructor(call, api), WorkersOf(call, api)),
            BoundaryKind.Task or BoundaryKind.Map when call.Func is Attribute method => PoolFacts(method.Value),
            _ => (StartMethodFact.Default, null),
        };
        return boundary with { StartMethod = start, Workers = workers };
    }

    private static Expr? ArgumentExpression(Call call, ArgumentRef? reference) =>
        reference is null ? null : Calls.CallGraph.ArgumentExpression(call, reference);

    /// <summary>Positional arguments after the callable, and keyword arguments other than it.</summary>
    private static IEnumerable<Expr> RestArguments(Call call, ArgumentRef? callable)
    {
        var skip = callable?.Position is { } p ? p + 1 : 0;
        foreach (var a in call.Args.Skip(skip)) yield return a is Starred s ? s.Value : a;
        foreach (var k in call.Keywords)
            if (k.Arg is not null && k.Arg != callable?.Keyword && k.Arg is not ("chunksize" or "timeout")) yield return k.Value;
    }

    /// <summary>How one task calls its function: submit's own arguments after the callable, or the
    /// elements of an <c>args</c> display (none when <c>args</c> is absent).</summary>
    private static (IReadOnlyList<Expr>?, IReadOnlyList<Keyword>) TaskCall(Call call, BoundaryApi api)
    {
        if (api.RestArePayload)
        {
            var skip = (api.Callable?.Position ?? -1) + 1;
            return (call.Args.Skip(skip).ToList(), call.Keywords.Where(k => k.Arg != api.Callable?.Keyword).ToList());
        }
        return ArgumentExpression(call, api.Args) switch
        {
            null => ([], []),
            Tuple t => (t.Elts, []),
            List l => (l.Elts, []),
            _ => (null, []),
        };
    }

    private static List<Expr> TaskArguments(Call call, BoundaryApi api, Expr? callable)
    {
        if (api.RestArePayload) return RestArguments(call, api.Callable).ToList();
        var result = Elements(ArgumentExpression(call, api.Args));
        var kwargs = ArgumentExpression(call, api.Kwargs);
        if (kwargs is Dict d) result.AddRange(d.Values);
        else if (kwargs is not null) result.Add(kwargs);
        return result;
    }

    /// <summary>The elements of a tuple or list display; the expression itself otherwise.</summary>
    private static List<Expr> Elements(Expr? sequence) => sequence switch
    {
        null => [],
        Tuple t => t.Elts.Select(e => e is Starred s ? s.Value : e).ToList(),
        List l => l.Elts.Select(e => e is Starred s ? s.Value : e).ToList(),
        _ => [sequence],
    };

    private System.Numerics.BigInteger? ShortestLength(IReadOnlyList<Expr> iterables)
    {
        System.Numerics.BigInteger? shortest = null;
        foreach (var it in iterables)
        {
            if (Project.Constants.LengthOf(it) is not { } n) return null;
            shortest = shortest is null ? n : System.Numerics.BigInteger.Min(shortest.Value, n);
        }
        return shortest;
    }

    private System.Numerics.BigInteger? WorkersOf(Call constructor, BoundaryApi api) =>
        ArgumentExpression(constructor, api.Workers) is { } workers ? Project.Constants.IntegerOf(workers) : null;

    /// <summary>The start method and worker count of the pool a method is called on, from the
    /// constructor calls its origins reach (when they agree).</summary>
    private (StartMethodFact, System.Numerics.BigInteger?) PoolFacts(Expr pool)
    {
        StartMethodFact? start = null;
        System.Numerics.BigInteger? workers = null;
        var first = true;
        var origins = Origins.Of(pool);
        if (origins.Count >= ValueOrigins.MaxOrigins) return (ProjectStartMethod, null);
        foreach (var origin in origins)
        {
            if (origin.Expression is not Call constructor || ApiOf(constructor, followOrigins: false) is not ({ Kind: BoundaryKind.Pool } api, _)) continue;
            var s = StartMethodOfConstructor(constructor, api);
            var w = WorkersOf(constructor, api);
            if (first)
            {
                (start, workers, first) = (s, w, false);
                continue;
            }
            if (start!.Method != s.Method) start = ProjectStartMethod;
            if (workers != w) workers = null;
        }
        return (start ?? ProjectStartMethod, workers);
    }

    /// <summary>A pool's or process's start method: its <c>mp_context</c>, or the context it was made
    /// from (<c>ctx.Pool()</c>), else the program's.</summary>
    private StartMethodFact StartMethodOfConstructor(Call constructor, BoundaryApi api)
    {
        if (ArgumentExpression(constructor, api.Context) is { } context && ContextStartMethod(context) is { } fromArgument) return fromArgument;
        if (constructor.Func is Attribute factory && ContextStartMethod(factory.Value) is { } fromReceiver) return fromReceiver;
        return ProjectStartMethod;
    }

    /// <summary>The start method of a context object: <c>multiprocessing.get_context("spawn")</c>. Null
    /// unless every origin is such a call and they agree (an origin that is something else, say the
    /// None of an optional <c>mp_context</c>, or a list of origins cut at its cap, proves nothing).</summary>
    private StartMethodFact? ContextStartMethod(Expr context)
    {
        StartMethodFact? found = null;
        var origins = Origins.Of(context);
        if (origins.Count >= ValueOrigins.MaxOrigins) return null;
        foreach (var origin in origins)
        {
            if (origin.Expression is not Call call) return null;
            var setter = Knowledge.StartMethodSetter(Project.Values.QualifiedNameOf(call.Func));
            if (setter is null || setter.IsProjectWide) return null;
            var argument = Calls.CallGraph.ArgumentExpression(call, setter.Method);
            var method = argument is null ? null
                : Project.Constants.Evaluate(argument) is BufferValue { IsBytes: false, Text: { } text } ? StartMethodFact.Parse(text) : null;
            var fact = method is { } m ? new StartMethodFact(m, call) : ProjectStartMethod;
            if (found is not null && found.Method != fact.Method) return null;
            found = fact;
        }
        return found;
    }

    private StartMethodFact FindProjectStartMethod()
    {
        StartMethodFact? found = null;
        foreach (var function in Project.OwnFunctions)
        {
            foreach (var site in Project.CallGraph.SitesIn(function))
            {
                var setter = Knowledge.StartMethodSetter(site.CalleeName);
                if (setter is null || !setter.IsProjectWide) continue;
                var argument = Calls.CallGraph.ArgumentExpression(site.Call, setter.Method);
                var method = argument is not null && Project.Constants.Evaluate(argument) is BufferValue { IsBytes: false, Text: { } text }
                    ? StartMethodFact.Parse(text)
                    : null;
                if (method is null) return StartMethodFact.Default;
                if (found is not null && found.Method != method) return StartMethodFact.Default;
                found ??= new StartMethodFact(method.Value, site.Call);
            }
        }
        return found ?? StartMethodFact.Default;
    }

    /// <summary>Every Process start and pool task in the project whose function is a project
    /// function, by that function: how its parameters are given values in another process.</summary>
    private Dictionary<ProjectFunction, List<TaskInvocation>> IndexTaskInvocations()
    {
        var index = new Dictionary<ProjectFunction, List<TaskInvocation>>();
        foreach (var function in Project.Functions)
        {
            foreach (var site in Project.CallGraph.SitesIn(function))
            {
                var api = Knowledge.Boundary(site.CalleeName);
                if (api is not { Kind: BoundaryKind.Task or BoundaryKind.Process } || api.Callable is null) continue;
                var callable = Calls.CallGraph.ArgumentExpression(site.Call, api.Callable);
                if (callable is null) continue;
                var (positional, keywords) = TaskCall(site.Call, api);
                if (positional is null) continue;
                var scope = function.Module.ScopeOf(site.Call);
                foreach (var target in Project.CallGraph.CallableTargets(callable))
                {
                    if (!target.Through.IsEmpty) continue;
                    if (!index.TryGetValue(target.Function, out var list)) index[target.Function] = list = [];
                    list.Add(new TaskInvocation(site.Call, positional, keywords, scope, target.BoundPositionals));
                }
            }
        }
        return index;
    }
}
