using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Audit;

/// <summary>What a distribution means for a free-threaded target.</summary>
public enum Verdict
{
    /// <summary>At least one extension module that the target would load needs the GIL: importing it turns the GIL back on (GIL401).</summary>
    ReenablesGil,

    /// <summary>Compiled code and no wheel the target can install (GIL-build or abi3-only wheels, or a release older than the target) (GIL402).</summary>
    NoFreeThreadedWheel,

    /// <summary>A free-threaded build exists, but whether its modules declare Py_MOD_GIL_NOT_USED is not known.</summary>
    DeclarationUnverified,

    /// <summary>Compiled code, but nothing tells what it does on the target.</summary>
    Unknown,

    /// <summary>No free-threaded build, but a pure-Python wheel installs instead (a slower backend; not a blocker).</summary>
    PurePythonFallback,

    /// <summary>Its extension modules declare that they run without the GIL.</summary>
    Ok,

    /// <summary>Native code loaded through ctypes/cffi only (py3-none-platform wheels): no GIL question.</summary>
    NoExtensionModules,

    /// <summary>Pure Python (py3-none-any): never reported.</summary>
    PurePython,
}

public enum EvidenceKind
{
    /// <summary>Importing the module under a free-threaded interpreter (the confirmation step; not produced by this library yet).</summary>
    ImportProbe,

    /// <summary>The scan of an extension-module binary from an installed environment or a wheel file.</summary>
    ExtensionBinary,

    /// <summary>Wheel tags, from lockfile artifacts or wheel file names.</summary>
    WheelTags,

    /// <summary>The bundled knowledge base (rules/knowledge/packages.toml).</summary>
    KnowledgeBase,

    /// <summary>Package metadata claims such as the "Free Threading" trove classifier.</summary>
    Metadata,

    /// <summary>Facts about the input that limit what it can prove (a lockfile resolved for another Python).</summary>
    InputCoverage,
}

/// <summary>
/// One piece of evidence: its kind, a one-sentence summary, and where it comes from (a file path and
/// member, a lockfile, or a knowledge-base source). <see cref="Location"/> is set when it is a place in
/// a file the user has (a lockfile line, a METADATA line).
/// </summary>
public sealed record Evidence(EvidenceKind Kind, string Summary, string Source, SourceAnchor? Location = null)
{
    /// <summary>Public pages a reader can open to check it (a knowledge-base source and its see-also pages, the index's files page).</summary>
    public IReadOnlyList<string> Links { get; init; } = [];
}

/// <summary>The fix where one is known: the lowest version that declares support, or another package.</summary>
public sealed record SuggestedFix(Pep440Version? MinimumVersion, string? Alternative, string Summary, string Source);

/// <summary>One extension module's part in a verdict (e.g. pandas._libs.pandas_parser in pandas 2.3).</summary>
public sealed record ModuleFinding(string ModuleName, string Path, ModuleAbi Abi, GilDeclaration Declaration, string Reason, bool NeedsGil);

public enum VerdictConfidence
{
    Low,
    Medium,
    High,
}

/// <summary>
/// The audit's answer for one distribution on one target. <see cref="RuleId"/> is the rule that reports
/// it (GIL401, GIL402) or null when nothing is to be reported; <see cref="Anchor"/> is the lockfile or
/// manifest span that pins it (the primary location), <see cref="OtherAnchors"/> the other inputs naming
/// it; <see cref="Evidence"/> is ordered strongest first.
/// </summary>
public sealed record DistributionVerdict(
    string Name,
    string NormalizedName,
    string? Version,
    FreeThreadedTarget Target,
    Verdict Verdict,
    VerdictConfidence Confidence,
    string Summary,
    IReadOnlyList<Evidence> Evidence,
    SuggestedFix? Fix,
    SourceAnchor Anchor,
    IReadOnlyList<SourceAnchor> OtherAnchors,
    IReadOnlyList<ModuleFinding> Modules,
    IReadOnlyList<string> ImportNames)
{
    public string? RuleId => Verdict switch
    {
        Verdict.ReenablesGil => "GIL401",
        Verdict.NoFreeThreadedWheel => "GIL402",
        _ => null,
    };

    public bool IsBlocker => RuleId is not null;

    /// <summary>The project folder whose inputs name it, relative to the root ("" for the root itself).</summary>
    public string Scope { get; init; } = "";

    /// <summary>Where the project declares it (pyproject.toml entries, requirement ".in" files, unpinned requirements).</summary>
    public IReadOnlyList<SourceAnchor> Declarations { get; init; } = [];

    /// <summary>Where a lockfile or a pinned requirement fixes its version.</summary>
    public IReadOnlyList<SourceAnchor> Pins { get; init; } = [];

    /// <summary>
    /// For a transitive dependency, the packages from the direct dependency that pulls it in down to its
    /// parent ("fastapi", "starlette"); empty when the project depends on it directly.
    /// </summary>
    public IReadOnlyList<string> PulledInBy { get; init; } = [];

    /// <summary>How the direct dependency on the path is declared: "group:dev", "extra:email", or null for a main dependency.</summary>
    public string? DeclaredAs { get; init; }

    public bool IsDirect => PulledInBy.Count == 0;
}

/// <summary>
/// A pinned or declared dependency that the target would not install: every marker on the way to it
/// excludes the target (<c>python_full_version &lt; '3.11'</c>, <c>sys_platform == 'win32'</c>). It is not a
/// finding; the report lists it so the reader sees it was considered.
/// </summary>
public sealed record ExcludedDependency(string Name, string NormalizedName, string? Version, string Scope, string Reason, SourceAnchor Anchor);
