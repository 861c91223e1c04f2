using GilScan.Analysis.Diagnostics;
using GilScan.Syntax;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// Runs GIL401-403 on a project without the rule engine: opens a <see cref="DependencyAuditSession"/>,
/// parses the project's Python files in parallel into a <see cref="DependencyAuditRun"/>, and reports.
/// The engine's rules do the same through the run (see rules/GilScan.Rules/README.md).
/// </summary>
public static class DependencyRuleAnalyzer
{
    /// <param name="projectRoot">The project root (SRCROOT).</param>
    /// <param name="pythonFiles">The project's Python files (full paths or relative to the root); discovered with <see cref="PythonFiles"/> when null.</param>
    /// <param name="options">Target, environment, wheels.</param>
    /// <param name="cancellation">Stops the parsing between files.</param>
    public static DependencyAnalysis Analyze(string projectRoot, IEnumerable<string>? pythonFiles = null, DependencyAuditOptions? options = null, CancellationToken cancellation = default)
    {
        var run = new DependencyAuditRun(DependencyAuditSession.Open(projectRoot, options));
        var root = run.Session.ProjectRoot;
        var files = (pythonFiles ?? PythonFiles.Discover(root))
            .Select(f => Path.GetFullPath(f, root))
            .Select(full => (Full: full, Relative: run.Session.Locations.RelativePath(full)))
            .Where(f => f.Relative is not null)
            .DistinctBy(f => f.Relative, StringComparer.Ordinal)
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

        var problems = new ToolNotification?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellation }, index =>
        {
            var (full, relative) = files[index];
            var parsed = SyntaxTree.ParseFile(full);
            if (parsed.Tree is { } tree)
            {
                run.AddFile(relative!, tree.Root);
            }
            else
            {
                run.AddUnparsedFile(relative!);
                problems[index] = ParseProblem(relative!, parsed.Error!);
            }
        });

        var findings = run.Complete();
        var notifications = findings.Notifications.Concat(problems.OfType<ToolNotification>()).ToList();
        return new DependencyAnalysis(run.Session, findings with { Notifications = notifications }, files.Count);
    }

    // GIL001/GIL002 are the engine's to report as results; here a file we could not read only costs its imports.
    private static ToolNotification ParseProblem(string relativePath, SyntaxDiagnostic error) =>
        new(RuleLevel.Warning, $"imports not read, the file does not parse: {error.Message}")
        {
            Path = relativePath,
            Rule = error.Kind == SyntaxErrorKind.Syntax ? ToolRules.SyntaxError : ToolRules.UnreadableFile,
        };
}
