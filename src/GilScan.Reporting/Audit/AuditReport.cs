using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Rules.FreeThreading;

namespace GilScan.Reporting.Audit;

/// <summary>How the report groups dependencies: what blocks the migration, what needs a look, and the rest.</summary>
public enum DependencyGroup
{
    /// <summary>GIL401 or GIL402: the migration cannot go ahead with this version.</summary>
    Blocker,

    /// <summary>Compiled code whose free-threaded behaviour could not be established (unknown, or a free-threaded build with an unverified declaration).</summary>
    NeedsReview,

    /// <summary>Pure Python, declared support, a pure-Python fallback, or no extension modules.</summary>
    NotBlocking,
}

/// <summary>
/// One piece of evidence as the report shows it: kind, summary and source (paths relative to the project
/// root), the public pages that back it (<see cref="Links"/>), and the place in a project file it
/// points at (<see cref="Location"/>: a lockfile pin, a METADATA line), shown as a link.
/// </summary>
public sealed record ReportedEvidence(EvidenceKind Kind, string Summary, string Source)
{
    public IReadOnlyList<string> Links { get; init; } = [];

    public Location? Location { get; init; }
}

/// <summary>A pin or declaration the target does not install (its markers exclude it), with why and where.</summary>
public sealed record ExcludedReportEntry(string Name, string? Version, string Scope, string Reason, Location? Location)
{
    public string Display => Version is { Length: > 0 } ? $"{Name} {Version}" : Name;
}

/// <summary>
/// One row of the upgrade plan: a blocker, the version pinned, the first version that ships free-threaded
/// wheels whose modules declare <c>Py_mod_gil</c> (when one is known), what to do, and which direct
/// dependency pulls it in.
/// </summary>
public sealed record UpgradePlanRow(DependencyReportEntry Entry, string Action, string? FirstFreeThreadedVersion)
{
    /// <summary>How urgent the plan's order makes it: upgrades first (mechanical), then replacements, then what has no fix.</summary>
    public int Order => FirstFreeThreadedVersion is not null ? 0 : Entry.Alternative is not null ? 1 : 2;
}

/// <summary>An import of the dependency in project code.</summary>
public sealed record ImportReference(string Module, Location Location, bool IsGuarded);

/// <summary>
/// One dependency in the report: its verdict for the target, why, with which evidence (strongest
/// first), the fix, where it is pinned (null when no input under the project root names it), and
/// where the project imports it.
/// </summary>
public sealed record DependencyReportEntry(
    string Name,
    string NormalizedName,
    string? Version,
    Verdict Verdict,
    string? RuleId,
    Confidence Confidence,
    string Summary,
    IReadOnlyList<ReportedEvidence> Evidence,
    string? Fix,
    Location? PinnedAt,
    IReadOnlyList<Location> AlsoNamedAt,
    IReadOnlyList<ImportReference> Imports,
    IReadOnlyList<string> ModulesNeedingGil)
{
    public bool IsBlocker => RuleId is not null;

    /// <summary>The project folder whose inputs name it ("" for the root).</summary>
    public string Scope { get; init; } = "";

    /// <summary>Where the project declares it (pyproject.toml, requirement files), relative to the root.</summary>
    public IReadOnlyList<Location> DeclaredAt { get; init; } = [];

    /// <summary>Where a lockfile or pinned requirement fixes its version.</summary>
    public IReadOnlyList<Location> Pins { get; init; } = [];

    /// <summary>For a transitive dependency, the packages from the direct dependency down to its parent.</summary>
    public IReadOnlyList<string> PulledInBy { get; init; } = [];

    /// <summary>"group:dev", "extra:email", or null for a main dependency (of the direct dependency on the path).</summary>
    public string? DeclaredAs { get; init; }

    /// <summary>The lowest version that declares free-threading support on the target, when the knowledge base knows one.</summary>
    public string? FixVersion { get; init; }

    /// <summary>A package to use instead, when the knowledge base names one.</summary>
    public string? Alternative { get; init; }

    /// <summary>The direct dependency through which the project gets it (itself when direct).</summary>
    public string DirectDependency => PulledInBy.Count > 0 ? PulledInBy[0] : Name;

    public DependencyGroup Group => IsBlocker ? DependencyGroup.Blocker
        : Verdict is Verdict.Unknown or Verdict.DeclarationUnverified ? DependencyGroup.NeedsReview
        : DependencyGroup.NotBlocking;

    /// <summary>"pandas 2.3.3", or the name alone when no version is pinned.</summary>
    public string Display => Version is { Length: > 0 } ? $"{Name} {Version}" : Name;
}

/// <summary>
/// The pre-migration audit of one project for one free-threaded target: every dependency with its
/// verdict (blockers first), the imports of each, the dependency diagnostics (GIL401-403), the code
/// findings of the other rules, and the problems of the run. Plain data: the renderers
/// (<see cref="MarkdownAuditRenderer"/>, <see cref="HtmlAuditRenderer"/>, <see cref="AuditSarifRenderer"/>)
/// only read it, so one report renders the same in every format.
/// </summary>
public sealed record AuditReport
{
    /// <summary>From pyproject.toml's [project] or [tool.poetry] name, else the root directory's name.</summary>
    public required string ProjectName { get; init; }

