using GilScan.Semantics.Binding;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Constants;

/// <summary>What one call tells about a parameter: its constant value when the argument folds, the
/// values it may be (types, callables) when the argument's values are known at the call, and, for the
/// receiver of a method called on <c>self</c>, what the caller had stored in its attributes
/// (<c>self.log_config = log_config</c> before <c>self.configure_logging()</c>).</summary>
public sealed record ArgumentFact(FoldedValue? Constant, ValueSet Values)
{
    /// <summary>Facts about attributes of the value, by attribute name (sorted), or null.</summary>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, ArgumentFact>? Attributes { get; init; }

    /// <summary>A constant, with the type it has as its value.</summary>
    public static ArgumentFact Of(FoldedValue constant) => new(constant, TypeOf(constant));

    /// <summary>The instance type of a folded value.</summary>
    public static ValueSet TypeOf(FoldedValue constant)
    {
        var type = constant switch
        {
            IntValue => "builtins.int",
            FloatValue => "builtins.float",
            BoolValue => "builtins.bool",
            NoneValue => "builtins.NoneType",
            BufferValue b => b.IsBytes ? "builtins.bytes" : "builtins.str",
            SequenceValue seq => seq.TypeName,
            RangeValue => "builtins.range",
            _ => null,
        };
        return type is null ? ValueSet.Unknown : ValueSet.Of(new InstanceValue(type));
    }

    public ArgumentFact? AttributeFact(string name) => Attributes is { } a && a.TryGetValue(name, out var fact) ? fact : null;

    public bool Equals(ArgumentFact? other) =>
        other is not null && Equals(Constant, other.Constant) && Values.Equals(other.Values) &&
        (Attributes is null ? other.Attributes is null : other.Attributes is not null && Attributes.Count == other.Attributes.Count &&
            Attributes.All(kv => other.Attributes.TryGetValue(kv.Key, out var o) && kv.Value.Equals(o)));

    public override int GetHashCode() => HashCode.Combine(Constant, Values.Items.Length, Attributes?.Count ?? -1);

    public override string ToString() =>
        (Constant is not null ? Constant.ToString()! : Values.ToString()) +
        (Attributes is { Count: > 0 } a ? " {" + string.Join(", ", a.Select(kv => $"{kv.Key}: {kv.Value}")) + "}" : "");
}

/// <summary>Known facts about a function's parameters for one call (constant-folded arguments or
/// defaults, the values of the arguments). Immutable and small (a sorted array); equal environments give
/// equal summaries.</summary>
public sealed class ArgumentEnvironment : IEquatable<ArgumentEnvironment>
{
    private readonly KeyValuePair<string, ArgumentFact>[] _values;

    private ArgumentEnvironment(Scope scope, KeyValuePair<string, ArgumentFact>[] values)
    {
        Scope = scope;
        _values = values;
    }

    /// <summary>The function scope whose parameters these are.</summary>
    public Scope Scope { get; }

    public static ArgumentEnvironment Empty(Scope scope) => new(scope, []);

    public bool IsEmpty => _values.Length == 0;

    public IReadOnlyList<KeyValuePair<string, ArgumentFact>> Values => _values;

    public ArgumentEnvironment With(string parameter, FoldedValue value) => With(parameter, ArgumentFact.Of(value));

    public ArgumentEnvironment With(string parameter, ArgumentFact value)
    {
        var index = IndexOf(parameter);
        if (index >= 0)
        {
            if (Equals(_values[index].Value, value)) return this;
            var copy = (KeyValuePair<string, ArgumentFact>[])_values.Clone();
            copy[index] = new(parameter, value);
            return new(Scope, copy);
        }
        var insert = ~index;
        var grown = new KeyValuePair<string, ArgumentFact>[_values.Length + 1];
        Array.Copy(_values, grown, insert);
        grown[insert] = new(parameter, value);
        Array.Copy(_values, insert, grown, insert + 1, _values.Length - insert);
        return new(Scope, grown);
    }

    public ArgumentEnvironment Without(string parameter)
    {
        var index = IndexOf(parameter);
        if (index < 0) return this;
        var shrunk = new KeyValuePair<string, ArgumentFact>[_values.Length - 1];
        Array.Copy(_values, shrunk, index);
        Array.Copy(_values, index + 1, shrunk, index, _values.Length - index - 1);
        return new(Scope, shrunk);
    }

    /// <summary>The constant value of <paramref name="symbol"/> when it is one of these parameters.</summary>
    public FoldedValue? ValueOf(Symbol symbol) => FactOf(symbol)?.Constant;

    /// <summary>What this call tells about <paramref name="symbol"/> when it is one of these parameters.</summary>
    public ArgumentFact? FactOf(Symbol symbol)
    {
        if (!ReferenceEquals(symbol.Scope, Scope)) return null;
        var index = IndexOf(symbol.Name);
        return index >= 0 ? _values[index].Value : null;
    }

    /// <summary>The fact of the parameter named <paramref name="parameter"/>.</summary>
    public ArgumentFact? FactOf(string parameter)
    {
        var index = IndexOf(parameter);
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
