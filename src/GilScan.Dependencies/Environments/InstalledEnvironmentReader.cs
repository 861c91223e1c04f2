using System.Text.RegularExpressions;
using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Environments;

/// <summary>An installed environment: where its site-packages are, what it was built for, and what is in it.</summary>
public sealed record InstalledEnvironment(
    string Root,
    IReadOnlyList<string> SitePackages,
    string? PythonVersion,
    bool? IsFreeThreaded,
    IReadOnlyList<ScannedDistribution> Distributions,
    IReadOnlyList<DependencyDiagnostic> Diagnostics);

/// <summary>
/// Reads an installed environment (a venv, or any prefix with site-packages): every <c>*.dist-info</c>
/// with its METADATA, WHEEL, RECORD and top_level.txt, and every extension module RECORD lists. The
/// free-threadedness of the environment comes from the <c>lib/python3.XYt/</c> directory name (the
/// sysconfig <c>posix_prefix</c>/<c>posix_venv</c> schemes add the <c>t</c>) or from its modules' names.
/// </summary>
public static partial class InstalledEnvironmentReader
{
    /// <summary>Finds a project's virtual environment: <c>.venv</c> first, then <c>venv</c>, each with a pyvenv.cfg.</summary>
    public static string? FindProjectEnvironment(string projectRoot)
    {
        foreach (var name in new[] { ".venv", "venv" })
        {
            var candidate = Path.Combine(projectRoot, name);
            if (File.Exists(Path.Combine(candidate, "pyvenv.cfg")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>site-packages directories of an environment root (POSIX <c>lib/pythonX.Y[t]/</c>, Windows <c>Lib/</c>).</summary>
    public static IReadOnlyList<string> FindSitePackages(string root)
    {
        var found = new List<string>();
        if (Path.GetFileName(root.TrimEnd('/', '\\')) == "site-packages" && Directory.Exists(root))
        {
            return [root];
        }

        // venv makes lib64 a symbolic link to lib on 64-bit Linux: one folder, read once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lib in new[] { "lib", "lib64", "Lib" })
        {
            var libDirectory = Path.Combine(root, lib);
            if (!Directory.Exists(libDirectory) || !seen.Add(new DirectoryInfo(libDirectory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(libDirectory)))
            {
                continue;
            }

            var direct = Path.Combine(libDirectory, "site-packages");
            if (Directory.Exists(direct))
            {
                found.Add(direct);
            }

            foreach (var python in Directory.EnumerateDirectories(libDirectory, "python3*").Order(StringComparer.Ordinal))
            {
                var sitePackages = Path.Combine(python, "site-packages");
                if (Directory.Exists(sitePackages))
                {
                    found.Add(sitePackages);
                }
            }
        }

        return found.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    public static InstalledEnvironment Read(string root)
    {
        var diagnostics = new List<DependencyDiagnostic>();
        var sitePackages = FindSitePackages(root);
        if (sitePackages.Count == 0)
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error,
                $"no site-packages directory under '{root}'", SourceAnchor.File(root)));
        }

        var distributions = new List<ScannedDistribution>();
        foreach (var directory in sitePackages)
        {
            foreach (var distInfo in Directory.EnumerateDirectories(directory, "*.dist-info").Order(StringComparer.Ordinal))
            {
                try
                {
                    distributions.Add(ReadDistribution(directory, distInfo, diagnostics));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error,
                        $"cannot read '{Path.GetFileName(distInfo)}': {exception.Message}", SourceAnchor.File(distInfo)));
                }
            }
        }

        var (version, freeThreaded) = DetectInterpreter(root, sitePackages, distributions);
        return new InstalledEnvironment(root, sitePackages, version, freeThreaded, distributions, diagnostics);
    }

    private static ScannedDistribution ReadDistribution(string sitePackages, string distInfo, List<DependencyDiagnostic> diagnostics)
    {
        string? ReadMember(string member)
        {
            var file = Path.Combine(distInfo, member);
            return File.Exists(file) ? File.ReadAllText(file) : null;
        }

        var directoryName = Path.GetFileName(distInfo);
        var fallbackName = directoryName.Split('-')[0];
        var metadataPath = Path.Combine(distInfo, "METADATA");
        var metadata = DistInfo.Read(metadataPath, ReadMember, fallbackName, diagnostics);
        if (metadata.RecordPaths.Count == 0)
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                $"'{directoryName}' has no RECORD; its extension modules cannot be listed", SourceAnchor.File(distInfo)));
        }

        var modules = new List<ExtensionModuleScan>();
        foreach (var relative in metadata.RecordPaths.Where(ExtensionFileName.IsCandidate).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFullPath(Path.Combine(sitePackages, relative));
            if (!File.Exists(file))
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                    $"RECORD of '{metadata.Name}' lists '{relative}', which is missing", metadata.NameAnchor));
                continue;
            }

            var length = new FileInfo(file).Length;
            if (length > WheelArchiveReader.MaxScannedMemberBytes)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning, $"'{relative}' is {length} bytes; not scanned", SourceAnchor.File(file)));
                continue;
            }

            modules.Add(ExtensionScanner.Scan(relative, File.ReadAllBytes(file)));
        }

        var entry = new DependencyEntry(metadata.Name, metadata.VersionText, metadata.Version, null, InputKind.InstalledEnvironment,
            PinSourceKind.Path, distInfo, [], [], [], null, metadata.NameAnchor);
        return new ScannedDistribution(entry, metadata, modules, distInfo);
    }

    private static (string? Version, bool? FreeThreaded) DetectInterpreter(
        string root, IReadOnlyList<string> sitePackages, List<ScannedDistribution> distributions)
    {
        foreach (var directory in sitePackages)
        {
            var match = PythonDirectory().Match(directory.Replace('\\', '/'));
            if (match.Success)
            {
                return (match.Groups["version"].Value, match.Groups["t"].Success);
            }
        }

        var tagged = distributions.SelectMany(d => d.Modules).Select(m => m.FileName)
            .FirstOrDefault(n => n.Abi is FileNameAbi.CPython or FileNameAbi.CPythonFreeThreaded);
        if (tagged?.PythonVersionDigits is { Length: >= 2 } digits)
        {
            return ($"{digits[0]}.{digits[1..]}", tagged.Abi == FileNameAbi.CPythonFreeThreaded);
        }

        var config = Path.Combine(root, "pyvenv.cfg");
        if (File.Exists(config))
        {
            foreach (var line in File.ReadLines(config))
            {
                var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0] is "version" or "version_info")
                {
                    var version = string.Join('.', parts[1].Split('.').Take(2));
                    return (version, null);
                }
            }
        }

        return (null, null);
    }

    [GeneratedRegex(@"/lib(?:64)?/python(?<version>3\.[0-9]+)(?<t>t)?/site-packages$")]
    private static partial Regex PythonDirectory();
}
