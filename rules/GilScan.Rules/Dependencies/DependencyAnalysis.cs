using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// The dependency audit of a run (<see cref="DependencyAuditModel.Analysis"/>): the session (inputs, verdicts), the
/// findings (GIL401-403 diagnostics, resolved imports, run notifications), and how many files were read.
/// </summary>
public sealed record DependencyAnalysis(DependencyAuditSession Session, DependencyFindingSet Findings, int FilesAnalysed)
{
    public AuditResult Audit => Session.Audit;

    public IReadOnlyList<Diagnostic> Diagnostics => Findings.Diagnostics;

    public IReadOnlyList<ResolvedImport> Imports => Findings.Imports;

    public IReadOnlyList<ToolNotification> Notifications => Findings.Notifications;
}
