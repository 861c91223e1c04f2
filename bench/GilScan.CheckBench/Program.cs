using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

// `gilscan check` benchmark (issue 4's bar): over the CPython 3.13 standard library, runs gilscan as a
// separate process cold (empty cache) and then cached (same inputs), and prints both times and their
// ratio (target: cached <= 15% of cold). Also checks that the cached SARIF is byte-identical to the
// cold one and to a --jobs 1 run, that changing one file changes exactly that file's results, and
// that both SARIF validators accept the output.
// Usage: dotnet run -c Release --project bench/GilScan.CheckBench [-- --stdlib DIR] [--runs N] [--jobs N] [--skip-validate]

var options = BenchOptions.Parse(args);
var gilscan = Path.Combine(AppContext.BaseDirectory, "gilscan.dll");
var work = Directory.CreateTempSubdirectory("gilscan-checkbench-").FullName;
try
{
    // The whole tree, site-packages (pip) and venv included: the 2,137 files of the brief.
    var config = Path.Combine(work, "bench.toml");
    File.WriteAllText(config, "exclude = []\n");
    var cache = Path.Combine(work, "cache");
    string[] Check(string output, int jobs, params string[] extra) =>
        ["check", options.StandardLibrary, "--config", config, "--cache-dir", cache, "--format", "sarif", "--output", output, "--exit-zero", "--jobs", jobs.ToString(CultureInfo.InvariantCulture), .. extra];

    Console.WriteLine($"gilscan: {gilscan}");
    Console.WriteLine($"standard library: {options.StandardLibrary}");

    // Untimed: fills the OS file cache, and its JSON summary counts the files.
    var warmup = Path.Combine(work, "warmup.json");
    Run(gilscan, work, ["check", options.StandardLibrary, "--config", config, "--no-cache", "--format", "json", "--output", warmup, "--exit-zero"]);

    var colds = new List<double>();
    var warms = new List<double>();
    for (var i = 0; i < options.Runs; i++)
    {
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }

        colds.Add(Run(gilscan, work, Check(Path.Combine(work, "cold.sarif"), options.Jobs)));
        warms.Add(Run(gilscan, work, Check(Path.Combine(work, "cached.sarif"), options.Jobs)));
    }

    var cold = Median(colds);
    var warm = Median(warms);
    var ratio = warm / cold;
    var summary = Summarise(warmup, Path.Combine(work, "cold.sarif"));
    Console.WriteLine($"files: {summary.Files}, SARIF results: {summary.Results}, notifications: {summary.Notifications}");
    Console.WriteLine($"cold run:   {cold:F2} s (median of {colds.Count}: {string.Join(", ", colds.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))})");
    Console.WriteLine($"cached run: {warm:F2} s (median of {warms.Count}: {string.Join(", ", warms.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))})");
    Console.WriteLine($"cached / cold: {ratio:P1} (target <= 15%) -> {(ratio <= 0.15 ? "PASS" : "FAIL")}");

    var failures = new List<string>();
    if (ratio > 0.15)
    {
        failures.Add("the cached run takes more than 15% of the cold run");
    }

    Same(Path.Combine(work, "cold.sarif"), Path.Combine(work, "cached.sarif"), "cached SARIF == cold SARIF", failures);
    var otherJobs = options.Jobs == 1 ? 2 : 1;
    Run(gilscan, work, Check(Path.Combine(work, "jobs.sarif"), otherJobs, "--no-cache"));
    Same(Path.Combine(work, "cold.sarif"), Path.Combine(work, "jobs.sarif"), $"--jobs {options.Jobs} SARIF == --jobs {otherJobs} SARIF", failures);
    Run(gilscan, work, Check(Path.Combine(work, "github.sarif"), options.Jobs, "--no-cache", "--github"));

    OneFileChanged(gilscan, options, work, failures);

    if (!options.SkipValidate)
    {
        var validate = Path.Combine(RepositoryRoot(), "tools", "sarif-validate", "validate.sh");
        var start = new ProcessStartInfo("bash") { ArgumentList = { validate, Path.Combine(work, "cold.sarif"), Path.Combine(work, "github.sarif") } };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Console.WriteLine($"validators (GitHub schema gate + SARIF Multitool) on the IDE and GitHub SARIF: {(process.ExitCode == 0 ? "PASS" : $"FAIL (exit {process.ExitCode})")}");
        if (process.ExitCode != 0)
        {
            failures.Add("a SARIF validator failed");
        }
    }

    Console.WriteLine(failures.Count == 0 ? "all checks passed" : "FAILED: " + string.Join("; ", failures));
    return failures.Count == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

