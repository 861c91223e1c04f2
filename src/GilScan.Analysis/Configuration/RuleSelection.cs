using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Configuration;

/// <summary>Which rules run, from <c>select</c>, <c>extend-select</c> and <c>ignore</c> (see <see cref="RuleSelectors"/>).</summary>
public static class RuleSelection
{
    /// <summary>
    /// The ids of the rules that run, in id order. Without <paramref name="select"/>, the rules that
    /// are enabled by default are selected, as weakly as <c>ALL</c>, so that any ignore overrides it.
    /// </summary>
    public static IReadOnlyList<string> Resolve(
        IEnumerable<RuleDescriptor> rules, IReadOnlyList<string>? select, IReadOnlyList<string> extendSelect, IReadOnlyList<string> ignore)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return
        [
            .. rules.Where(rule => IsSelected(rule, select, extendSelect, ignore))
                .Select(rule => rule.Id)
                .Order(StringComparer.Ordinal),
        ];
    }

    private static bool IsSelected(RuleDescriptor rule, IReadOnlyList<string>? select, IReadOnlyList<string> extendSelect, IReadOnlyList<string> ignore)
    {
        var selected = Math.Max(
            select is null ? (rule.IsEnabledByDefault ? RuleSelectors.Specificity(RuleSelectors.All) : -1) : BestMatch(rule.Id, select),
            BestMatch(rule.Id, extendSelect));
        return selected > BestMatch(rule.Id, ignore);
    }

    // -1 when nothing matches, else the specificity of the most specific selector that matches.
    private static int BestMatch(string id, IEnumerable<string> selectors) =>
        selectors.Where(s => RuleSelectors.Matches(s, id)).Select(RuleSelectors.Specificity).DefaultIfEmpty(-1).Max();
}
