using System.Diagnostics;
using System.Text.Json;
using GilScan.Syntax;

// Front-end benchmark (issue 2's speed bar): parses the same files into ASTs with gilscan (decode,
// lex, parse, build) and with CPython's own ast.parse, in the same run, and prints both rates and
// their ratio. Usage: dotnet run -c Release --project bench/GilScan.FrontEndBench [-- --python P]
// [--files-from LIST] [--repeat N] [--jobs N]. Defaults: the CPython 3.13 standard library, 3 runs.
// With --shapes: long elif, call, attribute and operator chains instead (ShapeBench.cs).

if (args.Contains("--shapes"))
{
    ShapeBench.Run(args);
    return;
}

var options = BenchOptions.Parse(args);
var paths = options.FilesFrom is { } listing
    ? File.ReadAllLines(listing).Where(l => l.Length > 0).ToList()
    : Directory.EnumerateFiles(options.StandardLibrary, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
var sources = paths.Select(File.ReadAllBytes).ToArray();
long lines = sources.Sum(bytes => (long)bytes.AsSpan().Count((byte)'\n'));
Console.WriteLine($"files: {paths.Count}, lines: {lines:N0}, bytes: {sources.Sum(s => (long)s.Length):N0}");

// CPython first, so that the two runs do not share the machine.
var listFile = Path.GetTempFileName();
File.WriteAllLines(listFile, paths);
var cpython = RunCpython(options.Python, listFile, options.Repeat);
File.Delete(listFile);
Console.WriteLine($"CPython ast.parse (1 core):   {cpython.Best:F2} s best, {cpython.Median:F2} s median  -> {lines / cpython.Best:N0} lines/s");

// Warm-up: JIT and ANTLR's shared DFA cache, as in a long-running analysis of a real project.
ParseAll(sources, paths, options.Jobs);
foreach (var jobs in new[] { 1, options.Jobs }.Distinct())
{
    var times = new List<double>();
    int parsed = 0;
    for (var i = 0; i < options.Repeat; i++)
    {
        var watch = Stopwatch.StartNew();
        parsed = ParseAll(sources, paths, jobs);
        times.Add(watch.Elapsed.TotalSeconds);
    }
    times.Sort();
    var best = times[0];
    Console.WriteLine($"gilscan front end ({jobs} core{(jobs > 1 ? "s" : "")}): {best:F2} s best, {times[times.Count / 2]:F2} s median -> {lines / best:N0} lines/s, {parsed} files parsed; ratio to CPython: {best / cpython.Best:F2}");
}
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB");

static int ParseAll(byte[][] sources, List<string> paths, int jobs)
{
    var parsed = 0;
    Parallel.For(0, sources.Length, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
    {
        if (SyntaxTree.ParseBytes(paths[i], sources[i]).Tree is not null) Interlocked.Increment(ref parsed);
    });
    return parsed;
}

static (double Best, double Median) RunCpython(string python, string listing, int repeat)
{
    var script = Path.Combine(AppContext.BaseDirectory, "cpython_ast_parse.py");
    var start = new ProcessStartInfo(python) { ArgumentList = { script, listing, "--repeat", repeat.ToString() }, RedirectStandardOutput = true };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    using var json = JsonDocument.Parse(output);
    return (json.RootElement.GetProperty("best_seconds").GetDouble(), json.RootElement.GetProperty("median_seconds").GetDouble());
}

internal sealed record BenchOptions(string Python, string StandardLibrary, string? FilesFrom, int Repeat, int Jobs)
{
    public static BenchOptions Parse(string[] args)
    {
        string? python = null, filesFrom = null;
        int repeat = 3, jobs = Environment.ProcessorCount;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--python": python = args[++i]; break;
                case "--files-from": filesFrom = args[++i]; break;
                case "--repeat": repeat = int.Parse(args[++i]); break;
                case "--jobs": jobs = int.Parse(args[++i]); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        python ??= FindPython313() ?? throw new InvalidOperationException("CPython 3.13 not found; pass --python");
        var lib = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(python)!, "..", "lib", "python3.13"));
        return new BenchOptions(python, lib, filesFrom, repeat, jobs);
    }

    private static string? FindPython313()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidate = Path.Combine(home, ".pyenv", "versions", "3.13.0", "bin", "python3");
        return Environment.GetEnvironmentVariable("GILSCAN_PYTHON313") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : File.Exists(candidate) ? candidate : null;
    }
}
