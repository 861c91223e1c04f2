namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The rules about the run itself (GIL0xx). They have no analysis of their own: the front end,
/// file discovery and configuration loading report them. Their pages are rules/docs/GIL00n.md.
/// </summary>
public static class ToolRules
{
    /// <summary>GIL001: a file does not parse as Python. Argument: the parser's message.</summary>
    public static readonly RuleDescriptor SyntaxError = RuleDescriptor.Create(
        "GIL001", name: "SyntaxError", title: "Python syntax error",
        message: "This file does not parse as Python and was not analysed: '{0}'.",
        category: RuleCategory.Tool, level: RuleLevel.Error, precision: RulePrecision.VeryHigh,
        tags: ["correctness"]);

    /// <summary>GIL002: a file cannot be read or decoded. Argument: the reason.</summary>
    public static readonly RuleDescriptor UnreadableFile = RuleDescriptor.Create(
        "GIL002", name: "UnreadableSourceFile", title: "Unreadable or undecodable source file",
        message: "This file could not be read or decoded and was not analysed: '{0}'.",
        category: RuleCategory.Tool, level: RuleLevel.Error, precision: RulePrecision.VeryHigh,
        tags: ["correctness"]);

    /// <summary>GIL003: the configuration has an unknown key or a bad value. Arguments: the key, the problem.</summary>
    public static readonly RuleDescriptor InvalidConfiguration = RuleDescriptor.Create(
        "GIL003", name: "InvalidConfiguration", title: "Invalid gilscan configuration",
        message: "The gilscan setting '{0}' is invalid: '{1}'.",
        category: RuleCategory.Tool, level: RuleLevel.Error, precision: RulePrecision.VeryHigh,
        tags: ["configuration"]);

    /// <summary>All tool rules, in id order.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } = [SyntaxError, UnreadableFile, InvalidConfiguration];
}
