using System.Numerics;
using GilScan.Semantics.Calls;

namespace GilScan.Semantics.Processes;

/// <summary>
/// One call that hands work or data to another process, with its parts sorted out: the callable run
/// there, the argument expressions pickled with each task or message, the iterables a map chunks, the
/// chunk size, the start method, the pool's worker count, and the loops around the call.
/// </summary>
public sealed record ProcessBoundary
{
    public required Call Call { get; init; }

    public required BoundaryApi Api { get; init; }

    /// <summary>The callee as written ("pool.map", "ctx.Process").</summary>
    public required string CalleeText { get; init; }

    /// <summary>When the callee has several values and only one is a process boundary (an executor that
    /// is a ThreadPoolExecutor on another path): how the other is called. Findings are then medium
    /// confidence at most.</summary>
    public string? Alternative { get; init; }

    /// <summary>The callee for messages: as written, and for a union what else it may be
    /// ("ex.submit (a process pool on one path, ThreadPoolExecutor on another)").</summary>
    public string CalleeDescription => Alternative is null ? CalleeText : $"{CalleeText} (a process pool on one path, {Alternative} on another)";

    /// <summary>The function run in the other process (Task, Map, Process); the initializer (Pool).</summary>
    public Expr? Callable { get; init; }

    /// <summary>Expressions pickled with every task, message or process start: submit's arguments, the
    /// elements of apply's <c>args</c> (the tuple itself when it is not a display) and the values of
    /// <c>kwds</c>, a Process's args and kwargs, a message's object; a pool's initargs.</summary>
    public IReadOnlyList<Expr> Arguments { get; init; } = [];

    /// <summary>The positional arguments one task or process start calls <see cref="Callable"/> with,
    /// when the call shows them (<c>submit(f, a, b)</c>, <c>apply_async(f, (a, b))</c>,
    /// <c>Process(target=f, args=(a,))</c>); null otherwise (a map, or <c>args=t</c> of unknown shape).</summary>
    public IReadOnlyList<Expr>? TaskPositional { get; init; }

    /// <summary>The keyword arguments that go with <see cref="TaskPositional"/> (submit's own keywords).</summary>
    public IReadOnlyList<Keyword> TaskKeywords { get; init; } = [];

    /// <summary>The iterables a map method chunks into tasks.</summary>
    public IReadOnlyList<Expr> Iterables { get; init; } = [];

    /// <summary>How many items the iterables yield, when it folds (the shortest, for several).</summary>
    public BigInteger? ItemCount { get; init; }

    /// <summary>The chunk size as passed, when it folds; null when not passed (see <see cref="ChunksizeGiven"/>).</summary>
    public BigInteger? Chunksize { get; init; }

    /// <summary>A chunksize argument is present (folding or not).</summary>
    public bool ChunksizeGiven { get; init; }

    /// <summary>The pool's or executor's worker count, when the code gives a constant.</summary>
    public BigInteger? Workers { get; init; }

    public required StartMethodFact StartMethod { get; init; }

    public required Repetition Repetition { get; init; }

    /// <summary>A map whose chunk size is 1: the default of <c>Executor.map</c>, <c>imap</c> and
    /// <c>imap_unordered</c>, or passed explicitly.</summary>
    public bool SendsOneItemPerMessage =>
        Api.Kind == BoundaryKind.Map && (ChunksizeGiven ? Chunksize == 1 : Api.DefaultChunksize == 1);

    /// <summary>The chunk size the map will use: as passed, its default, or Pool's choice
    /// ceil(n / (4 x workers)) when the item count and the worker count fold.</summary>
    public BigInteger? EffectiveChunksize
    {
        get
        {
            if (Api.Kind != BoundaryKind.Map) return null;
            if (ChunksizeGiven) return Chunksize is { } c && c >= 1 ? c : null;
            if (Api.DefaultChunksize >= 1) return Api.DefaultChunksize;
            if (ItemCount is not { } n || Workers is not { } w || w < 1) return null;
            var chunk = (n + 4 * w - 1) / (4 * w);
            return BigInteger.Max(chunk, 1);
        }
    }

    /// <summary>Tasks (messages) one map call sends: ceil(items / chunksize), when both are known.</summary>
    public BigInteger? MapMessages => ItemCount is { } n && EffectiveChunksize is { } c ? (n + c - 1) / c : null;
}
