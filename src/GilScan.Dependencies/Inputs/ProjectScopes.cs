using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// One project folder with the dependency inputs that govern it: the project root, and every folder
/// below it that holds a lockfile of its own (a nested project such as a repository's Rust-backed
/// core package). Workspace members and path dependencies that a lockfile installs from a folder
/// without a lockfile belong to that lockfile's scope, and their pyproject.toml declarations with it.
/// <see cref="Folder"/> is a full path; <see cref="RelativeFolder"/> is "" for the root, else
/// relative to it with '/' separators.
/// </summary>
public sealed record ProjectScope(string Folder, string RelativeFolder, IReadOnlyList<DependencyFile> Files, IReadOnlyList<string> MemberFolders)
{
    public bool IsRoot => RelativeFolder.Length == 0;

    /// <summary>"the project root" or "pydantic-core/", for sentences.</summary>
    public string Display => IsRoot ? "the project root" : RelativeFolder + "/";
}

/// <summary>
/// Finds the scopes of a project: the root always, and each folder under it (not in a virtual
/// environment, build output, VCS or tool folder, nor hidden) with a lockfile. A file belongs to the
/// deepest scope whose folder holds it (<see cref="ScopeOf"/>): a uv workspace member without its own
/// lock is under the workspace root, so the root lock governs it; a nested project with its own
/// uv.lock governs its own folder.
/// </summary>
public static class ProjectScopes
{
    /// <summary>Folder names never searched for nested projects (the analyser's default excludes, and virtual environments).</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".gilscan_cache", ".hg", ".ipynb_checkpoints", ".mypy_cache",
        ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", ".vscode",
        "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules", "site-packages", "venv",
        "target",
    };

    /// <summary>Nested projects deeper than this are not looked for.</summary>
    private const int MaxDepth = 6;

    /// <summary>The folders (full paths) that form scopes: the root first, then nested lockfile folders in path order.</summary>
    public static IReadOnlyList<string> DiscoverFolders(string projectRoot)
    {
        var root = Path.GetFullPath(projectRoot);
        var folders = new List<string> { root };
        if (!Directory.Exists(root))
        {
            return folders;
        }

        var nested = new List<string>();
        Walk(root, 0, nested);
        folders.AddRange(nested.Order(StringComparer.Ordinal));
        return folders;
    }

    /// <summary>Reads every scope: its inputs (see <see cref="DependencyInputReader.Discover"/>) and the pyproject.toml of its members.</summary>
    public static IReadOnlyList<ProjectScope> Load(string projectRoot)
    {
        var root = Path.GetFullPath(projectRoot);
        var folders = DiscoverFolders(root);
        var scopes = new List<ProjectScope>();
        foreach (var folder in folders)
        {
            var files = ReadFolder(folder);
            var members = MemberFolders(folder, files)
                .Where(m => !folders.Contains(m, StringComparer.Ordinal) && IsUnder(m, root))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            foreach (var member in members)
            {
                var manifest = Path.Combine(member, "pyproject.toml");
                if (File.Exists(manifest) && files.All(f => !SamePath(f.Path, manifest)))
                {
                    files.Add(DependencyInputReader.Read(manifest));
                }
            }

            var relative = Path.GetRelativePath(root, folder).Replace(Path.DirectorySeparatorChar, '/');
            scopes.Add(new ProjectScope(folder, relative == "." ? "" : relative, files, members));
        }

        return scopes;
    }

    /// <summary>The scope that governs <paramref name="path"/> (full, or relative to the root): the deepest scope folder holding it.</summary>
    public static ProjectScope ScopeOf(IReadOnlyList<ProjectScope> scopes, string rootFolder, string path)
    {
        var full = Path.GetFullPath(path, rootFolder);
        return scopes.Where(s => IsUnder(full, s.Folder)).OrderByDescending(s => s.Folder.Length).FirstOrDefault() ?? scopes[0];
    }

    /// <summary>Every input path the scopes read (for cache keys): their files, and the requirement files those include.</summary>
    public static IEnumerable<string> InputPaths(string projectRoot) =>
        Load(projectRoot).SelectMany(scope => scope.Files)
            .SelectMany(file => new[] { file.Path }.Concat(file.IncludedFiles ?? []))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal);

    private static List<DependencyFile> ReadFolder(string folder)
    {
        var files = new List<DependencyFile>();
        var included = new HashSet<string>(StringComparer.Ordinal);
        // Requirement files that include others are read first, so that the included ones are read once, through them.
        var discovered = DependencyInputReader.Discover(folder)
            .OrderBy(p => DependencyInputReader.KindOf(p) == InputKind.RequirementsTxt && !IncludesOthers(p) ? 1 : 0)
            .ThenBy(p => DependencyInputReader.KindOf(p)!.Value)
            .ThenBy(p => p, StringComparer.Ordinal);
        foreach (var path in discovered)
        {
            if (included.Contains(Path.GetFullPath(path)))
            {
                continue;
            }

            var file = DependencyInputReader.Read(path);
            foreach (var include in file.IncludedFiles ?? [])
            {
                included.Add(Path.GetFullPath(include));
            }

            files.Add(file);
        }

        return files;
    }

    /// <summary>Folders a lockfile installs as local projects: uv's editable/virtual/directory sources, Poetry's directory sources.</summary>
    private static IEnumerable<string> MemberFolders(string folder, List<DependencyFile> files)
    {
        foreach (var file in files.Where(f => f.Kind is InputKind.UvLock or InputKind.PoetryLock or InputKind.PdmLock or InputKind.PylockToml))
        {
            foreach (var entry in file.Entries)
            {
                if (entry.SourceKind is PinSourceKind.Editable or PinSourceKind.Virtual or PinSourceKind.Directory
                    && entry.SourceLocation is { Length: > 0 } location && !location.Contains("://", StringComparison.Ordinal))
                {
                    var memberFolder = Path.GetFullPath(Path.Combine(folder, location));
                    if (!SamePath(memberFolder, folder))
                    {
                        yield return memberFolder;
                    }
                }
            }
        }
    }

    private static void Walk(string folder, int depth, List<string> found)
    {
        if (depth >= MaxDepth)
        {
            return;
        }

        IEnumerable<DirectoryInfo> children;
        try
        {
            children = new DirectoryInfo(folder).EnumerateDirectories().ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var child in children)
        {
            if (SkippedFolders.Contains(child.Name) || child.Name.StartsWith('.') || child.LinkTarget is not null)
            {
                continue;
            }

            if (HasLockfile(child.FullName))
            {
                found.Add(child.FullName);
            }

            Walk(child.FullName, depth + 1, found);
        }
    }

    private static bool HasLockfile(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder).Any(p => DependencyInputReader.KindOf(p) is InputKind.UvLock or InputKind.PoetryLock
                or InputKind.PdmLock or InputKind.PipfileLock or InputKind.PylockToml);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IncludesOthers(string path)
    {
        try
        {
            return File.ReadLines(path).Select(l => l.TrimStart()).Any(l => l.StartsWith("-r", StringComparison.Ordinal) || l.StartsWith("--requirement", StringComparison.Ordinal)
                                                                            || l.StartsWith("-c", StringComparison.Ordinal) || l.StartsWith("--constraint", StringComparison.Ordinal));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsUnder(string path, string folder) =>
        SamePath(path, folder) || path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
