using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Reporting;

/// <summary>
/// How a verdict changes the finding it measured:
/// <list type="bullet">
/// <item>confirmed: confidence High, and a Note is raised to Warning (measured, so no longer a guess);
/// Warning and Error stay as they are, None (turned off by configuration) stays off;</item>
/// <item>refuted: level None and confidence Low: the finding is still reported with its figures, but it
/// never fails a run, whatever its rule's level;</item>
/// <item>inconclusive: unchanged; the figures and the reason are still attached.</item>
/// </list>
/// Every verdict attaches the figures as the property <c>confirmation</c> (SARIF:
/// <c>gilscan/confirmation</c>, see <see cref="ConfirmationProperty"/>). Suppressed findings are left alone.
/// </summary>
public static class ConfirmationAdjustment
{
    public static Diagnostic Apply(Diagnostic diagnostic, ConfirmationResult result)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(result);
        if (diagnostic.IsSuppressed)
        {
            return diagnostic;
        }

        var measured = diagnostic with
        {
            Properties = diagnostic.Properties.SetItem(ConfirmationProperty.Name, ConfirmationProperty.ToPropertyValue(result)),
        };
        return result.Verdict switch
        {
            Verdict.Confirmed => measured with
            {
                Confidence = Confidence.High,
                Level = diagnostic.Level == RuleLevel.Note ? RuleLevel.Warning : diagnostic.Level,
            },
            Verdict.Refuted => measured with { Confidence = Confidence.Low, Level = RuleLevel.None },
            _ => measured,
        };
    }
}
