namespace GilScan.Analysis.Configuration;

/// <summary>The keys of <c>[tool.gilscan]</c>; anything else is a GIL003 error.</summary>
public static class ConfigurationKeys
{
    public const string Select = "select";
    public const string ExtendSelect = "extend-select";
    public const string Ignore = "ignore";
    public const string PerFileIgnores = "per-file-ignores";
    public const string Exclude = "exclude";
    public const string ExtendExclude = "extend-exclude";
    public const string Severity = "severity";
    public const string RespectGitignore = "respect-gitignore";
    public const string MinLoopIterations = "min-loop-iterations";
    public const string LatencyBudgetMs = "latency-budget-ms";
    public const string TargetVersion = "target-version";

    /// <summary>
    /// <c>[tool.gilscan.confirm."module:function"]</c> tables, one per target of <c>--confirm</c>. This
    /// loader checks only that each entry is a table; the CLI reads the tables (GilScan.Confirmation).
    /// </summary>
    public const string Confirm = "confirm";

    /// <summary>Every key, in the order the README documents them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Select, ExtendSelect, Ignore, PerFileIgnores, Exclude, ExtendExclude, Severity, RespectGitignore,
        MinLoopIterations, LatencyBudgetMs, TargetVersion, Confirm,
    ];

    /// <summary>The values <c>severity</c> accepts, with the level each stands for.</summary>
    public static IReadOnlyDictionary<string, Diagnostics.RuleLevel> SeverityValues { get; } =
        new Dictionary<string, Diagnostics.RuleLevel>(StringComparer.Ordinal)
        {
            ["error"] = Diagnostics.RuleLevel.Error,
            ["warning"] = Diagnostics.RuleLevel.Warning,
            ["note"] = Diagnostics.RuleLevel.Note,
            ["none"] = Diagnostics.RuleLevel.None,
        };
}
