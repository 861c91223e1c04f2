using GilScan.Dependencies.Environments;
using GilScan.Rules.Threads;
using GilScan.Semantics;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Processes;
using GilScan.Syntax;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Shared;

/// <summary>
/// The modules of installed pure-Python packages that the project's code imports, read from its
/// environment (<c>--python-env</c>, else the project's <c>.venv</c> or <c>venv</c>) so that the
/// semantic model follows calls into them instead of stopping at the project's boundary: a Markdown
/// parser run with <c>run_in_executor</c> is then seen to loop over its input in pure Python.
/// <list type="bullet">
/// <item>Only what is imported is read: the modules the project imports from packages it does not
/// define, their parent packages, and what those import in turn (breadth first, so the modules closest
/// to the project come first), up to <see cref="MaxModules"/> modules and <see cref="MaxBytes"/> of
/// source.</item>
/// <item>A package the knowledge already describes (the call catalog, thread offloads, process
/// boundaries) is never read: its entries say what native code does, which its Python source cannot.</item>
/// <item>A module that does not parse is skipped; its importers see an unknown module, as before.</item>
/// </list>
/// The modules are library modules (<see cref="SourceFile.IsLibrary"/>): rules follow calls into them,
/// but report only on the project's code.
/// </summary>
public static class InstalledPackageSources
{
    /// <summary>Most modules read from an environment: what a project calls directly is near the front.</summary>
    public const int MaxModules = 400;

    /// <summary>Most bytes of source read from an environment.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>A module larger than this is left out (generated tables, vendored bundles).</summary>
    private const long MaxModuleBytes = 1024 * 1024;

    private static readonly Lazy<IReadOnlySet<string>> Described = new(DescribedPackages);

    /// <summary>What was read, and why the reading stopped early, if it did.</summary>
    public sealed record Result(IReadOnlyList<SourceFile> Files, string? Environment, string? CapNote);

    /// <summary>The environment whose packages a run follows: <paramref name="explicitEnvironment"/>, else
    /// the project's <c>.venv</c> or <c>venv</c>; null when there is none.</summary>
    public static string? EnvironmentOf(string? projectRoot, string? explicitEnvironment) =>
        explicitEnvironment ?? (projectRoot is null ? null : InstalledEnvironmentReader.FindProjectEnvironment(projectRoot));

    /// <summary>A key that changes when packages are installed, removed or upgraded in the environment
    /// (the names of its <c>*.dist-info</c> folders carry name and version), for cached results.</summary>
    public static string Fingerprint(string? environment)
    {
        if (environment is null || !Directory.Exists(environment))
        {
            return "installed:none";
        }

        var parts = new List<string>();
        foreach (var sitePackages in InstalledEnvironmentReader.FindSitePackages(environment))
        {
            try
            {
                parts.AddRange(Directory.EnumerateDirectories(sitePackages, "*.dist-info").Select(Path.GetFileName).OfType<string>());
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                parts.Add("unreadable:" + sitePackages);
            }
        }

        parts.Sort(StringComparer.Ordinal);
        return "installed:" + environment + "\n" + string.Join('\n', parts);
    }

    /// <summary>Reads the installed modules that <paramref name="projectFiles"/> import.</summary>
    /// <param name="projectRoot">The folder the project's paths are relative to; library paths are made
    /// relative to it too.</param>
    /// <param name="ownTopLevelNames">Top-level names of the project's own modules: imports of those are
    /// the project's, whatever is installed.</param>
    public static Result Read(string projectRoot, string? environment, IReadOnlyList<SourceFile> projectFiles, IReadOnlySet<string> ownTopLevelNames)
    {
        if (environment is null || !Directory.Exists(environment))
        {
            return new Result([], null, null);
        }

        var roots = InstalledEnvironmentReader.FindSitePackages(environment);
        if (roots.Count == 0)
        {
            return new Result([], environment, null);
        }

        var reader = new Reader(projectRoot, roots, ownTopLevelNames);
        foreach (var file in projectFiles)
        {
            reader.QueueImportsOf(file.Tree, packageOfModule: null);
        }

        reader.Drain();
        return new Result(reader.Files, environment, reader.CapNote);
    }

    /// <summary>The top-level package names the bundled knowledge has entries for.</summary>
    private static IReadOnlySet<string> DescribedPackages()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(string qualified)
        {
            var top = qualified.Split('.')[0];
            if (top.Length > 0 && !top.Contains('*'))
            {
                names.Add(top);
            }
        }

        foreach (var entry in CallCatalog.Default.Entries)
        {
            Add(entry.Name);
        }

        foreach (var offload in ThreadOffloads.Default.Entries)
        {
            Add(offload.Name);
        }

        var processes = ProcessKnowledge.Default;
        foreach (var boundary in processes.Boundaries)
        {
            Add(boundary.Name);
        }

