using GilScan.Analysis.Diagnostics;
using GilScan.Syntax;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// Runs GIL401-403 on a project without the rule engine: opens a <see cref="DependencyAuditSession"/>,
/// parses the project's Python files in parallel for their imports, and reports. The engine's rules
/// do the same through the session (see README.md): collect imports per parsed tree, report once.
/// </summary>
public static class DependencyRuleAnalyzer
{
    /// <param name="projectRoot">The project root (SRCROOT).</param>
    /// <param name="pythonFiles">The project's Python files (full paths or relative to the root); discovered with <see cref="PythonFiles"/> when null.</param>
    /// <param name="options">Target, environment, wheels.</param>
    public static DependencyAnalysis Analyze(string projectRoot, IEnumerable<string>? pythonFiles = null, DependencyAuditOptions? options = null, CancellationToken cancellation = default)
    {
        var session = DependencyAuditSession.Open(projectRoot, options);
        var files = (pythonFiles ?? PythonFiles.Discover(session.ProjectRoot))
            .Select(f => Path.GetFullPath(f, session.ProjectRoot))
            .Select(full => (Full: full, Relative: session.Locations.RelativePath(full)))
            .Where(f => f.Relative is not null)
            .DistinctBy(f => f.Relative, StringComparer.Ordinal)
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

        var perFile = new FileImports[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellation }, index =>
        {
            var (full, relative) = files[index];
            var parsed = SyntaxTree.ParseFile(full);
            perFile[index] = parsed.Tree is { } tree
                ? new FileImports(session.CollectImports(relative!, tree.Root), null)
                : new FileImports([], ParseProblem(relative!, parsed.Error!));
        });

        var findings = session.Report(perFile.SelectMany(f => f.Sites), files.Select(f => f.Relative!));
        var notifications = findings.Notifications.Concat(perFile.Select(f => f.Problem).OfType<ToolNotification>()).ToList();
        return new DependencyAnalysis(session, findings with { Notifications = notifications }, files.Count);
    }

    // GIL001/GIL002 are the engine's to report as results; here a file we could not read only costs its imports.
    private static ToolNotification ParseProblem(string relativePath, SyntaxDiagnostic error) =>
        new(RuleLevel.Warning, $"imports not read, the file does not parse: {error.Message}")
        {
            Path = relativePath,
            Rule = error.Kind == SyntaxErrorKind.Syntax ? ToolRules.SyntaxError : ToolRules.UnreadableFile,
        };

    private sealed record FileImports(IReadOnlyList<ImportSite> Sites, ToolNotification? Problem);
}
