using System.Globalization;
using System.Numerics;

namespace GilScan.Syntax.Literals;

public enum NumberKind
{
    Integer,
    Float,
    Imaginary,
}

/// <summary>
/// The value of a Python number literal: an int (held as a long when it fits, otherwise a
/// BigInteger), a float, or an imaginary number (its imaginary part; the real part is 0).
/// </summary>
public sealed class NumberValue
{
    private readonly long _small;
    private readonly BigInteger? _big;

    private NumberValue(NumberKind kind, long small, BigInteger? big, double real)
    {
        Kind = kind;
        _small = small;
        _big = big;
        Double = real;
    }

    public NumberKind Kind { get; }

    /// <summary>True for an int that fits in a long (read it from <see cref="Int64"/>).</summary>
    public bool FitsInt64 => Kind == NumberKind.Integer && _big is null;

    public long Int64 => FitsInt64 ? _small : throw new InvalidOperationException("not an int that fits in a long");

    public BigInteger Integer => Kind == NumberKind.Integer ? _big ?? _small : throw new InvalidOperationException("not an int");

    /// <summary>The float value, or the imaginary part of an imaginary literal.</summary>
    public double Double { get; }

    /// <summary>An int as its decimal digits (the canonical dump's form), e.g. "-1" is never produced, literals being non-negative.</summary>
    public string ToDecimalString() => Integer.ToString(CultureInfo.InvariantCulture);

    internal static NumberValue FromInt64(long value) => new(NumberKind.Integer, value, null, 0);

    internal static NumberValue FromBigInteger(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? FromInt64((long)value) : new(NumberKind.Integer, 0, value, 0);

    internal static NumberValue FromFloat(double value) => new(NumberKind.Float, 0, null, value);

    internal static NumberValue FromImaginary(double value) => new(NumberKind.Imaginary, 0, null, value);
}
