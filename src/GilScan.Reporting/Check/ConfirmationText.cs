using System.Globalization;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Findings;
using GilScan.Confirmation.Reporting;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Reporting.Check;

/// <summary>
/// The one line under a finding that <c>--confirm</c> measured, for people (text and GitHub output):
/// <c>confirmed: 1 thread 0.40 s, 2 threads 0.39 s (x1.02), 2 processes 0.21 s (x1.95) under CPython 3.13.0</c>.
/// Inconclusive results give their reason, findings not run say why. SARIF and JSON carry every figure.
/// </summary>
public static class ConfirmationText
{
    public static string Line(ConfirmedFinding confirmation)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        if (confirmation.NotRunReason is { } why)
        {
            return $"not confirmed: {why}";
        }

        var result = confirmation.Result;
        var verdict = ConfirmationProperty.VerdictName(result.Verdict);
        var figures = result.Verdict == Verdict.Inconclusive ? null : result.Target.Kind switch
        {
            ConfirmationKind.ThreadWork => ThreadFigures(result),
            ConfirmationKind.CoroutineWork => LagFigures(result),
            _ => null,
        };
        return $"{verdict}: {figures ?? result.Reason}";
    }

    private static string? ThreadFigures(ConfirmationResult result)
    {
        var k = result.K;
        var reference = result.Runs.FirstOrDefault(r => r.IsMeasured && r.GilEnabled == true && r.Threads?.AtK(k) is not null);
        if (reference?.Threads?.AtK(k) is not { } at)
        {
            return null;
        }

        var text = Invariant(
            $"1 thread {at.SequentialSeconds:0.00} s, {Workers(k, "thread")} {at.ThreadSeconds:0.00} s (x{at.ThreadSpeedup:0.00}), {Workers(k, "process")} {at.ProcessSeconds:0.00} s (x{at.ProcessSpeedup:0.00}) under {reference.Interpreter.Name}");
        foreach (var other in result.Runs.Where(r => !ReferenceEquals(r, reference)))
        {
            text += other.Threads?.AtK(k) is { } more && other.IsMeasured
                ? Invariant($"; {other.Interpreter.Name}{(other.RanFreeThreaded ? " (GIL off)" : "")}: threads x{more.ThreadSpeedup:0.00}, processes x{more.ProcessSpeedup:0.00}")
                : $"; {other.Interpreter.Name}: {StatusName(other.Status)}";
        }

        return text;
    }

    private static string? LagFigures(ConfirmationResult result)
    {
        if (result.Runs.FirstOrDefault() is not { IsMeasured: true, Coroutine: { } lag } run)
        {
            return null;
        }

        return Invariant(
            $"the event loop stalled up to {lag.WorstLagMs:0.0} ms (typical worst {lag.TypicalWorstLagMs:0.0} ms, budget {lag.BudgetMs:0.#} ms, {lag.RepeatsOverBudget} of {lag.Repeats} runs over) under {run.Interpreter.Name}");
    }

    private static string Workers(int k, string noun) =>
        Invariant($"{k} {(k == 1 ? noun : noun == "process" ? "processes" : noun + "s")}");

    private static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Failed => "failed",
        RunStatus.TimedOut => "timed out",
        _ => "not measured",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
