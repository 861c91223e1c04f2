using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

// Issue 3's bar: `gilscan check` with the four thread and asyncio rules over the CPython 3.13 standard
// library, against CPython's own ast.parse over the same files, in the same run. Prints both times,
// their ratio (target <= 1.5), gilscan's peak resident memory (target < 2 GB, measured by GNU time),
// and the findings with counts per rule, so that every one can be reviewed.
// Usage: dotnet run -c Release --project bench/GilScan.RulesBench [-- --python P] [--runs N] [--jobs N] [--gilscan PATH]
// --gilscan times another build: a gilscan.dll (run with dotnet) or the native binary of the wheel.

var python = Option("--python") ?? Environment.GetEnvironmentVariable("GILSCAN_PYTHON313")
    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions", "3.13.0", "bin", "python3");
var runs = int.Parse(Option("--runs") ?? "3", CultureInfo.InvariantCulture);
var jobs = Option("--jobs") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
var stdlib = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(python)!, "..", "lib", "python3.13"));
var gilscan = Path.GetFullPath(Option("--gilscan") ?? Path.Combine(AppContext.BaseDirectory, "gilscan.dll"));
string[] command = gilscan.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", gilscan] : [gilscan];
const string Rules = "GIL101,GIL102,GIL201,GIL202";

var work = Directory.CreateTempSubdirectory("gilscan-rulesbench-").FullName;
try
{
    // Every .py file of the tree, site-packages included, for both tools.
    var files = Directory.GetFiles(stdlib, "*.py", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
    var listing = Path.Combine(work, "files.txt");
    File.WriteAllLines(listing, files);
    var config = Path.Combine(work, "bench.toml");
    File.WriteAllText(config, "exclude = []\n");
    Console.WriteLine($"standard library: {stdlib} ({files.Count} files); machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");

    var cpython = RunCpython(python, listing, runs);
    Console.WriteLine($"CPython ast.parse, 1 process: best {cpython.Best:F2} s, median {cpython.Median:F2} s");

    var output = Path.Combine(work, "findings.json");
    var times = new List<double>();
    var peaks = new List<double>();
    Run(["check", stdlib, "--config", config, "--no-cache", "--select", Rules, "--format", "json", "--output", output, "--exit-zero", "--jobs", jobs]); // warm-up: OS file cache
    for (var i = 0; i < runs; i++)
    {
        var (seconds, peakMb) = Run(["check", stdlib, "--config", config, "--no-cache", "--select", Rules, "--format", "json", "--output", output, "--exit-zero", "--jobs", jobs]);
        times.Add(seconds);
        peaks.Add(peakMb);
    }

    times.Sort();
    var best = times[0];
    var median = times[times.Count / 2];
    Console.WriteLine($"gilscan check --select {Rules} --no-cache --jobs {jobs} ({string.Join(' ', command)}, a separate process, start-up included): best {best:F2} s, median {median:F2} s");
    Console.WriteLine($"ratio to CPython ast.parse: best {best / cpython.Best:F2}, median {median / cpython.Median:F2} (target <= 1.5) -> {(median / cpython.Median <= 1.5 ? "PASS" : "FAIL")}");
    Console.WriteLine($"peak resident memory: {peaks.Max():N0} MB (target < 2048 MB) -> {(peaks.Max() < 2048 ? "PASS" : "FAIL")}");

    using var report = JsonDocument.Parse(File.ReadAllBytes(output));
    var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
    foreach (var group in findings.GroupBy(f => f.GetProperty("rule").GetString()).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"{group.Key}: {group.Count()}");
    }

    foreach (var f in findings)
    {
        Console.WriteLine($"  {f.GetProperty("path").GetString()}:{f.GetProperty("start").GetProperty("line").GetInt32()} {f.GetProperty("rule").GetString()} [{f.GetProperty("confidence").GetString()}] {f.GetProperty("message").GetString()}");
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

(double Seconds, double PeakMb) Run(string[] arguments)
{
    // GNU time reports the peak resident set of the process tree's largest member (%M, KiB).
    var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
    foreach (var a in (string[])["-f", "gilscan-peak-kib %M", .. command, .. arguments]) start.ArgumentList.Add(a);
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    var errors = process.StandardError.ReadToEnd();
    process.WaitForExit();
    var elapsed = clock.Elapsed.TotalSeconds;
    var peak = errors.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("gilscan-peak-kib ", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("GNU time printed no peak: " + errors);
    if (process.ExitCode != 0) throw new InvalidOperationException($"gilscan exited with {process.ExitCode}: {errors}");
    return (elapsed, double.Parse(peak["gilscan-peak-kib ".Length..], CultureInfo.InvariantCulture) / 1024);
}

static (double Best, double Median) RunCpython(string python, string listing, int repeat)
{
    var start = new ProcessStartInfo(python) { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "cpython_ast_parse.py"), listing, "--repeat", repeat.ToString(CultureInfo.InvariantCulture) }, RedirectStandardOutput = true };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    using var json = JsonDocument.Parse(output);
    return (json.RootElement.GetProperty("best_seconds").GetDouble(), json.RootElement.GetProperty("median_seconds").GetDouble());
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
