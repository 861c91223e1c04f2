using System.Collections.Immutable;
using GilScan.Analysis.Configuration;
using GilScan.Confirmation.Configuration;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace GilScan.Cli.Confirm;

/// <summary>
/// The <c>[tool.gilscan.confirm."module:function"]</c> tables of the configuration file: arguments and
/// scales for <c>--confirm</c>. ConfigurationLoader has checked that each entry is a table; here each is
/// read (GilScan.Confirmation's rules), and every mistake becomes a configuration problem on the table's
/// line, so that a bad table is a GIL003 finding like any other bad setting, with or without --confirm.
/// </summary>
internal sealed record ConfirmConfiguration(ImmutableSortedDictionary<string, ConfirmationOverride> Overrides, ImmutableArray<ConfigurationProblem> Problems)
{
    public static ConfirmConfiguration Empty { get; } = new(ImmutableSortedDictionary<string, ConfirmationOverride>.Empty.WithComparers(StringComparer.Ordinal), []);

    public static ConfirmConfiguration Read(string? configFile)
    {
        if (configFile is null)
        {
            return Empty;
        }

        var store = new TomlMetadataStore();
        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(configFile), new TomlSerializerOptions { MetadataStore = store, SourceName = configFile })
                ?? new TomlTable();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or TomlException)
        {
            // ConfigurationLoader read the same file first and reported what is wrong with it.
            return Empty;
        }

        var settings = ConfigurationLoader.SettingsTable(document, allowTopLevel: !ConfigurationLoader.IsPyproject(configFile));
        if (settings is null || !settings.TryGetValue(ConfigurationKeys.Confirm, out var value) || value is not TomlTable confirm)
        {
            return Empty;
        }

        var overrides = ImmutableSortedDictionary.CreateBuilder<string, ConfirmationOverride>(StringComparer.Ordinal);
        var problems = ImmutableArray.CreateBuilder<ConfigurationProblem>();
        foreach (var (key, entry) in confirm.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (entry is not TomlTable table)
            {
                continue;
            }

            var (parsed, mistakes) = ConfirmationOverrides.ParseEntry(key, table);
            var (line, start, end) = TomlKeyPosition.Of(store, confirm, key);
            problems.AddRange(mistakes.Select(message => new ConfigurationProblem(configFile, line, start, end, $"{ConfigurationKeys.Confirm}.\"{key}\"", message)));
            if (parsed is not null)
            {
                overrides[key] = parsed;
            }
        }

        return new ConfirmConfiguration(overrides.ToImmutable(), problems.ToImmutable());
    }
}
