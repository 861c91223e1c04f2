using System.Runtime.CompilerServices;
using GilScan.Semantics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>One access to shared state in one thread context.</summary>
/// <param name="Lock">The lock held around it (in its function or by a caller on the path), or null.</param>
public sealed record SharedAccess(StateAccess Access, ReachedFunction Context, ObjectFact State, Node? Lock);

/// <summary>A GIL501 finding: an unsynchronised read-modify-write (or check-then-act) of state that several
/// threads write at once.</summary>
/// <param name="Shown">The context whose path the finding shows (a many-thread entry first).</param>
/// <param name="Writers">Every write of the same state, in every context (locked ones too), for "who writes it".</param>
public sealed record UnsynchronisedUpdate(SharedAccess Shown, IReadOnlyList<SharedAccess> Writers);

/// <summary>A GIL502 finding: a shared container iterated while another thread changes its size.</summary>
/// <param name="Iteration">The loop, in the context shown (null context for the starting code).</param>
/// <param name="Change">The size change that races with it.</param>
/// <param name="Changes">Every size change that races with it (<paramref name="Change"/> first): what the loop can
/// do depends on all of them (a list only appended to skips nothing).</param>
public sealed record IterationDuringChange(SharedAccess Iteration, SharedAccess Change, IReadOnlyList<SharedAccess> Changes);

/// <summary>
/// GIL501 and GIL502's shared analysis of one project, computed once per semantic model: thread
/// reachability, the accesses of every reached function with what they touch in that context, the locks
/// around them, and the findings. Both rules ask <see cref="Of"/>; the result is immutable.
/// </summary>
public sealed class FreeThreadingAnalysis
{
    private static readonly ConditionalWeakTable<ProjectModel, Lazy<FreeThreadingAnalysis>> Cache = new();

    private FreeThreadingAnalysis(ProjectModel model, FreeThreadingKnowledge knowledge)
    {
        Model = model;
        Knowledge = knowledge;
        Facts = new ObjectFacts(model, knowledge);
        Locks = new LockRegions(model, knowledge);
        Finder = new StateAccessFinder(model, knowledge);
        Reachability = ThreadReachability.Build(model, knowledge);
        var accesses = new List<SharedAccess>();
        foreach (var context in Reachability.Reached)
        {
            // Installed packages are followed for the cost of their code, not judged for its races:
            // that is their own audit (GIL401-403 and the packages' knowledge).
            if (context.Function.Module.Entry.IsLibrary)
            {
                continue;
            }

            foreach (var access in Finder.In(context.Function))
            {
                if (context.IsStartingCode && !context.Entry.RunsBeside(access.Node) || ForkChildBranches.IsInChild(model, access.Node))
                {
                    continue;
                }

                if (Shared(access, context) is { } shared)
                {
                    accesses.Add(shared);
                }
            }
        }

        Accesses = accesses;
        Updates = FindUpdates(accesses);
        Iterations = FindIterations(accesses);
    }

    public ProjectModel Model { get; }

    public FreeThreadingKnowledge Knowledge { get; }

    public ObjectFacts Facts { get; }

    public LockRegions Locks { get; }

    public StateAccessFinder Finder { get; }

    public ThreadReachability Reachability { get; }

    /// <summary>Every access to shared state in thread-reachable code (item 1 of the issue: which state each
    /// function touches, per context).</summary>
    public IReadOnlyList<SharedAccess> Accesses { get; }

    public IReadOnlyList<UnsynchronisedUpdate> Updates { get; }

    public IReadOnlyList<IterationDuringChange> Iterations { get; }

    public static FreeThreadingAnalysis Of(ProjectModel model) =>
        Cache.GetValue(model, m => new Lazy<FreeThreadingAnalysis>(() => new FreeThreadingAnalysis(m, FreeThreadingKnowledge.Default))).Value;

    /// <summary>The access as seen in <paramref name="context"/>, when what it touches is shared by threads.</summary>
    private SharedAccess? Shared(StateAccess access, ReachedFunction context)
    {
        var state = StateOf(access, context);
        if (!state.IsShared)
        {
            return null;
        }

        // d[k] with a key that differs per thread (a thread index): each thread has its own item. A delete-if-present
        // races only with a thread that has the same key; a task's own value (a path, an id) is taken to be its own.
        if (access.Key is { } key && Facts.Inside(key, context) is var keyFact &&
            (access.Kind == AccessKind.ReadModifyWrite && keyFact.DistinctPerThread ||
             access.Pattern == "check-then-act (delete if present)" && keyFact.Sharing == Sharing.PerThread))
        {
            return null;
        }

        return new SharedAccess(access, context, state, context.HeldLock ?? Locks.Around(access.Node, context.Function));
    }

