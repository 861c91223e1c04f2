using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Harness;

/// <summary>
/// Writes the Python script that measures one target: a comment saying what it runs, <c>CONFIG</c> as a
/// Python literal (module, callable, arguments, cores, k, repeats), then our fixed harness code
/// (common.py and one measurement body, embedded in this assembly). The same text for the same target and
/// settings, so a kept harness can be diffed and rerun by hand.
/// </summary>
public static class HarnessScript
{
    /// <summary>Extra seconds the harness's own watchdog allows beyond gilscan's timeout before ending itself.</summary>
    private const int WatchdogGraceSeconds = 10;

    public static string Generate(ConfirmationTarget target, CoreSet cores, ImmutableArray<int> levels)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cores);
        var settings = target.Settings;
        var config = new List<KeyValuePair<PythonValue, PythonValue>>
        {
            Entry("module", target.Module),
            Entry("function", target.Function),
            Entry("args", PythonValue.Tuple(target.Arguments)),
            Entry("kwargs", PythonValue.Dictionary(target.KeywordArguments.Select(kv => KeyValuePair.Create<PythonValue, PythonValue>(kv.Key, kv.Value)))),
            Entry("scale", target.Scale.ToHarnessValue()),
            Entry("targetCallSeconds", settings.TargetCallSeconds),
            Entry("levels", PythonValue.List(levels.Select(k => (PythonValue)k))),
            Entry("repeat", settings.Repeat),
            Entry("cores", PythonValue.List(cores.Cores.Select(c => (PythonValue)c))),
            Entry("searchPaths", PythonValue.List(target.ResolveSearchPaths().Select(p => (PythonValue)p))),
            Entry("heartbeatSeconds", settings.HeartbeatMs / 1000.0),
            Entry("watchdogSeconds", (long)Math.Ceiling(settings.Timeout.TotalSeconds) + WatchdogGraceSeconds),
        };

        if (target.State is { } state)
        {
            config.Add(Entry("state", PythonValue.Dictionary(new[]
            {
                Entry("kind", state.Kind),
                Entry("module", state.Module is null ? PythonValue.None : state.Module),
                Entry("path", state.Path),
                Entry("items", state.Items),
            })));
        }

        var text = new StringBuilder();
        text.Append("# gilscan confirmation harness (generated): ").Append(Describe(target.Kind)).Append('\n');
        text.Append("# It runs project code: ").Append(target.CallText).Append('\n');
        text.Append("# Rerun by hand with the same interpreter: python3 <this file>. It prints one JSON object.\n");
        text.Append("CONFIG = ").Append(PythonValue.Dictionary(config).ToPythonSource()).Append("\n\n");
        text.Append(Resource("harness/common.py")).Append('\n');
        text.Append(Resource(BodyOf(target.Kind)));
        return text.ToString();
    }

    internal static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The harness resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    private static string BodyOf(ConfirmationKind kind) => kind switch
    {
        ConfirmationKind.ThreadWork => "harness/thread_work.py",
        ConfirmationKind.CoroutineWork => "harness/coroutine_lag.py",
        ConfirmationKind.ImportProbe => "harness/import_probe.py",
        ConfirmationKind.LostUpdates => "harness/lost_updates.py",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Describe(ConfirmationKind kind) => kind switch
    {
        ConfirmationKind.ThreadWork => "GIL101/GIL102 thread work, 1 thread vs k threads vs k processes",
        ConfirmationKind.CoroutineWork => "GIL201 coroutine, event-loop lag against a heartbeat",
        ConfirmationKind.ImportProbe => "GIL401/GIL403 import probe under a free-threaded build",
        ConfirmationKind.LostUpdates => "GIL501 lost updates, k threads vs the same calls on one thread",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static KeyValuePair<PythonValue, PythonValue> Entry(string key, PythonValue value) => KeyValuePair.Create<PythonValue, PythonValue>(key, value);
}
