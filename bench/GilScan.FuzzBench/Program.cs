using System.Diagnostics;
using System.Globalization;
using GilScan.FuzzBench;

// Differential fuzzer (issue 16): mutates files of CPython 3.13's standard library (StdlibMutator),
// parses each with `gilscan ast` (a separate process, so that a crash or hang is caught and pinned
// to its file) and with CPython's ast.parse (tests/reference/ast_dump.py), and prints the agreement
// table: identical trees, differing trees, false rejects, false accepts, and where both reject,
// whether line, message and column agree; then crashes and the most common disagreements.
//
// Usage: dotnet run -c Release --project bench/GilScan.FuzzBench -- [--files N] [--seed S]
//        [--batch B] [--jobs J] [--python PYTHON313] [--keep DIR] [--first I]
// Defaults: 10,000 files, seed 1, batches of 2,000, all cores, pyenv's 3.13.0, nothing kept.
// --keep DIR copies every file that does not fully agree to DIR, beside both tools' lines.

var options = FuzzOptions.Parse(args);
var sources = Directory.EnumerateFiles(options.StandardLibrary, "*.py", SearchOption.AllDirectories)
    .Where(path => !path.Contains("site-packages", StringComparison.Ordinal))
    .Order(StringComparer.Ordinal).ToList();
var mutator = new StdlibMutator(sources, options.Seed);
var gilscan = Path.Combine(AppContext.BaseDirectory, "gilscan.dll");
var referenceScript = Path.Combine(RepositoryRoot(), "tests", "reference", "ast_dump.py");
Console.WriteLine($"fuzzing {options.Files:N0} files from {sources.Count:N0} files of {options.StandardLibrary}, seed {options.Seed}, first case {options.First}");

