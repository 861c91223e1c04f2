namespace GilScan.Confirmation.Interpreters;

/// <summary>Finds a program by name on a PATH, as a shell would (the first executable file wins).</summary>
internal static class ExecutableSearch
{
    public static string? Find(string name, string? searchPath)
    {
        if (name.Contains('/') || name.Contains(Path.DirectorySeparatorChar))
        {
            var full = Path.GetFullPath(name);
            return IsExecutableFile(full) ? full : null;
        }

        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in Candidates(Path.Combine(folder, name)))
            {
                if (IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string path) =>
        OperatingSystem.IsWindows() ? [path + ".exe", path] : [path];

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
