using System.Text;
using GilScan.Analysis.Rules;
using GilScan.Rules.FreeThreading;
using GilScan.Syntax;
using Xunit.Abstractions;

namespace GilScan.Rules.Tests.Measurements;

/// <summary>
/// What GIL501/GIL502 see in real code, written to the test output for review: every thread entry (starter,
/// target, why it runs on several threads), how many contexts and shared accesses the reachability finds,
/// and the findings. Runs only when GILSCAN_CENSUS names folders (separated by the path separator), each
/// analysed as one project:
/// <c>GILSCAN_CENSUS=/work/realcode/encode+uvicorn dotnet test --filter FreeThreadingCensus --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class FreeThreadingCensus(ITestOutputHelper output)
{
    private static readonly string? Roots = Environment.GetEnvironmentVariable("GILSCAN_CENSUS");

    [CensusFact]
    public void Thread_entries_accesses_and_findings_of_real_projects()
    {
        foreach (var root in Roots!.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var files = Directory.EnumerateFiles(root, "*.py", SearchOption.AllDirectories)
                .Select(path => (Path: Path.GetRelativePath(root, path).Replace('\\', '/'), Full: path))
                .Where(f => !f.Path.Contains("site-packages/", StringComparison.Ordinal) && !f.Path.Split('/').Any(p => p is ".venv" or "venv" or ".git"))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => (f.Path, Tree: SyntaxTree.ParseText(f.Path, File.ReadAllText(f.Full)).Tree))
                .Where(f => f.Tree is not null)
                .Select(f => new ProjectFile(f.Path, f.Tree!))
                .ToList();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var project = Shared.SemanticModelBuilder.Build(new ProjectModelInput(files, Analysis.Configuration.AnalysisOptions.Default));
            var built = clock.Elapsed;
            var analysis = FreeThreadingAnalysis.Of(project);
            var report = new StringBuilder();
            report.AppendLine($"== {root}: {files.Count} files, model {built.TotalSeconds:F1} s, free-threading analysis {(clock.Elapsed - built).TotalSeconds:F1} s");
            var real = analysis.Reachability.Entries.Where(e => !e.IsStartingCode).ToList();
            report.AppendLine($"entries: {real.Count} ({real.Count(e => e.IsMany)} on several threads); contexts: {analysis.Reachability.Reached.Count}; shared accesses: {analysis.Accesses.Count}");
            foreach (var entry in real)
            {
                var site = Location(project, entry.Site);
                report.AppendLine($"  {site}: {entry.Starter} -> {entry.Target.QualifiedName}{(entry.IsMany ? $" [{entry.ManyReason}]" : "")}");
            }

            foreach (var access in analysis.Accesses.DistinctBy(a => (a.Access.Node, a.State.Identity)))
            {
                report.AppendLine($"  access {Location(project, access.Access.Node)} {access.Access.Kind} {access.Access.Code} -> {access.State.Identity}{(access.Lock is null ? "" : " (locked)")} via {access.Context.Entry.Target.DisplayName}");
            }

            report.AppendLine($"GIL501: {analysis.Updates.Count}");
            foreach (var update in analysis.Updates)
            {
                report.AppendLine($"  {Location(project, update.Shown.Access.Node)} {update.Shown.Access.Code} [{update.Shown.State.Description}] by {FreeThreadingFindings.Threads(update.Writers.Select(w => w.Context.Entry))}");
            }

            report.AppendLine($"GIL502: {analysis.Iterations.Count}");
            foreach (var iteration in analysis.Iterations)
            {
                report.AppendLine($"  {Location(project, iteration.Iteration.Access.Node)} {iteration.Iteration.Access.Code} [{iteration.Iteration.State.Description}] changed at {Location(project, iteration.Change.Access.Node)} {iteration.Change.Access.Code}");
            }

            output.WriteLine(report.ToString());
        }
    }

    private static string Location(Semantics.ProjectModel project, Syntax.Ast.Node node) =>
        $"{project.ModuleOf(node).Entry.RelativePath}:{Semantics.Binding.SourceOrder.RangeOf(node).StartLine}";

    private sealed class CensusFactAttribute : FactAttribute
    {
        public CensusFactAttribute()
        {
            if (string.IsNullOrEmpty(Roots))
            {
                Skip = "set GILSCAN_CENSUS to project folders to run";
            }
        }
    }
}
