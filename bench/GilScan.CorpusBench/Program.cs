using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

// Precision and recall of the rules on labelled lines of real public code (../shared/corpus).
// Each repository of cases.tsv is checked as a whole, as a user would (`gilscan check REPO`), and a
// labelled line counts as found when a finding of its family's rules covers it. The repositories must
// have been exported beforehand (see ../shared/corpus/README.md) into SOURCES/OWNER+NAME.
//
// Usage: dotnet run -c Release --project bench/GilScan.CorpusBench -- [--corpus DIR] [--sources DIR]
//            [--only REPO,...] [--findings FILE] [--verbose]
//        dotnet run -c Release --project bench/GilScan.CorpusBench -- --projects DIR... [--findings FILE]
//            (no labels: counts per rule on whole projects, every finding written to FILE for reading)

var options = CorpusOptions.Parse(args);
var gilscan = Path.Combine(AppContext.BaseDirectory, "gilscan.dll");
var findingsOut = options.FindingsFile is null ? null : new StringBuilder();

if (options.Projects.Count > 0)
{
    RunProjects(options, gilscan, findingsOut);
}
else
{
    RunCorpus(options, gilscan, findingsOut);
}

if (findingsOut is not null && options.FindingsFile is not null)
{
    File.WriteAllText(options.FindingsFile, findingsOut.ToString());
    Console.WriteLine($"every finding: {options.FindingsFile}");
}

static void RunCorpus(CorpusOptions options, string gilscan, StringBuilder? findingsOut)
{
    var cases = LabelledCase.Read(Path.Combine(options.Corpus, "cases.tsv"));
    var repositories = cases.Select(c => c.Repo).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
        .Where(r => options.Only.Count == 0 || options.Only.Contains(r))
        .ToList();
    var results = new List<(LabelledCase Case, Finding? Finding)>();
    var missingRepos = new List<string>();
    var clock = Stopwatch.StartNew();
    var perRepo = new List<(string Repo, double Seconds, int Findings, string Counts)>();
    foreach (var repo in repositories)
    {
        var folder = Path.Combine(options.Sources, repo.Replace('/', '+'));
        if (!Directory.Exists(folder))
        {
            missingRepos.Add(repo);
            continue;
        }

        var started = clock.Elapsed;
        var findings = Check(gilscan, folder, options.Select);
        perRepo.Add((repo, (clock.Elapsed - started).TotalSeconds, findings.Count, Counts(findings)));
        findingsOut?.Append(Describe(repo, findings));
        foreach (var c in cases.Where(c => c.Repo == repo))
        {
            results.Add((c, findings.FirstOrDefault(f => f.Covers(c))));
        }
    }

    if (options.Verbose)
    {
        foreach (var (repo, seconds, count, counts) in perRepo)
        {
            Console.WriteLine($"{repo,-70} {seconds,6:F1} s  {count,5} findings  {counts}");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"{results.Count} labelled lines in {perRepo.Count} repositories, {clock.Elapsed.TotalSeconds:F0} s");
    if (missingRepos.Count > 0)
    {
        Console.WriteLine($"not exported, skipped: {string.Join(", ", missingRepos)}");
    }

    Console.WriteLine();
    Console.WriteLine("family  rules          | pos high  found | pos med  found | neg  flagged | precision | recall high | recall med | high-conf. findings: right/wrong");
    var families = new[] { "R1", "R2", "B", "R3" };
    foreach (var family in families.Append("R1+R2"))
    {
        var members = family == "R1+R2" ? new[] { "R1", "R2" } : [family];
        var rows = results.Where(r => members.Contains(r.Case.Family)).ToList();
        var positives = rows.Where(r => r.Case.Expected != "none").ToList();
        var negatives = rows.Where(r => r.Case.Expected == "none").ToList();
        var posHigh = positives.Where(r => r.Case.Confidence == "high").ToList();
        var posMedium = positives.Where(r => r.Case.Confidence == "medium").ToList();
        var foundHigh = posHigh.Count(r => r.Finding is not null);
        var foundMedium = posMedium.Count(r => r.Finding is not null);
        var flagged = negatives.Count(r => r.Finding is not null);
        var truePositives = foundHigh + foundMedium;
        var precision = truePositives + flagged == 0 ? double.NaN : (double)truePositives / (truePositives + flagged);
        var highRight = positives.Count(r => r.Finding?.Confidence == "high");
        var highWrong = negatives.Count(r => r.Finding?.Confidence == "high");
        Console.WriteLine(
            $"{family,-7} {RulesOf(members),-14} | {posHigh.Count,8} {foundHigh,6} | {posMedium.Count,7} {foundMedium,6} | {negatives.Count,3} {flagged,8} | {Ratio(precision),9} | " +
            $"{Ratio(Fraction(foundHigh, posHigh.Count)),11} | {Ratio(Fraction(foundMedium, posMedium.Count)),10} | {highRight}/{highWrong}");
    }

    Console.WriteLine();
    Console.WriteLine("missed positives:");
    foreach (var (c, _) in results.Where(r => r.Case.Expected != "none" && r.Finding is null).OrderBy(r => r.Case.Id, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {c.Id} [{c.Family} {c.Confidence}] {c.Repo} {c.Path}:{c.Line}");
    }

    Console.WriteLine("flagged negatives:");
    foreach (var (c, f) in results.Where(r => r.Case.Expected == "none" && r.Finding is not null).OrderBy(r => r.Case.Id, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {c.Id} [{c.Family} {c.Confidence}] {c.Repo} {c.Path}:{c.Line}  {f!.Rule} ({f.Confidence}): {f.Message}");
    }

    if (options.Verbose)
    {
        Console.WriteLine("found positives:");
        foreach (var (c, f) in results.Where(r => r.Case.Expected != "none" && r.Finding is not null).OrderBy(r => r.Case.Id, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {c.Id} [{c.Family} {c.Confidence}] {c.Path}:{c.Line}  {f!.Rule} ({f.Confidence}): {f.Message}");
        }
    }
}

static void RunProjects(CorpusOptions options, string gilscan, StringBuilder? findingsOut)
{
    var total = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var project in options.Projects)
    {
        var clock = Stopwatch.StartNew();
        var findings = Check(gilscan, project, options.Select);
        Console.WriteLine($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(project)),-40} {clock.Elapsed.TotalSeconds,6:F1} s  {findings.Count,5} findings  {Counts(findings)}");
        foreach (var f in findings)
        {
            total[f.Rule] = total.GetValueOrDefault(f.Rule) + 1;
        }

        findingsOut?.Append(Describe(project, findings));
    }

    Console.WriteLine($"total: {string.Join(", ", total.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}");
}

static string RulesOf(string[] families) => string.Join(",", families.SelectMany(f => Finding.RulesOf(f)));

static double Fraction(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;

static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture);

static string Counts(IReadOnlyList<Finding> findings) =>
    string.Join(" ", findings.GroupBy(f => f.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));

static string Describe(string where, IReadOnlyList<Finding> findings)
{
    var text = new StringBuilder();
    text.Append("## ").Append(where).Append('\n');
    foreach (var f in findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line))
    {
        text.Append(CultureInfo.InvariantCulture, $"{f.Path}:{f.Line}: {f.Rule} ({f.Confidence}) {f.Message}\n");
    }

    return text.ToString();
}

/// <summary>Runs gilscan on <paramref name="folder"/> as a separate process and reads its JSON findings
/// (suppressed ones included: a labelled line is about what the analysis sees).</summary>
static List<Finding> Check(string gilscan, string folder, string select)
{
    var output = Path.GetTempFileName();
    try
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { gilscan, "check", folder, "--isolated", "--no-cache", "--exit-zero", "--select", select, "--format", "json", "--output", output })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Console.WriteLine($"  {folder}: timed out after 10 minutes");
            return [];
        }

        if (process.ExitCode != 0)
        {
            Console.WriteLine($"  {folder}: exit {process.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        }

        var json = File.ReadAllText(output);
        if (json.Length == 0)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var findings = new List<Finding>();
        foreach (var f in document.RootElement.GetProperty("findings").EnumerateArray())
        {
            findings.Add(new Finding(
                f.GetProperty("rule").GetString()!,
                f.GetProperty("path").GetString()!,
                f.GetProperty("start").GetProperty("line").GetInt32(),
                f.GetProperty("end").GetProperty("line").GetInt32(),
                f.TryGetProperty("confidence", out var confidence) ? confidence.GetString() ?? "" : "",
                f.GetProperty("message").GetString()!));
        }

        return findings;
    }
    finally
    {
        File.Delete(output);
    }
}

