using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Configuration;

/// <summary>
/// The <c>[tool.gilscan]</c> settings as read, before the command line adds to them. Null lists mean
/// "not set" (so that defaults apply): <see cref="Select"/> defaults to the rules enabled by default,
/// <see cref="Exclude"/> to <see cref="Discovery.DefaultExcludes"/>.
/// </summary>
public sealed record GilScanSettings
{
    public static GilScanSettings Defaults { get; } = new();

    /// <summary>The file the settings came from, or null for the defaults.</summary>
    public string? SourceFile { get; init; }

    public ImmutableArray<string>? Select { get; init; }

    public ImmutableArray<string> ExtendSelect { get; init; } = [];

    public ImmutableArray<string> Ignore { get; init; } = [];

    public ImmutableArray<PerFileIgnore> PerFileIgnores { get; init; } = [];

    public ImmutableArray<string>? Exclude { get; init; }

    public ImmutableArray<string> ExtendExclude { get; init; } = [];

    public ImmutableSortedDictionary<string, RuleLevel> Severity { get; init; } =
        ImmutableSortedDictionary<string, RuleLevel>.Empty.WithComparers(StringComparer.Ordinal);

    public bool RespectGitignore { get; init; } = true;

    public AnalysisOptions Options { get; init; } = AnalysisOptions.Default;
}