        foreach (var type in processes.UnpicklableTypes)
        {
            Add(type.TypeName);
        }

        foreach (var producer in processes.SizeProducers)
        {
            Add(producer.Name);
        }

        return names;
    }

    /// <summary>Breadth-first reading of imported modules, with the caps.</summary>
    private sealed class Reader(string projectRoot, IReadOnlyList<string> roots, IReadOnlySet<string> ownTopLevelNames)
    {
        private readonly Queue<string> _pending = new();
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Root, string Path, bool IsPackage)?> _located = new(StringComparer.Ordinal);
        private long _bytes;

        public List<SourceFile> Files { get; } = [];

        public string? CapNote { get; private set; }

        /// <summary>Queues the modules <paramref name="tree"/> imports. Relative imports are resolved
        /// against <paramref name="packageOfModule"/> (null for the project's own files: their relative
        /// imports are the project's).</summary>
        public void QueueImportsOf(Module tree, string? packageOfModule)
        {
            foreach (var node in AstWalker.DescendantsAndSelf(tree))
            {
                switch (node)
                {
                    case Import import:
                        foreach (var alias in import.Names)
                        {
                            Queue(alias.Name);
                        }

                        break;
                    case ImportFrom from when (from.Level ?? 0) == 0 && from.Module is { } module:
                        Queue(module);
                        foreach (var alias in from.Names)
                        {
                            // `from pkg import sub` may name a submodule.
                            if (alias.Name != "*")
                            {
                                Queue(module + "." + alias.Name, onlyIfExists: true);
                            }
                        }

                        break;
                    case ImportFrom from when from.Level is > 0 && packageOfModule is not null:
                        var parts = packageOfModule.Split('.');
                        var up = from.Level.Value - 1;
                        if (up >= parts.Length)
                        {
                            break;
                        }

                        var basePackage = string.Join('.', parts[..(parts.Length - up)]);
                        var target = from.Module is { } relative ? basePackage + "." + relative : basePackage;
                        Queue(target);
                        foreach (var alias in from.Names)
                        {
                            if (alias.Name != "*")
                            {
                                Queue(target + "." + alias.Name, onlyIfExists: true);
                            }
                        }

                        break;
                }
            }
        }

        private void Queue(string module, bool onlyIfExists = false)
        {
            var top = module.Split('.')[0];
            if (ownTopLevelNames.Contains(top) || Described.Value.Contains(top))
            {
                return;
            }

            // Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
            var parts = module.Split('.');
            for (var i = 1; i <= parts.Length; i++)
            {
                var name = string.Join('.', parts[..i]);
                if (onlyIfExists && i == parts.Length && Locate(name) is null)
                {
                    return;
                }

                if (_seen.Add(name))
                {
                    _pending.Enqueue(name);
                }
            }
        }

        public void Drain()
        {
            while (_pending.Count > 0)
            {
                var name = _pending.Dequeue();
                if (Locate(name) is not { } located)
                {
                    continue;
                }

                if (Files.Count >= MaxModules || _bytes >= MaxBytes)
                {
                    CapNote ??= $"followed {Files.Count} modules ({_bytes / 1024} KiB) of installed packages, the most gilscan reads; calls into the others count as unknown";
                    continue;
                }

                long length;
                try
                {
                    length = new FileInfo(located.Path).Length;
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                if (length > MaxModuleBytes)
                {
                    continue;
                }

                var parsed = SyntaxTree.ParseFile(located.Path);
                if (parsed.Tree is not { } tree)
                {
                    continue;
                }

                _bytes += length;
                var relative = Path.GetRelativePath(projectRoot, located.Path).Replace('\\', '/');
                Files.Add(new SourceFile(relative, tree.Root) { IsLibrary = true });
                QueueImportsOf(tree.Root, located.IsPackage ? name : ParentOf(name));
            }
        }

        private static string ParentOf(string name) => name.LastIndexOf('.') is var dot and > 0 ? name[..dot] : "";

        /// <summary>The file of module <paramref name="name"/> in the first site-packages folder that has it:
        /// a package's <c>__init__.py</c> before a module (CPython's FileFinder checks the folder first).</summary>
        private (string Root, string Path, bool IsPackage)? Locate(string name)
        {
            if (_located.TryGetValue(name, out var known))
            {
                return known;
            }

            (string, string, bool)? found = null;
            var relative = name.Replace('.', Path.DirectorySeparatorChar);
            foreach (var root in roots)
            {
                var package = Path.Combine(root, relative, "__init__.py");
                if (File.Exists(package))
                {
                    found = (root, package, true);
                    break;
                }

                var module = Path.Combine(root, relative + ".py");
                if (File.Exists(module))
                {
                    found = (root, module, false);
                    break;
                }
            }

            _located[name] = found;
            return found;
        }
    }
}
