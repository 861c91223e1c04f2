namespace GilScan.Semantics.Project;

/// <summary>
/// The modules of a project by dotted name. Built from the file list alone (no file system access),
/// so that the same inputs always give the same names. Rules, in order:
/// <list type="number">
/// <item>the name is the path below the deepest source root (<see cref="ProjectLayout"/>), with
/// <c>/</c> as <c>.</c>, without <c>.py</c>, and without a final <c>__init__</c> (a regular package);</item>
/// <item>when a part of that path is not an identifier (<c>my-scripts/run.py</c>), the name is built as
/// pytest's rootdir-less import mode does: from the nearest ancestor directory that is not a package;</item>
/// <item>when that fails too, or another file already has the name, the file is not importable and
/// its name is its path (which never collides with a dotted name).</item>
/// </list>
/// When two files want one name, a package beats a module (CPython's FileFinder checks the directory
/// first), a deeper root beats the project root, and <c>.py</c> beats <c>.pyi</c>. Directories that
/// hold modules but no <c>__init__.py</c> are namespace packages (PEP 420).
/// </summary>
public sealed class ModuleIndex
{
    private readonly Dictionary<string, ModuleEntry> _byName;
    private readonly Dictionary<string, ModuleEntry> _byPath;
    private readonly HashSet<string> _namespacePackages;
    private IReadOnlyList<string> RootFolderNames { get; init; } = [];

    private ModuleIndex(List<ModuleEntry> entries, HashSet<string> namespacePackages)
    {
        Modules = entries;
        _byName = entries.Where(e => e.IsImportable).ToDictionary(e => e.Name, StringComparer.Ordinal);
        _byPath = entries.ToDictionary(e => e.RelativePath, StringComparer.Ordinal);
        _namespacePackages = namespacePackages;
    }

    /// <summary>Every file, sorted by module name then path (ordinal).</summary>
    public IReadOnlyList<ModuleEntry> Modules { get; }

