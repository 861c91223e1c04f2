using System.Collections.Immutable;
using System.Numerics;

namespace GilScan.Semantics.Constants;

/// <summary>A value known at analysis time (the constant an expression folds to), or a known length of a
/// value whose contents are not. What object an expression refers to is a <see cref="Values.ReferentValue"/>.</summary>
public abstract record FoldedValue
{
    /// <summary>The exact <c>len()</c>, when known.</summary>
    public virtual BigInteger? Length => null;

    /// <summary>An upper bound of <c>len()</c>, when known (equal to <see cref="Length"/> when that is).</summary>
    public virtual BigInteger? MaxLength => Length;
}

public sealed record IntValue(BigInteger Value) : FoldedValue
{
    public override string ToString() => Value.ToString();
}

public sealed record FloatValue(double Value) : FoldedValue;

public sealed record BoolValue(bool Value) : FoldedValue;

public sealed record NoneValue : FoldedValue
{
    public static NoneValue Instance { get; } = new();
}

/// <summary>A str or bytes value: its text when known (for bytes, one char per byte), else its
/// length or an upper bound of it (<c>str(i)</c> of an int is short).</summary>
public sealed record BufferValue(bool IsBytes, string? Text, BigInteger? KnownLength, BigInteger? Bound) : FoldedValue
{
    public override BigInteger? Length => Text is not null ? Text.Length : KnownLength;

    public override BigInteger? MaxLength => Length ?? Bound;

    public static BufferValue Str(string text) => new(false, text, null, null);

    public static BufferValue Bytes(BigInteger length) => new(true, null, length, null);
}

/// <summary>A tuple, list, set or dict of known length; its items when known.</summary>
public sealed record SequenceValue(string TypeName, ImmutableArray<FoldedValue?>? Items, BigInteger KnownLength) : FoldedValue
{
    public override BigInteger? Length => KnownLength;

    public bool Equals(SequenceValue? other) =>
        other is not null && TypeName == other.TypeName && KnownLength == other.KnownLength &&
        (Items is null ? other.Items is null : other.Items is not null && Items.Value.SequenceEqual(other.Items.Value));

    public override int GetHashCode() => HashCode.Combine(TypeName, KnownLength);
}

/// <summary><c>range(start, stop, step)</c>.</summary>
public sealed record RangeValue(BigInteger Start, BigInteger Stop, BigInteger Step) : FoldedValue
{
    public override BigInteger? Length
    {
        get
        {
            if (Step > 0) return Stop > Start ? (Stop - Start + Step - 1) / Step : 0;
            if (Step < 0) return Start > Stop ? (Start - Stop - Step - 1) / -Step : 0;
            return null;
        }
    }
}
