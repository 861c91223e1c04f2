using System.Collections.Immutable;
using GilScan.Confirmation.Results;

namespace GilScan.Confirmation.Verdicts;

/// <summary>
/// GIL401/GIL403, over the free-threaded interpreters that ran the probe: confirmed when importing the
/// module turned the GIL on in any of them; refuted when it stayed off in every one that imported it;
/// inconclusive when there was no free-threaded interpreter or no import succeeded.
/// </summary>
public static class ImportProbeVerdict
{
    public static VerdictDecision Decide(string module, ImmutableArray<InterpreterRun> runs)
    {
        if (runs.IsEmpty)
        {
            return VerdictDecision.Inconclusive(
                "no free-threaded interpreter was found (python3.13t, python3.14t on PATH); name one with --python to probe the import");
        }

        var turnedOn = runs.FirstOrDefault(r => r.IsMeasured && r.Import!.ImportEnabledTheGil);
        if (turnedOn is not null)
        {
            var warning = turnedOn.Import!.RuntimeWarnings.FirstOrDefault(w => w.Contains("GIL", StringComparison.Ordinal));
            return VerdictDecision.Confirmed(
                $"importing '{module}' under {turnedOn.Interpreter.Name} turned the GIL on" + (warning is null ? "" : $" (\"{warning}\")"));
        }

        var stayedOff = runs.Where(r => r.IsMeasured && !r.Import!.GilEnabledAfter).ToList();
        if (stayedOff.Count > 0 && stayedOff.Count == runs.Length)
        {
            return VerdictDecision.Refuted(
                $"importing '{module}' left the GIL off under {string.Join(", ", stayedOff.Select(r => r.Interpreter.Name))}");
        }

        var failed = runs.FirstOrDefault(r => !r.IsMeasured);
        return VerdictDecision.Inconclusive(failed?.Problem ?? $"the GIL was already on before '{module}' was imported");
    }
}
