using GilScan.Analysis.Diagnostics;
using GilScan.Sarif;

namespace GilScan.Reporting.Audit;

/// <summary>
/// The audit as SARIF, through the shared builder: one run with the dependency diagnostics
/// (GIL401-403) and the code findings, every rule of the report listed, input problems as tool
/// notifications. Its automation id defaults to "gilscan/audit/", so that uploading it next to
/// <c>gilscan check</c>'s "gilscan/" run does not make two runs of one category.
/// </summary>
public static class AuditSarifRenderer
{
    public const string DefaultAutomationId = "gilscan/audit/";

    public static SarifRunInput Input(AuditReport report, ToolIdentity tool, SarifProfile profile = SarifProfile.Ide, RuleDocs? docs = null, string automationId = DefaultAutomationId)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(tool);
        return new SarifRunInput
        {
            Tool = tool,
            Rules = report.Rules,
            Docs = docs ?? RuleDocs.LoadEmbedded(),
            Diagnostics = [.. report.DependencyDiagnostics, .. report.CodeFindings],
            Notifications = report.Notifications,
            SourceRoot = report.ProjectRoot,
            AutomationId = automationId,
            Profile = profile,
        };
    }

    public static SarifReport Render(AuditReport report, ToolIdentity tool, SarifProfile profile = SarifProfile.Ide, RuleDocs? docs = null, string automationId = DefaultAutomationId) =>
        SarifLogBuilder.Build(Input(report, tool, profile, docs, automationId));
}
