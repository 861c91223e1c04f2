using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Measurements;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Harness;

/// <summary>
/// Turns what a harness run produced into an <see cref="InterpreterRun"/>: figures from its JSON object,
/// or the reason it has none (timeout, crash, an exception in the target, output that is not ours).
/// </summary>
internal static class HarnessOutput
{
    public static InterpreterRun Read(InterpreterIdentity interpreter, ConfirmationTarget target, ProcessOutcome outcome)
    {
        var run = new InterpreterRun { Interpreter = interpreter, Status = RunStatus.Failed, Elapsed = outcome.Elapsed };
        switch (outcome.End)
        {
            case ProcessEnd.FailedToStart:
                return run with { Problem = $"{interpreter.Name} could not be started: {outcome.StartError}" };
            case ProcessEnd.TimedOut:
                return run with
                {
                    Status = RunStatus.TimedOut,
                    Problem = $"the measurement under {interpreter.Name} did not finish within {Seconds(target.Settings.Timeout.TotalSeconds)} and was killed with its process group",
                };
            case ProcessEnd.Cancelled:
                return run with { Problem = $"the measurement under {interpreter.Name} was cancelled" };
        }

        if (!TryParseLastObject(outcome.StandardOutput, out var document))
        {
            var tail = outcome.ErrorTail();
            return run with
            {
                Problem = $"the harness under {interpreter.Name} exited with code {outcome.ExitCode} without a result" + (tail.Length > 0 ? $": {tail}" : ""),
            };
        }

        using (document)
        {
            var root = document!.RootElement;
            bool? gil = root.TryGetProperty("gilEnabled", out var g) && g.ValueKind is JsonValueKind.True or JsonValueKind.False ? g.GetBoolean() : null;
            if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
            {
                var stage = Text(root, "stage") ?? "harness";
                var error = OneLine(Text(root, "error") ?? "unknown error");
                return run with { GilEnabled = gil, Problem = $"{DescribeStage(stage, target)} failed under {interpreter.Name}: {error}" };
            }

            try
            {
                run = run with { Status = RunStatus.Measured, GilEnabled = gil };
                return target.Kind switch
                {
                    ConfirmationKind.ThreadWork => run with { Threads = ReadThreadWork(root) },
                    ConfirmationKind.CoroutineWork => run with { Coroutine = ReadCoroutine(root, target.Settings.LatencyBudgetMs) },
                    ConfirmationKind.ImportProbe => run with { Import = ReadImportProbe(root) },
                    ConfirmationKind.LostUpdates => run with { LostUpdates = ReadLostUpdates(root) },
                    _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, null),
                };
            }
            catch (Exception error) when (error is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                return run with { Status = RunStatus.Failed, Problem = $"the harness under {interpreter.Name} printed a result gilscan cannot read: {error.Message}" };
            }
        }
    }

    private static ThreadWorkFigures ReadThreadWork(JsonElement root)
    {
        var levels = ImmutableArray.CreateBuilder<SpeedupFigures>();
        foreach (var level in root.GetProperty("levels").EnumerateArray())
        {
            var repeats = level.GetProperty("repeats").EnumerateArray().Select(r => new
            {
                Sequential = r.GetProperty("sequential").GetDouble(),
                SequentialCpu = r.GetProperty("sequentialCpu").GetDouble(),
                Threads = r.GetProperty("threads"),
                Processes = r.GetProperty("processes"),
            }).ToList();
            if (repeats.Count == 0)
            {
                throw new InvalidOperationException("a level without repeats");
            }

            var threadRatios = repeats.Select(r => Ratio(r.Sequential, r.Threads.GetProperty("window").GetDouble())).ToList();
            var processRatios = repeats.Select(r => Ratio(r.Sequential, r.Processes.GetProperty("window").GetDouble())).ToList();
            levels.Add(new SpeedupFigures
            {
                K = level.GetProperty("k").GetInt32(),
                Repeats = repeats.Count,
                SequentialSeconds = Statistics.Median(repeats.Select(r => r.Sequential).ToList()),
                ThreadSeconds = Statistics.Median(repeats.Select(r => r.Threads.GetProperty("window").GetDouble()).ToList()),
                ProcessSeconds = Statistics.Median(repeats.Select(r => r.Processes.GetProperty("window").GetDouble()).ToList()),
                ThreadSpeedup = Statistics.Median(threadRatios),
                ProcessSpeedup = Statistics.Median(processRatios),
                ThreadSpread = Statistics.RelativeSpread(threadRatios),
                ProcessSpread = Statistics.RelativeSpread(processRatios),
                ThreadStartupSeconds = Statistics.Median(repeats.Select(r => r.Threads.GetProperty("startup").GetDouble()).ToList()),
                ProcessStartupSeconds = Statistics.Median(repeats.Select(r => r.Processes.GetProperty("startup").GetDouble()).ToList()),
                ProcessTransferSeconds = Statistics.Median(repeats.Select(r => r.Processes.GetProperty("transfer").GetDouble()).ToList()),
                ResultBytes = repeats.Max(r => r.Processes.GetProperty("resultBytes").GetInt64()),
                SequentialCoreShare = Statistics.Median(repeats.Select(r => Ratio(r.SequentialCpu, r.Sequential)).ToList()),
                ThreadCoresBusy = Statistics.Median(repeats.Select(r => Ratio(r.Threads.GetProperty("cpu").GetDouble(), r.Threads.GetProperty("wall").GetDouble())).ToList()),
                ProcessCoresBusy = repeats.All(r => r.Processes.GetProperty("cpu").ValueKind == JsonValueKind.Number)
                    ? Statistics.Median(repeats.Select(r => Ratio(r.Processes.GetProperty("cpu").GetDouble(), r.Processes.GetProperty("wall").GetDouble())).ToList())
                    : null,
            });
        }

        return new ThreadWorkFigures
        {
            Levels = levels.ToImmutable(),
            ScaleFactor = root.GetProperty("scaleFactor").GetDouble(),
            WarmUpSeconds = root.GetProperty("warmUpSeconds").GetDouble(),
            Pinning = Text(root, "pinning") ?? "",
            StartMethod = Text(root, "startMethod") ?? "",
        };
    }

    private static CoroutineFigures ReadCoroutine(JsonElement root, double budgetMs)
    {
        var repeats = root.GetProperty("repeats").EnumerateArray().Select(r => new
        {
            Run = r.GetProperty("runSeconds").GetDouble(),
            Target = Ticks(r.GetProperty("withTarget")),
            Baseline = Ticks(r.GetProperty("baseline")),
        }).ToList();
        if (repeats.Count == 0)
        {
            throw new InvalidOperationException("no repeats");
        }

        var worst = repeats.Select(r => r.Target.Own.DefaultIfEmpty(0).Max()).ToList();
        return new CoroutineFigures
        {
            Repeats = repeats.Count,
            WorstLagMs = worst.Max(),
            TypicalWorstLagMs = Statistics.Median(worst),
            P99LagMs = Statistics.Quantile(repeats.SelectMany(r => r.Target.Own).DefaultIfEmpty(0).ToList(), 0.99),
            RepeatsOverBudget = worst.Count(w => w > budgetMs),
            BaselineWorstLagMs = Statistics.Median(repeats.Select(r => r.Baseline.Own.DefaultIfEmpty(0).Max()).ToList()),
            RunSeconds = Statistics.Median(repeats.Select(r => r.Run).ToList()),
            HeartbeatMs = root.GetProperty("heartbeatMs").GetDouble(),
            BudgetMs = budgetMs,
            WallWorstLagMs = repeats.SelectMany(r => r.Target.Wall).DefaultIfEmpty(0).Max(),
            RunQueueAccounted = repeats.All(r => r.Target.Accounted && r.Baseline.Accounted),
        };
    }

    /// <summary>One stretch of heartbeat ticks: wall-clock lags, and the lags left once run-queue waits are taken off.</summary>
    private static (List<double> Wall, List<double> Own, bool Accounted) Ticks(JsonElement ticks)
    {
        var wall = ticks.GetProperty("lagsMs").EnumerateArray().Select(l => l.GetDouble()).ToList();
        var waits = ticks.GetProperty("waitsMs");
        if (waits.ValueKind != JsonValueKind.Array || waits.GetArrayLength() != wall.Count)
        {
            return (wall, wall, false);
        }

        var own = wall.Zip(waits.EnumerateArray().Select(w => w.GetDouble()), (lag, wait) => Math.Max(0, lag - wait)).ToList();
        return (wall, own, true);
    }

    private static ImportProbeFigures ReadImportProbe(JsonElement root) => new()
    {
        GilEnabledBefore = root.GetProperty("gilEnabledBefore").GetBoolean(),
        GilEnabledAfter = root.GetProperty("gilEnabled").GetBoolean(),
        RuntimeWarnings = [.. root.GetProperty("runtimeWarnings").EnumerateArray().Select(w => w.GetString() ?? "")],
    };

    private static LostUpdateFigures ReadLostUpdates(JsonElement root)
    {
        var repeats = root.GetProperty("repeats").EnumerateArray()
            .Select(r => new LostUpdateRepeat(r.GetProperty("expected").GetDouble(), r.GetProperty("got").GetDouble())).ToImmutableArray();
        if (repeats.IsEmpty)
        {
            throw new InvalidOperationException("no repeats");
        }

        return new LostUpdateFigures { K = root.GetProperty("k").GetInt32(), CallsPerThread = root.GetProperty("callsPerThread").GetInt64(), Repeats = repeats };
    }

    private static bool TryParseLastObject(string output, out JsonDocument? document)
    {
        document = null;
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null || !line.StartsWith('{'))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
            document = null;
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// An exception message as one line for a reason sentence. Some are essays (NumPy's ImportError is 20
    /// lines of advice): then the first line and the last, where the cause usually is.
    /// </summary>
    internal static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length <= 2)
        {
            return string.Join(" ", lines);
        }

        // "ImportError:" alone on the first line: its text starts on the next.
        var head = lines[0].EndsWith(':') ? $"{lines[0]} {lines[1]}" : lines[0];
        return lines.Length == 3 && head.EndsWith(lines[1], StringComparison.Ordinal) ? $"{head} {lines[2]}" : $"{head} ... {lines[^1]}";
    }

    private static double Ratio(double sequential, double parallel) => parallel > 0 ? sequential / parallel : 0;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string DescribeStage(string stage, ConfirmationTarget target) => stage switch
    {
        "import" when target.Kind == ConfirmationKind.ImportProbe => $"importing '{target.Module}'",
        "import" => $"importing '{target.Key}'",
        "pin" => "pinning to the target cores",
        "sequential" or "warm-up" or "calibrate" => $"calling {target.CallText}",
        "threads" => $"calling {target.CallText} on threads",
        "processes" => $"calling {target.CallText} in worker processes",
        "coroutine" => $"running {target.CallText} in an event loop",
        _ => "the harness",
    };

    internal static string Seconds(double seconds) =>
        seconds >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s") : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0} ms");
}
