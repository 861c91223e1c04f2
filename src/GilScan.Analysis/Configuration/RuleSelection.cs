using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Configuration;

/// <summary>Which rules run, from <c>select</c>, <c>extend-select</c> and <c>ignore</c> (see <see cref="RuleSelectors"/>).</summary>
public static class RuleSelection
{
    /// <summary>
    /// The ids of the rules that run, in id order. Without <paramref name="select"/>, the rules that
    /// are enabled by default are selected (each by its full id).
    /// </summary>
    public static IReadOnlyList<string> Resolve(
        IEnumerable<RuleDescriptor> rules, IReadOnlyList<string>? select, IReadOnlyList<string> extendSelect, IReadOnlyList<string> ignore)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var all = rules.ToList();
        var selectors = (select ?? [.. all.Where(rule => rule.IsEnabledByDefault).Select(rule => rule.Id)]).Concat(extendSelect).ToList();
        return
        [
            .. all.Where(rule => IsSelected(rule.Id, selectors, ignore))
                .Select(rule => rule.Id)
                .Order(StringComparer.Ordinal),
        ];
    }

    private static bool IsSelected(string id, List<string> selectors, IReadOnlyList<string> ignore)
    {
        var selected = BestMatch(id, selectors);
        var ignored = BestMatch(id, ignore);
        return selected > ignored;
    }

    // -1 when nothing matches, else the specificity of the most specific selector that matches.
    private static int BestMatch(string id, IEnumerable<string> selectors) =>
        selectors.Where(s => RuleSelectors.Matches(s, id)).Select(RuleSelectors.Specificity).DefaultIfEmpty(-1).Max();
}
