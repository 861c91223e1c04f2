using System.Text;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Processes;
using GilScan.Syntax;
using GilScan.Syntax.Ast;
using Xunit.Abstractions;

namespace GilScan.Rules.Tests.Measurements;

/// <summary>
/// What the process rules see in CPython's standard library: every call recognised as a process
/// boundary (by API), and the findings of GIL301-303, written to the test output for review. Runs
/// only when GILSCAN_STDLIB is set to the library folder (it takes about half a minute):
/// <c>GILSCAN_STDLIB=$(pyenv prefix 3.13.0)/lib/python3.13 dotnet test --filter StdlibProcessCensus</c>.
/// </summary>
public sealed class StdlibProcessCensus(ITestOutputHelper output)
{
    private static readonly string? Library = Environment.GetEnvironmentVariable("GILSCAN_STDLIB");

    [StdlibFact]
    public void Boundaries_and_findings_in_the_standard_library()
    {
        var files = Directory.EnumerateFiles(Library!, "*.py", SearchOption.AllDirectories)
            .Select(path => (Path: Path.GetRelativePath(Library!, path).Replace('\\', '/'), Full: path))
            .Where(f => !f.Path.StartsWith("site-packages/", StringComparison.Ordinal))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => (f.Path, Tree: SyntaxTree.ParseText(f.Path, File.ReadAllText(f.Full)).Tree))
            .Where(f => f.Tree is not null)
            .Select(f => new ProjectFile(f.Path, f.Tree!))
            .ToList();
        var project = Shared.SemanticModelBuilder.Build(new ProjectModelInput(files, Analysis.Configuration.AnalysisOptions.Default));
        var analysis = new ProcessAnalysis(project);
        var byApi = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var report = new StringBuilder();
        foreach (var module in project.Modules)
        {
            foreach (var call in AstWalker.DescendantsAndSelf(module.Tree).OfType<Call>())
            {
                var boundary = analysis.BoundaryAt(call);
                if (boundary is null) continue;
                byApi[boundary.Api.Name] = byApi.GetValueOrDefault(boundary.Api.Name) + 1;
                report.AppendLine($"{module.Entry.RelativePath}:{call.Lineno}: {boundary.Api.Name} {boundary.CalleeText} start={boundary.StartMethod.Name} repeated={boundary.Repetition.IsRepeated}");
            }
        }
        output.WriteLine($"{files.Count} files; boundaries by API:");
        foreach (var (api, count) in byApi) output.WriteLine($"  {count,5}  {api}");
        output.WriteLine(report.ToString());

        var result = new Testing.Verifier(models: ShippedRuleSet.Models).Run(
            [new GilScan.Rules.Processes.LargeObjectPickledPerTask(), new GilScan.Rules.Processes.PerItemProcessMessages(), new GilScan.Rules.Processes.UnpicklableProcessCallable()],
            files.Select(f => (f.Path, File.ReadAllText(Path.Combine(Library!, f.Path)))));
        output.WriteLine($"findings: {result.Diagnostics.Length}");
        foreach (var d in result.Diagnostics)
            output.WriteLine($"{d.Location.Path}:{d.Location.Span.StartLine}: {d.RuleId} [{d.Confidence}] {d.Message}");
        byApi.Count.ShouldBeGreaterThan(0);
    }

    private sealed class StdlibFactAttribute : FactAttribute
    {
        public StdlibFactAttribute()
        {
            if (string.IsNullOrEmpty(Library)) Skip = "set GILSCAN_STDLIB to a standard library folder to run";
        }
    }
}
