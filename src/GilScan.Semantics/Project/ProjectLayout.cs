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
    /// <c>src/</c> and no <c>src/__init__.py</c> (which would make <c>src</c> a package itself).
    /// When every file lies below one folder that is no regular package (the project checked from
    /// its parent folder, <c>gilscan check lib/python3.13</c> run from <c>/usr</c>), that folder is
    /// where imports start, as it would be on <c>sys.path</c>: module names do not depend on the
    /// folder gilscan runs from.</summary>
    public static ProjectLayout Detect(IEnumerable<string> relativePaths)
    {
        var paths = relativePaths.Select(Normalize).ToList();
        var roots = new List<string> { "" };
        var prefix = "";
        while (SingleFolder(paths, prefix) is { } folder && !paths.Contains(prefix + folder + "/__init__.py"))
        {
            prefix += folder + "/";
            roots.Add(prefix.TrimEnd('/'));
            // src/ is the src layout's root: the folders below it are packages, namespace ones too.
            if (folder == "src") break;
        }
        if (paths.Any(p => p.StartsWith(prefix + "src/", StringComparison.Ordinal)) && !paths.Contains(prefix + "src/__init__.py"))
            roots.Add(prefix + "src");
        return WithRoots(roots);
    }

    /// <summary>The one folder directly below <paramref name="prefix"/> that holds every path, when
    /// no path is a file directly in <paramref name="prefix"/>.</summary>
    private static string? SingleFolder(IReadOnlyList<string> paths, string prefix)
    {
        string? folder = null;
        foreach (var path in paths)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal)) return null;
            var slash = path.IndexOf('/', prefix.Length);
            if (slash < 0) return null;
            var name = path[prefix.Length..slash];
            if (folder is null) folder = name;
            else if (folder != name) return null;
        }
        return folder;
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
