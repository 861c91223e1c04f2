using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Shared;

/// <summary>A diagnostic's property bag from name/value pairs.</summary>
public static class ImmutableProperties
{
    public static ImmutableSortedDictionary<string, PropertyValue> Of(params (string Name, PropertyValue Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
