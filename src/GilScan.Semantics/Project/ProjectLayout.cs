namespace GilScan.Semantics.Project;

/// <summary>
/// Where module names start: the directories that would be on <c>sys.path</c> when the project runs.
/// The flat layout has the project root; the src layout (PyPA's packaging guide) puts packages under
/// <c>src/</c>. A file's module name is its path below the deepest root that holds it.
/// </summary>
public sealed class ProjectLayout
{
    private ProjectLayout(IReadOnlyList<string> roots) => SourceRoots = roots;

    /// <summary>Relative directories, deepest first; "" is the project root.</summary>
    public IReadOnlyList<string> SourceRoots { get; }

    /// <summary>The flat layout plus <c>src/</c> when the files show a src layout: files under
    /// <c>src/</c> and no <c>src/__init__.py</c> (which would make <c>src</c> a package itself).</summary>
    public static ProjectLayout Detect(IEnumerable<string> relativePaths)
    {
        var paths = relativePaths.Select(Normalize).ToList();
        var roots = new List<string> { "" };
        if (paths.Any(p => p.StartsWith("src/", StringComparison.Ordinal)) && !paths.Contains("src/__init__.py"))
            roots.Add("src");
        return WithRoots(roots);
    }

    public static ProjectLayout WithRoots(IEnumerable<string> roots) =>
        new(roots.Select(r => Normalize(r).TrimEnd('/')).Distinct(StringComparer.Ordinal)
            .OrderByDescending(r => r.Length).ThenBy(r => r, StringComparer.Ordinal).ToList());

    public static ProjectLayout Flat { get; } = WithRoots([""]);

    /// <summary>The deepest root holding <paramref name="relativePath"/> and the path below it.</summary>
    public (string Root, string PathBelowRoot) Split(string relativePath)
    {
        var path = Normalize(relativePath);
        foreach (var root in SourceRoots)
        {
            if (root.Length == 0) return ("", path);
            if (path.StartsWith(root + "/", StringComparison.Ordinal)) return (root, path[(root.Length + 1)..]);
        }
        return ("", path);
    }

    /// <summary>Forward slashes, no leading "./".</summary>
    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        return p;
    }
}
