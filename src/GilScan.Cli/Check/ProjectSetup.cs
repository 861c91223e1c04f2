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
                .FirstOrDefault(path => File.Exists(path) && (ConfigurationLoader.HasGilscanTable(path) || ConfigurationLoader.IsBrokenToml(path)));
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
