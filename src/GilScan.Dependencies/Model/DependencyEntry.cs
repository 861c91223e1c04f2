using GilScan.Dependencies.Versions;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Model;

public enum InputKind
{
    PyprojectToml,
    RequirementsTxt,
    UvLock,
    PoetryLock,
    PdmLock,
    PylockToml,
    PipfileLock,
    InstalledEnvironment,
    WheelFile,
}

/// <summary>Where a locked distribution comes from, as the lockfile says.</summary>
public enum PinSourceKind
{
    Registry,
    Url,
    Git,
    Path,
    Directory,
    Editable,

    /// <summary>The project itself (uv's <c>virtual</c>/<c>editable = "."</c> root).</summary>
    Virtual,
    Unknown,
}

/// <summary>A file a lockfile lists for a distribution: a wheel (with its parsed tags) or an sdist.</summary>
public sealed record ArtifactReference(string FileName, string? Url, string? Hash, WheelFilename? Wheel, SourceAnchor? Anchor)
{
    public bool IsWheel => Wheel is not null;

    public bool IsSourceDistribution =>
        Wheel is null && (FileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
                          || FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                          || FileName.EndsWith(".tar.bz2", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One dependency as an input file names it: a pin in a lockfile, a requirement in a manifest, or a
/// distribution in an installed environment. <see cref="Anchor"/> is the span the user edits (the
/// requirement string, or the lockfile's <c>name = "…"</c> value).
/// </summary>
public sealed record DependencyEntry(
    string Name,
    string? VersionText,
    Pep440Version? Version,
    Requirement? Requirement,
    InputKind Input,
    PinSourceKind SourceKind,
    string? SourceLocation,
    IReadOnlyList<ArtifactReference> Artifacts,
    IReadOnlyList<string> Hashes,
    IReadOnlyList<string> Groups,
    string? Marker,
    SourceAnchor Anchor)
{
    public string NormalizedName => DistributionName.Normalize(Name);

    /// <summary>True when the entry fixes one version (lockfile pins, "==" requirements, installed dists).</summary>
    public bool IsPinned => Version is not null;

    public IEnumerable<WheelFilename> Wheels => Artifacts.Select(a => a.Wheel).OfType<WheelFilename>();
}

/// <summary>The result of reading one input file: what could be read, and what could not.</summary>
public sealed record DependencyFile(
    string Path,
    InputKind Kind,
    IReadOnlyList<DependencyEntry> Entries,
    IReadOnlyList<DependencyDiagnostic> Diagnostics,
    VersionSpecifierSet? RequiresPython = null,
    IReadOnlyList<string>? IncludedFiles = null)
{
    /// <summary>Whether the file lists artifact file names per entry (so wheel tags can be judged).</summary>
    public bool ListsArtifacts => Entries.Any(e => e.Artifacts.Count > 0);
}
