namespace GilScan.Semantics.Effects;

/// <summary>
/// Pure-Python work done with the GIL held, in "operations" (roughly bytecode-level steps: an
/// arithmetic operation, a subscript, an attribute load, a call; a GIL-holding library call counts its
/// catalog weight). Loops multiply their body by their trip count; a loop whose trip count is not known
/// counts its body once and sets <see cref="HasUnknownTrips"/>, so <see cref="Operations"/> is a lower
/// bound; <see cref="Unbounded"/> marks work inside <c>while True</c>.
/// </summary>
public readonly record struct WorkEstimate(double Operations, bool HasUnknownTrips, bool Unbounded)
{
    public static WorkEstimate Zero => default;

    public static WorkEstimate Ops(double operations) => new(operations, false, false);

    public WorkEstimate Plus(WorkEstimate other) =>
        new(Saturate(Operations + other.Operations), HasUnknownTrips || other.HasUnknownTrips, Unbounded || other.Unbounded);

    /// <summary>The larger of two alternatives (if/else branches, possible callees).</summary>
    public WorkEstimate Max(WorkEstimate other) =>
        new(Math.Max(Operations, other.Operations), HasUnknownTrips || other.HasUnknownTrips, Unbounded || other.Unbounded);

    /// <summary>This work repeated <paramref name="trips"/> times.</summary>
    public WorkEstimate Times(TripCount trips) => trips.Kind switch
    {
        TripKind.Known => new(Saturate(Operations * trips.Count), HasUnknownTrips, Unbounded),
        TripKind.Unknown => new(Operations, HasUnknownTrips || Operations > 0, Unbounded),
        _ => new(Operations, HasUnknownTrips, Unbounded || Operations > 0),
    };

    /// <summary>Ranks work for choosing hot spots: unbounded beats known counts, which beat lower bounds
    /// of the same size.</summary>
    public double Rank => Unbounded ? TripCount.Saturation * 10 : Operations;

    private static double Saturate(double value) => Math.Min(value, TripCount.Saturation);

    public override string ToString() =>
        $"{Operations:0}{(HasUnknownTrips ? "+" : "")}{(Unbounded ? " unbounded" : "")}";
}
