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

    /// <summary>How specific a selector is: the longer the prefix, the more specific; ALL is the least.</summary>
    public static int Specificity(string selector) => selector == All ? 0 : selector.Length;

    [GeneratedRegex("^GIL[0-9]{0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();
}