    /// <summary>What an access touches: the variable for a name, the attribute slot of its owner, the items
    /// of a container, or the container itself for iterations and size changes.</summary>
    private ObjectFact StateOf(StateAccess access, ReachedFunction context) => access.State switch
    {
        Subscript item => Facts.Inside(item.Value, context).Item(),
        var container when container is not Subscript && access.Kind == AccessKind.ReadModifyWrite && access.Key is not null => Facts.Inside(container, context).Item(),
        GilScan.Syntax.Ast.Attribute attribute when access.Kind == AccessKind.ReadModifyWrite =>
            Facts.Inside(attribute.Value, context) is { Sharing: Sharing.PerThread } owner ? owner : Facts.Inside(attribute, context),
        var state when access.Kind == AccessKind.CheckThenAct => Facts.Inside(state, context).Item(),
        var state => Facts.Inside(state, context),
    };

    private static List<UnsynchronisedUpdate> FindUpdates(List<SharedAccess> accesses)
    {
        var writes = accesses.Where(a => a.Access.Kind is AccessKind.ReadModifyWrite or AccessKind.CheckThenAct).ToList();
        var found = new List<UnsynchronisedUpdate>();
        foreach (var group in writes.GroupBy(w => w.State.Identity, StringComparer.Ordinal))
        {
            var writers = group.ToList();
            foreach (var byNode in writers.Where(w => w.Lock is null).GroupBy(w => w.Access.Node))
            {
                var concurrent = byNode.Where(w => writers.Any(other => ThreadReachability.Concurrent(w.Context.Entry, other.Context.Entry))).ToList();
                if (concurrent.Count == 0)
                {
                    continue;
                }

                var shown = concurrent.OrderBy(w => w.Context.Entry.IsStartingCode ? 1 : 0).ThenBy(w => w.Context.Entry.IsMany ? 0 : 1).ThenBy(w => w.Context.Path.Length).ThenBy(w => w.Context.Entry.Id).First();
                found.Add(new UnsynchronisedUpdate(shown, writers));
            }
        }

        return found;
    }

    private static List<IterationDuringChange> FindIterations(List<SharedAccess> accesses)
    {
        var found = new List<IterationDuringChange>();
        var changesByState = accesses.Where(a => a.Access.Kind == AccessKind.SizeChange).ToLookup(a => a.State.Identity, StringComparer.Ordinal);
        foreach (var byNode in accesses.Where(a => a.Access.Kind == AccessKind.Iteration).GroupBy(a => a.Access.Node))
        {
            IterationDuringChange? first = null;
            foreach (var iteration in byNode.OrderBy(i => i.Context.Entry.IsStartingCode ? 1 : 0).ThenBy(i => i.Context.Path.Length).ThenBy(i => i.Context.Entry.Id))
            {
                var changes = changesByState[iteration.State.Identity]
                    .Where(c => ThreadReachability.Concurrent(c.Context.Entry, iteration.Context.Entry) &&
                                (c.Lock is null || iteration.Lock is null) && !CodeShapes.IsWithin(c.Access.Node, iteration.Access.Node))
                    .OrderBy(c => c.Lock is null ? 0 : 1).ThenBy(c => c.Context.Entry.Id).ThenBy(c => c.Context.Path.Length)
                    .ToList();
                if (changes.Count > 0)
                {
                    first = new IterationDuringChange(iteration, changes[0], changes);
                    break;
                }
            }

            if (first is not null)
            {
                found.Add(first);
            }
        }

        return found;
    }

    /// <summary>A short, quote-free name of the threads of an entry for messages: "worker on threading.Thread (started in a loop in main)".</summary>
    public static string Threads(ThreadEntry entry) =>
        entry.IsStartingCode ? $"{entry.StartingFunction.DisplayName}, which starts the threads and runs on meanwhile" :
        entry.ManyReason is null ? $"{entry.Target.DisplayName} on {entry.Starter}" : $"{entry.Target.DisplayName} on {entry.Starter} ({entry.ManyReason.Replace("'", "", StringComparison.Ordinal)})";

    /// <summary>A fact's description without quotes, to sit inside a message's quoted part.</summary>
    public static string Plain(string description) => description.Replace("'", "", StringComparison.Ordinal);

    internal static int Compare(Node a, Node b) => SourceOrder.Compare(a, b);

    internal static ProjectFunction FunctionOf(ProjectModel model, Node node) => model.EnclosingFunction(node);
}
