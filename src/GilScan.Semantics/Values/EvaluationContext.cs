namespace GilScan.Semantics.Values;

/// <summary>
/// Bookkeeping for one query of the <see cref="ValueEvaluator"/>: cycle detection, a step budget and
/// a depth limit. A result that met a cycle is "incomplete" and never cached. A query that runs out
/// of budget or depth answers "unknown" as a whole. A cached result carries the steps and depth it
/// used and charges them again when reused, so a query exhausts its budget exactly when a fresh
/// computation would: its answer does not depend on what other queries (on other threads) cached.
/// </summary>
internal sealed class EvaluationContext
{
    public const int MaxSteps = 4000;
    public const int MaxDepth = 40;

    private object[]? _active;
    private int _activeCount;
    public int Steps;
    public int Depth;
    public int Peak;
    public int Incomplete;
    public bool Exhausted;

    /// <summary>Facts about the parameters of one function for this query (a specialised summary's
    /// call): a read of such a parameter takes them, and the answers that used them are not cached.</summary>
    public Constants.ArgumentEnvironment? Environment;

    /// <summary>Counts one step; false (and marks the query exhausted) when over budget.</summary>
    public bool Enter()
    {
        if (Exhausted) return false;
        if (++Steps > MaxSteps || Depth >= MaxDepth)
        {
            Exhausted = true;
            Incomplete++;
            return false;
        }
        Depth++;
        if (Depth > Peak) Peak = Depth;
        return true;
    }

    public void Leave() => Depth--;

    /// <summary>Makes the context ready for another query (lets a single-threaded caller reuse it).</summary>
    public void Reset()
    {
        Steps = Depth = Peak = Incomplete = 0;
        Exhausted = false;
        Environment = null;
        if (_active is not null) Array.Clear(_active, 0, _activeCount);
        _activeCount = 0;
    }

    /// <summary>True when <paramref name="key"/> is being computed further up this query.</summary>
    public bool IsActive(object key)
    {
        for (var i = 0; i < _activeCount; i++)
            if (_active![i].Equals(key)) return true;
        return false;
    }

    /// <summary>Marks <paramref name="key"/> as being computed; false when it already is (a cycle).</summary>
    public bool Push(object key)
    {
        if (IsActive(key)) return false;
        _active ??= new object[16];
        if (_activeCount == _active.Length) Array.Resize(ref _active, _active.Length * 2);
        _active[_activeCount++] = key;
        return true;
    }

    public void Pop() => _active![--_activeCount] = null!;
}

internal readonly record struct CachedValue(ValueSet Value, int Steps, int Height);
