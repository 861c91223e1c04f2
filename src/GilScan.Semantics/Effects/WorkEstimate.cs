namespace GilScan.Semantics.Effects;

/// <summary>
/// Work one call does on its thread, in "operations" (roughly bytecode-level steps: an arithmetic
/// operation, a subscript, an attribute load, a call; a library call counts its catalog weight).
/// <see cref="Operations"/> is done with the GIL held (pure Python and GIL-holding native code);
/// <see cref="NativeOperations"/> is native work that releases the GIL (other threads run meanwhile, but
/// the calling thread, and an event loop on it, is busy). Loops multiply their body by their trip count;
/// a loop whose count is not a constant counts its body once and sets <see cref="HasUnknownTrips"/>
/// (the figures are then lower bounds) and, when the count comes from data, <see cref="ScalesWithData"/>;
/// <see cref="Unbounded"/> marks work inside <c>while True</c>.
/// </summary>
public readonly record struct WorkEstimate(double Operations, bool HasUnknownTrips, bool Unbounded, double NativeOperations = 0, bool ScalesWithData = false)
{
    /// <summary>Some of the work was multiplied by a loop's upper bound (<see cref="TripKind.Bounded"/>):
    /// the figures may be above what a typical call does.</summary>
    public bool MayLeaveEarly { get; init; }

    /// <summary>Calls back into the function's own recursive component on one path through it (branches
    /// take the larger count): 1 is a linear recursion, 2 or more a branching one.</summary>
    public double RecursiveCalls { get; init; }

    /// <summary>The part of <see cref="Operations"/> done once per object rather than per call: the body
    /// of a run-once guard (<c>if self._table is None: self._table = build()</c>, a reload flag that the
    /// reload clears). Loops around the call do not repeat it.</summary>
    public double OnceOperations { get; init; }

    /// <summary>The part of <see cref="Operations"/> that a loop around the call does again on every pass:
    /// all of it but the run-once part.</summary>
    public double RepeatedOperations => Math.Max(0, Operations - OnceOperations);

    /// <summary>As <see cref="OnceOperations"/>, for <see cref="NativeOperations"/>.</summary>
    public double OnceNativeOperations { get; init; }

    public static WorkEstimate Zero => default;

    /// <summary>All of this work done once per object (the body of a run-once guard).</summary>
    public WorkEstimate Once() => this with { OnceOperations = Operations, OnceNativeOperations = NativeOperations };

    public static WorkEstimate Ops(double operations) => new(operations, false, false);

    public static WorkEstimate Native(double operations) => new(0, false, false, operations);

    /// <summary>How long the calling thread is busy: GIL-held and GIL-releasing work together (what
    /// keeps an event loop from serving anything else).</summary>
    public double Busy => Saturate(Operations + NativeOperations);

    public WorkEstimate Plus(WorkEstimate other) =>
        new(Saturate(Operations + other.Operations), HasUnknownTrips || other.HasUnknownTrips, Unbounded || other.Unbounded,
            Saturate(NativeOperations + other.NativeOperations), ScalesWithData || other.ScalesWithData)
        {
            MayLeaveEarly = MayLeaveEarly || other.MayLeaveEarly,
            RecursiveCalls = RecursiveCalls + other.RecursiveCalls,
            OnceOperations = Saturate(OnceOperations + other.OnceOperations),
            OnceNativeOperations = Saturate(OnceNativeOperations + other.OnceNativeOperations),
        };

    /// <summary>The larger of two alternatives (if/else branches, possible callees).</summary>
    public WorkEstimate Max(WorkEstimate other) =>
        new(Math.Max(Operations, other.Operations), HasUnknownTrips || other.HasUnknownTrips, Unbounded || other.Unbounded,
            Math.Max(NativeOperations, other.NativeOperations), ScalesWithData || other.ScalesWithData)
        {
            MayLeaveEarly = MayLeaveEarly || other.MayLeaveEarly,
            RecursiveCalls = Math.Max(RecursiveCalls, other.RecursiveCalls),
            OnceOperations = Math.Max(OnceOperations, other.OnceOperations),
            OnceNativeOperations = Math.Max(OnceNativeOperations, other.OnceNativeOperations),
        };

    /// <summary>This work repeated <paramref name="trips"/> times.</summary>
    public WorkEstimate Times(TripCount trips)
    {
        var any = Operations > 0 || NativeOperations > 0;
        // A recursive call repeated by a loop branches, however many calls one pass makes.
        var recursive = RecursiveCalls > 0 && !(trips.Kind is TripKind.Known or TripKind.Bounded && trips.Count <= 1) ? Math.Max(2, RecursiveCalls) : RecursiveCalls;
        return trips.Kind switch
        {
            TripKind.Known => this with
            {
                Operations = Repeated(Operations, OnceOperations, trips.Count),
                NativeOperations = Repeated(NativeOperations, OnceNativeOperations, trips.Count),
                RecursiveCalls = trips.Count == 0 ? 0 : recursive,
            },
            TripKind.Bounded => this with
            {
                Operations = Repeated(Operations, OnceOperations, trips.Count),
                NativeOperations = Repeated(NativeOperations, OnceNativeOperations, trips.Count),
                MayLeaveEarly = MayLeaveEarly || (any && trips.Count > 1),
                RecursiveCalls = recursive,
            },
            TripKind.DataDependent => this with { HasUnknownTrips = HasUnknownTrips || any, ScalesWithData = ScalesWithData || any, RecursiveCalls = recursive },
            TripKind.Unknown => this with { HasUnknownTrips = HasUnknownTrips || any, RecursiveCalls = recursive },
            _ => this with { Unbounded = Unbounded || any, RecursiveCalls = recursive },
        };
    }

    /// <summary>This work repeated a known number of times (a specialised recursion, an estimate).</summary>
    public WorkEstimate Times(double count) =>
        this with { Operations = Repeated(Operations, OnceOperations, count), NativeOperations = Repeated(NativeOperations, OnceNativeOperations, count) };

    /// <summary><paramref name="total"/> work of which <paramref name="once"/> is done once, repeated
    /// <paramref name="count"/> times (none at all when the count is zero).</summary>
    private static double Repeated(double total, double once, double count) =>
        count == 0 ? 0 : Saturate((total - Math.Min(once, total)) * count + Math.Min(once, total));

    /// <summary>Ranks work for choosing hot spots: unbounded beats known counts, which beat lower bounds
    /// of the same size.</summary>
    public double Rank => Unbounded ? TripCount.Saturation * 10 : Operations;

    /// <summary>As <see cref="Rank"/>, by the time the thread is busy (for event loops).</summary>
    public double BusyRank => Unbounded ? TripCount.Saturation * 10 : Busy;

    private static double Saturate(double value) => Math.Min(value, TripCount.Saturation);

    public override string ToString() =>
        $"{Operations:0}{(HasUnknownTrips ? "+" : "")}{(NativeOperations > 0 ? $" native {NativeOperations:0}" : "")}{(ScalesWithData ? " data" : "")}{(Unbounded ? " unbounded" : "")}";
}
