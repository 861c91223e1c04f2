using System.Numerics;

namespace GilScan.Semantics.Effects;

public enum TripKind
{
    /// <summary>Constant-folded (<c>range(N)</c> with N known, a literal, <c>while i &lt; N</c> with a
    /// constant step).</summary>
    Known,
    /// <summary>Finite but not known statically (iterating over a parameter, a file, a result).</summary>
    Unknown,
    /// <summary><c>while True</c> without a break or return: runs until the process stops.</summary>
    Unbounded,
}

/// <summary>How many times a loop body runs.</summary>
/// <param name="Count">The count for <see cref="TripKind.Known"/> (saturated at 1e18); 1 otherwise.</param>
/// <param name="Reason">How it was found, for messages: "range(10000000)", "iterates parameter 'items'",
/// "while True".</param>
public readonly record struct TripCount(TripKind Kind, double Count, string Reason)
{
    public const double Saturation = 1e18;

    public static TripCount Known(BigInteger count, string reason) =>
        new(TripKind.Known, count.Sign <= 0 ? 0 : count >= new BigInteger(Saturation) ? Saturation : (double)count, reason);

    public static TripCount Unknown(string reason) => new(TripKind.Unknown, 1, reason);

    public static TripCount Unbounded(string reason) => new(TripKind.Unbounded, 1, reason);

    public override string ToString() => Kind == TripKind.Known ? $"{Count:0} ({Reason})" : $"{Kind} ({Reason})";
}
