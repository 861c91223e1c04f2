using GilScan.Analysis.Diagnostics;
using Microsoft.CodeAnalysis.Sarif;

namespace GilScan.Sarif;

/// <summary>Maps gilscan's levels and precisions to SARIF's and GitHub's words.</summary>
internal static class SarifLevels
{
    public static FailureLevel ToFailureLevel(RuleLevel level) => level switch
    {
        RuleLevel.Error => FailureLevel.Error,
        RuleLevel.Warning => FailureLevel.Warning,
        RuleLevel.Note => FailureLevel.Note,
        RuleLevel.None => FailureLevel.None,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>GitHub's <c>problem.severity</c>: error, warning or recommendation.</summary>
    public static string ProblemSeverity(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        _ => "recommendation",
    };

    /// <summary>GitHub's <c>precision</c>: very-high, high, medium or low.</summary>
    public static string Precision(RulePrecision precision) => precision switch
    {
        RulePrecision.VeryHigh => "very-high",
        RulePrecision.High => "high",
        RulePrecision.Medium => "medium",
        RulePrecision.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, null),
    };

    public static string Confidence(Confidence confidence) => confidence switch
    {
        Analysis.Diagnostics.Confidence.High => "high",
        Analysis.Diagnostics.Confidence.Medium => "medium",
        Analysis.Diagnostics.Confidence.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(confidence), confidence, null),
    };
}
