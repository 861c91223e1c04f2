using GilScan.Analysis.Configuration;
using GilScan.Analysis.Discovery;

namespace GilScan.Cli.Check;

/// <summary>
/// Where a run stands: its inputs, its configuration file, the project root that paths in reports
/// are relative to (SARIF's SRCROOT), and its cache folder.
/// <list type="bullet">
/// <item>Configuration: <c>--config</c>; else, unless <c>--isolated</c>, the nearest pyproject.toml
/// with a <c>[tool.gilscan]</c> table (or that is not valid TOML, an error then), searching upwards
/// from the inputs' common folder.</item>
/// <item>Project root: the first of the configuration's folder, the nearest folder with a
/// pyproject.toml and the current folder that holds every input; else the inputs' common folder.</item>
/// <item>Cache: <c>--cache-dir</c>, else <c>.gilscan_cache</c> in the folder of the configuration
/// (or of the nearest pyproject.toml, or the current folder), as ruff places its cache.</item>
/// </list>
/// </summary>
internal sealed record ProjectSetup(IReadOnlyList<string> Inputs, string? ConfigFile, string Root, string CacheDirectory)
{
    /// <summary>What makes a folder a Python project of its own: its configuration, or a lockfile that pins its dependencies.</summary>
    public static IReadOnlyList<string> ProjectMarkers { get; } =
        ["pyproject.toml", "setup.cfg", "uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "pylock.toml"];

    /// <summary>Folders of other projects below <see cref="Root"/> (absolute paths): their files belong to their own run, not this one.</summary>
    public IReadOnlyList<string> NestedProjects { get; init; } = [];

    /// <summary>
    /// This setup and one per Python project found below its root in the input folders (a folder with a
    /// <see cref="ProjectMarkers">marker</see>), each with its own configuration (the nearest one upwards
    /// from it, unless --config or --isolated say otherwise), root, lockfiles and cache, so that a
    /// project's results do not depend on which parent folder was given. Each file belongs to the run of
    /// the deepest project that holds it. Default-excluded and hidden folders are not searched.
    /// </summary>
    public IReadOnlyList<ProjectSetup> WithNestedProjects(CheckOptions options, CliHost host)
    {
        if (options.Stdin is not null)
        {
            return [this];
        }

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in Inputs.Where(Directory.Exists))
        {
            FindProjects(input, found);
        }

        found.RemoveWhere(dir => dir == Root || !FileDiscovery.IsUnder(dir, Root));
        if (found.Count == 0)
        {
            return [this];
        }

        IReadOnlyList<string> Below(string root) => [.. found.Where(dir => dir != root && FileDiscovery.IsUnder(dir, root))];
        var setups = new List<ProjectSetup> { this with { NestedProjects = Below(Root) } };
        foreach (var project in found)
        {
            var inputs = Inputs.Where(input => FileDiscovery.IsUnder(input, project)).ToList();
            if (inputs.Count == 0)
            {
                inputs = [project];
            }

            var config = options.ConfigFile is not null ? ConfigFile
                : options.Isolated ? null
                : Upwards(project).Select(dir => Path.Combine(dir, ConfigurationLoader.PyprojectFileName)).FirstOrDefault(IsConfiguration);
            var cache = options.CacheDirectory is { } dir
                ? Path.Combine(host.FullPath(dir), Path.GetRelativePath(Root, project).Replace('/', '_').Replace('\\', '_'))
                : Path.Combine(project, Analysis.Caching.CacheDirectory.DefaultName);
            setups.Add(new ProjectSetup(inputs, config, project, cache) { NestedProjects = Below(project) });
        }

        return setups;
    }

