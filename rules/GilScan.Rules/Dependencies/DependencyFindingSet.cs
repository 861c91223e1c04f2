using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// What the dependency rules report for a project: the GIL401/402/403 diagnostics in location order,
/// every import of an audited distribution (blocker or not, for the audit report), and the problems
/// of the run itself (unreadable inputs, unparsable files, blockers with no place under the root).
/// </summary>
public sealed record DependencyFindingSet(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<ResolvedImport> Imports,
    IReadOnlyList<ToolNotification> Notifications);
