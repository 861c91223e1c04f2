namespace GilScan.Rules.Dependencies;

/// <summary>
/// Finds a project's Python files when no driver hands them over: every <c>.py</c> under the root,
/// in ordinal path order, skipping virtual environments (any directory holding <c>pyvenv.cfg</c>),
/// hidden directories, caches and build output, which are not the project's code.
/// </summary>
public static class PythonFiles
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        "__pycache__", "__pypackages__", "node_modules", "site-packages", "venv", "build", "dist", "_build", "buck-out",
    };

    /// <summary>Full paths of the Python files under <paramref name="projectRoot"/>.</summary>
    public static IReadOnlyList<string> Discover(string projectRoot)
    {
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(projectRoot));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            try
            {
                found.AddRange(Directory.EnumerateFiles(directory, "*.py"));
                foreach (var child in Directory.EnumerateDirectories(directory))
                {
                    var name = Path.GetFileName(child);
                    if (!name.StartsWith('.') && !SkippedDirectories.Contains(name) && !name.EndsWith(".egg-info", StringComparison.Ordinal)
                        && !File.Exists(Path.Combine(child, "pyvenv.cfg")) && !new DirectoryInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        pending.Push(child);
                    }
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // An unreadable directory holds nothing we can analyse; the rest of the project still is.
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