    private static void FindProjects(string folder, SortedSet<string> found)
    {
        if (ProjectMarkers.Any(marker => File.Exists(Path.Combine(folder, marker))))
        {
            found.Add(folder);
        }

        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var child in children)
        {
            var name = Path.GetFileName(child);
            if (name.StartsWith('.') || SkippedFolders.Contains(name) || new DirectoryInfo(child).LinkTarget is not null)
            {
                continue;
            }

            FindProjects(child, found);
        }
    }

    // Folders that never hold a project of the repository's own: environments, caches, build output.
    private static readonly HashSet<string> SkippedFolders = new(
        DefaultExcludes.Patterns.Where(pattern => !pattern.Contains('/') && !pattern.Contains('*')),
        StringComparer.Ordinal);

    private static bool IsConfiguration(string path) =>
        File.Exists(path) && (ConfigurationLoader.HasGilscanTable(path) || ConfigurationLoader.IsBrokenToml(path));

    /// <summary>The setup, or the usage error that prevents one.</summary>
    public static (ProjectSetup? Setup, string? Error) Resolve(CheckOptions options, CliHost host)
    {
        var inputs = options.Paths.Select(host.FullPath).Select(TrimSeparator).Distinct(StringComparer.Ordinal).ToList();
        // Standard input names a file that need not exist: an editor's unsaved buffer.
        var missing = options.Stdin is not null ? null : inputs.FirstOrDefault(path => !File.Exists(path) && !Directory.Exists(path) && !IsLink(path));
        if (missing is not null)
        {
            return (null, $"no such file or folder: {missing}");
        }

        var start = CommonAncestor(inputs.Select(path => Directory.Exists(path) ? path : Path.GetDirectoryName(path)!));
        string? config = null;
        if (options.ConfigFile is { } given)
        {
            config = host.FullPath(given);
            if (!File.Exists(config))
            {
                return (null, $"--config: no such file: {config}");
            }
        }
        else if (!options.Isolated)
        {
            config = Upwards(start).Select(dir => Path.Combine(dir, ConfigurationLoader.PyprojectFileName))
                .FirstOrDefault(IsConfiguration);
        }

        bool HoldsInputs(string? dir) => dir is not null && inputs.All(path => FileDiscovery.IsUnder(path, dir));
        var configFolder = config is null ? null : Path.GetDirectoryName(config)!;
        var nearestProject = Upwards(start).FirstOrDefault(dir => File.Exists(Path.Combine(dir, ConfigurationLoader.PyprojectFileName)));
        var anchor = configFolder ?? nearestProject;
        var root = new[] { configFolder, nearestProject, host.CurrentDirectory }.FirstOrDefault(HoldsInputs) ?? start;

        var cache = options.CacheDirectory is { } dir
            ? host.FullPath(dir)
            : Path.Combine(anchor ?? host.CurrentDirectory, Analysis.Caching.CacheDirectory.DefaultName);
        return (new ProjectSetup(inputs, config, root, cache), null);
    }

    /// <summary>
    /// The top level of the git work tree that holds <see cref="Root"/> (the nearest folder upwards with
    /// a <c>.git</c> folder or file), or null outside one: SARIF URIs are relative to it.
    /// </summary>
    public string? RepositoryRoot => Upwards(Root).FirstOrDefault(dir => Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")));

    /// <summary>The same setup with its root widened to hold <paramref name="path"/> (a configuration file outside the project).</summary>
    public ProjectSetup Covering(string path) =>
        FileDiscovery.IsUnder(path, Root) ? this : this with { Root = CommonAncestor([Root, Path.GetDirectoryName(path)!]) };

    /// <summary>The project-relative path of an absolute path under <see cref="Root"/>.</summary>
    public string Relative(string absolutePath) => Path.GetRelativePath(Root, absolutePath).Replace('\\', '/');

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static string TrimSeparator(string path) =>
        path.Length > 1 && (path.EndsWith('/') || path.EndsWith('\\')) && Path.GetPathRoot(path) != path ? path.TrimEnd('/', '\\') : path;

    private static IEnumerable<string> Upwards(string start)
    {
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            yield return dir;
        }
    }

    private static string CommonAncestor(IEnumerable<string> directories)
    {
        string? common = null;
        foreach (var dir in directories)
        {
            if (common is null)
            {
                common = dir;
                continue;
            }

            while (!FileDiscovery.IsUnder(dir, common))
            {
                common = Path.GetDirectoryName(common) ?? common;
                if (Path.GetPathRoot(common) == common)
                {
                    break;
                }
            }
        }

        return common ?? Path.GetPathRoot(Environment.CurrentDirectory)!;
    }
}
