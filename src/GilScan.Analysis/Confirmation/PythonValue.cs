using System.Collections.Immutable;
using System.Numerics;

namespace GilScan.Analysis.Confirmation;

/// <summary>
/// An argument value that Python can read back exactly: the closed set of literal shapes that constant
/// folding and <c>[tool.gilscan.confirm]</c> produce. The harness receives it as Python source
/// (<see cref="PythonLiteral"/>), never as code to evaluate.
/// </summary>
public abstract record PythonValue
{
    private PythonValue()
    {
    }

    public static PythonValue None { get; } = new NoneValue();

    public static implicit operator PythonValue(long value) => new Int(value);

    public static implicit operator PythonValue(int value) => new Int(value);

    public static implicit operator PythonValue(double value) => new Float(value);

    public static implicit operator PythonValue(string value) => new Str(value);

    public static implicit operator PythonValue(bool value) => new Bool(value);

    public sealed record NoneValue : PythonValue;

    public sealed record Bool(bool Value) : PythonValue;

    public sealed record Int(BigInteger Value) : PythonValue;

    public sealed record Float(double Value) : PythonValue;

    public sealed record Str : PythonValue
    {
        public Str(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

        public string Value { get; }
    }

    public sealed record Bytes : PythonValue
    {
        public Bytes(ImmutableArray<byte> value) => Value = value.IsDefault ? [] : value;

        public ImmutableArray<byte> Value { get; }

        public bool Equals(Bytes? other) => other is not null && Value.SequenceEqual(other.Value);

        public override int GetHashCode() => Value.Aggregate(0, (hash, b) => HashCode.Combine(hash, b));
    }

    /// <summary>A list or a tuple; <see cref="IsTuple"/> decides which Python type it becomes.</summary>
    public sealed record Sequence : PythonValue
    {
        public Sequence(ImmutableArray<PythonValue> items, bool isTuple)
        {
            Items = CheckItems(items);
            IsTuple = isTuple;
        }

        public ImmutableArray<PythonValue> Items { get; }

        public bool IsTuple { get; }

        public bool Equals(Sequence? other) => other is not null && IsTuple == other.IsTuple && Items.SequenceEqual(other.Items);

        public override int GetHashCode() => Items.Aggregate(IsTuple ? 1 : 0, HashCode.Combine);
    }

    /// <summary>A dict, entries in the order given (Python dicts keep insertion order).</summary>
    public sealed record Dict : PythonValue
    {
        public Dict(ImmutableArray<KeyValuePair<PythonValue, PythonValue>> entries)
        {
            if (entries.IsDefault || entries.Any(e => e.Key is null || e.Value is null))
            {
                throw new ArgumentException("A dict must be initialised and hold no nulls.", nameof(entries));
            }

            Entries = entries;
        }

        public ImmutableArray<KeyValuePair<PythonValue, PythonValue>> Entries { get; }

        public bool Equals(Dict? other) => other is not null && Entries.SequenceEqual(other.Entries);

        public override int GetHashCode() => Entries.Aggregate(0, (hash, e) => HashCode.Combine(hash, e.Key, e.Value));
    }

    public static PythonValue List(params IEnumerable<PythonValue> items) => new Sequence([.. items], isTuple: false);

    public static PythonValue Tuple(params IEnumerable<PythonValue> items) => new Sequence([.. items], isTuple: true);

    public static PythonValue Dictionary(IEnumerable<KeyValuePair<PythonValue, PythonValue>> entries) => new Dict([.. entries]);

    /// <summary>This value as Python source that evaluates to it (see <see cref="PythonLiteral"/>).</summary>
    public string ToPythonSource() => PythonLiteral.Write(this);

    private static ImmutableArray<PythonValue> CheckItems(ImmutableArray<PythonValue> items) =>
        items.IsDefault || items.Any(i => i is null)
            ? throw new ArgumentException("A sequence must be initialised and hold no nulls.", nameof(items))
            : items;
}
