using System.Text.RegularExpressions;

namespace GilScan.Analysis.Configuration;

/// <summary>
/// Rule selectors as <c>select</c>, <c>ignore</c> and <c>per-file-ignores</c> take them, like ruff's:
/// a full id (<c>GIL101</c>), an id prefix that selects a category or part of it (<c>GIL1</c>,
/// <c>GIL10</c>, <c>GIL</c>), or <c>ALL</c>. When a select and an ignore both match a rule, the more
/// specific one wins, and an ignore wins a tie.
/// </summary>
public static partial class RuleSelectors
{
    public const string All = "ALL";

    public static bool IsWellFormed(string selector) => selector == All || Prefix().IsMatch(selector);

    public static bool Matches(string selector, string ruleId) =>
        selector == All || ruleId.StartsWith(selector, StringComparison.Ordinal);

    /// <summary>
    /// Why <paramref name="selector"/> cannot be used, or null when it is well formed and matches a rule of
    /// <paramref name="knownRuleIds"/>: not a code, or a code this version does not have, with the nearest
    /// rule id as a suggestion (as ruff suggests for a misspelt rule).
    /// </summary>
    public static string? Problem(string selector, IReadOnlyCollection<string> knownRuleIds)
    {
        if (!IsWellFormed(selector))
        {
            return $"'{selector}' is not a rule code: use a rule id such as GIL101, a prefix such as GIL1, or ALL";
        }

        if (knownRuleIds.Any(id => Matches(selector, id)))
        {
            return null;
        }

        string suggestion;
        if (selector.Length >= 6)
        {
            var nearest = knownRuleIds
                .Select(id => (Id: id, Distance: EditDistance(selector, id)))
                .OrderBy(candidate => candidate.Distance).ThenBy(candidate => candidate.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            suggestion = nearest.Id is null || nearest.Distance > 2 ? string.Empty : $"; did you mean '{nearest.Id}'?";
        }
        else
        {
            var families = knownRuleIds.Where(id => id.Length > 3).Select(id => id[..4]).Distinct().Order(StringComparer.Ordinal);
            suggestion = $"; rule codes start with {string.Join(", ", families)}";
        }

        return $"'{selector}' matches no rule of this gilscan version{suggestion} ('gilscan rules' lists them)";
    }

    /// <summary>How specific a selector is: the longer the prefix, the more specific; ALL is the least.</summary>
    public static int Specificity(string selector) => selector == All ? 0 : selector.Length;

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^GIL[0-9]{0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();
}
