using System.Collections.Immutable;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Threads;

/// <summary>Which rule a thread start belongs to.</summary>
public enum ThreadStartFamily
{
    /// <summary>A thread of its own (GIL101): <c>threading.Thread</c>, <c>Timer</c>, a Thread subclass, <c>_thread</c>,
    /// textual's thread workers.</summary>
    Thread,
    /// <summary>A task for a pool of threads (GIL102): executors, <c>ThreadPool</c>, <c>to_thread</c>, <c>run_in_executor</c>,
    /// framework thread pools (sync endpoints, <c>run_in_threadpool</c>, <c>sync_to_async</c>).</summary>
    Pool,
}

/// <summary>
/// A call that makes another thread run a callable, and how that callable will be called.
/// </summary>
/// <param name="Site">The call that starts it (for a decorator or a route, the decorator's or route's call).</param>
/// <param name="Starter">How messages name the starter ("threading.Thread", "ThreadPoolExecutor.submit").</param>
/// <param name="Callable">The expression of the callable, or null when <paramref name="RunMethod"/> is the target.</param>
/// <param name="RunMethod">The function that runs: a Thread subclass's <c>run</c>, a decorated function, a route's endpoint.</param>
/// <param name="Positional">The positional arguments the callable receives, when the call shows them literally.</param>
/// <param name="Keywords">Keyword arguments of the starting call that go to the callable (<c>submit(f, x, n=1)</c>).</param>
/// <param name="NamedValues">Keyword arguments from a <c>kwargs={...}</c> dict literal.</param>
/// <param name="ArgumentsKnown">False when the arguments are not visible (map over an iterable, <c>args=t</c>):
/// the callable's summary then assumes nothing about its parameters (for a map, see <see cref="Items"/>).</param>
public sealed record ThreadStart(
    CallSite Site,
    ThreadStartFamily Family,
    string Starter,
    Expr? Callable,
    ProjectFunction? RunMethod,
    IReadOnlyList<Expr> Positional,
    IReadOnlyList<Keyword> Keywords,
    IReadOnlyList<NamedArgument> NamedValues,
    bool ArgumentsKnown)
{
    /// <summary>For a map: the iterable whose items are the callable's first argument.</summary>
    public Expr? Items { get; init; }

    /// <summary>For a start that is not a map: the iterable of the loop or comprehension of the starting
    /// function that repeats the start (<c>for x in data: pool.submit(f, x)</c>), a map in all but name.</summary>
    public Expr? RepeatedOver { get; init; }

    /// <summary>When the same call reaches an API that does not run on threads on another path (an
    /// executor that is a process pool when a flag is set), how that API is named: the finding is then
    /// only true on some paths.</summary>
    public string? Alternative { get; init; }

    /// <summary>The callable runs on a thread only when it is a plain function (a route's endpoint: an
    /// <c>async def</c> endpoint runs on the event loop).</summary>
    public bool RequiresPlainFunction { get; init; }

    /// <summary>Where the report goes: the starting call, or the decorator of a decorated function.</summary>
    public Node ReportAt { get; init; } = Site.Call;

    /// <summary>When the start was only recognised with what a caller passes (an executor parameter), that
    /// caller's environment for the starting function, and the call sites that led to it.</summary>
    public ArgumentEnvironment? Context { get; init; }

    public ImmutableArray<CallSite> ContextChain { get; init; } = [];
}
