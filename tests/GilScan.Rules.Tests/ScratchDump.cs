using GilScan.Rules.Audit;
using GilScan.Rules.Dependencies;
using Xunit.Abstractions;

namespace GilScan.Rules.Tests;

public sealed class ScratchDump(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var analysis = DependencyRuleAnalyzer.Analyze(RepositoryRoot.Combine("fixtures", "projects", "audit-sample"));
        var report = AuditReportBuilder.Build(analysis);
        File.WriteAllText("/tmp/audit.md", MarkdownAuditRenderer.Render(report));
        File.WriteAllText("/tmp/audit.html", HtmlAuditRenderer.Render(report));
        var sarif = AuditSarifRenderer.Render(report, GilScan.Sarif.ToolIdentity.Gilscan("0.1.0"));
        sarif.Save("/tmp/audit.sarif");
        output.WriteLine("ok");
    }
}
