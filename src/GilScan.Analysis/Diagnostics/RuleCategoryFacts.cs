namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The id range and SARIF tag of each <see cref="RuleCategory"/>, kept as data in one place so that
/// <see cref="RuleDescriptor.Create"/> and the meta-tests check ids against the same table.
/// </summary>
public static class RuleCategoryFacts
{
    /// <summary>The lowest rule number allowed in the category (GIL000 is never used).</summary>
    public static int FirstNumber(this RuleCategory category) =>
        category == RuleCategory.Tool ? 1 : CheckedHundreds(category);

    /// <summary>The highest rule number allowed in the category.</summary>
    public static int LastNumber(this RuleCategory category) => CheckedHundreds(category) + 99;

    /// <summary>The tag every rule of the category carries in SARIF (<c>rule.properties.tags</c>).</summary>
    public static string Tag(this RuleCategory category) => category switch
    {
        RuleCategory.Tool => "tool",
        RuleCategory.Threads => "threads",
        RuleCategory.Asyncio => "asyncio",
        RuleCategory.Processes => "processes",
        RuleCategory.Dependencies => "dependencies",
        RuleCategory.FreeThreading => "free-threading",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown rule category."),
    };

    /// <summary>Whether a rule number (the three digits after GIL) lies in the category's range.</summary>
    public static bool Contains(this RuleCategory category, int ruleNumber) =>
        ruleNumber >= category.FirstNumber() && ruleNumber <= category.LastNumber();

    private static int CheckedHundreds(RuleCategory category) =>
        Enum.IsDefined(category)
            ? (int)category * 100
            : throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown rule category.");
}
