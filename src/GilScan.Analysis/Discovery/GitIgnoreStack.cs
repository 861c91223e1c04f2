namespace GilScan.Analysis.Discovery;

/// <summary>
/// The .gitignore files in force in one folder during the walk: its own and its ancestors'. A deeper
/// file overrides a shallower one, as in git; immutable, so each folder pushes onto its parent's.
/// </summary>
public sealed class GitIgnoreStack
{
    private readonly GitIgnoreStack? _parent;
    private readonly GitIgnoreFile? _file;

    private GitIgnoreStack(GitIgnoreStack? parent, GitIgnoreFile? file)
    {
        _parent = parent;
        _file = file;
    }

    public static GitIgnoreStack Empty { get; } = new(null, null);

    public GitIgnoreStack Push(GitIgnoreFile? ignoreFile) =>
        ignoreFile is null || ignoreFile.Count == 0 ? this : new GitIgnoreStack(this, ignoreFile);

    /// <summary>Whether the file or folder at the absolute path <paramref name="path"/> is ignored.</summary>
    public bool IsIgnored(string path, bool isDirectory)
    {
        for (var level = this; level is not null; level = level._parent)
        {
            if (level._file is { } ignore && RelativeTo(ignore.BaseDirectory, path) is { } relative
                && ignore.Decide(relative, isDirectory) is { } decision)
            {
                return decision;
            }
        }

        return false;
    }

    private static string? RelativeTo(string baseDirectory, string path)
    {
        var relative = Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');
        return relative == "." || relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }
}
