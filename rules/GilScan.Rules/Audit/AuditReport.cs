using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;

namespace GilScan.Rules.Audit;

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

/// <summary>One piece of evidence as the report shows it: kind, summary and source, paths relative to the project root.</summary>
public sealed record ReportedEvidence(EvidenceKind Kind, string Summary, string Source);

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

    /// <summary>The inputs read: manifests, lockfiles, environments and wheel files, relative to the root where they lie under it.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Blockers first (GIL401, then GIL402), then those needing review, then the rest; by name within a verdict.</summary>
    public required IReadOnlyList<DependencyReportEntry> Dependencies { get; init; }

    /// <summary>GIL401-403, in location order.</summary>
    public required IReadOnlyList<Diagnostic> DependencyDiagnostics { get; init; }

    /// <summary>Findings of the other rules, passed in, in location order.</summary>
    public required IReadOnlyList<Diagnostic> CodeFindings { get; init; }

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
}
