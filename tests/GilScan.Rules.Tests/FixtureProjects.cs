using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests;

/// <summary>The fixture projects under fixtures/projects, and throw-away copies of them for tests that change files.</summary>
internal static class FixtureProjects
{
    public static readonly string Sample = RepositoryRoot.Combine("fixtures", "projects", "audit-sample");

    private static readonly Lazy<DependencyAnalysis> SampleAnalysis = new(() => Analyze(Sample));

    /// <summary>The sample project analysed for 3.14t, once for all tests (the analysis is immutable).</summary>
    public static DependencyAnalysis AnalysedSample => SampleAnalysis.Value;

    public static DependencyAnalysis Analyze(string root, DependencyAuditOptions? options = null) =>
        DependencyRuleAnalyzer.Analyze(root, options: options ?? new DependencyAuditOptions { FindProjectEnvironment = false });

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