// Copies the library next to the config (so paths start with stdlib-copy/), fills the cache, breaks
// one file and checks that exactly its results change.
static void OneFileChanged(string gilscan, BenchOptions options, string work, List<string> failures)
{
    var copy = Path.Combine(work, "stdlib-copy");
    foreach (var file in Directory.EnumerateFiles(options.StandardLibrary, "*.py", SearchOption.AllDirectories))
    {
        var target = Path.Combine(copy, Path.GetRelativePath(options.StandardLibrary, file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target);
    }

    var config = Path.Combine(work, "bench.toml");
    var cache = Path.Combine(work, "copy-cache");
    string[] Check(string output) => ["check", copy, "--config", config, "--cache-dir", cache, "--format", "json", "--output", output, "--exit-zero"];
    Run(gilscan, work, Check(Path.Combine(work, "before.json")));
    Run(gilscan, work, Check(Path.Combine(work, "before-cached.json")));
    File.AppendAllText(Path.Combine(copy, "json", "encoder.py"), "\ndef broken(:\n");
    var seconds = Run(gilscan, work, Check(Path.Combine(work, "after.json")));

    var before = Findings(Path.Combine(work, "before.json"));
    var after = Findings(Path.Combine(work, "after.json"));
    var added = after.Except(before).ToList();
    var removed = before.Except(after).ToList();
    var ok = removed.Count == 0 && added.Count == 1 && added[0].StartsWith("stdlib-copy/json/encoder.py GIL001", StringComparison.Ordinal);
    Console.WriteLine($"one file changed (json/encoder.py): re-run {seconds:F2} s, findings added {added.Count} ({string.Join(", ", added)}), removed {removed.Count} -> {(ok ? "PASS" : "FAIL")}");
    if (!ok)
    {
        failures.Add("changing one file changed more (or less) than its own results");
    }
}

static List<string> Findings(string jsonPath)
{
    using var json = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
    return [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(f =>
        $"{f.GetProperty("path").GetString()} {f.GetProperty("rule").GetString()} {f.GetProperty("start").GetProperty("line").GetInt32()} {f.GetProperty("message").GetString()}")];
}

static (int Files, int Results, int Notifications) Summarise(string jsonPath, string sarifPath)
{
    using var report = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
    using var sarif = JsonDocument.Parse(File.ReadAllBytes(sarifPath));
    var run = sarif.RootElement.GetProperty("runs")[0];
    var notifications = run.GetProperty("invocations")[0].TryGetProperty("toolExecutionNotifications", out var n) ? n.GetArrayLength() : 0;
    return (report.RootElement.GetProperty("summary").GetProperty("files").GetInt32(), run.GetProperty("results").GetArrayLength(), notifications);
}

static void Same(string first, string second, string what, List<string> failures)
{
    var same = File.ReadAllBytes(first).AsSpan().SequenceEqual(File.ReadAllBytes(second));
    Console.WriteLine($"{what}: {(same ? "PASS (byte-identical)" : "FAIL")}");
    if (!same)
    {
        failures.Add(what + " differs");
    }
}

// Runs gilscan as its own process; returns the wall time in seconds.
static double Run(string gilscan, string workingDirectory, string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
    start.ArgumentList.Add(gilscan);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["CI"] = "true";
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    var seconds = clock.Elapsed.TotalSeconds;
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"gilscan {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }

    return seconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("no Analyzer.sln above the bench");
}
