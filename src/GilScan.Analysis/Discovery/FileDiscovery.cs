using GilScan.Syntax.Text;

namespace GilScan.Analysis.Discovery;

/// <summary>
/// Finds the Python files of a run, as ruff does: under each folder given, every <c>.py</c> file
/// (stubs are not analysed) that no exclude glob and no .gitignore rule excludes; a file given
/// explicitly is analysed whatever its name or the excludes say. Folders are pruned as soon as they
/// are excluded. Symbolic links are followed; a link back to a folder being walked is a loop and is
/// reported, a second path to a folder already walked is skipped, and every file is reported once,
/// by its real path when that lies in the project. Unreadable folders are reported; the walk goes on.
/// A folder that is a Python environment (<see cref="IsEnvironment"/>) is pruned whatever its name,
/// unless it is itself an input.
/// </summary>
public sealed class FileDiscovery
{
    private readonly string _projectRoot;
    private readonly string _realProjectRoot;
    private readonly GlobSet _excludes;
    private readonly bool _respectGitignore;

    /// <param name="projectRoot">The absolute folder relative paths are computed from; every input must lie in it.</param>
    /// <param name="excludes">Exclude globs, relative to the project root.</param>
    /// <param name="respectGitignore">Whether .gitignore files (and .git/info/exclude) exclude files.</param>
    public FileDiscovery(string projectRoot, GlobSet excludes, bool respectGitignore)
    {
        _projectRoot = Path.GetFullPath(projectRoot);
        _realProjectRoot = RealPath.Resolve(_projectRoot);
        _excludes = excludes;
        _respectGitignore = respectGitignore;
    }

