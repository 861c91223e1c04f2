using System.Diagnostics;
using GilScan.Semantics.Project;
using GilScan.Syntax.Ast.Canonical;
using GilScan.Syntax.Tests.Support;
using Xunit.Abstractions;

namespace GilScan.Semantics.Tests.Corpus;

/// <summary>
/// Builds the whole semantic model over CPython 3.13's standard library (trees from CPython's own
/// parser) to check that it never throws, and prints time and memory. Slow (a minute or more), so it
/// runs only when GILSCAN_STDLIB=1.
/// </summary>
public class StandardLibraryRun(ITestOutputHelper output)
{

    /// <summary>How long CPython's own ast.parse takes over <paramref name="paths"/>, for comparison.</summary>
    private static double CPythonParseSeconds(IReadOnlyList<string> paths)
    {
        var listing = Path.GetTempFileName();
        File.WriteAllLines(listing, paths);
        try
        {
            const string script = "import ast,sys,time\npaths=[l.rstrip('\\n') for l in open(sys.argv[1])]\nsrcs=[open(p,'rb').read() for p in paths]\n" +
                                  "t=time.perf_counter()\nfor p,s in zip(paths,srcs):\n    try: ast.parse(s,p)\n    except Exception: pass\nprint(time.perf_counter()-t)\n";
            var start = new ProcessStartInfo(PythonReference.Python313!) { ArgumentList = { "-W", "ignore", "-c", script, listing }, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var seconds = double.Parse(process.StandardOutput.ReadToEnd().Trim(), System.Globalization.CultureInfo.InvariantCulture);
            process.WaitForExit();
            return seconds;
        }
        finally
        {
            File.Delete(listing);
        }
    }

    [SkippableFact]
    public void The_semantic_model_builds_over_the_whole_standard_library()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("GILSCAN_STDLIB") == "1", "set GILSCAN_STDLIB=1 to run the standard-library check");
        var lib = PythonReference.StandardLibrary;
        Skip.If(lib is null, PythonReference.MissingReason);

        var paths = Directory.EnumerateFiles(lib, "*.py", SearchOption.AllDirectories)
            .Where(p => !p.Contains("site-packages", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var parse = Stopwatch.StartNew();
        var files = new List<SourceFile>(paths.Count);
        var rejected = 0;
        var unreadable = new List<string>();
        var lines = 0L;
        foreach (var (path, json) in StandardLibraryTrees.Dump(paths, jobs: 2))
        {
            if (!json.StartsWith("{\"ast\":", StringComparison.Ordinal))
            {
                rejected++;
                continue;
            }
            var source = File.ReadAllLines(path);
            lines += source.Length;
            try
            {
                files.Add(new SourceFile(Path.GetRelativePath(lib, path), (Module)CanonicalReader.Read(LoneSurrogates.Replace(json), source)));
            }
            catch (InvalidOperationException error) when (error.Message.Contains("surrogate", StringComparison.Ordinal))
            {
                unreadable.Add(Path.GetRelativePath(lib, path));
            }
        }
        parse.Stop();

        var cpythonParse = CPythonParseSeconds(paths);
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var build = Stopwatch.StartNew();
        var project = ProjectModel.Build(ProjectLayout.Flat, files);
        build.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var after = GC.GetTotalMemory(true);

        var sites = project.Functions.Sum(f => project.CallGraph.SitesIn(f).Count);
        var resolved = project.Functions.Sum(f => project.CallGraph.SitesIn(f).Count(s => s.Targets.Count > 0 || s.CatalogEntry is not null));
        output.WriteLine($"files: {files.Count} parsed, {rejected} rejected by CPython, {unreadable.Count} unreadable from JSON ({string.Join(", ", unreadable)}); {lines:N0} lines");
        output.WriteLine($"trees from CPython (dump + read): {parse.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"CPython ast.parse of the same files (one process, same run): {cpythonParse:F2} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        output.WriteLine($"semantic model build: {build.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU ({build.Elapsed.TotalSeconds / cpythonParse:F2}x ast.parse); {project.Functions.Count:N0} functions, {project.Classes.Count:N0} classes, {sites:N0} call sites ({resolved:N0} resolved to project functions or catalog entries)");
        output.WriteLine("phases: " + string.Join(", ", project.BuildPhases));
        var summaries = project.Functions.Select(project.Effects.SummaryOf).ToList();
        output.WriteLine($"summaries: {summaries.Count(s => s.Loops.Count > 0):N0} functions with loops, " +
                         $"{summaries.Sum(s => s.Loops.Count):N0} loops ({summaries.Sum(s => s.Loops.Count(l => l.Trips.Kind == GilScan.Semantics.Effects.TripKind.Known)):N0} with known trip counts), " +
                         $"{summaries.Count(s => s.Work.Operations >= 1e6):N0} functions with >= 1e6 operations, " +
                         $"{summaries.Count(s => s.Function.IsCoroutine && s.HasBlockingIo):N0} coroutines reaching blocking I/O, " +
                         $"{summaries.Count(s => s.DependsOnParameters):N0} parameter-dependent, {summaries.Count(s => s.IsRecursive):N0} recursive");
        output.WriteLine($"managed heap: {before / 1e6:F0} MB with trees, {after / 1e6:F0} MB after the build (+{(after - before) / 1e6:F0} MB); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
        files.Count.ShouldBeGreaterThan(1700);
        project.Modules.Count.ShouldBe(files.Count);
    }
}
