using System.Collections.Immutable;
using GilScan.Confirmation.Results;

namespace GilScan.Confirmation.Verdicts;

/// <summary>
/// GIL201, on the project's interpreter: confirmed when the typical run (the median over the repeats of
/// each run's worst loop lag) stalls the loop for longer than the latency budget; refuted when no run
/// ever did; inconclusive when only some runs did, when the heartbeat alone already lags by more than
/// <see cref="ConfirmationThresholds.QuietBaselineShareOfBudget"/> of the budget (a busy machine), or
/// when the run failed. Lags are the coroutine's own (<see cref="Measurements.CoroutineFigures"/>): time
/// the thread waited for a CPU is the machine's and is not counted against the code.
/// </summary>
public static class CoroutineVerdict
{
    public static VerdictDecision Decide(ImmutableArray<InterpreterRun> runs, ConfirmationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var run = runs.FirstOrDefault();
        if (run is null)
        {
            return VerdictDecision.Inconclusive("no interpreter was available");
        }

        if (!run.IsMeasured || run.Coroutine is null)
        {
            return VerdictDecision.Inconclusive(run.Problem ?? "the coroutine was not measured");
        }

        var lag = run.Coroutine;
        var budget = Figures.Milliseconds(lag.BudgetMs);
        if (lag.BaselineWorstLagMs > thresholds.QuietBaselineShareOfBudget * lag.BudgetMs)
        {
            return VerdictDecision.Inconclusive(
                $"the event loop lagged {Figures.Milliseconds(lag.BaselineWorstLagMs)} with nothing running under {run.Interpreter.Name}: the machine is too busy to measure against a {budget} budget");
        }

        var figures = $"under {run.Interpreter.Name} the event loop stalled for up to {Figures.Milliseconds(lag.WorstLagMs)} (typical worst {Figures.Milliseconds(lag.TypicalWorstLagMs)}, p99 {Figures.Milliseconds(lag.P99LagMs)}) while the coroutine ran";
        if (lag.TypicalWorstLagMs > lag.BudgetMs)
        {
            return VerdictDecision.Confirmed($"{figures}, over the {budget} budget in {lag.RepeatsOverBudget} of {lag.Repeats} runs: it blocks the loop");
        }

        if (lag.RepeatsOverBudget == 0)
        {
            return VerdictDecision.Refuted($"{figures}, within the {budget} budget in every run: it does not block the loop");
        }

        return VerdictDecision.Inconclusive($"{figures}, over the {budget} budget in only {lag.RepeatsOverBudget} of {lag.Repeats} runs");
    }
}
