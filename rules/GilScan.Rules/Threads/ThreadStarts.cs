using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Syntax.Ast;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.Threads;

/// <summary>
/// Recognises the calls that run a callable on another thread, by the callee's qualified name as the
/// semantic model resolves it (through imports, aliases, <c>with ... as</c>, variables and
/// <c>self</c> attributes). Signatures follow the standard library's documentation:
/// <c>Thread(group, target, name, args, kwargs)</c>, <c>Timer(interval, function, args, kwargs)</c>,
/// <c>start_new_thread(function, args, kwargs)</c>, <c>Executor.submit(fn, /, *args, **kwargs)</c>,
/// <c>Pool.apply(func, args, kwds)</c>, <c>to_thread(func, /, *args, **kwargs)</c>,
/// <c>loop.run_in_executor(executor, func, *args)</c>.
/// </summary>
public static class ThreadStarts
{
    private static readonly string[] PoolCallbacks =
        ["map", "map_async", "imap", "imap_unordered", "starmap", "starmap_async"];

    public static ThreadStart? Recognise(ProjectModel model, CallSite site)
    {
        var call = site.Call;
        if (site.InstantiatedClass is { } cls && cls.DerivesFrom("threading.Thread") &&
            cls.FindMethod("run") is { Class: not null } run)
        {
            return new ThreadStart(site, ThreadStartFamily.Thread, $"{cls.DisplayName} (a threading.Thread subclass)", null, run, [], [], [], false);
        }

        var name = site.CalleeName;
        if (name is null)
        {
            return null;
        }

        switch (name)
        {
            case "threading.Thread":
                return FromTuples(site, ThreadStartFamily.Thread, "threading.Thread", Argument(call, 1, "target"), Argument(call, 3, "args"), Argument(call, 4, "kwargs"));
            case "threading.Timer":
                return FromTuples(site, ThreadStartFamily.Thread, "threading.Timer", Argument(call, 1, "function"), Argument(call, 2, "args"), Argument(call, 3, "kwargs"));
            case "_thread.start_new_thread" or "_thread.start_new":
                return FromTuples(site, ThreadStartFamily.Thread, "_thread.start_new_thread", Argument(call, 0, null), Argument(call, 1, null), Argument(call, 2, null));
            case "asyncio.to_thread":
                return Forwarding(site, "asyncio.to_thread", 0);
        }

        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        var (owner, method) = (name[..dot], name[(dot + 1)..]);
        if (IsThreadPoolExecutor(owner))
        {
            return method switch
            {
                "submit" => Forwarding(site, "ThreadPoolExecutor.submit", 0),
                "map" => Mapping(site, "ThreadPoolExecutor.map"),
                _ => null,
            };
        }

        if (owner is "multiprocessing.pool.ThreadPool")
        {
            if (method is "apply" or "apply_async")
            {
                return FromTuples(site, ThreadStartFamily.Pool, $"ThreadPool.{method}", Argument(call, 0, "func"), Argument(call, 1, "args"), Argument(call, 2, "kwds"));
            }

            return PoolCallbacks.Contains(method) ? Mapping(site, $"ThreadPool.{method}") : null;
        }

        if (method == "run_in_executor" && owner.StartsWith("asyncio.", StringComparison.Ordinal) &&
            call.Args.Count >= 2 && RunsOnThreads(model, call.Args[0]))
        {
            return Forwarding(site, "run_in_executor", 1) with { Keywords = [] };
        }

        return null;
    }

    private static bool IsThreadPoolExecutor(string typeName) =>
        typeName is "concurrent.futures.ThreadPoolExecutor" or "concurrent.futures.thread.ThreadPoolExecutor";

    /// <summary><c>None</c> (the loop's default executor, a ThreadPoolExecutor) or a known thread pool.</summary>
    private static bool RunsOnThreads(ProjectModel model, Expr executor) =>
        executor is Constant { Value: null } ||
        (model.Values.TypeOf(executor) is { } type && IsThreadPoolExecutor(type));

    /// <summary><c>f(callable, *args, **kwargs)</c>: the arguments after the callable go to it.</summary>
    private static ThreadStart Forwarding(CallSite site, string starter, int callableIndex)
    {
        var call = site.Call;
        var callable = callableIndex < call.Args.Count ? call.Args[callableIndex] : null;
        var rest = call.Args.Skip(callableIndex + 1).ToList();
        var known = !rest.Any(a => a is Starred) && call.Keywords.All(k => k.Arg is not null);
        return new ThreadStart(site, ThreadStartFamily.Pool, starter, callable, null, known ? rest : [], known ? call.Keywords : [], [], known);
    }

    /// <summary><c>map(callable, iterable...)</c>: the items are not visible statically.</summary>
    private static ThreadStart Mapping(CallSite site, string starter) =>
        new(site, ThreadStartFamily.Pool, starter, site.Call.Args.Count > 0 ? site.Call.Args[0] : Argument(site.Call, -1, "func"), null, [], [], [], false);

    /// <summary><c>Thread(target=f, args=(...), kwargs={...})</c>: arguments as tuple and dict literals.</summary>
    private static ThreadStart FromTuples(CallSite site, ThreadStartFamily family, string starter, Expr? callable, Expr? args, Expr? kwargs)
    {
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
        return new ThreadStart(site, family, starter, callable, null, known ? positional! : [], [], known ? named : [], known);
    }

    /// <summary>The argument at <paramref name="position"/> or with <paramref name="keyword"/>; null when
    /// absent or hidden behind <c>*args</c>/<c>**kwargs</c>.</summary>
    private static Expr? Argument(Call call, int position, string? keyword)
    {
        if (keyword is not null && call.Keywords.FirstOrDefault(k => k.Arg == keyword) is { } k)
        {
            return k.Value;
        }

        if (position < 0 || position >= call.Args.Count)
        {
            return null;
        }

        return call.Args.Take(position + 1).Any(a => a is Starred) ? null : call.Args[position];
    }
}
