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
    KnowledgeBase Knowledge);

/// <summary>The verdicts (blockers first, then by name) and every input diagnostic, in input order.</summary>
public sealed record AuditResult(
    FreeThreadedTarget Target,
    IReadOnlyList<DistributionVerdict> Verdicts,
    IReadOnlyList<DependencyDiagnostic> Diagnostics)
{
    public IEnumerable<DistributionVerdict> Blockers => Verdicts.Where(v => v.IsBlocker);

    public DistributionVerdict? For(string distribution) =>
        Verdicts.FirstOrDefault(v => v.NormalizedName == DistributionName.Normalize(distribution));
}
