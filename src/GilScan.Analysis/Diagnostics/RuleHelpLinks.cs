namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The one place that turns a rule id into its documentation link: the rule's page under
/// rules/docs in the project repository. SARIF's <c>helpUri</c> and the text output use it.
/// </summary>
public static class RuleHelpLinks
{
    /// <summary>The folder of the rule pages, with a trailing slash.</summary>
    public const string DocsBase = "https://github.com/gilscan/gilscan/blob/main/rules/docs/";

    /// <summary>The project page, used as the SARIF driver's <c>informationUri</c>.</summary>
    public const string ProjectHome = "https://github.com/gilscan/gilscan";

    /// <summary>The documentation page of a rule, for example <c>…/rules/docs/GIL101.md</c>.</summary>
    public static Uri For(string ruleId)
    {
        if (!RuleConventions.IsWellFormedId(ruleId))
        {
            throw new ArgumentException($"'{ruleId}' is not a rule id of the form GIL + 3 digits.", nameof(ruleId));
        }

        return new Uri(DocsBase + ruleId + ".md", UriKind.Absolute);
    }
}
