using GilScan.Analysis.Discovery;
using GilScan.Analysis.Engine;
using GilScan.Rules.Dependencies;
using GilScan.Testing;

namespace GilScan.Rules.Tests;

/// <summary>
/// The fixture projects under fixtures/projects, their dependency audit as the engine runs it, and
/// throw-away copies of them for tests that change files. Compiled into the reporting and CLI tests too.
/// </summary>
internal static class FixtureProjects
{
    public static readonly string Sample = RepositoryRoot.Combine("fixtures", "projects", "audit-sample");

    private static readonly Lazy<DependencyAuditOutcome> SampleAnalysis = new(() => Analyze(Sample));

    /// <summary>The sample project analysed for 3.14t, once for all tests (the analysis is immutable).</summary>
    public static DependencyAuditOutcome AnalysedSample => SampleAnalysis.Value;

    /// <summary>
    /// GIL401-403 over the project at <paramref name="root"/> through the real engine, as <c>gilscan audit</c>
    /// runs them (the files discovery finds with the default excludes, the audit model registered with
    /// <paramref name="options"/>): the audit the rules reported from.
    /// </summary>
    public static DependencyAuditOutcome Analyze(string root, DependencyAuditOptions? options = null) => AuditOf(Run(root, options));

    /// <summary>The engine's run of GIL401-403 over the project at <paramref name="root"/> (see <see cref="Analyze"/>).</summary>
    public static AnalysisResult Run(string root, DependencyAuditOptions? options = null)
    {
        options ??= new DependencyAuditOptions { FindProjectEnvironment = false };
        var rules = ShippedRuleSet.All.Where(rule => rule.ReportsOnInputsOf == typeof(DependencyModel));
        var driver = new AnalysisDriver(rules, new AnalysisDriverOptions
        {
            Models = ShippedRuleSet.Models.With(input => DependencyModel.Build(input, options), DependencyModel.Inputs(options)),
            ProjectRoot = Path.GetFullPath(root),
        });
        return driver.Run([.. PythonFiles(root).Select(file => SourceDocument.Read(file.RelativePath, file.AbsolutePath))]);
    }

    /// <summary>The audit a run of GIL401-403 built (<see cref="Run"/>).</summary>
    public static DependencyAuditOutcome AuditOf(AnalysisResult result) =>
        result.Models.Find<DependencyModel>()?.Outcome
        ?? throw new InvalidOperationException($"The run built no dependency audit: {string.Join("; ", result.Notifications.Select(n => n.Message))}");

    /// <summary>The Python files of the project at <paramref name="root"/>, as <c>gilscan check</c> discovers them by default.</summary>
    public static IReadOnlyList<DiscoveredFile> PythonFiles(string root) =>
        new FileDiscovery(root, new GlobSet([.. DefaultExcludes.Patterns]), respectGitignore: true).Discover([Path.GetFullPath(root)]).Files;

    /// <summary>A copy of <paramref name="source"/> in a new temporary directory, deleted on dispose.</summary>
    public static TemporaryProject Copy(string source)
    {
        var project = new TemporaryProject();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(project.Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return project;
    }
}

internal sealed class TemporaryProject : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("gilscan-audit-").FullName;

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
