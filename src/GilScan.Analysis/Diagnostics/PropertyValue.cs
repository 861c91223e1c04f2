using System.Collections.Immutable;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// A value in a diagnostic's property bag: the closed set of simple shapes every output format can
/// write (SARIF <c>result.properties</c>, our JSON, the audit report). Real numbers must be finite so
/// that they serialise the same way everywhere.
/// </summary>
public abstract record PropertyValue
{
    private PropertyValue()
    {
    }

    public static implicit operator PropertyValue(string value) => new Text(value);

    public static implicit operator PropertyValue(long value) => new Integer(value);

    public static implicit operator PropertyValue(int value) => new Integer(value);

    public static implicit operator PropertyValue(double value) => new Real(value);

    public static implicit operator PropertyValue(bool value) => new Boolean(value);

    /// <summary>A list of strings, for example a call chain.</summary>
    public static PropertyValue List(params IEnumerable<string> values) => new TextList([.. values]);

    /// <summary>A list of any values (numbers, dictionaries, lists), for example one entry per measured interpreter.</summary>
    public static PropertyValue Items(params IEnumerable<PropertyValue> values) => new ItemList([.. values]);

    /// <summary>A nested dictionary; keys are kept in ordinal order so output is deterministic.</summary>
    public static PropertyValue Dictionary(IEnumerable<KeyValuePair<string, PropertyValue>> entries) =>
        new Map(entries.ToImmutableSortedDictionary(StringComparer.Ordinal));

    public sealed record Text : PropertyValue
    {
        public Text(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

        public string Value { get; }
    }

    public sealed record Integer(long Value) : PropertyValue;

    public sealed record Real : PropertyValue
    {
        public Real(double value) => Value = double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Property values must be finite numbers.");

        public double Value { get; }
    }

    public sealed record Boolean(bool Value) : PropertyValue;

    public sealed record TextList : PropertyValue
    {
        public TextList(ImmutableArray<string> values)
        {
            if (values.IsDefault || values.Any(v => v is null))
            {
                throw new ArgumentException("A text list must be initialised and hold no nulls.", nameof(values));
            }

            Values = values;
        }

        public ImmutableArray<string> Values { get; }

        public bool Equals(TextList? other) => other is not null && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

        public override int GetHashCode() => Values.Aggregate(0, (hash, v) => HashCode.Combine(hash, v));
    }

    public sealed record Map : PropertyValue
    {
        public Map(ImmutableSortedDictionary<string, PropertyValue> entries)
        {
            ArgumentNullException.ThrowIfNull(entries);
            Entries = entries.KeyComparer == StringComparer.Ordinal ? entries : entries.WithComparers(StringComparer.Ordinal);
        }

        public ImmutableSortedDictionary<string, PropertyValue> Entries { get; }

        public bool Equals(Map? other) => other is not null && Entries.Count == other.Entries.Count
            && Entries.All(e => other.Entries.TryGetValue(e.Key, out var v) && Equals(e.Value, v));

        public override int GetHashCode() => Entries.Aggregate(0, (hash, e) => HashCode.Combine(hash, e.Key, e.Value));
    }

    /// <summary>
    /// A list whose items are any property values. <see cref="TextList"/> stays the shape of a list of
    /// strings (call chains), so that existing properties serialise exactly as before.
    /// </summary>
    public sealed record ItemList : PropertyValue
    {
        public ItemList(ImmutableArray<PropertyValue> values)
        {
            if (values.IsDefault || values.Any(v => v is null))
            {
                throw new ArgumentException("An item list must be initialised and hold no nulls.", nameof(values));
            }

            Values = values;
        }

        public ImmutableArray<PropertyValue> Values { get; }

        public bool Equals(ItemList? other) => other is not null && Values.SequenceEqual(other.Values);

        public override int GetHashCode() => Values.Aggregate(0, (hash, v) => HashCode.Combine(hash, v));
    }
}
