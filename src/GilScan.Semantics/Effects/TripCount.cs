using System.Numerics;

namespace GilScan.Semantics.Effects;

public enum TripKind
{
    /// <summary>Constant-folded (<c>range(N)</c> with N known, a literal, <c>while i &lt; N</c> with a
    /// constant step), possibly through the arguments of a call.</summary>
    Known,
    /// <summary>At most <see cref="TripCount.Count"/> times: the loop can leave early (a search, a trial
    /// division that stops at the first divisor), so the count is an upper bound.</summary>
    Bounded,
    /// <summary>Finite, and set by data the program reads or is given: the lines of a file, the rows of a
    /// query, a directory's entries, a collection passed in by callers, a bound computed from such data.
    /// <see cref="TripCount.Reason"/> says which data.</summary>
    DataDependent,
    /// <summary>Finite but not known statically, with nothing saying it grows with data (a loop that
    /// leaves early, the result of an unknown call).</summary>
    Unknown,
    /// <summary><c>while True</c> without a break or return: runs until the process stops.</summary>
    Unbounded,
}

/// <summary>How many times a loop body runs.</summary>
/// <param name="Count">The count for <see cref="TripKind.Known"/> (saturated at 1e18); 1 otherwise.</param>
/// <param name="Reason">How it was found, for messages: "range(10000000)", "iterates parameter 'items'",
/// "the lines of a file", "while True".</param>
/// <param name="Source">For <see cref="TripKind.DataDependent"/>: the data, when the call catalog names it
/// ("the lines of a file", "the rows of a query"); null when the count only comes from a caller's value.</param>
public readonly record struct TripCount(TripKind Kind, double Count, string Reason, string? Source = null)
{
    public const double Saturation = 1e18;

    public static TripCount Known(BigInteger count, string reason) =>
        new(TripKind.Known, count.Sign <= 0 ? 0 : count >= new BigInteger(Saturation) ? Saturation : (double)count, reason);

    public static TripCount Estimated(double count, string reason) =>
        new(TripKind.Known, count <= 0 ? 0 : Math.Min(count, Saturation), reason);

    public static TripCount DataDependent(string reason, string? source = null) => new(TripKind.DataDependent, 1, reason, source);

    public static TripCount Bounded(double count, string reason) => new(TripKind.Bounded, Math.Min(Math.Max(count, 0), Saturation), reason);

    public static TripCount Unknown(string reason) => new(TripKind.Unknown, 1, reason);

    public static TripCount Unbounded(string reason) => new(TripKind.Unbounded, 1, reason);

    /// <summary>Not a constant: data-dependent or unknown.</summary>
    public bool IsOpen => Kind is TripKind.DataDependent or TripKind.Unknown;

    public override string ToString() => Kind is TripKind.Known or TripKind.Bounded ? $"{Kind} {Count:0} ({Reason})" : $"{Kind} ({Reason})";
}
