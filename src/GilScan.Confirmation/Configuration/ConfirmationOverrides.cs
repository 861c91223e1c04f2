using System.Collections.Immutable;
using System.Globalization;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Targets;
using Tomlyn;
using Tomlyn.Model;

namespace GilScan.Confirmation.Configuration;

/// <summary>
/// Reads the per-target tables of <c>[tool.gilscan.confirm]</c> from a pyproject.toml:
/// <code>
/// [tool.gilscan.confirm."app.jobs:crunch"]
/// args = [1_000_000]           # positional arguments
/// kwargs = { mode = "fast" }   # keyword arguments
/// scale = "auto"               # or a number: integer size arguments may be scaled
/// </code>
/// Values that are not tables (switches the configuration owns) are left alone. Problems are sentences
/// for a GIL003 diagnostic; every well-formed table is still returned.
/// </summary>
public static class ConfirmationOverrides
{
    public static (ImmutableSortedDictionary<string, ConfirmationOverride> Overrides, ImmutableArray<string> Problems) Parse(string pyprojectText)
    {
        ArgumentNullException.ThrowIfNull(pyprojectText);
        var overrides = ImmutableSortedDictionary.CreateBuilder<string, ConfirmationOverride>(StringComparer.Ordinal);
        var problems = ImmutableArray.CreateBuilder<string>();
        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize<TomlTable>(pyprojectText)
                ?? throw new TomlException("empty document");
        }
        catch (TomlException error)
        {
            problems.Add($"pyproject.toml is not valid TOML: {error.Message}");
            return (overrides.ToImmutable(), problems.ToImmutable());
        }

        if (Table(document, "tool") is not { } tool || Table(tool, "gilscan") is not { } gilscan || Table(gilscan, "confirm") is not { } confirm)
        {
            return (overrides.ToImmutable(), problems.ToImmutable());
        }

        foreach (var (key, value) in confirm.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (value is not TomlTable table)
            {
                continue;
            }

            var (entry, entryProblems) = ParseEntry(key, table);
            problems.AddRange(entryProblems.Select(problem => $"[tool.gilscan.confirm.\"{key}\"]: {problem}"));
            if (entry is not null)
            {
                overrides[key] = entry;
            }
        }

        return (overrides.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>
    /// One table, <c>[tool.gilscan.confirm."key"]</c>, for a caller that reads the file itself (and knows
    /// where the table is): the override, or null and the problems, as sentences that do not repeat the
    /// table's name.
    /// </summary>
    public static (ConfirmationOverride? Override, ImmutableArray<string> Problems) ParseEntry(string key, TomlTable table)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(table);
        var problems = ImmutableArray.CreateBuilder<string>();
        var entry = ParseEntry(key, table, problems);
        return (entry, problems.ToImmutable());
    }

    private static ConfirmationOverride? ParseEntry(string key, TomlTable table, ImmutableArray<string>.Builder problems)
    {
        var parts = key.Split(':');
        if (parts.Length != 2 || !PythonNames.IsDottedName(parts[0]) || !PythonNames.IsDottedName(parts[1]))
        {
            problems.Add("the key must be \"module:function\", for example \"app.jobs:crunch\".");
            return null;
        }

        var before = problems.Count;
        ImmutableArray<PythonValue>? arguments = null;
        ImmutableSortedDictionary<string, PythonValue>? keywords = null;
        ArgumentScale? scale = null;
        foreach (var (name, value) in table.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            switch (name)
            {
                case "args" when value is TomlArray array:
                    arguments = [.. array.Select(item => ToPython(item, "args", problems))];
                    break;
                case "kwargs" when value is TomlTable kwargs:
                    keywords = kwargs.ToImmutableSortedDictionary(
                        e => e.Key, e => ToPython(e.Value, $"kwargs.{e.Key}", problems), StringComparer.Ordinal);
                    foreach (var bad in kwargs.Keys.Where(k => !PythonNames.IsIdentifier(k)).Order(StringComparer.Ordinal))
                    {
                        problems.Add($"kwargs key '{bad}' is not a Python identifier.");
                    }

                    break;
                case "scale":
                    scale = ToScale(value, problems);
                    break;
                case "args":
                    problems.Add("args must be an array.");
                    break;
                case "kwargs":
                    problems.Add("kwargs must be a table.");
                    break;
                default:
                    problems.Add($"unknown key '{name}' (expected args, kwargs, scale).");
                    break;
            }
        }

        return problems.Count > before ? null : new ConfirmationOverride(key, arguments, keywords, scale);
    }

    private static ArgumentScale? ToScale(object? value, ImmutableArray<string>.Builder problems)
    {
        switch (value)
        {
            case "auto":
                return ArgumentScale.Auto;
            case long whole when whole > 0:
                return ArgumentScale.Fixed(whole);
            case double factor when double.IsFinite(factor) && factor > 0:
                return ArgumentScale.Fixed(factor);
            default:
                problems.Add($"scale must be \"auto\" or a positive number, not {Describe(value)}.");
                return null;
        }
    }

    private static PythonValue ToPython(object? value, string where, ImmutableArray<string>.Builder problems)
    {
        switch (value)
        {
            case bool b:
                return b;
            case long l:
                return l;
            case double d:
                return d;
            case string s:
                return s;
            case TomlArray array:
                return PythonValue.List(array.Select(item => ToPython(item, where, problems)));
            case TomlTable table:
                return PythonValue.Dictionary(table.OrderBy(e => e.Key, StringComparer.Ordinal)
                    .Select(e => KeyValuePair.Create<PythonValue, PythonValue>(e.Key, ToPython(e.Value, where, problems))));
            default:
                // Dates and times have no Python literal; a harness would have to import datetime.
                problems.Add($"{where}: {Describe(value)} cannot be passed as a Python literal.");
                return PythonValue.None;
        }
    }

    private static TomlTable? Table(TomlTable parent, string key) =>
        parent.TryGetValue(key, out var value) ? value as TomlTable : null;

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };
}