var table = new AgreementTable();
var disagreements = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
var crashes = new List<string>();
var ourSeconds = 0.0;
var theirSeconds = 0.0;
var work = Directory.CreateTempSubdirectory("gilscan-fuzz-").FullName;
try
{
    for (var start = options.First; start < options.First + options.Files; start += options.Batch)
    {
        var count = Math.Min(options.Batch, options.First + options.Files - start);
        var cases = new FuzzCase[count];
        Parallel.For(0, count, i => cases[i] = mutator.Make(start + i));
        var paths = new string[count];
        for (var i = 0; i < count; i++)
        {
            paths[i] = Path.Combine(work, cases[i].Name);
            File.WriteAllBytes(paths[i], cases[i].Bytes);
        }

        var watch = Stopwatch.StartNew();
        var ours = GilscanLines(gilscan, paths, options.Jobs, crashes);
        ourSeconds += watch.Elapsed.TotalSeconds;
        watch.Restart();
        var theirs = Tools.Run(options.Python, [referenceScript, "--jobs", options.Jobs.ToString(CultureInfo.InvariantCulture), "--files-from", Tools.Listing(work, paths)], TimeSpan.FromHours(1)).Lines;
        theirSeconds += watch.Elapsed.TotalSeconds;
        if (theirs.Count != count) throw new InvalidOperationException($"ast_dump.py gave {theirs.Count} lines for {count} files");

        for (var i = 0; i < count; i++)
        {
            var agreement = FileAgreement.Of(ours[i], theirs[i]);
            table.Add(cases[i].Kind, agreement);
            if (agreement.FullyAgrees) continue;
            var key = Pattern(agreement, ours[i], theirs[i]);
            disagreements[key] = disagreements.TryGetValue(key, out var seen) ? (seen.Count + 1, seen.Example) : (1, cases[i].Name);
            if (options.Keep is { } keep) Keep(keep, cases[i], ours[i], theirs[i]);
        }

        foreach (var path in paths) File.Delete(path);
        Console.WriteLine($"  {start - options.First + count:N0} files: {table.Total.Identical + table.Total.BothReject:N0} accepted or rejected by both, {table.Total.Differing + table.Total.FalseAccepts + table.Total.FalseRejects:N0} disagree, {table.Total.Crashes} crashes");
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

Console.WriteLine();
table.Write(Console.Out);
Console.WriteLine($"time: gilscan ast {ourSeconds:F1} s, CPython ast.parse (reference script) {theirSeconds:F1} s");
Console.WriteLine();
Console.WriteLine(crashes.Count == 0 ? "crashes: none" : $"crashes ({crashes.Count}): {string.Join(", ", crashes)}");
Console.WriteLine("most common disagreements (count, example, gilscan | CPython):");
foreach (var (pattern, (count, example)) in disagreements.OrderByDescending(d => d.Value.Count).ThenBy(d => d.Key, StringComparer.Ordinal).Take(40))
    Console.WriteLine($"  {count,6:N0}  {example}  {pattern}");
return table.Total.Crashes == 0 ? 0 : 1;

// Runs `gilscan ast` on the batch; when the process dies or hangs, runs the files it did not answer
// one by one, so that every other file still counts and the culprits are named.
static string?[] GilscanLines(string gilscan, string[] paths, int jobs, List<string> crashes)
{
    var result = new string?[paths.Length];
    var run = Tools.Run("dotnet", [gilscan, "ast", "--jobs", jobs.ToString(CultureInfo.InvariantCulture), "--files-from", Tools.Listing(Path.GetDirectoryName(paths[0])!, paths)], TimeSpan.FromMinutes(30));
    for (var i = 0; i < Math.Min(run.Lines.Count, paths.Length); i++) result[i] = run.Lines[i];
    if (run.Completed && run.Lines.Count == paths.Length) return result;
    for (var i = run.Lines.Count; i < paths.Length; i++)
    {
        var single = Tools.Run("dotnet", [gilscan, "ast", paths[i]], TimeSpan.FromMinutes(2));
        if (single.Completed && single.Lines.Count == 1) result[i] = single.Lines[0];
        else crashes.Add($"{Path.GetFileName(paths[i])} ({(single.Completed ? $"exit {single.ExitCode}" : "timed out")})");
    }

    return result;
}

static string Pattern(FileAgreement agreement, string? ours, string theirs)
{
    static string Error(string? line)
    {
        if (line is null) return "(no line)";
        if (!line.StartsWith("{\"error\"", StringComparison.Ordinal)) return "(tree)";
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var message = json.RootElement.GetProperty("error").GetProperty("message").GetString() ?? "";
        // Messages that name a line or a character vary per file; the pattern keeps their shape.
        return System.Text.RegularExpressions.Regex.Replace(message, @"line \d+|'[^']*' \(U\+[0-9A-F]+\)|U\+[0-9A-F]+|byte 0x[0-9a-f]+ in position \d+|position \d+", "…");
    }

    var what = agreement.Outcome switch
    {
        Outcome.BothReject => $"both reject ({(agreement.SameMessage ? "same message" : "message differs")}, {(agreement.SameLine ? "same line" : "line differs")}, {(agreement.SameColumn ? "same column" : "column differs")})",
        _ => agreement.Outcome.ToString(),
    };
    return $"{what}: {Error(ours)} | {Error(theirs)}";
}

static void Keep(string folder, FuzzCase fuzzCase, string? ours, string theirs)
{
    Directory.CreateDirectory(folder);
    var stem = Path.Combine(folder, fuzzCase.Name);
    File.WriteAllBytes(stem, fuzzCase.Bytes);
    File.WriteAllText(stem + ".txt", $"origin: {fuzzCase.Origin}\n{string.Join("\n", fuzzCase.Mutations.Select(m => $"{m.Kind}: {m.Description}"))}\ngilscan: {Truncate(ours)}\ncpython: {Truncate(theirs)}\n");

    static string Truncate(string? line) => line is null ? "(none)" : line.Length > 2000 ? line[..2000] + "…" : line;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln"))) return dir.FullName;
    throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);
}
