using System.Collections.Immutable;
using GilScan.Confirmation.Measurements;
using GilScan.Confirmation.Results;

namespace GilScan.Confirmation.Verdicts;

/// <summary>
/// GIL101/GIL102. The reference is the first measured run with the GIL on (the project's interpreter
/// unless it failed). At k workers, with T its thread speedup and P its process speedup:
/// <list type="bullet">
/// <item>confirmed: T &lt; <see cref="ConfirmationThresholds.SerialisedBelow"/> while P, or a free-threaded
/// run's thread speedup, is &gt; <see cref="ConfirmationThresholds.ParallelAbove"/> (the work is parallel,
/// the threads are not: the GIL serialises them);</item>
/// <item>refuted: T ≥ <see cref="ConfirmationThresholds.ScalesAtLeast"/> and T ≥
/// <see cref="ConfirmationThresholds.ThreadShareOfProcess"/> × P (the threads run in parallel: the code
/// releases the GIL);</item>
/// <item>inconclusive otherwise, and whenever the deciding speedups spread too much over the repeats,
/// k sequential calls are too short to time, the sequential runs did not have a whole core (other work on
/// the machine), a speedup is impossibly above k, k is 1, or no run with the GIL on succeeded.</item>
/// </list>
/// </summary>
public static class ThreadWorkVerdict
{
    public static VerdictDecision Decide(ImmutableArray<InterpreterRun> runs, int k, ConfirmationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (k < 2)
        {
            return VerdictDecision.Inconclusive($"k is {k}: one worker has nothing to run in parallel with (pin to at least 2 cores)");
        }

        var reference = runs.FirstOrDefault(r => r.IsMeasured && r.GilEnabled == true && r.Threads?.AtK(k) is not null);
        if (reference is null)
        {
            var failed = runs.FirstOrDefault(r => !r.IsMeasured);
            return VerdictDecision.Inconclusive(failed?.Problem
                ?? (runs.IsEmpty ? "no interpreter was available" : "no interpreter with the GIL on was measured, so the finding cannot be checked"));
        }

        var at = reference.Threads!.AtK(k)!;
        var name = reference.Interpreter.Name;
        if (at.SequentialSeconds < thresholds.MinSequentialSeconds)
        {
            return VerdictDecision.Inconclusive(
                $"{k} calls took only {Figures.Milliseconds(at.SequentialSeconds * 1000)} under {name}, too short to time against thread and process start-up (at least {Figures.Milliseconds(thresholds.MinSequentialSeconds * 1000)}; give larger arguments or allow scale)");
        }

        if (at.SequentialCoreShare < thresholds.MinSequentialCoreShare)
        {
            return VerdictDecision.Inconclusive(
                $"the sequential runs under {name} had only {Figures.Percent(at.SequentialCoreShare)} of a core (at least {Figures.Percent(thresholds.MinSequentialCoreShare)} needed): other work on the machine took it, so the speedups are not comparable; rerun on a quiet machine");
        }

        var fastest = Math.Max(at.ThreadSpeedup, at.ProcessSpeedup);
        if (fastest > thresholds.MaxSpeedupPerWorker * k)
        {
            return VerdictDecision.Inconclusive(
                $"a speedup of {Figures.Speedup(fastest)} on {k} cores under {name} is more than {k} workers can give (limit {Figures.Speedup(thresholds.MaxSpeedupPerWorker * k)}): something slowed the sequential runs, so the speedups are not comparable; rerun on a quiet machine");
        }

        if (at.ThreadSpread > thresholds.MaxRelativeSpread)
        {
            return Noisy("thread", at.ThreadSpread, at.Repeats, name, thresholds);
        }

        var threads = at.ThreadSpeedup;
        var processes = at.ProcessSpeedup;
        var figures = $"on {k} cores under {name}: threads {Figures.Speedup(threads)}, processes {Figures.Speedup(processes)}";
        var freeThreaded = BestFreeThreaded(runs, k, thresholds);
        var freeText = freeThreaded is null ? "" : $", free-threaded threads {Figures.Speedup(freeThreaded.Value.Speedup)} ({freeThreaded.Value.Name})";

        if (threads < thresholds.SerialisedBelow)
        {
            var processesShowParallelism = processes > thresholds.ParallelAbove && at.ProcessSpread <= thresholds.MaxRelativeSpread;
            var freeThreadedShowsParallelism = freeThreaded?.Speedup > thresholds.ParallelAbove;
            if (processesShowParallelism || freeThreadedShowsParallelism)
            {
                return VerdictDecision.Confirmed(
                    $"{figures}{freeText}: the work runs in parallel but the threads do not, so it holds the GIL");
            }

            if (processes > thresholds.ParallelAbove)
            {
                return Noisy("process", at.ProcessSpread, at.Repeats, name, thresholds);
            }

            return VerdictDecision.Inconclusive(
                $"{figures}{freeText}: neither processes nor a free-threaded build went above {Figures.Speedup(thresholds.ParallelAbove)}, so the machine showed no spare cores to compare with (busy, or fewer free cores than k)");
        }

        if (threads >= thresholds.ScalesAtLeast && threads >= thresholds.ThreadShareOfProcess * processes)
        {
            return VerdictDecision.Refuted($"{figures}{freeText}: the threads run in parallel, so the code releases the GIL");
        }

        return VerdictDecision.Inconclusive(
            $"{figures}{freeText}: the threads overlap only partly (confirmed needs threads below {Figures.Speedup(thresholds.SerialisedBelow)}, refuted needs at least {Figures.Speedup(thresholds.ScalesAtLeast)} and {Figures.Percent(thresholds.ThreadShareOfProcess)} of the process speedup)");
    }

    private static (double Speedup, string Name)? BestFreeThreaded(ImmutableArray<InterpreterRun> runs, int k, ConfirmationThresholds thresholds) =>
        runs.Where(r => r.RanFreeThreaded)
            .Select(r => (Run: r, At: r.Threads?.AtK(k)))
            .Where(x => x.At is not null && x.At.ThreadSpread <= thresholds.MaxRelativeSpread && x.At.SequentialSeconds >= thresholds.MinSequentialSeconds
                && x.At.SequentialCoreShare >= thresholds.MinSequentialCoreShare)
            .Select(x => ((double Speedup, string Name)?)(x.At!.ThreadSpeedup, x.Run.Interpreter.Name))
            .MaxBy(x => x!.Value.Speedup);

    private static VerdictDecision Noisy(string what, double spread, int repeats, string name, ConfirmationThresholds thresholds) =>
        VerdictDecision.Inconclusive(
            $"the {what} speedups under {name} spread by {Figures.Percent(spread)} of their median over {repeats} repeats (limit {Figures.Percent(thresholds.MaxRelativeSpread)}): the machine is too noisy to decide; rerun on a quiet machine or with more repeats");
}
