using ConditionalWeakTable = System.Runtime.CompilerServices.ConditionalWeakTable<GilScan.Semantics.ProjectModel, GilScan.Rules.Threads.ThreadStarts>;
using GilScan.Semantics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.Threads;

/// <summary>
/// Recognises where code starts running on other threads, from the calls, decorators and routes of
/// <see cref="ThreadOffloads"/> (the standard library's threads and thread pools, framework thread
/// pools), by the callee's values as the semantic model resolves them (through imports, aliases,
/// <c>with ... as</c>, flow-sensitive locals, <c>self</c> attributes, and what callers pass for a
/// parameter). A callee that is a thread pool on one path and a process pool on another is a start with
/// an <see cref="ThreadStart.Alternative"/>. A Thread subclass counts when its instances are started
/// (<c>.start()</c>), not when they are only <c>.run()</c> on the calling thread.
/// </summary>
public sealed class ThreadStarts
{
    private const string ThreadClass = "threading.Thread";
    private static readonly ConditionalWeakTable PerModel = new();

    private readonly ProjectModel _model;
    private readonly ThreadOffloads _offloads;
    private Dictionary<ProjectClass, (bool Started, bool Run)>? _subclassUse;
    private HashSet<ProjectFunction>? _functionsStartingUntyped;
    private readonly object _gate = new();

    public ThreadStarts(ProjectModel model, ThreadOffloads offloads)
    {
        _model = model;
        _offloads = offloads;
    }

    /// <summary>The recogniser of <paramref name="model"/>, shared by the rules of one run.</summary>
    public static ThreadStarts Of(ProjectModel model) => PerModel.GetValue(model, m => new ThreadStarts(m, ThreadOffloads.Default));

    private IReadOnlyList<ThreadStart>? _every;

    /// <summary>Every start of the model, computed by <paramref name="find"/> the first time it is asked
    /// for (the thread rules of one run share it).</summary>
    public IReadOnlyList<ThreadStart> Every(Func<IReadOnlyList<ThreadStart>> find)
    {
        if (Volatile.Read(ref _every) is { } known) return known;
        lock (_everyGate)
        {
            return _every ??= find();
        }
    }

    private readonly object _everyGate = new();

    /// <summary>Whether a method called <paramref name="name"/> can be a thread start in some context.</summary>
    public bool MayStartThroughMethod(string name) => _offloads.MayEndWith(name);

    /// <summary>The start made by <paramref name="site"/>, as far as the code shows without a caller's context.</summary>
    public static ThreadStart? Recognise(ProjectModel model, CallSite site) => Of(model).At(site, null);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<CallSite, ThreadStart?> _generic = new(ReferenceEqualityComparer.Instance);

    /// <summary>The start made by <paramref name="site"/> when its function's parameters are as
    /// <paramref name="context"/> says (null: nothing known about them). The generic answer is kept:
    /// the thread rules and the free-threading rules ask it of every call site.</summary>
    public ThreadStart? At(CallSite site, ArgumentEnvironment? context) =>
        context is null ? _generic.GetOrAdd(site, s => Compute(s, null)) : Compute(site, context);

