using GilScan.Semantics.Project;

namespace GilScan.Semantics.Tests.Support;

/// <summary>Builds a <see cref="ProjectModel"/> from in-memory files, parsed in one batch.</summary>
public static class TestProject
{
    public static ProjectModel Build(params (string Path, string Source)[] files)
    {
        var trees = TestSource.ParseAll(files);
        var sources = files.Select((f, i) => new SourceFile(f.Path, trees[i])).ToList();
        return ProjectModel.Build(ProjectLayout.Detect(files.Select(f => f.Path)), sources);
    }

    /// <summary>A project of one module, "m.py".</summary>
    public static ProjectModel Single(string source) => Build(("m.py", source));

    public static Module Tree(this ProjectModel project, string moduleName) => project.ModuleNamed(moduleName)!.Tree;
}
