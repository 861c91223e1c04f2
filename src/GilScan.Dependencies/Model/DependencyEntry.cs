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

    /// <summary>The dependencies a lockfile records for this package (uv, Poetry, PDM), with their markers.</summary>
    public IReadOnlyList<DependencyLink> Links { get; init; } = [];

    /// <summary>
    /// What a compiled requirements file says pulled this pin in (pip-compile's "# via" comments): the
    /// names of other pins, or "-r file" for a requirement declared in that file.
    /// </summary>
    public IReadOnlyList<string> RequiredBy { get; init; } = [];

    /// <summary>uv's per-package <c>resolution-markers</c>: the forks of the resolution this version belongs to.</summary>
    public IReadOnlyList<string> ResolutionMarkers { get; init; } = [];

    /// <summary>
    /// Poetry 2's per-package markers, by group ("main", "dev"; a single string is kept under ""): the
    /// environments in which the lock installs the package at all.
    /// </summary>
    public IReadOnlyDictionary<string, string> PackageMarkers { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether this entry is a declaration a user writes (pyproject, a requirements ".in" file, an unpinned requirement) rather than a pin.</summary>
    public bool IsDeclaration => Input == InputKind.PyprojectToml || (Input == InputKind.RequirementsTxt && (!IsPinned || Anchor.Path.EndsWith(".in", StringComparison.Ordinal)));
}

/// <summary>
/// One dependency of a locked package: the name (and version, when the lock has several of that name),
/// its environment marker, the extras it asks of the dependency, and what activates it on the parent:
/// null when it is always installed, "extra:x" when the parent's extra x is requested, "group:g" for a
/// dependency group of a project.
/// </summary>
public sealed record DependencyLink(string Name, string? Version, string? Marker, IReadOnlyList<string> Extras, string? Activation)
{
    public string NormalizedName => DistributionName.Normalize(Name);
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
    /// <summary>The workspace members a lockfile names (uv's <c>[manifest] members</c>, or its virtual/editable projects).</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>Requirements of a uv workspace root that is no package itself (<c>[manifest] requirements</c> and <c>dependency-groups</c>).</summary>
    public IReadOnlyList<DependencyLink> ManifestLinks { get; init; } = [];

    /// <summary>The project a pyproject.toml describes (<c>[project] name</c> or Poetry's), which its own groups may name.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Whether the file lists artifact file names per entry (so wheel tags can be judged).</summary>
    public bool ListsArtifacts => Entries.Any(e => e.Artifacts.Count > 0);
}
