using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Configuration;

/// <summary>
/// What the configuration does to findings after the rules have run: drops those of rules that are
/// not selected (GIL001/GIL002 come from the engine, not from a rule that could be left out), sets
/// the level given by <c>severity</c>, and marks findings in files of <c>per-file-ignores</c> as
/// suppressed (kind External), so that IDE output still shows them as suppressed while GitHub output
/// and the exit code ignore them.
/// </summary>
public sealed class DiagnosticPolicy
{
    private readonly ImmutableSortedSet<string>? _enabled;

    public DiagnosticPolicy(
        IEnumerable<string>? enabledRuleIds,
        IReadOnlyDictionary<string, RuleLevel>? levels = null,
        IReadOnlyList<PerFileIgnore>? perFileIgnores = null)
    {
        _enabled = enabledRuleIds?.ToImmutableSortedSet(StringComparer.Ordinal);
        Levels = (levels ?? ImmutableDictionary<string, RuleLevel>.Empty).ToImmutableSortedDictionary(StringComparer.Ordinal);
        PerFileIgnores = [.. perFileIgnores ?? []];
    }

    /// <summary>Every rule enabled, no overrides.</summary>
    public static DiagnosticPolicy EnableAll { get; } = new(null);

    public ImmutableSortedDictionary<string, RuleLevel> Levels { get; }

    public ImmutableArray<PerFileIgnore> PerFileIgnores { get; }

    public bool IsEnabled(string ruleId) => _enabled is null || _enabled.Contains(ruleId);

    /// <summary>A stable text of the policy, for cache keys.</summary>
    public string CanonicalText =>
        $"enabled={(_enabled is null ? "*" : string.Join(',', _enabled))};"
        + $"levels={string.Join(',', Levels.Select(l => $"{l.Key}:{l.Value}"))};"
        + $"per-file-ignores={string.Join('|', PerFileIgnores.Select(p => p.ToString()))}";

    /// <summary>The finding as the configuration wants it, or null when its rule is not selected.</summary>
    public Diagnostic? Apply(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (!IsEnabled(diagnostic.RuleId))
        {
            return null;
        }

        if (Levels.TryGetValue(diagnostic.RuleId, out var level) && level != diagnostic.Level)
        {
            diagnostic = diagnostic with { Level = level };
        }

        if (!diagnostic.IsSuppressed)
        {
            var ignore = PerFileIgnores.FirstOrDefault(p => p.Ignores(diagnostic.Location.Path, diagnostic.RuleId));
            if (ignore is not null)
            {
                diagnostic = diagnostic with
                {
                    Suppression = new Suppression(SuppressionKind.External, $"per-file-ignores: {ignore}"),
                };
            }
        }

        return diagnostic;
    }
}
