using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Inputs;

/// <summary>Everything read for one audit: input files, installed environments and wheel files.</summary>
public sealed record DependencyInputs(
    IReadOnlyList<DependencyFile> Files,
    IReadOnlyList<InstalledEnvironment> Environments,
    IReadOnlyList<ScannedDistribution> Wheels,
    IReadOnlyList<DependencyDiagnostic> WheelDiagnostics)
{
    /// <summary>Every diagnostic of every input, in input order.</summary>
    public IEnumerable<DependencyDiagnostic> Diagnostics =>
        Files.SelectMany(f => f.Diagnostics).Concat(Environments.SelectMany(e => e.Diagnostics)).Concat(WheelDiagnostics);
}

/// <summary>
/// Reads a project's dependency inputs the way <c>gilscan audit</c> will: the manifests and lockfiles
/// in its root (requirements files that another one includes are read once, through the includer), the
/// environment given or the project's <c>.venv</c>/<c>venv</c>, and a directory of wheels.
/// </summary>
public static class ProjectInputs
{
    public static DependencyInputs Load(string projectRoot, string? pythonEnvironment = null, string? wheelsDirectory = null, bool findProjectEnvironment = true)
    {
        var files = new List<DependencyFile>();
        var included = new HashSet<string>(StringComparer.Ordinal);
        // Requirement files that include others are read first, so that the included ones are skipped.
        var discovered = DependencyInputReader.Discover(projectRoot)
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

        var environments = new List<InstalledEnvironment>();
        var environmentRoot = pythonEnvironment ?? (findProjectEnvironment ? InstalledEnvironmentReader.FindProjectEnvironment(projectRoot) : null);
        if (environmentRoot is not null)
        {
            environments.Add(InstalledEnvironmentReader.Read(environmentRoot));
        }

        var wheels = wheelsDirectory is null ? new WheelSet([], []) : WheelArchiveReader.ReadDirectory(wheelsDirectory);
        return new DependencyInputs(files, environments, wheels.Distributions, wheels.Diagnostics);
    }

    private static bool IncludesOthers(string path)
    {
        try
        {
            return File.ReadLines(path).Any(l => l.TrimStart().StartsWith("-r", StringComparison.Ordinal) || l.TrimStart().StartsWith("--requirement", StringComparison.Ordinal)
                                                 || l.TrimStart().StartsWith("-c", StringComparison.Ordinal) || l.TrimStart().StartsWith("--constraint", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
