using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Model;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// A fingerprint of everything a dependency audit reads besides the Python files, for the results cache
/// of <c>gilscan check</c> (<c>AnalysisDriverOptions.ProjectInputsKey</c>): GIL401-403 must be recomputed
/// when uv.lock, a requirements file or the environment changes although no .py file did.
/// <list type="bullet">
/// <item>Manifests and lockfiles in the root, and the requirement files they include: content hashes.</item>
/// <item>The environment (<c>--python-env</c>, else the project's .venv/venv): every entry of its
/// site-packages with its size and modification time; installing, upgrading (the dist-info folder
/// names carry versions) or removing a package changes it, without hashing every binary.</item>
/// <item>The wheels directory: each .whl's name, size and modification time.</item>
/// <item>The target, and the build of GilScan.Dependencies, which holds the bundled knowledge base.</item>
/// </list>
/// </summary>
public static class DependencyInputsFingerprint
{
    public static string Of(string projectRoot, DependencyAuditOptions? options = null)
    {
        options ??= new DependencyAuditOptions();
        var root = Path.GetFullPath(projectRoot);
        var text = new StringBuilder()
            .Append("target ").Append(options.Target?.Name ?? "from-project").Append(' ').Append(options.Platform.Name).Append('\n')
            .Append("audit ").Append(typeof(DependencyAuditor).Assembly.ManifestModule.ModuleVersionId.ToString("N")).Append('\n')
            .Append("knowledge ").Append(options.Knowledge is null ? "bundled" : "custom").Append('\n');

        var hashed = new SortedSet<string>(StringComparer.Ordinal);
        // Every project folder's inputs: the root's, nested lockfile projects', and their members' pyproject.toml files.
        hashed.UnionWith(ProjectScopes.InputPaths(root));

        foreach (var path in hashed)
        {
            text.Append("file ").Append(Path.GetRelativePath(root, path)).Append(' ').Append(HashOf(path)).Append('\n');
        }

        var environment = options.PythonEnvironment ?? (options.FindProjectEnvironment ? InstalledEnvironmentReader.FindProjectEnvironment(root) : null);
        if (environment is not null)
        {
            text.Append("environment ").Append(Path.GetFullPath(environment, root)).Append('\n');
            foreach (var sitePackages in InstalledEnvironmentReader.FindSitePackages(Path.GetFullPath(environment, root)))
            {
                AppendListing(text, sitePackages, "*");
            }
        }

        if (options.WheelsDirectory is { } wheels)
        {
            text.Append("wheels ").Append(Path.GetFullPath(wheels, root)).Append('\n');
            AppendListing(text, Path.GetFullPath(wheels, root), "*.whl");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string HashOf(string path)
    {
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Missing or unreadable: the audit reports it; the fingerprint only has to differ from a readable file's.
            return "unreadable";
        }
    }

    private static void AppendListing(StringBuilder text, string directory, string pattern)
    {
        if (!Directory.Exists(directory))
        {
            text.Append("missing ").Append(directory).Append('\n');
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos(pattern).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var size = entry is FileInfo file ? file.Length : -1;
            text.Append(CultureInfo.InvariantCulture, $"entry {entry.Name} {size} {entry.LastWriteTimeUtc.Ticks}\n");
        }
    }
}
