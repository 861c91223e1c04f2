using System.Collections.Immutable;
using System.Globalization;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Discovery;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace GilScan.Analysis.Configuration;

/// <summary>What reading a configuration file gave: the settings, the errors (GIL003, exit 2) and the warnings.</summary>
public sealed record ConfigurationResult(GilScanSettings Settings, ImmutableArray<ConfigurationProblem> Errors, ImmutableArray<ConfigurationProblem> Warnings)
{
    public bool IsValid => Errors.IsEmpty;
}

/// <summary>
/// Reads <c>[tool.gilscan]</c> with Tomlyn, checking every key and value and naming the line of each
/// problem. Unknown keys and values of the wrong type or range are errors. Rule codes must look like
/// rule selectors (see <see cref="RuleSelectors"/>) and match a rule of this build: a misspelt code
/// would otherwise select or silence nothing without anyone noticing (as in ruff, it is an error).
/// </summary>
public static class ConfigurationLoader
{
    public const string PyprojectFileName = "pyproject.toml";

    /// <summary>
    /// Reads the file at <paramref name="path"/>: its <c>[tool.gilscan]</c> table, or, for a file not
    /// named pyproject.toml that has no such table, its top level (a dedicated gilscan.toml).
    /// </summary>
    public static ConfigurationResult Load(string path, IReadOnlyCollection<string> knownRuleIds)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Failed(path, new ConfigurationProblem(path, 1, 0, 0, Path.GetFileName(path), $"cannot read the file: {error.Message}"));
        }

        return Parse(text, path, allowTopLevel: !IsPyproject(path), knownRuleIds);
    }

    /// <summary>Whether the pyproject.toml at <paramref name="path"/> has a <c>[tool.gilscan]</c> table (false when it cannot be read).</summary>
    public static bool HasGilscanTable(string path)
    {
        try
        {
            var document = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path));
            return document is not null && GilscanTable(document) is not null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or TomlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the file at <paramref name="path"/> can be read but is not valid TOML: a broken
    /// pyproject.toml is reported (GIL003, exit code 2) rather than passed over with its settings dropped.
    /// </summary>
    public static bool IsBrokenToml(string path)
    {
        try
        {
            TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path));
            return false;
        }
        catch (TomlException)
        {
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static ConfigurationResult Parse(string text, string path, bool allowTopLevel, IReadOnlyCollection<string> knownRuleIds)
    {
        var store = new TomlMetadataStore();
        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { MetadataStore = store, SourceName = path })
                ?? new TomlTable();
        }
        catch (TomlException error)
        {
            var line = Math.Max(1, error.Line ?? 1);
            var column = Math.Max(0, (error.Column ?? 1) - 1);
            return Failed(path, new ConfigurationProblem(path, line, column, column, Path.GetFileName(path), $"not valid TOML: {FirstLine(error.Message)}"));
        }

        var table = SettingsTable(document, allowTopLevel);
        if (table is null)
        {
            return new ConfigurationResult(GilScanSettings.Defaults with { SourceFile = path }, [], []);
        }

        var reader = new Reader(path, store, knownRuleIds);
        var settings = reader.Read(table);
        return new ConfigurationResult(settings, [.. reader.Errors.OrderBy(p => p.Line).ThenBy(p => p.StartColumn)], [.. reader.Warnings]);
    }

    /// <summary>
    /// The table gilscan's settings are in: <c>[tool.gilscan]</c>, or with <paramref name="allowTopLevel"/>
    /// (a dedicated gilscan TOML file without that table) the document itself; null when there is none.
    /// </summary>
    public static TomlTable? SettingsTable(TomlTable document, bool allowTopLevel) =>
        GilscanTable(document) ?? (allowTopLevel ? document : null);

    public static bool IsPyproject(string path) => string.Equals(Path.GetFileName(path), PyprojectFileName, StringComparison.Ordinal);

    private static TomlTable? GilscanTable(TomlTable document) =>
        document.TryGetValue("tool", out var tool) && tool is TomlTable toolTable
        && toolTable.TryGetValue("gilscan", out var gilscan) && gilscan is TomlTable gilscanTable
            ? gilscanTable
            : null;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static ConfigurationResult Failed(string path, ConfigurationProblem problem) =>
        new(GilScanSettings.Defaults with { SourceFile = path }, [problem], []);

    /// <summary>Checks one table; collects problems instead of stopping at the first.</summary>
    private sealed class Reader(string path, TomlMetadataStore store, IReadOnlyCollection<string> knownRuleIds)
    {
        public List<ConfigurationProblem> Errors { get; } = [];

        public List<ConfigurationProblem> Warnings { get; } = [];

        public GilScanSettings Read(TomlTable table)
        {
            var settings = GilScanSettings.Defaults with { SourceFile = path };
            var options = AnalysisOptions.Default;
            foreach (var (key, value) in table)
            {
                var at = Where(table, key);
                switch (key)
                {
                    case ConfigurationKeys.Select:
                        settings = settings with { Select = Selectors(key, value, at) };
                        break;
                    case ConfigurationKeys.ExtendSelect:
                        settings = settings with { ExtendSelect = Selectors(key, value, at) ?? [] };
                        break;
                    case ConfigurationKeys.Ignore:
                        settings = settings with { Ignore = Selectors(key, value, at) ?? [] };
                        break;
                    case ConfigurationKeys.Exclude:
                        settings = settings with { Exclude = Globs(key, value, at) };
                        break;
                    case ConfigurationKeys.ExtendExclude:
                        settings = settings with { ExtendExclude = Globs(key, value, at) ?? [] };
                        break;
                    case ConfigurationKeys.PerFileIgnores:
                        settings = settings with { PerFileIgnores = PerFileIgnores(key, value, at) };
                        break;
                    case ConfigurationKeys.Severity:
                        settings = settings with { Severity = Severities(key, value, at) };
                        break;
                    case ConfigurationKeys.RespectGitignore:
                        if (value is bool respect)
                        {
                            settings = settings with { RespectGitignore = respect };
                        }
                        else
                        {
                            Error(at, key, $"must be true or false, not {Describe(value)}");
                        }

                        break;
                    case ConfigurationKeys.MinLoopIterations:
                        if (value is long iterations && iterations >= 1)
                        {
                            options = options with { MinLoopIterations = iterations };
                        }
                        else
                        {
                            Error(at, key, $"must be a whole number of at least 1, not {Describe(value)}");
                        }

                        break;
                    case ConfigurationKeys.LatencyBudgetMs:
                        var budget = value switch { long l => (double)l, double d => d, _ => double.NaN };
                        if (double.IsFinite(budget) && budget > 0)
                        {
                            options = options with { LatencyBudgetMs = budget };
                        }
                        else
                        {
                            Error(at, key, $"must be a positive number of milliseconds, not {Describe(value)}");
                        }

                        break;
                    case ConfigurationKeys.TargetVersion:
                        if (value is string text && PythonVersion.TryParse(text) is { } version)
                        {
                            options = options with { TargetVersion = version };
                        }
                        else
                        {
                            Error(at, key, $"must be one of {string.Join(", ", PythonVersion.Supported)}, not {Describe(value)}");
                        }

                        break;
                    case ConfigurationKeys.Confirm:
                        ConfirmTables(key, value, at);
                        break;
                    default:
                        Error(at, key, $"is not a gilscan setting; the settings are {string.Join(", ", ConfigurationKeys.All)}");
                        break;
                }
            }

            return settings with { Options = options };
        }

        // The tables' contents belong to --confirm (GilScan.Confirmation reads them); here only their shape.
        private void ConfirmTables(string key, object? value, (int Line, int Start, int End) at)
        {
            if (value is not TomlTable table)
            {
                Error(at, key, $"must hold one table per target, [tool.gilscan.confirm.\"module:function\"], not {Describe(value)}");
                return;
            }

            foreach (var (target, entry) in table)
            {
                if (entry is not TomlTable)
                {
                    Error(Where(table, target), $"{key}.{target}", $"must be a table of args, kwargs and scale for the target \"module:function\", not {Describe(entry)}");
                }
            }
        }

        private ImmutableArray<string>? Selectors(string key, object? value, (int Line, int Start, int End) at)
        {
            var items = Strings(key, value, at);
            if (items is null)
            {
                return null;
            }

            foreach (var selector in items)
            {
                CheckSelector(key, selector, at);
            }

            return items;
        }

        private void CheckSelector(string key, string selector, (int Line, int Start, int End) at)
        {
            if (RuleSelectors.Problem(selector, knownRuleIds) is { } problem)
            {
                Error(at, key, problem);
            }
        }

        private ImmutableArray<string>? Globs(string key, object? value, (int Line, int Start, int End) at)
        {
            var items = Strings(key, value, at);
            foreach (var glob in items ?? [])
            {
                if (GlobSet.UnsupportedSyntax(glob) is { } problem)
                {
                    Error(at, key, $"'{glob}': {problem}");
                }
            }

            return items;
        }

        private ImmutableArray<PerFileIgnore> PerFileIgnores(string key, object? value, (int Line, int Start, int End) at)
        {
            if (value is not TomlTable table)
            {
                Error(at, key, $"must be a table of glob = [rule codes], not {Describe(value)}");
                return [];
            }

            var entries = ImmutableArray.CreateBuilder<PerFileIgnore>();
            foreach (var (pattern, codes) in table)
            {
                var entryAt = Where(table, pattern);
                var entryKey = $"{key}.{pattern}";
                if (GlobSet.UnsupportedSyntax(pattern) is { } problem)
                {
                    Error(entryAt, entryKey, problem);
                    continue;
                }

                var selectors = Selectors(entryKey, codes, entryAt);
                if (selectors is not null)
                {
                    entries.Add(new PerFileIgnore(pattern, selectors.Value));
                }
            }

            return entries.ToImmutable();
        }

        private ImmutableSortedDictionary<string, RuleLevel> Severities(string key, object? value, (int Line, int Start, int End) at)
        {
            var levels = ImmutableSortedDictionary.CreateBuilder<string, RuleLevel>(StringComparer.Ordinal);
            if (value is not TomlTable table)
            {
                Error(at, key, $"must be a table of rule id = \"error\" | \"warning\" | \"note\" | \"none\", not {Describe(value)}");
                return levels.ToImmutable();
            }

            foreach (var (id, level) in table)
            {
                var entryAt = Where(table, id);
                var entryKey = $"{key}.{id}";
                if (!RuleConventions.IsWellFormedId(id))
                {
                    Error(entryAt, entryKey, $"'{id}' is not a rule id such as GIL101");
                    continue;
                }

                if (!knownRuleIds.Contains(id))
                {
                    Error(entryAt, entryKey, RuleSelectors.Problem(id, knownRuleIds) ?? $"'{id}' is not a rule of this gilscan version");
                }

                if (level is string name && ConfigurationKeys.SeverityValues.TryGetValue(name, out var parsed))
                {
                    levels[id] = parsed;
                }
                else
                {
                    Error(entryAt, entryKey, $"must be \"error\", \"warning\", \"note\" or \"none\", not {Describe(level)}");
                }
            }

            return levels.ToImmutable();
        }

        private ImmutableArray<string>? Strings(string key, object? value, (int Line, int Start, int End) at)
        {
            if (value is TomlArray array && array.All(item => item is string))
            {
                return [.. array.Cast<string>()];
            }

            Error(at, key, $"must be an array of strings, not {Describe(value)}");
            return null;
        }

        private void Error((int Line, int Start, int End) at, string key, string message) =>
            Errors.Add(new ConfigurationProblem(path, at.Line, at.Start, at.End, key, message));

        private (int Line, int Start, int End) Where(TomlTable table, string key) => TomlKeyPosition.Of(store, table, key);

        private static string Describe(object? value) => value switch
        {
            null => "nothing",
            string s => $"the string \"{s}\"",
            long l => $"the integer {l.ToString(CultureInfo.InvariantCulture)}",
            double d => $"the number {d.ToString("R", CultureInfo.InvariantCulture)}",
            bool b => b ? "true" : "false",
            TomlArray => "an array" + (value is TomlArray a && a.Any(item => item is not string) ? " with non-string items" : string.Empty),
            TomlTable => "a table",
            _ => $"a {value.GetType().Name}",
        };
    }
}
