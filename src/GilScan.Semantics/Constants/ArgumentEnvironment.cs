using System.Collections.Immutable;
using GilScan.Semantics.Binding;

namespace GilScan.Semantics.Constants;

/// <summary>Known values of a function's parameters for one call (constant-folded arguments or
/// defaults). Immutable; equal environments give equal summaries.</summary>
public sealed class ArgumentEnvironment : IEquatable<ArgumentEnvironment>
{
    private readonly ImmutableSortedDictionary<string, FoldedValue> _values;

    private ArgumentEnvironment(Scope scope, ImmutableSortedDictionary<string, FoldedValue> values)
    {
        Scope = scope;
        _values = values;
    }

    /// <summary>The function scope whose parameters these are.</summary>
    public Scope Scope { get; }

    public static ArgumentEnvironment Empty(Scope scope) => new(scope, ImmutableSortedDictionary.Create<string, FoldedValue>(StringComparer.Ordinal));

    public bool IsEmpty => _values.IsEmpty;

    public IEnumerable<KeyValuePair<string, FoldedValue>> Values => _values;

    public ArgumentEnvironment With(string parameter, FoldedValue value) => new(Scope, _values.SetItem(parameter, value));

    public ArgumentEnvironment Without(string parameter) => _values.ContainsKey(parameter) ? new(Scope, _values.Remove(parameter)) : this;

    /// <summary>The value of <paramref name="symbol"/> when it is one of these parameters.</summary>
    public FoldedValue? ValueOf(Symbol symbol) =>
        ReferenceEquals(symbol.Scope, Scope) && _values.TryGetValue(symbol.Name, out var v) ? v : null;

    public bool Equals(ArgumentEnvironment? other) =>
        other is not null && ReferenceEquals(Scope, other.Scope) && _values.Count == other._values.Count &&
        _values.All(kv => other._values.TryGetValue(kv.Key, out var v) && Equals(v, kv.Value));

    public override bool Equals(object? obj) => Equals(obj as ArgumentEnvironment);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Scope);
        foreach (var kv in _values) { hash.Add(kv.Key); hash.Add(kv.Value); }
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _values.Select(kv => $"{kv.Key}={kv.Value}"));
}
