using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Audit;

/// <summary>Everything one audit looks at: parsed input files, installed environments, wheel files, the knowledge base.</summary>
public sealed record AuditRequest(
    FreeThreadedTarget Target,
    IReadOnlyList<DependencyFile> Files,
    IReadOnlyList<InstalledEnvironment> Environments,
    IReadOnlyList<ScannedDistribution> Wheels,
    KnowledgeBase Knowledge)
{
    /// <summary>The project folders and their files (<see cref="Inputs.ProjectScopes"/>); null audits all <see cref="Files"/> as one project.</summary>
    public IReadOnlyList<Inputs.ProjectScope>? Scopes { get; init; }
}

/// <summary>The verdicts (blockers first, then by name) and every input diagnostic, in input order.</summary>
public sealed record AuditResult(
    FreeThreadedTarget Target,
    IReadOnlyList<DistributionVerdict> Verdicts,
    IReadOnlyList<DependencyDiagnostic> Diagnostics)
{
    public IEnumerable<DistributionVerdict> Blockers => Verdicts.Where(v => v.IsBlocker);

    /// <summary>Pins and declarations the target would not install (their markers exclude it), by scope and name.</summary>
    public IReadOnlyList<ExcludedDependency> NotOnTarget { get; init; } = [];

    /// <summary>The verdict for a distribution in the root scope (or the first scope naming it); a blocker first when versions differ.</summary>
    public DistributionVerdict? For(string distribution, string? scope = null) =>
        Verdicts.Where(v => v.NormalizedName == DistributionName.Normalize(distribution) && (scope is null || v.Scope == scope))
            .OrderBy(v => v.Scope.Length == 0 ? 0 : 1).FirstOrDefault();
}
