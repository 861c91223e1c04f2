using System.Text.Json;
using System.Text.Json.Nodes;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Measurements;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Reporting;

/// <summary>
/// The SARIF result property <c>gilscan/confirmation</c>: an object with <c>verdict</c>, <c>reason</c>,
/// <c>kind</c>, <c>target</c>, <c>k</c>, <c>cores</c>, <c>repeat</c>, <c>thresholds</c> and <c>runs</c>,
/// one entry per interpreter with <c>interpreter</c>, <c>gilEnabled</c> and its figures
/// (<c>threadSpeedup</c> and <c>processSpeedup</c> for thread work: sequential time / parallel time).
/// Keys are in ordinal order and numbers rounded to fixed decimals, so equal results serialise to equal bytes.
/// </summary>
public static class ConfirmationProperty
{
    /// <summary>The key in a diagnostic's property bag; SARIF writes it as <c>gilscan/confirmation</c>.</summary>
    public const string Name = "confirmation";

    public static JsonObject ToJson(ConfirmationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var thresholds = result.Target.Settings.Thresholds;
        var json = new SortedJson
        {
            ["verdict"] = VerdictName(result.Verdict),
            ["reason"] = result.Reason,
            ["kind"] = KindName(result.Target.Kind),
            ["target"] = result.Target.Key,
            ["k"] = result.K,
            ["cores"] = new JsonArray([.. (result.Cores?.Cores ?? []).Select(c => (JsonNode)c)]),
            ["repeat"] = result.Target.Settings.Repeat,
            ["runs"] = new JsonArray([.. result.Runs.Select(r => (JsonNode)Run(r, result.K).ToJson())]),
        };
        json["thresholds"] = result.Target.Kind switch
        {
            ConfirmationKind.ThreadWork => new SortedJson
            {
                ["serialisedBelow"] = thresholds.SerialisedBelow,
                ["parallelAbove"] = thresholds.ParallelAbove,
                ["scalesAtLeast"] = thresholds.ScalesAtLeast,
                ["threadShareOfProcess"] = thresholds.ThreadShareOfProcess,
                ["maxRelativeSpread"] = thresholds.MaxRelativeSpread,
                ["minSequentialSeconds"] = thresholds.MinSequentialSeconds,
                ["minSequentialCoreShare"] = thresholds.MinSequentialCoreShare,
                ["maxSpeedupPerWorker"] = thresholds.MaxSpeedupPerWorker,
            }.ToJson(),
            ConfirmationKind.CoroutineWork => new SortedJson
            {
                ["latencyBudgetMs"] = result.Target.Settings.LatencyBudgetMs,
                ["quietBaselineShareOfBudget"] = thresholds.QuietBaselineShareOfBudget,
            }.ToJson(),
            _ => new JsonObject(),
        };
        if (result.HarnessPath is not null)
        {
            json["harness"] = result.HarnessPath;
        }

        return json.ToJson();
    }

    /// <summary>
    /// The same object as a diagnostic property (<c>Properties[ConfirmationProperty.Name]</c>): objects
    /// become maps, arrays item lists, whole numbers integers and the rest reals, so SARIF and gilscan's
    /// JSON output write the figures <see cref="ToJson"/> writes.
    /// </summary>
    public static PropertyValue ToPropertyValue(ConfirmationResult result) => FromJson(ToJson(result));

