namespace GilScan.Analysis.Discovery;

/// <summary>
/// The canonical path of a file or folder: every symbolic link on the way resolved, as POSIX
/// <c>realpath</c> does, in managed code. Used to tell a link loop from a legitimate second path to
/// the same folder, and to report files by their real location.
/// </summary>
public static class RealPath
{
    /// <summary>Symbolic links followed before giving up, as Linux's ELOOP limit.</summary>
    public const int MaxLinks = 40;

    /// <exception cref="IOException">Too many links (a loop), or a link cannot be read.</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Components(full[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Combine(current, component);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links at {candidate}.");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var part in Components(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return current;
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
