using System.Collections.Immutable;
using System.Globalization;
using GilScan.Confirmation.Results;

namespace GilScan.Confirmation.Verdicts;

/// <summary>
/// GIL501: confirmed when k threads ended with less than the same calls made in a row on one thread, under
/// any interpreter (lost updates are the race, seen). Never refuted: a race that did not show in a few runs
/// is still a race, so a clean measurement is inconclusive and says where it ran. Under a GIL build the
/// read-modify-write is interleaved only at the GIL's switch points, so lost updates are rare there; the
/// reason says so, and that only a free-threaded build shows what the code will do without the GIL.
/// </summary>
public static class LostUpdateVerdict
{
    public static VerdictDecision Decide(string state, ImmutableArray<InterpreterRun> runs)
    {
        var measured = runs.Where(r => r.IsMeasured && r.LostUpdates is not null).ToList();
        var lost = measured.Where(r => r.LostUpdates!.StateChanged && r.LostUpdates.RepeatsWithLoss > 0)
            .OrderBy(r => r.RanFreeThreaded ? 0 : 1).FirstOrDefault();
        if (lost is not null)
        {
            var figures = lost.LostUpdates!;
            return VerdictDecision.Confirmed(Invariant(
                $"{figures.K} threads lost {Percent(figures.MedianLostShare)} of the updates to {state} (median; worst {Percent(figures.WorstLostShare)}, lost in {figures.RepeatsWithLoss} of {figures.Repeats.Length} runs) under {Name(lost)}"));
        }

        var unchanged = measured.FirstOrDefault(r => !r.LostUpdates!.StateChanged);
        if (unchanged is not null)
        {
            return VerdictDecision.Inconclusive(
                $"calling the target in a row did not change {state} under {Name(unchanged)}: the arguments do not reach the update; give them in [tool.gilscan.confirm]");
        }

        if (measured.Count == 0)
        {
            return VerdictDecision.Inconclusive(runs.FirstOrDefault(r => !r.IsMeasured)?.Problem ?? "no interpreter ran the measurement");
        }

        var runsText = string.Join(", ", measured.Select(r => Invariant($"{r.LostUpdates!.Repeats.Length} run{(r.LostUpdates.Repeats.Length == 1 ? "" : "s")} of {r.LostUpdates.K} threads under {Name(r)}")));
        return measured.Any(r => r.RanFreeThreaded)
            ? VerdictDecision.Inconclusive($"no update to {state} was lost in {runsText}; the race can still happen when the timing differs")
            : VerdictDecision.Inconclusive(
                $"no update to {state} was lost in {runsText}: with the GIL on, the race exists but is rarely seen; no free-threaded interpreter ran it (install python3.14t or name one with --python)");
    }

    private static string Name(InterpreterRun run) => run.RanFreeThreaded ? $"{run.Interpreter.Name} (GIL off)" : run.Interpreter.Name;

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