    /// <param name="inputs">Absolute paths of files and folders that exist under the project root.</param>
    public DiscoveryResult Discover(IEnumerable<string> inputs)
    {
        var walk = new Walk();
        foreach (var input in inputs.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (Directory.Exists(input))
            {
                var real = TryRealPath(input, walk);
                if (real is not null)
                {
                    WalkDirectory(input, real, InitialIgnores(input), [], walk);
                }
            }
            else if (FileKinds.Of(input) is var kind and not (FileKind.Regular or FileKind.Missing))
            {
                // Named explicitly or not, a named pipe or a device is never opened: reading it could block forever.
                walk.Problems.Add(new DiscoveryProblem(Relative(input), FileKinds.NotReadMessage(kind)));
            }
            else
            {
                AddFile(input, walk);
            }
        }

        var files = walk.Files.Values.OrderBy(file => file.RelativePath, StringComparer.Ordinal).ToList();
        var problems = walk.Problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Message, StringComparer.Ordinal).ToList();
        return new DiscoveryResult(files, problems);
    }

    private void WalkDirectory(string path, string realPath, GitIgnoreStack ignores, HashSet<string> ancestors, Walk walk)
    {
        if (!walk.VisitedDirectories.Add(realPath))
        {
            return;
        }

        ancestors.Add(realPath);
        if (_respectGitignore)
        {
            ignores = ignores.Push(GitIgnoreFile.TryLoad(path, Path.Combine(path, ".gitignore")));
        }

        List<FileSystemInfo> entries;
        try
        {
            entries = [.. new DirectoryInfo(path).EnumerateFileSystemInfos("*", Enumeration).OrderBy(entry => entry.Name, StringComparer.Ordinal)];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            walk.Problems.Add(new DiscoveryProblem(Relative(path), $"cannot read the folder: {error.Message}"));
            ancestors.Remove(realPath);
            return;
        }

        foreach (var entry in entries)
        {
            var entryPath = Path.Combine(path, entry.Name);
            var relative = Relative(entryPath);
            var isLink = entry.LinkTarget is not null;
            var isDirectory = entry is DirectoryInfo || (isLink && Directory.Exists(entryPath));
            if (_excludes.Matches(relative) || (_respectGitignore && ignores.IsIgnored(entryPath, isDirectory)))
            {
                continue;
            }

            if (isDirectory)
            {
                var real = isLink ? TryRealPath(entryPath, walk) : Path.Combine(realPath, entry.Name);
                if (real is null)
                {
                    continue;
                }

                if (IsEnvironment(entryPath))
                {
                    continue;
                }

                if (ancestors.Contains(real))
                {
                    walk.Problems.Add(new DiscoveryProblem(relative, $"symbolic link loop: it points back to {DisplayReal(real)}, which is being walked; not followed"));
                    continue;
                }

                WalkDirectory(entryPath, real, ignores, ancestors, walk);
            }
            else if (entry.Name.EndsWith(".py", StringComparison.Ordinal))
            {
                if (FileKinds.Of(entryPath) is var kind and not (FileKind.Regular or FileKind.Missing))
                {
                    walk.Problems.Add(new DiscoveryProblem(relative, FileKinds.NotReadMessage(kind)));
                    continue;
                }

                AddFile(entryPath, walk, isLink ? null : Path.Combine(realPath, entry.Name));
            }
        }

        ancestors.Remove(realPath);
    }

    /// <summary>
    /// Whether a folder is an installed Python environment rather than project source: a virtual
    /// environment has a <c>pyvenv.cfg</c> at its top (PEP 405; venv, virtualenv and uv all write it),
    /// a conda environment a <c>conda-meta</c> folder. The default excludes catch only the usual
    /// names (<c>.venv</c>, <c>venv</c>); this catches <c>env/</c>, <c>.env311/</c> and the like,
    /// which would otherwise put every installed package's code in the findings.
    /// </summary>
    private static bool IsEnvironment(string folder) =>
        File.Exists(Path.Combine(folder, "pyvenv.cfg")) || Directory.Exists(Path.Combine(folder, "conda-meta"));

    private void AddFile(string path, Walk walk, string? knownRealPath = null)
    {
        // A broken link has no real path; it is kept under its own name and fails to read (GIL002).
        string real;
        try
        {
            real = knownRealPath ?? RealPath.Resolve(path);
        }
        catch (IOException)
        {
            real = path;
        }

        if (!File.Exists(real))
        {
            real = path;
        }

        var relative = IsUnder(real, _realProjectRoot) ? Relative(real, _realProjectRoot) : Relative(path);
        walk.Files.TryAdd(real, new DiscoveredFile(relative, path));
    }

    // The .gitignore rules above an input folder: from the enclosing git work tree (or the project
    // root) down to the input's parent, plus the work tree's .git/info/exclude.
    private GitIgnoreStack InitialIgnores(string input)
    {
        if (!_respectGitignore)
        {
            return GitIgnoreStack.Empty;
        }

        var top = FindWorkTree(input) ?? (IsUnder(input, _projectRoot) ? _projectRoot : null);
        if (top is null)
        {
            return GitIgnoreStack.Empty;
        }

        var stack = GitIgnoreStack.Empty.Push(GitIgnoreFile.TryLoad(top, Path.Combine(top, ".git", "info", "exclude")));
        var chain = new List<string>();
        for (var dir = Path.GetDirectoryName(input); dir is not null && IsUnder(dir, top); dir = Path.GetDirectoryName(dir))
        {
            chain.Add(dir);
        }

        chain.Reverse();
        foreach (var dir in chain)
        {
            stack = stack.Push(GitIgnoreFile.TryLoad(dir, Path.Combine(dir, ".gitignore")));
        }

        return stack;
    }

    private static string? FindWorkTree(string start)
    {
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var marker = Path.Combine(dir, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return dir;
            }
        }

        return null;
    }

    private string? TryRealPath(string path, Walk walk)
    {
        try
        {
            return RealPath.Resolve(path);
        }
        catch (IOException error)
        {
            walk.Problems.Add(new DiscoveryProblem(Relative(path), $"cannot resolve the symbolic link: {error.Message}"));
            return null;
        }
    }

    private string DisplayReal(string real) =>
        IsUnder(real, _realProjectRoot) ? (Relative(real, _realProjectRoot) is { Length: > 0 } r ? r : ".") : real;

    private string Relative(string path) => Relative(path, _projectRoot);

    private static string Relative(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative == "." ? string.Empty : relative;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or lies below it.</summary>
    public static bool IsUnder(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative == "." || (relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static readonly EnumerationOptions Enumeration = new()
    {
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private sealed class Walk
    {
        public Dictionary<string, DiscoveredFile> Files { get; } = new(StringComparer.Ordinal);

        public HashSet<string> VisitedDirectories { get; } = new(StringComparer.Ordinal);

        public List<DiscoveryProblem> Problems { get; } = [];
    }
}
