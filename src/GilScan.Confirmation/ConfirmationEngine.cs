using System.Collections.Immutable;
using System.Text;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Harness;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation;

/// <summary>
/// Confirms one target at a time: writes its harness, runs it under each interpreter that applies (one
/// process group each, under the timeout, one after the other so that they do not compete for the
/// cores), reads the figures and decides the verdict. Nothing that happens in Python, and nothing gilscan
/// cannot foresee, escapes as an exception: it becomes an inconclusive result with its reason.
/// Measurements are never cached: each call runs the code again.
/// </summary>
public sealed class ConfirmationEngine(ProcessGroupRunner runner)
{
    public async Task<ConfirmationResult> ConfirmAsync(
        ConfirmationTarget target, IReadOnlyList<InterpreterIdentity> interpreters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(interpreters);
        var problems = target.Problems();
        if (problems.Count > 0)
        {
            return ConfirmationResult.Unmeasured(target, string.Join(" ", problems));
        }

        HarnessFile? harness = null;
        try
        {
            var cores = target.Settings.ResolveCores();
            // Lost updates need two threads at least, whatever the cores: one core still interleaves them.
            var k = target.Kind == ConfirmationKind.LostUpdates ? Math.Max(2, target.Settings.K ?? cores.Count) : target.Settings.K ?? cores.Count;
            // The lost-update harness runs k threads only (levels[-1]); it draws no chart over levels.
            var levels = target.Kind == ConfirmationKind.LostUpdates ? [k] : target.Settings.ResolveLevels(k);
            var script = HarnessScript.Generate(target, cores, levels);
            harness = HarnessFiles.Write(target, script);

            var runs = ImmutableArray.CreateBuilder<InterpreterRun>();
            foreach (var interpreter in Applicable(target.Kind, interpreters))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await runner.RunAsync(new ProcessRequest
                {
                    FileName = interpreter.Command,
                    Arguments = [harness.Path],
                    WorkingDirectory = Path.GetFullPath(target.ProjectRoot),
                    Environment = HarnessEnvironment.For(target.Kind),
                    Timeout = target.Settings.Timeout,
                }, cancellationToken);
                runs.Add(HarnessOutput.Read(interpreter, target, outcome));
            }

            var measured = runs.ToImmutable();
            var decision = target.Kind switch
            {
                ConfirmationKind.ThreadWork => ThreadWorkVerdict.Decide(measured, k, target.Settings.Thresholds),
                ConfirmationKind.CoroutineWork => CoroutineVerdict.Decide(measured, target.Settings.Thresholds),
                ConfirmationKind.ImportProbe => ImportProbeVerdict.Decide(target.Module, measured),
                ConfirmationKind.LostUpdates => LostUpdateVerdict.Decide(target.State!.Display, measured),
                _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, null),
            };
            return new ConfirmationResult
            {
                Target = target,
                Verdict = decision.Verdict,
                Reason = decision.Reason,
                K = k,
                Cores = cores,
                Runs = measured,
                HarnessPath = target.Settings.KeepHarness ? harness.Path : null,
            };
        }
        catch (OperationCanceledException)
        {
            return ConfirmationResult.Unmeasured(target, "the confirmation was cancelled");
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The promise is "never a crash of gilscan": a bug of ours becomes a stated reason, not a stack trace.
            return ConfirmationResult.Unmeasured(target, $"gilscan could not run the measurement: {error.Message}");
        }
        finally
        {
            if (harness is not null && !target.Settings.KeepHarness)
            {
                HarnessFiles.Delete(harness);
            }
        }
    }

    /// <summary>
    /// Thread work runs under every interpreter (the chart compares them); a coroutine's lag does not
    /// depend on the GIL, so only the project's interpreter; an import probe only means something on a
    /// free-threaded build.
    /// </summary>
    private static IEnumerable<InterpreterIdentity> Applicable(ConfirmationKind kind, IReadOnlyList<InterpreterIdentity> interpreters) => kind switch
    {
        ConfirmationKind.ThreadWork => interpreters,

        // Free-threaded builds first: they show the race; a GIL build shows how rarely users see it today.
        ConfirmationKind.LostUpdates => interpreters.OrderBy(i => i.GilDisabledBuild ? 0 : 1),
        ConfirmationKind.CoroutineWork => interpreters.Take(1),
        ConfirmationKind.ImportProbe => interpreters.Where(i => i.GilDisabledBuild),
        _ => [],
    };
}
