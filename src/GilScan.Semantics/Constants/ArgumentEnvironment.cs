using GilScan.Semantics.Binding;

namespace GilScan.Semantics.Constants;

/// <summary>Known values of a function's parameters for one call (constant-folded arguments or
/// defaults). Immutable and small (a sorted array); equal environments give equal summaries.</summary>
public sealed class ArgumentEnvironment : IEquatable<ArgumentEnvironment>
{
    private readonly KeyValuePair<string, FoldedValue>[] _values;

    private ArgumentEnvironment(Scope scope, KeyValuePair<string, FoldedValue>[] values)
    {
        Scope = scope;
        _values = values;
    }

    /// <summary>The function scope whose parameters these are.</summary>
    public Scope Scope { get; }

    public static ArgumentEnvironment Empty(Scope scope) => new(scope, []);

    public bool IsEmpty => _values.Length == 0;

    public IReadOnlyList<KeyValuePair<string, FoldedValue>> Values => _values;

    public ArgumentEnvironment With(string parameter, FoldedValue value)
    {
        var index = IndexOf(parameter);
        if (index >= 0)
        {
            if (Equals(_values[index].Value, value)) return this;
            var copy = (KeyValuePair<string, FoldedValue>[])_values.Clone();
            copy[index] = new(parameter, value);
            return new(Scope, copy);
        }
        var insert = ~index;
        var grown = new KeyValuePair<string, FoldedValue>[_values.Length + 1];
        Array.Copy(_values, grown, insert);
        grown[insert] = new(parameter, value);
        Array.Copy(_values, insert, grown, insert + 1, _values.Length - insert);
        return new(Scope, grown);
    }

    public ArgumentEnvironment Without(string parameter)
    {
        var index = IndexOf(parameter);
        if (index < 0) return this;
        var shrunk = new KeyValuePair<string, FoldedValue>[_values.Length - 1];
        Array.Copy(_values, shrunk, index);
        Array.Copy(_values, index + 1, shrunk, index, _values.Length - index - 1);
        return new(Scope, shrunk);
    }

    /// <summary>The value of <paramref name="symbol"/> when it is one of these parameters.</summary>
    public FoldedValue? ValueOf(Symbol symbol)
    {
        if (!ReferenceEquals(symbol.Scope, Scope)) return null;
        var index = IndexOf(symbol.Name);
        return index >= 0 ? _values[index].Value : null;
    }

    /// <summary>Binary search by name; the bitwise complement of the insertion point when absent.</summary>
    private int IndexOf(string name)
    {
        int lo = 0, hi = _values.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var c = string.CompareOrdinal(_values[mid].Key, name);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    public bool Equals(ArgumentEnvironment? other)
    {
        if (other is null || !ReferenceEquals(Scope, other.Scope) || _values.Length != other._values.Length) return false;
        for (var i = 0; i < _values.Length; i++)
            if (_values[i].Key != other._values[i].Key || !Equals(_values[i].Value, other._values[i].Value)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ArgumentEnvironment);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Scope);
        foreach (var kv in _values)
        {
            hash.Add(kv.Key);
            hash.Add(kv.Value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _values.Select(kv => $"{kv.Key}={kv.Value}"));
}