    /// <summary>Full path of the project root (SARIF's SRCROOT); never printed in Markdown or HTML.</summary>
    public required string ProjectRoot { get; init; }

    public required FreeThreadedTarget Target { get; init; }

    /// <summary>Why this target: given on the command line, or what the project's requires-python allows.</summary>
    public string TargetReason { get; init; } = "given with --target";

    /// <summary>Pins and declarations the target does not install, with the marker that excludes them.</summary>
    public IReadOnlyList<ExcludedReportEntry> NotOnTarget { get; init; } = [];

    /// <summary>
    /// What file links start with, to reach the project root from where the report is written ("" when it
    /// is written at the root or to standard output, "../" from a reports/ folder).
    /// </summary>
    public string LinkPrefix { get; init; } = "";

    /// <summary>The inputs read: manifests, lockfiles, environments and wheel files, relative to the root where they lie under it.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Blockers first (GIL401, then GIL402), then those needing review, then the rest; by name within a verdict.</summary>
    public required IReadOnlyList<DependencyReportEntry> Dependencies { get; init; }

    /// <summary>GIL401-403, in location order.</summary>
    public required IReadOnlyList<Diagnostic> DependencyDiagnostics { get; init; }

    /// <summary>Findings of the other rules, passed in, in location order.</summary>
    public required IReadOnlyList<Diagnostic> CodeFindings { get; init; }

    /// <summary>
    /// What GIL501/GIL502 checked in the project's own code (thread starts, functions run on threads), for the
    /// "Your code under free-threading" section; null when neither rule ran, which the report says instead of
    /// claiming the code is fine.
    /// </summary>
    public FreeThreadingCoverage? FreeThreading { get; init; }

    /// <summary>The GIL501/GIL502 findings of <see cref="CodeFindings"/> (suppressed ones included), in location order.</summary>
    public IReadOnlyList<Diagnostic> SharedStateFindings => [.. CodeFindings.Where(d => FreeThreadingCoverage.IsFreeThreadingRule(d.RuleId))];

    /// <summary>The code findings of the other rules: the free-threading ones have their own section.</summary>
    public IReadOnlyList<Diagnostic> OtherCodeFindings => [.. CodeFindings.Where(d => !FreeThreadingCoverage.IsFreeThreadingRule(d.RuleId))];

    /// <summary>Problems of the run: unreadable inputs, unparsable files.</summary>
    public required IReadOnlyList<ToolNotification> Notifications { get; init; }

    /// <summary>Every rule whose results the report holds or could hold (for SARIF's rule list).</summary>
    public required IReadOnlyList<RuleDescriptor> Rules { get; init; }

    /// <summary>
    /// <c>--confirm</c>'s measurements, keyed by the diagnostic (reference) of <see cref="CodeFindings"/> or
    /// <see cref="DependencyDiagnostics"/> they measured; empty without <c>--confirm</c>.
    /// </summary>
    public IReadOnlyDictionary<Diagnostic, FindingMeasurement> Measurements { get; init; } =
        new Dictionary<Diagnostic, FindingMeasurement>(ReferenceEqualityComparer.Instance);

    /// <summary>The measured findings in report order (code findings, then dependency diagnostics), with their measurement.</summary>
    public IEnumerable<(Diagnostic Finding, FindingMeasurement Measurement)> MeasuredFindings =>
        CodeFindings.Concat(DependencyDiagnostics)
            .Select(d => (Finding: d, Measurement: Measurements.GetValueOrDefault(d)))
            .Where(m => m.Measurement is not null)
            .Select(m => (m.Finding, m.Measurement!));

    public IEnumerable<DependencyReportEntry> Blockers => Dependencies.Where(d => d.IsBlocker);

    public int BlockerCount => Dependencies.Count(d => d.IsBlocker);

    public bool HasBlockers => Dependencies.Any(d => d.IsBlocker);

    public IEnumerable<DependencyReportEntry> InGroup(DependencyGroup group) => Dependencies.Where(d => d.Group == group);

    /// <summary>The upgrade plan: one row per blocker, upgrades first, then replacements, then those without a fix; by name.</summary>
    public IReadOnlyList<UpgradePlanRow> UpgradePlan =>
        [.. Blockers.Select(ReportText.PlanRow).OrderBy(r => r.Order).ThenBy(r => r.Entry.NormalizedName, StringComparer.Ordinal).ThenBy(r => r.Entry.Scope, StringComparer.Ordinal)];

    /// <summary>Blockers per direct dependency (the dependency itself when direct), most first: what removing one would clear.</summary>
    public IReadOnlyList<(string DirectDependency, int Blockers)> BlockersByDirectDependency =>
        [.. Blockers.GroupBy(b => b.DirectDependency, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)];
}
