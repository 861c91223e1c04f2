using System.Collections.Immutable;

namespace GilScan.Semantics.Values;

/// <summary>
/// The possible values of an expression: a small set (at most <see cref="MaxSize"/>, in a
/// deterministic order); empty means unknown. Flow-insensitive: a variable assigned in two places
/// has both values.
/// </summary>
public readonly struct ValueSet : IEquatable<ValueSet>
{
    public const int MaxSize = 8;

    private readonly ImmutableArray<ReferentValue> _items;

    private ValueSet(ImmutableArray<ReferentValue> items) => _items = items;

    public static ValueSet Unknown => default;

    public static ValueSet Of(ReferentValue value) => new([value]);

    public ImmutableArray<ReferentValue> Items => _items.IsDefault ? [] : _items;

    public bool IsUnknown => _items.IsDefaultOrEmpty;

    /// <summary>The value when there is exactly one.</summary>
    public ReferentValue? Single => !_items.IsDefault && _items.Length == 1 ? _items[0] : null;

    /// <summary>The common qualified name of every value, when they all have the same one.</summary>
    public string? QualifiedName
    {
        get
        {
            if (IsUnknown) return null;
            var name = _items[0].QualifiedName;
            foreach (var v in _items)
                if (v.QualifiedName != name) return null;
            return name;
        }
    }

    public ValueSet Union(ValueSet other)
    {
        if (other.IsUnknown) return this;
        if (IsUnknown) return other;
        var builder = ImmutableArray.CreateBuilder<ReferentValue>(Math.Min(MaxSize, _items.Length + other._items.Length));
        builder.AddRange(_items);
        foreach (var v in other._items)
        {
            if (builder.Count >= MaxSize) break;
            if (!builder.Contains(v)) builder.Add(v);
        }
        return new ValueSet(builder.ToImmutable());
    }

    public ValueSet Select(Func<ReferentValue, ValueSet> map)
    {
        var result = Unknown;
        foreach (var v in Items) result = result.Union(map(v));
        return result;
    }

    public IEnumerable<T> OfType<T>() where T : ReferentValue => Items.OfType<T>();

    public bool Equals(ValueSet other) => Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is ValueSet other && Equals(other);

    public override int GetHashCode() => Items.Length;

    public override string ToString() => IsUnknown ? "unknown" : string.Join(" | ", Items);
}