    private ThreadStart? Compute(CallSite site, ArgumentEnvironment? context)
    {
        var call = site.Call;

        // A run() that threading.Thread itself defines is no override: it calls the target= callable, which the
        // offload below follows. The project only has that class's code when it holds the standard library's own
        // threading module (the stdlib, a vendored copy); counting Thread(target=f) there as a subclass whose work
        // is Thread.run would lose every target.
        if (context is null && site.InstantiatedClass is { } cls && cls.DerivesFrom("threading.Thread") &&
            cls.FindMethod("run") is { Class.QualifiedName: not ThreadClass } run && IsStarted(cls, site))
        {
            return new ThreadStart(site, ThreadStartFamily.Thread, $"{cls.DisplayName} (a threading.Thread subclass)", null, run, [], [], [], false);
        }

        // `sync_to_async(f)(x)`: the wrapper's call passes x to f on a thread pool.
        if (call.Func is Call inner && _model.CallGraph.SiteOf(inner) is { } innerSite &&
            Offload(innerSite, context) is ({ Kind: OffloadKind.Wrapper } wrapper, var wrapperName, _))
        {
            var known = !call.Args.Any(a => a is Starred) && call.Keywords.All(k => k.Arg is not null);
            return new ThreadStart(site, wrapper.Family, wrapper.Starter(wrapperName), Argument(inner, wrapper.Callable), null,
                known ? call.Args : [], known ? call.Keywords : [], [], known);
        }

        var offloaded = Offload(site, context);
        if (offloaded is ({ Kind: OffloadKind.DelayedMap } runner, var runnerName, _))
        {
            return DelayedMap(site, runner, runnerName);
        }

        if (offloaded is not ({ Kind: OffloadKind.Call or OffloadKind.Route } offload, var name, var alternative))
        {
            return null;
        }

        var start = offload switch
        {
            { Args: not null } or { Kwargs: not null } => FromTuples(site, offload, name),
            { Items: not null } => Mapping(site, offload, name),
            { Forwards: true } => Forwarding(site, offload, name),
            _ => new ThreadStart(site, offload.Family, offload.Starter(name), Argument(call, offload.Callable), null, [], [], [], false),
        };
        return start with
        {
            Alternative = alternative,
            RequiresPlainFunction = offload.Kind == OffloadKind.Route,
            Context = context,
            RepeatedOver = start.Items is null ? EnclosingIteration(call) : null,
        };
    }

    /// <summary>
    /// <c>Parallel(prefer="threads")(delayed(f)(x) for x in data)</c>: one task per item of the generator,
    /// each calling f, on threads when the runner's constructor (called in place, or the value of the name
    /// called) or a configuration context manager around the call selects them. Other backends run the
    /// tasks in worker processes: no thread start.
    /// </summary>
    private ThreadStart? DelayedMap(CallSite site, ThreadOffload runner, string name)
    {
        var call = site.Call;
        var (element, generators) = call.Args.Count > 0 ? call.Args[0] switch
        {
            GeneratorExp g => (g.Elt, g.Generators),
            ListComp l => (l.Elt, l.Generators),
            _ => (null, null),
        } : (null, null);
        if (element is not Call { Func: Call { Args: [var callable] } wrap } task || generators is not [var first, ..] ||
            _model.Values.QualifiedNameOf(wrap.Func) != runner.Delayed || !RunnerUsesThreads(call, runner))
        {
            return null;
        }

        // The item is the task's first argument (delayed(f)(x) for x in xs): a map; else the tasks repeat over xs.
        var itemIsFirstArgument = generators.Count == 1 && first.Ifs.Count == 0 && first.Target is Name target &&
                                  task.Args is [Name { Id: var id }, ..] && id == target.Id;
        // The task's own arguments (delayed(f)(2_000_000)); those that read the generator's variables are unknown.
        var known = !task.Args.Any(a => a is Starred) && task.Keywords.All(k => k.Arg is not null);
        return new ThreadStart(site, runner.Family, runner.Starter(name).Replace(".__call__", "", StringComparison.Ordinal) + " on threads",
            callable, null, known ? task.Args : [], known ? task.Keywords : [], [], known)
        {
            Items = itemIsFirstArgument ? first.Iter : null,
            RepeatedOver = itemIsFirstArgument ? null : first.Iter,
        };
    }

