using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Threads;

/// <summary>Which rule a thread start belongs to.</summary>
public enum ThreadStartFamily
{
    /// <summary>A thread of its own (GIL101): <c>threading.Thread</c>, <c>Timer</c>, a Thread subclass, <c>_thread</c>.</summary>
    Thread,
    /// <summary>A task for a pool of threads (GIL102): executors, <c>ThreadPool</c>, <c>to_thread</c>, <c>run_in_executor</c>.</summary>
    Pool,
}

/// <summary>
/// A call that makes another thread run a callable, and how that callable will be called.
/// </summary>
/// <param name="Starter">How messages name the starter ("threading.Thread", "ThreadPoolExecutor.submit").</param>
/// <param name="Callable">The expression of the callable, or null for a Thread subclass (see <paramref name="RunMethod"/>).</param>
/// <param name="RunMethod">The project's <c>run</c> override when the call constructs a Thread subclass.</param>
/// <param name="Positional">The positional arguments the callable receives, when the call shows them literally.</param>
/// <param name="Keywords">Keyword arguments of the starting call that go to the callable (<c>submit(f, x, n=1)</c>).</param>
/// <param name="NamedValues">Keyword arguments from a <c>kwargs={...}</c> dict literal.</param>
/// <param name="ArgumentsKnown">False when the arguments are not visible (map over an iterable, <c>args=t</c>):
/// the callable's summary then assumes nothing about its parameters.</param>
public sealed record ThreadStart(
    CallSite Site,
    ThreadStartFamily Family,
    string Starter,
    Expr? Callable,
    ProjectFunction? RunMethod,
    IReadOnlyList<Expr> Positional,
    IReadOnlyList<Keyword> Keywords,
    IReadOnlyList<NamedArgument> NamedValues,
    bool ArgumentsKnown);
