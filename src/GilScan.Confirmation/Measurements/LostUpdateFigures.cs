using System.Collections.Immutable;

namespace GilScan.Confirmation.Measurements;

/// <summary>
/// What k threads did to the shared state against the same calls in a row on one thread: per repeat, the
/// change one thread made (<see cref="LostUpdateRepeat.Expected"/>) and the change the threads made
/// (<see cref="LostUpdateRepeat.Got"/>). Updates were lost when the threads' change is smaller.
/// </summary>
public sealed record LostUpdateFigures
{
    public required int K { get; init; }

    /// <summary>Calls of the target on each thread (about the harness's target duration).</summary>
    public required long CallsPerThread { get; init; }

    public required ImmutableArray<LostUpdateRepeat> Repeats { get; init; }

    /// <summary>Repeats whose threads ended with less than the sequential change.</summary>
    public int RepeatsWithLoss => Repeats.Count(r => r.LostShare > 0);

    /// <summary>The median share of the sequential change the threads lost (0 when none was lost).</summary>
    public double MedianLostShare => Statistics.Median(Repeats.Select(r => r.LostShare).ToList());

    /// <summary>The largest share lost in one repeat.</summary>
    public double WorstLostShare => Repeats.Select(r => r.LostShare).DefaultIfEmpty(0).Max();

    /// <summary>True when one thread changed the state at all: without a change there is nothing to lose.</summary>
    public bool StateChanged => Repeats.All(r => r.Expected != 0);
}

/// <summary>One repeat: the state's change after k*n calls in a row, and after n calls on each of k threads.</summary>
public sealed record LostUpdateRepeat(double Expected, double Got)
{
    /// <summary>The share of the expected change that the threads lost; 0 when they lost none (or made more).</summary>
    public double LostShare => Expected == 0 ? 0 : Math.Max(0, (Expected - Got) / Expected);
}