    /// <param name="libraryPaths">The paths among <paramref name="relativePaths"/> that are modules of
    /// installed packages (<see cref="ModuleEntry.IsLibrary"/>). The project's folder comes first on
    /// <c>sys.path</c>, so a project module takes a name before any of them.</param>
    /// <param name="libraryRoots">The layout's roots that are site-packages folders: not folders of the
    /// project.</param>
    public static ModuleIndex Build(ProjectLayout layout, IEnumerable<string> relativePaths,
        IReadOnlySet<string>? libraryPaths = null, IReadOnlyCollection<string>? libraryRoots = null)
    {
        var paths = relativePaths.Select(ProjectLayout.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var pathSet = new HashSet<string>(paths, StringComparer.Ordinal);
        bool IsLibrary(string path) => libraryPaths is not null && libraryPaths.Contains(path);
        var candidates = paths.Select(p => (Path: p, Name: ImportName(layout, p, pathSet), IsPackage: IsInit(p)))
            .OrderBy(c => c.Name is null ? 1 : 0)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => IsLibrary(c.Path) ? 1 : 0)
            .ThenBy(c => c.IsPackage ? 0 : 1)
            .ThenBy(c => RootDepth(layout, c.Path))
            .ThenBy(c => c.Path.EndsWith(".pyi", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(c => c.Path, StringComparer.Ordinal);

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<ModuleEntry>(paths.Count);
        foreach (var (path, name, isPackage) in candidates)
        {
            // A library module that loses its name is left out: nothing can import it, and nothing of
            // it is reported.
            if (name is not null && taken.Add(name)) entries.Add(new ModuleEntry(name, path, isPackage, true) { IsLibrary = IsLibrary(path) });
            else if (!IsLibrary(path)) entries.Add(new ModuleEntry(path, path, isPackage, false));
        }
        entries.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.RelativePath, b.RelativePath);
        });

        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.IsImportable))
            for (var parent = ModuleNames.Parent(entry.Name); parent.Length > 0; parent = ModuleNames.Parent(parent))
                namespaces.Add(parent);
        namespaces.ExceptWith(entries.Where(e => e.IsImportable && e.IsPackage).Select(e => e.Name));
        return new ModuleIndex(entries, namespaces)
        {
            RootFolderNames = layout.SourceRoots.Where(r => r.Length > 0 && libraryRoots?.Contains(r) != true).Select(r => r[(r.LastIndexOf('/') + 1)..]).ToList(),
            TopLevelNames = OwnTopLevelNames(paths.Where(p => !IsLibrary(p)), entries.Where(e => !e.IsLibrary)),
        };
    }

    /// <summary>
    /// The top-level names by which an import reaches the project's own code, for the dependency audit
    /// (an import of such a name is the project's even when a dependency has the same name, since the
    /// project's folder comes first on <c>sys.path</c>): the first part of every module name, and,
    /// leaning to the project's side, the first folder or file of every path from the project root and
    /// below a <c>src</c> or <c>lib</c> folder (code run with that folder on <c>sys.path</c>).
    /// </summary>
    public IReadOnlySet<string> TopLevelNames { get; private init; } = new SortedSet<string>(StringComparer.Ordinal);

    private static readonly string[] PathFolders = ["src", "lib"];

    private static SortedSet<string> OwnTopLevelNames(IEnumerable<string> paths, IEnumerable<ModuleEntry> entries)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.IsImportable))
            names.Add(entry.Name.Split('.')[0]);
        foreach (var path in paths)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            names.Add(WithoutSuffix(parts[0], isFile: parts.Length == 1));
            if (parts.Length > 1 && PathFolders.Contains(parts[0], StringComparer.Ordinal))
                names.Add(WithoutSuffix(parts[1], isFile: parts.Length == 2));
        }
        return names;
    }

    private static string WithoutSuffix(string part, bool isFile) =>
        isFile && part.EndsWith(".py", StringComparison.Ordinal) ? part[..^3]
        : isFile && part.EndsWith(".pyi", StringComparison.Ordinal) ? part[..^4]
        : part;

    public bool TryGetModule(string name, out ModuleEntry entry) => _byName.TryGetValue(name, out entry!);

    public ModuleEntry? ByPath(string relativePath) =>
        _byPath.GetValueOrDefault(ProjectLayout.Normalize(relativePath));

    /// <summary>
    /// The module that the absolute import <paramref name="name"/> reaches from <paramref name="importer"/>:
    /// the name itself, except when no module or package of the project has its first part and the
    /// importer's folder (not the project root, not a regular package) holds a module or package of that
    /// name. A script's folder is the first entry of <c>sys.path</c> (<c>python tools/run.py</c>, or
    /// <c>uvicorn app:app</c> started in that folder), so <c>import predict</c> in
    /// <c>service/app.py</c> imports <c>service/predict.py</c>, before any installed package.
    /// </summary>
    public string ResolveAbsolute(ModuleEntry importer, string name)
    {
        var dot = name.IndexOf('.');
        var top = dot < 0 ? name : name[..dot];
        if (_byName.ContainsKey(top) || _namespacePackages.Contains(top)) return name;
        // A folder taken as a source root may also be a namespace package imported by its name
        // (`from company.service import x` with company/ holding every file): below it is the module.
        if (dot > 0 && RootFolderNames.Contains(top))
        {
            var below = name[(dot + 1)..];
            var next = below.Split('.')[0];
            if (_byName.ContainsKey(next) || _namespacePackages.Contains(next)) return below;
        }
        var slash = importer.RelativePath.LastIndexOf('/');
        if (slash < 0) return name;
        var folder = importer.RelativePath[..slash];
        if (_byPath.ContainsKey(folder + "/__init__.py")) return name;
        var sibling = ByPath(folder + "/" + top + ".py") ?? ByPath(folder + "/" + top + "/__init__.py");
        return sibling is { IsImportable: true } ? sibling.Name + name[top.Length..] : name;
    }

    /// <summary>True for a directory of the project that holds modules but no <c>__init__.py</c>.</summary>
    public bool IsNamespacePackage(string name) => _namespacePackages.Contains(name);

    /// <summary>True for a regular or namespace package of the project.</summary>
    public bool IsPackage(string name) =>
        _namespacePackages.Contains(name) || (_byName.TryGetValue(name, out var e) && e.IsPackage);

    /// <summary>The project module with the longest name that is <paramref name="qualifiedName"/> or a
    /// dotted prefix of it; <paramref name="remainder"/> gets the parts after it ("" when equal).</summary>
    public ModuleEntry? FindLongestPrefix(string qualifiedName, out string remainder)
    {
        var prefix = qualifiedName;
        while (true)
        {
            if (_byName.TryGetValue(prefix, out var entry))
            {
                remainder = prefix.Length == qualifiedName.Length ? "" : qualifiedName[(prefix.Length + 1)..];
                return entry;
            }
            var dot = prefix.LastIndexOf('.');
            if (dot < 0) break;
            prefix = prefix[..dot];
        }
        remainder = qualifiedName;
        return null;
    }

    private static bool IsInit(string path) =>
        path.EndsWith("/__init__.py", StringComparison.Ordinal) || path == "__init__.py" ||
        path.EndsWith("/__init__.pyi", StringComparison.Ordinal) || path == "__init__.pyi";

    private static int RootDepth(ProjectLayout layout, string path) => -layout.Split(path).Root.Length;

    private static string? ImportName(ProjectLayout layout, string path, HashSet<string> allPaths)
    {
        var stem = StripExtension(path);
        if (stem is null) return null;
        var (_, below) = layout.Split(stem);
        if (NameFromParts(below.Split('/')) is { } name) return name;

        // pytest's rootdir-less rule: the name starts below the nearest directory that is not a
        // regular package.
        var parts = stem.Split('/');
        var start = parts.Length - 1;
        while (start > 0 && allPaths.Contains(string.Join('/', parts[..start]) + "/__init__.py")) start--;
        return NameFromParts(parts[start..]);
    }

    private static string? NameFromParts(string[] parts)
    {
        var list = parts.ToList();
        if (list.Count > 0 && IsInitStem(list[^1])) list.RemoveAt(list.Count - 1);
        if (list.Count == 0 || !list.All(ModuleNames.IsIdentifier)) return null;
        return string.Join('.', list);
    }

    private static bool IsInitStem(string part) => part == "__init__";

    private static string? StripExtension(string path) =>
        path.EndsWith(".py", StringComparison.Ordinal) ? path[..^3]
        : path.EndsWith(".pyi", StringComparison.Ordinal) ? path[..^4]
        : null;
}