/// <summary>One row of cases.tsv.</summary>
internal sealed record LabelledCase(string Id, string Repo, string Commit, string Path, int Line, string Expected, string Family, string Confidence)
{
    public static List<LabelledCase> Read(string file)
    {
        var rows = new List<LabelledCase>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            rows.Add(new LabelledCase(f[0], f[1], f[2], f[3], int.Parse(f[4], CultureInfo.InvariantCulture), f[5], f[6], f[7]));
        }

        return rows;
    }
}

/// <summary>A finding from gilscan's JSON output; paths are relative to the checked folder.</summary>
internal sealed record Finding(string Rule, string Path, int Line, int EndLine, string Confidence, string Message)
{
    public static string[] RulesOf(string family) => family switch
    {
        "R1" => ["GIL101", "GIL102"],
        "R2" => ["GIL201"],
        "B" => ["GIL202"],
        "R3" => ["GIL301", "GIL302", "GIL303"],
        _ => [],
    };

    public bool Covers(LabelledCase c) =>
        RulesOf(c.Family).Contains(Rule) && Path == c.Path && Line <= c.Line && c.Line <= EndLine;
}

internal sealed record CorpusOptions(string Corpus, string Sources, HashSet<string> Only, List<string> Projects, string? FindingsFile, bool Verbose, string Select)
{
    public static CorpusOptions Parse(string[] args)
    {
        var root = FindRepositoryRoot();
        var corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus"));
        var sources = Environment.GetEnvironmentVariable("GILSCAN_CORPUS_SOURCES") ?? Path.GetFullPath(Path.Combine(root, "..", "corpus-src"));
        var only = new HashSet<string>(StringComparer.Ordinal);
        var projects = new List<string>();
        string? findings = null;
        var verbose = false;
        var select = "GIL1,GIL2,GIL3";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--corpus": corpus = args[++i]; break;
                case "--sources": sources = args[++i]; break;
                case "--only": only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--findings": findings = args[++i]; break;
                case "--select": select = args[++i]; break;
                case "--verbose": verbose = true; break;
                case "--projects":
                    while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        projects.Add(Path.GetFullPath(args[++i]));
                    }

                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return new CorpusOptions(corpus, sources, only, projects, findings, verbose, select);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
