// The canonical confirmation demo (issue 7's bar): the pure-Python loop and the NumPy variant from
// fixtures/confirm/demo, confirmed N times in a row with the default settings (repeat 5, every allowed
// core, k = number of cores). Prints each run's figures and whether the bar holds:
//   loop: thread speedup < 1.25 and process speedup > 1.5; NumPy: refuted; in at least 4 of 5 runs;
//   and, when a free-threaded CPython took part, the loop's thread speedup under it (> 1.5 expected).
//
//   dotnet run -c Release --project bench/GilScan.ConfirmDemo -- [--runs 5] [--python /usr/bin/python3]...
//
// The project interpreter (first --python, default /usr/bin/python3) needs NumPy; pypy3, python3.13t
// and python3.14t on PATH join in. Run it on a quiet machine: other jobs on the cores make runs inconclusive.

using System.Globalization;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

var runs = 5;
var named = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs" when i + 1 < args.Length:
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--python" when i + 1 < args.Length:
            named.Add(args[++i]);
            break;
        default:
            Console.Error.WriteLine($"usage: GilScan.ConfirmDemo [--runs N] [--python PATH]...   (unknown '{args[i]}')");
            return 2;
    }
}

var project = FindDemoProject();
var runner = new ProcessGroupRunner();
var found = await new InterpreterDiscovery(runner).DiscoverAsync(new DiscoveryRequest
{
    ProjectRoot = project,
    Named = named.Count > 0 ? [.. named] : ["/usr/bin/python3"],
});
foreach (var problem in found.Problems)
{
    Console.Error.WriteLine("note: " + problem);
}

if (found.Interpreters.IsEmpty)
{
    Console.Error.WriteLine("No interpreter to run the demo with.");
    return 2;
}

var (overrides, configProblems) = ConfirmationOverrides.Parse(File.ReadAllText(Path.Combine(project, "pyproject.toml")));
if (!configProblems.IsEmpty)
{
    Console.Error.WriteLine(string.Join("\n", configProblems));
    return 2;
}

ConfirmationTarget Target(string module, string function) => new ConfirmationTarget
{
    ProjectRoot = project,
    Module = module,
    Function = function,
    Kind = ConfirmationKind.ThreadWork,
}.With(overrides[$"{module}:{function}"]);

var loop = Target("demo.cpu", "pure_loop");
var numpy = Target("demo.vectorised", "vectorised");
Console.WriteLine(ConfirmationWarning.Describe([loop, numpy], found.Interpreters));
Console.WriteLine($"load average before: {LoadAverage()}");
Console.WriteLine();

var engine = new ConfirmationEngine(runner);
var loopMet = 0;
var numpyMet = 0;
var freeThreaded = new List<double>();
for (var run = 1; run <= runs; run++)
{
    var loopResult = await engine.ConfirmAsync(loop, found.Interpreters);
    var numpyResult = await engine.ConfirmAsync(numpy, found.Interpreters);
    var at = Reference(loopResult);
    var loopOk = at is not null && at.ThreadSpeedup < 1.25 && at.ProcessSpeedup > 1.5;
    var numpyOk = numpyResult.Verdict == Verdict.Refuted;
    loopMet += loopOk ? 1 : 0;
    numpyMet += numpyOk ? 1 : 0;

    Console.WriteLine($"run {run} (load {LoadAverage()})");
    Print("  loop ", loopResult, loopOk);
    Print("  numpy", numpyResult, numpyOk);
    foreach (var ft in loopResult.Runs.Where(r => r.RanFreeThreaded && r.Threads?.AtK(loopResult.K) is not null))
    {
        freeThreaded.Add(ft.Threads!.AtK(loopResult.K)!.ThreadSpeedup);
    }
}

Console.WriteLine();
Console.WriteLine($"loop: thread < 1.25 and process > 1.5 in {loopMet} of {runs} runs; numpy refuted in {numpyMet} of {runs} runs");
if (freeThreaded.Count > 0)
{
    Console.WriteLine($"loop under a free-threaded build: thread speedups {string.Join(", ", freeThreaded.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}");
}
else
{
    Console.WriteLine("no free-threaded interpreter took part (name one with --python python3.13t)");
}

var bar = loopMet >= Math.Ceiling(runs * 0.8) && numpyMet >= Math.Ceiling(runs * 0.8);
Console.WriteLine(bar ? "BAR MET" : "BAR NOT MET");
return bar ? 0 : 1;

static Measure? Reference(ConfirmationResult result) =>
    result.Runs.FirstOrDefault(r => r.IsMeasured && r.GilEnabled == true)?.Threads?.AtK(result.K) is { } at
        ? new Measure(at.ThreadSpeedup, at.ProcessSpeedup)
        : null;

static void Print(string label, ConfirmationResult result, bool ok)
{
    Console.WriteLine($"{label}: {ConfirmationProperty(result.Verdict),-12} {(ok ? "meets" : "MISSES")} the bar: {result.Reason}");
    foreach (var run in result.Runs)
    {
        var at = run.Threads?.AtK(result.K);
        Console.WriteLine(at is null
            ? $"           {run.Interpreter.Name}: {run.Status} {run.Problem}"
            : string.Create(CultureInfo.InvariantCulture,
                $"           {run.Interpreter.Name} (GIL {(run.GilEnabled == true ? "on" : "off")}): sequential {at.SequentialSeconds:0.000} s, threads {at.ThreadSpeedup:0.00}x (spread {at.ThreadSpread:0.00}), processes {at.ProcessSpeedup:0.00}x (spread {at.ProcessSpread:0.00}), process start-up {at.ProcessStartupSeconds * 1000:0.0} ms, transfer {at.ProcessTransferSeconds * 1000:0.0} ms"));
    }
}

static string ConfirmationProperty(Verdict verdict) => GilScan.Confirmation.Reporting.ConfirmationProperty.VerdictName(verdict);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static string FindDemoProject()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        var candidate = Path.Combine(folder.FullName, "fixtures", "confirm", "demo");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("fixtures/confirm/demo not found above " + AppContext.BaseDirectory);
}

internal sealed record Measure(double ThreadSpeedup, double ProcessSpeedup);