    private bool RunnerUsesThreads(Call call, ThreadOffload runner)
    {
        IEnumerable<Expr?> constructors = call.Func switch
        {
            Call constructor => [constructor],
            Name runnerName when _model.ModuleOf(runnerName).Resolve(runnerName) is { } symbol =>
                symbol.Bindings.Where(b => b.Kind is BindingKind.Assignment or BindingKind.WithTarget).Select(b => b.Value),
            _ => [],
        };
        if (constructors.Any(c => c is Call constructor && Selects(constructor, runner.ThreadsWhen)))
        {
            return true;
        }

        for (var node = call.Parent; node is not null and not (FunctionDef or AsyncFunctionDef or Lambda or ClassDef); node = node.Parent)
        {
            var items = node switch
            {
                With w => w.Items,
                AsyncWith w => w.Items,
                _ => [],
            };
            foreach (var item in items)
            {
                if (item.ContextExpr is Call configuration && _model.Values.QualifiedNameOf(configuration.Func) is { } configName &&
                    runner.ConfiguredBy.FirstOrDefault(c => c.Name == configName) is { Name: not null } configured &&
                    Selects(configuration, configured.ThreadsWhen))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when one of <paramref name="conditions"/> holds: its keyword, or its position, has the
    /// constant string it names.</summary>
    private static bool Selects(Call call, IReadOnlyList<ThreadsWhen> conditions) => conditions.Any(condition =>
        call.Keywords.FirstOrDefault(k => k.Arg == condition.Keyword)?.Value is Constant { Value: string byKeyword } ? byKeyword == condition.Value
        : condition.Position is { } position && position < call.Args.Count && call.Args.Take(position + 1).All(a => a is not Starred) &&
          call.Args[position] is Constant { Value: string byPosition } && byPosition == condition.Value);

    /// <summary>The iterable of the innermost <c>for</c> loop or comprehension, in the same function, whose
    /// body holds <paramref name="call"/> (not its iterable, which runs once).</summary>
    private static Expr? EnclosingIteration(Call call)
    {
        Node child = call;
        for (var n = call.Parent; n is not null; child = n, n = n.Parent)
        {
            switch (n)
            {
                case For f when !ReferenceEquals(child, f.Iter) && f.Body.Contains(child):
                    return f.Iter;
                case AsyncFor f when !ReferenceEquals(child, f.Iter) && f.Body.Contains(child):
                    return f.Iter;
                case ListComp or SetComp or GeneratorExp or DictComp:
                {
                    var generators = n switch
                    {
                        ListComp c => c.Generators,
                        SetComp c => c.Generators,
                        GeneratorExp c => c.Generators,
                        _ => ((DictComp)n).Generators,
                    };
                    if (!generators.Contains(child)) return generators[^1].Iter;
                    break;
                }
                case FunctionDef or AsyncFunctionDef or Lambda or ClassDef:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Functions that run on threads because of how they are declared: decorated by a thread
    /// worker decorator, or plain <c>def</c> endpoints of a framework that runs those on its thread pool.</summary>
    public IEnumerable<ThreadStart> Declared()
    {
        foreach (var function in _model.OwnFunctions)
        {
            foreach (var decorator in function.Decorators)
            {
                if (decorator is not Call call || _model.CallGraph.SiteOf(call) is not { } site) continue;
                if (Offload(site, null) is not ({ } offload, var name, _)) continue;
                var applies = offload.Kind switch
                {
                    OffloadKind.Decorator => offload.WhenKeyword is not { } keyword ||
                                             call.Keywords.Any(k => k.Arg == keyword && k.Value is Constant { Value: true }),
                    OffloadKind.SyncRoute => !function.IsAsync,
                    _ => false,
                };
                if (applies)
                {
                    yield return new ThreadStart(site, offload.Family, offload.Starter(name), null, function, [], [], [], false) { ReportAt = decorator };
                }
            }
        }
    }

    /// <summary>The offload the call's callee is, with the name it matched and, for a callee with several
    /// values, how a value that is not an offload of the same kind is named.</summary>
    private (ThreadOffload Offload, string Name, string? Alternative)? Offload(CallSite site, ArgumentEnvironment? context)
    {
        var call = site.Call;
        IEnumerable<string> names;
        if (context is null)
        {
            names = site.CalleeName is { } single ? [single] : CalleeNames(_model.Values.Evaluate(call.Func));
        }
        else
        {
            var scope = site.Caller.Module.ScopeOf(call);
            names = CalleeNames(_model.Values.Evaluate(call.Func, scope, context));
        }

        (ThreadOffload, string)? found = null;
        string? other = null; // the first name that is no offload, shortened only when it is reported
        foreach (var name in names)
        {
            var offload = _offloads.Find(name);
            if (offload is null || (offload.Kind == OffloadKind.Call && !WhenHolds(offload, call)))
            {
                other ??= name;
                continue;
            }

            if (offload.Executor is not null)
            {
                switch (RunsOnThreads(call, offload.Executor, site, context))
                {
                    case false:
                        other ??= name;
                        continue;
                    case null:
                        other ??= "a process pool";
                        break;
                }
            }

            found ??= (offload, name);
        }

        return found is var (o, n) ? (o, n, other is null || other == "a process pool" ? other : Short(other)) : null;
    }

    /// <summary>A start that only runs on a thread with a keyword set to a constant True
    /// (<c>run_worker(f, thread=True)</c>; without it the worker runs on the event loop).</summary>
    private static bool WhenHolds(ThreadOffload offload, Call call) =>
        offload.WhenKeyword is not { } keyword || call.Keywords.Any(k => k.Arg == keyword && k.Value is Constant { Value: true });

    private static IEnumerable<string> CalleeNames(ValueSet values)
    {
        foreach (var v in values.Items)
            if (v.QualifiedName is { } name) yield return name;
    }

    private static string Short(string name)
    {
        var parts = name.Split('.');
        return parts.Length <= 2 ? name : string.Join('.', parts[^2..]);
    }

    /// <summary>An executor argument runs on threads: <c>None</c> (the loop's default, a
    /// ThreadPoolExecutor) or a thread pool. False for a process pool; null when it may be either.</summary>
    private bool? RunsOnThreads(Call call, ArgumentRef executorRef, CallSite site, ArgumentEnvironment? context)
    {
        var executor = Argument(call, executorRef);
        if (executor is null) return null;
        if (executor is Constant { Value: null }) return true;
        var scope = site.Caller.Module.ScopeOf(executor);
        var values = context is null ? _model.Values.Evaluate(executor) : _model.Values.Evaluate(executor, scope, context);
        bool thread = false, process = false;
        foreach (var v in values.Items)
        {
            switch (v)
            {
                case InstanceValue { TypeName: "builtins.NoneType" }:
                case InstanceValue i when IsThreadPoolExecutor(i.TypeName) || i.Class?.DerivesFrom("concurrent.futures.ThreadPoolExecutor") == true:
                    thread = true;
                    break;
                default:
                    process = true;
                    break;
            }
        }
        return thread && !process ? true : thread ? null : false;
    }

    private static bool IsThreadPoolExecutor(string typeName) =>
        typeName is "concurrent.futures.ThreadPoolExecutor" or "concurrent.futures.thread.ThreadPoolExecutor" or "multiprocessing.pool.ThreadPool";

    /// <summary><c>f(callable, *args, **kwargs)</c>: the arguments after the callable go to it.</summary>
    private static ThreadStart Forwarding(CallSite site, ThreadOffload offload, string name)
    {
        var call = site.Call;
        var callableIndex = offload.Callable?.Position ?? 0;
        var callable = Argument(call, offload.Callable);
        var byKeyword = callable is not null && call.Keywords.Any(k => ReferenceEquals(k.Value, callable));
        var rest = byKeyword ? call.Args.ToList() : call.Args.Skip(callableIndex + 1).ToList();
        var keywords = call.Keywords.Where(k => !ReferenceEquals(k.Value, callable)).ToList();
        var known = !rest.Any(a => a is Starred) && keywords.All(k => k.Arg is not null);
        return new ThreadStart(site, offload.Family, offload.Starter(name), callable, null, known ? rest : [], known ? keywords : [], [], known);
    }

    /// <summary><c>map(callable, iterable...)</c>: one call per item of the iterable.</summary>
    private static ThreadStart Mapping(CallSite site, ThreadOffload offload, string name) =>
        new(site, offload.Family, offload.Starter(name), Argument(site.Call, offload.Callable), null, [], [], [], false)
        {
            Items = Argument(site.Call, offload.Items),
        };

    /// <summary><c>Thread(target=f, args=(...), kwargs={...})</c>: arguments as tuple and dict literals.</summary>
    private static ThreadStart FromTuples(CallSite site, ThreadOffload offload, string name)
    {
        var call = site.Call;
        var args = Argument(call, offload.Args);
        var kwargs = Argument(call, offload.Kwargs);
        IReadOnlyList<Expr>? positional = args switch
        {
            null or Constant { Value: null } => [],
            Tuple t when !t.Elts.Any(e => e is Starred) => t.Elts,
            List l when !l.Elts.Any(e => e is Starred) => l.Elts,
            _ => null,
        };
        var named = new List<NamedArgument>();
        var namedKnown = true;
        switch (kwargs)
        {
            case null or Constant { Value: null }:
                break;
            case Dict d when d.Keys.All(k => k is Constant { Value: string }):
                for (var i = 0; i < d.Keys.Count; i++)
                {
                    named.Add(new NamedArgument((string)((Constant)d.Keys[i]!).Value!, d.Values[i]));
                }

                break;
            default:
                namedKnown = false;
                break;
        }

        var known = positional is not null && namedKnown;
        return new ThreadStart(site, offload.Family, offload.Starter(name), Argument(call, offload.Callable), null,
            known ? positional! : [], [], known ? named : [], known);
    }

    /// <summary>The argument at a position or with a keyword; null when absent or hidden behind
    /// <c>*args</c>/<c>**kwargs</c>.</summary>
    private static Expr? Argument(Call call, ArgumentRef? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.Keyword is not null && call.Keywords.FirstOrDefault(k => k.Arg == reference.Keyword) is { } k)
        {
            return k.Value;
        }

        if (reference.Position is not { } position || position >= call.Args.Count)
        {
            return null;
        }

        return call.Args.Take(position + 1).Any(a => a is Starred) ? null : call.Args[position];
    }

    /// <summary>
    /// Whether instances of a Thread subclass are started: a <c>.start()</c> on a value of the class (or,
    /// when the class's instances are also <c>.run()</c> directly somewhere, on a value of unknown type in
    /// the function that constructs it, as in <c>for t in threads: t.start()</c>). Instances that are
    /// only ever <c>.run()</c> directly run on the calling thread.
    /// </summary>
    private bool IsStarted(ProjectClass cls, CallSite constructor)
    {
        lock (_gate)
        {
            if (_subclassUse is null) ScanThreadUse();
        }

        var (started, run) = Use(cls);
        if (started || !run) return true;
        return _functionsStartingUntyped!.Contains(constructor.Caller);
    }

    private (bool Started, bool Run) Use(ProjectClass cls)
    {
        var started = false;
        var run = false;
        foreach (var (c, use) in _subclassUse!)
        {
            if (!c.Mro.Contains(cls)) continue;
            started |= use.Started;
            run |= use.Run;
        }

        return (started, run);
    }

    private void ScanThreadUse()
    {
        var use = new Dictionary<ProjectClass, (bool Started, bool Run)>();
        var untyped = new HashSet<ProjectFunction>();
        foreach (var function in _model.Functions)
        {
            foreach (var site in _model.CallGraph.SitesIn(function))
            {
                if (site.Call.Func is not Attribute { Attr: "start" or "run" } method || site.Call.Args.Count > 0) continue;
                var receivers = _model.Values.Evaluate(method.Value);
                var typed = false;
                foreach (var v in receivers.Items)
                {
                    if (v is not InstanceValue { Class: { } c }) continue;
                    typed = true;
                    var (s, r) = use.GetValueOrDefault(c);
                    use[c] = method.Attr == "start" ? (true, r) : (s, true);
                }

                if (!typed && method.Attr == "start") untyped.Add(function);
            }
        }

        _functionsStartingUntyped = untyped;
        _subclassUse = use;
    }
}
