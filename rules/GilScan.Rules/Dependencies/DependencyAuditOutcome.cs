using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// What the dependency audit of one run came to (<see cref="DependencyModel.Outcome"/>): the project's
/// dependency audit (inputs, verdicts), the findings once the imports were read (GIL401-403 diagnostics,
/// resolved imports, run notifications), and how many files were read.
/// </summary>
public sealed record DependencyAuditOutcome(ProjectDependencyAudit Dependencies, DependencyFindingSet Findings, int FilesAnalysed)
{
    public AuditResult Audit => Dependencies.Audit;

    public IReadOnlyList<Diagnostic> Diagnostics => Findings.Diagnostics;

    public IReadOnlyList<ResolvedImport> Imports => Findings.Imports;

    public IReadOnlyList<ToolNotification> Notifications => Findings.Notifications;
}