    /// <summary>The canonical text: compact JSON, as golden files and SARIF compare it.</summary>
    public static string ToCanonicalString(ConfirmationResult result) =>
        ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => "confirmed",
        Verdict.Refuted => "refuted",
        Verdict.Inconclusive => "inconclusive",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string KindName(ConfirmationKind kind) => kind switch
    {
        ConfirmationKind.ThreadWork => "thread-work",
        ConfirmationKind.CoroutineWork => "coroutine",
        ConfirmationKind.ImportProbe => "import-probe",
        ConfirmationKind.LostUpdates => "lost-updates",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static SortedJson Run(InterpreterRun run, int k)
    {
        var json = new SortedJson
        {
            ["interpreter"] = run.Interpreter.Name,
            ["executable"] = run.Interpreter.Executable,
            ["implementation"] = run.Interpreter.Implementation,
            ["version"] = run.Interpreter.Version,
            ["freeThreadedBuild"] = run.Interpreter.GilDisabledBuild,
            ["status"] = run.Status switch
            {
                RunStatus.Measured => "measured",
                RunStatus.Failed => "failed",
                RunStatus.TimedOut => "timed-out",
                _ => throw new ArgumentOutOfRangeException(nameof(run), run.Status, null),
            },
        };
        if (run.GilEnabled is { } gil)
        {
            json["gilEnabled"] = gil;
        }

        if (run.Problem is not null)
        {
            json["problem"] = run.Problem;
        }

        if (run.Threads is { } threads)
        {
            if (threads.AtK(k) is { } at)
            {
                AddSpeedups(json, at);
            }

            json["scaleFactor"] = Round(threads.ScaleFactor, 6);
            json["warmUpSeconds"] = Round(threads.WarmUpSeconds, 6);
            json["pinning"] = threads.Pinning;
            json["startMethod"] = threads.StartMethod;
            json["levels"] = new JsonArray([.. threads.Levels.Select(level =>
            {
                var entry = new SortedJson { ["k"] = level.K };
                AddSpeedups(entry, level);
                return (JsonNode)entry.ToJson();
            })]);
        }

        if (run.Coroutine is { } lag)
        {
            json["worstLagMs"] = Round(lag.WorstLagMs, 3);
            json["typicalWorstLagMs"] = Round(lag.TypicalWorstLagMs, 3);
            json["p99LagMs"] = Round(lag.P99LagMs, 3);
            json["baselineWorstLagMs"] = Round(lag.BaselineWorstLagMs, 3);
            json["repeatsOverBudget"] = lag.RepeatsOverBudget;
            json["repeats"] = lag.Repeats;
            json["runSeconds"] = Round(lag.RunSeconds, 6);
            json["heartbeatMs"] = Round(lag.HeartbeatMs, 3);
            json["budgetMs"] = Round(lag.BudgetMs, 3);
            json["wallWorstLagMs"] = Round(lag.WallWorstLagMs, 3);
            json["runQueueAccounted"] = lag.RunQueueAccounted;
        }

        if (run.LostUpdates is { } lost)
        {
            json["k"] = lost.K;
            json["callsPerThread"] = lost.CallsPerThread;
            json["medianLostShare"] = Round(lost.MedianLostShare, 4);
            json["worstLostShare"] = Round(lost.WorstLostShare, 4);
            json["repeatsWithLoss"] = lost.RepeatsWithLoss;
            json["repeats"] = new JsonArray([.. lost.Repeats.Select(r => (JsonNode)new SortedJson { ["expected"] = r.Expected, ["got"] = r.Got }.ToJson())]);
        }

        if (run.Import is { } import)
        {
            json["gilEnabledBefore"] = import.GilEnabledBefore;
            json["runtimeWarnings"] = new JsonArray([.. import.RuntimeWarnings.Select(w => (JsonNode)w)]);
        }

        return json;
    }

    private static void AddSpeedups(SortedJson json, SpeedupFigures at)
    {
        json["threadSpeedup"] = Round(at.ThreadSpeedup, 3);
        json["processSpeedup"] = Round(at.ProcessSpeedup, 3);
        json["threadSpread"] = Round(at.ThreadSpread, 3);
        json["processSpread"] = Round(at.ProcessSpread, 3);
        json["sequentialSeconds"] = Round(at.SequentialSeconds, 6);
        json["threadSeconds"] = Round(at.ThreadSeconds, 6);
        json["processSeconds"] = Round(at.ProcessSeconds, 6);
        json["processStartupSeconds"] = Round(at.ProcessStartupSeconds, 6);
        json["processTransferSeconds"] = Round(at.ProcessTransferSeconds, 6);
        json["resultBytes"] = at.ResultBytes;
        json["sequentialCoreShare"] = Round(at.SequentialCoreShare, 3);
        json["threadCoresBusy"] = Round(at.ThreadCoresBusy, 3);
        if (at.ProcessCoresBusy is { } processCores)
        {
            json["processCoresBusy"] = Round(processCores, 3);
        }

        json["repeats"] = at.Repeats;
    }

    private static PropertyValue FromJson(JsonNode? node) => node switch
    {
        JsonObject json => PropertyValue.Dictionary(json.Select(member => KeyValuePair.Create(member.Key, FromJson(member.Value)))),
        JsonArray array => PropertyValue.Items(array.Select(FromJson)),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<int>(out var whole) => whole,
        JsonValue value when value.TryGetValue<long>(out var large) => large,
        JsonValue value when value.TryGetValue<double>(out var real) => real,
        _ => throw new ArgumentException($"The confirmation property has no property value for '{node?.ToJsonString() ?? "null"}'.", nameof(node)),
    };

    private static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.ToEven);

    /// <summary>Collects members, then builds the object with its keys in ordinal order.</summary>
    private sealed class SortedJson : IEnumerable<KeyValuePair<string, JsonNode?>>
    {
        private readonly SortedDictionary<string, JsonNode?> _members = new(StringComparer.Ordinal);

        public JsonNode? this[string key]
        {
            set => _members[key] = value;
        }

        public JsonObject ToJson() => new(_members.Select(m => KeyValuePair.Create(m.Key, m.Value)));

        public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => _members.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
