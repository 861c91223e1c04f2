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

    public readonly HashSet<object> InProgress = [];
    public int Steps;
    public int Depth;
    public int Peak;
    public int Incomplete;
    public bool Exhausted;

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
}

internal readonly record struct CachedValue(ValueSet Value, int Steps, int Height);
