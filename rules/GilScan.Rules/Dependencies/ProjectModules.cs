namespace GilScan.Rules.Dependencies;

/// <summary>
/// The top-level module names the project itself provides, from its file list: <c>app/main.py</c>
/// and <c>src/app/main.py</c> provide <c>app</c>, <c>tasks.py</c> provides <c>tasks</c>. An import of
/// such a name is the project's own code, even when a dependency of the same name exists, because
/// the project's directory comes first on <c>sys.path</c>.
/// </summary>
public static class ProjectModules
{
    private static readonly string[] SourceDirectories = ["src", "lib"];

    public static IReadOnlySet<string> TopLevelNames(IEnumerable<string> relativePaths)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in relativePaths)
        {
            var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            names.Add(ModuleName(parts[0], isFile: parts.Length == 1));
            if (parts.Length > 1 && SourceDirectories.Contains(parts[0], StringComparer.Ordinal))
            {
                names.Add(ModuleName(parts[1], isFile: parts.Length == 2));
            }
        }

        return names;
    }

    private static string ModuleName(string part, bool isFile) =>
        isFile && part.EndsWith(".py", StringComparison.Ordinal) ? part[..^3]
        : isFile && part.EndsWith(".pyi", StringComparison.Ordinal) ? part[..^4]
        : part;
}
