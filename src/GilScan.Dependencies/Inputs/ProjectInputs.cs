using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Inputs;

/// <summary>Everything read for one audit: the project's scopes (input files by project folder), installed environments and wheel files.</summary>
public sealed record DependencyInputs(
    IReadOnlyList<DependencyFile> Files,
    IReadOnlyList<InstalledEnvironment> Environments,
    IReadOnlyList<ScannedDistribution> Wheels,
    IReadOnlyList<DependencyDiagnostic> WheelDiagnostics)
{
    /// <summary>The project folders and their files; one scope holding every file when the inputs were not read from a project.</summary>
    public IReadOnlyList<ProjectScope> Scopes { get; init; } = [];

    /// <summary>Every diagnostic of every input, in input order.</summary>
    public IEnumerable<DependencyDiagnostic> Diagnostics =>
        Files.SelectMany(f => f.Diagnostics).Concat(Environments.SelectMany(e => e.Diagnostics)).Concat(WheelDiagnostics);
}

/// <summary>
/// Reads a project's dependency inputs the way <c>gilscan audit</c> will: the manifests and lockfiles of
/// its root and of nested projects with their own lockfile (<see cref="ProjectScopes"/>; requirements
/// files that another one includes are read once, through the includer), the environment given or the
/// project's <c>.venv</c>/<c>venv</c>, and a directory of wheels.
/// </summary>
public static class ProjectInputs
{
    public static DependencyInputs Load(string projectRoot, string? pythonEnvironment = null, string? wheelsDirectory = null, bool findProjectEnvironment = true)
    {
        var scopes = ProjectScopes.Load(projectRoot);
        var environments = new List<InstalledEnvironment>();
        var environmentRoot = pythonEnvironment ?? (findProjectEnvironment ? InstalledEnvironmentReader.FindProjectEnvironment(projectRoot) : null);
        if (environmentRoot is not null)
        {
            environments.Add(InstalledEnvironmentReader.Read(environmentRoot));
        }

        var wheels = wheelsDirectory is null ? new WheelSet([], []) : WheelArchiveReader.ReadDirectory(wheelsDirectory);
        return new DependencyInputs([.. scopes.SelectMany(s => s.Files)], environments, wheels.Distributions, wheels.Diagnostics) { Scopes = scopes };
    }
}
