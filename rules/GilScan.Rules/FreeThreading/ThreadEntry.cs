using System.Collections.Immutable;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// One place where project code starts running on another thread, and the function it runs there: a
/// <c>Thread</c>/<c>Timer</c> start, a Thread subclass made, a task given to a thread pool, a framework
/// handler that its server calls on a thread pool.
/// </summary>
/// <param name="Id">Position in <see cref="ThreadReachability.Entries"/> (deterministic).</param>
/// <param name="Site">Where the start is written: the starting call, or the decorator of a handler.</param>
/// <param name="StartingFunction">The function whose code starts the thread (a handler's: the code that defines it).</param>
/// <param name="Starter">How messages name the mechanism ("threading.Thread", "ThreadPoolExecutor.map").</param>
/// <param name="Target">The function that runs on the thread.</param>
/// <param name="HandedOver">Call sites that passed the callable to the helper that starts it (outermost first).</param>
/// <param name="ManyReason">Why several threads may run <paramref name="Target"/> at once from this one entry ("started in a
/// loop", "one task per item"); null when the entry starts one thread (other entries may still run the same code).</param>
/// <param name="Receiver">The object the target's <c>self</c> is, for a method.</param>
/// <param name="Arguments">What the target's parameters receive, by name.</param>
/// <param name="CallArguments">The argument expressions the start passes to the target, for <c>--confirm</c>.</param>
public sealed record ThreadEntry(
    int Id,
    Node Site,
    ProjectFunction StartingFunction,
    string Starter,
    ProjectFunction Target,
    ImmutableArray<CallSite> HandedOver,
    string? ManyReason,
    ObjectFact Receiver,
    ImmutableDictionary<string, ObjectFact> Arguments,
    StartArguments CallArguments)
{
    /// <summary>For the code that starts a thread (<see cref="ThreadReachability.StartingCode"/>): the entry it runs beside.</summary>
    public int? Beside { get; init; }

    /// <summary>For starting code: the <c>with</c> block (an executor's) that the code must be in to run while the thread does.</summary>
    public Node? WithinBlock { get; init; }

    /// <summary>For starting code: the first call after the start that waits for the thread (<c>join()</c>, <c>shutdown()</c>,
    /// <c>wait()</c>, <c>result()</c>); the code from there on runs after it.</summary>
    public Node? Until { get; init; }

    /// <summary>The starting code waits for the thread right at the start (<c>await to_thread(f)</c>,
    /// <c>pool.submit(f).result()</c>): two entries of one such site run one after the other.</summary>
    public bool Waited { get; init; }

    /// <summary>Several threads may run the target at once through this entry alone.</summary>
    public bool IsMany => ManyReason is not null;

    /// <summary>This entry is the thread that starts another one, between the start and the wait.</summary>
    public bool IsStartingCode => Beside is not null;

    /// <summary>The thread these accesses run on: starting code of one function is one thread, whatever it starts.</summary>
    public string ThreadKey => Beside is null ? $"entry:{Id}" : $"starting:{StartingFunction.Id}";

    /// <summary>Whether <paramref name="node"/> of the starting function runs while the thread started at <see cref="Site"/> runs.</summary>
    public bool RunsBeside(Node node) =>
        GilScan.Semantics.Binding.SourceOrder.Compare(node, Site) > 0 && !CodeShapes.IsWithin(node, Site) &&
        (WithinBlock is null || CodeShapes.IsWithin(node, WithinBlock)) &&
        (Until is null || GilScan.Semantics.Binding.SourceOrder.Compare(node, Until) < 0);

    /// <summary>"'worker' (threading.Thread, started in a loop)".</summary>
    public string Describe() => ManyReason is null ? $"'{Target.DisplayName}' ({Starter})" : $"'{Target.DisplayName}' ({Starter}, {ManyReason})";
}

/// <summary>
/// A function that some thread entry runs, with the path that gets there and what its <c>self</c> and
/// parameters are in that context. One function may be reached in several contexts.
/// </summary>
/// <param name="Path">The call sites from the entry's target to <paramref name="Function"/> (empty for the target).</param>
/// <param name="HeldLock">A lock held by a caller on the path around the call (a <c>with lock:</c> block), or null.</param>
public sealed record ReachedFunction(
    ThreadEntry Entry,
    ProjectFunction Function,
    ImmutableArray<CallSite> Path,
    ObjectFact Receiver,
    ImmutableDictionary<string, ObjectFact> Parameters,
    Node? HeldLock)
{
    /// <summary>The code that starts the thread itself, at the top of its path: its names are the objects it hands to the threads.</summary>
    public bool IsStartingCode => Entry.IsStartingCode && Path.IsEmpty;

    /// <summary>Whether <paramref name="function"/> runs once per call on this path (the target or a caller on it):
    /// its locals, and the cells of functions nested in it, are then per thread.</summary>
    public bool RunsPerThread(ProjectFunction function)
    {
        if (ReferenceEquals(function, Function) || ReferenceEquals(function, Entry.Target))
        {
            return true;
        }

        foreach (var site in Path)
        {
            if (ReferenceEquals(site.Caller, function))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The arguments a start passes to its target, as written (<c>args=(N,)</c>, <c>submit(f, x, n=1)</c>);
/// <paramref name="Known"/> is false when they are not visible (a map's items, <c>args=t</c>).</summary>
public sealed record StartArguments(IReadOnlyList<Expr> Positional, IReadOnlyList<KeyValuePair<string, Expr>> Keywords, bool Known)
{
    public static readonly StartArguments None = new([], [], false);
}
