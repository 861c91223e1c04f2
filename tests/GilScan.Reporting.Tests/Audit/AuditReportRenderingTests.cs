using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Reporting.Audit;
using GilScan.Rules.Dependencies;
using GilScan.Sarif;
using GilScan.Testing;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>The audit of fixtures/projects/audit-sample rendered as Markdown, HTML and SARIF.</summary>
public sealed class AuditReportRenderingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gilscan-audit-sarif-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static AuditReport SampleReport() =>
        AuditReportBuilder.Build(FixtureProjects.AnalysedSample, CodeFindings.ForSample(), [CodeFindings.CpuBoundThreadTarget]);

    [Fact]
    public void Markdown_report_matches_the_golden_file()
    {
        GoldenFiles.ShouldMatch("audit-sample.md", MarkdownAuditRenderer.Render(SampleReport()));
    }

    [Fact]
    public void Html_report_matches_the_golden_file()
    {
        GoldenFiles.ShouldMatch("audit-sample.html", HtmlAuditRenderer.Render(SampleReport()));
    }

    [Fact]
    public void A_report_with_a_transitive_blocker_and_packages_not_on_the_target_matches_its_golden_files()
    {
        var report = HtmlLayoutTests.MarkersReport();
        GoldenFiles.ShouldMatch("audit-markers.md", MarkdownAuditRenderer.Render(report));
        GoldenFiles.ShouldMatch("audit-markers.html", HtmlAuditRenderer.Render(report));
    }

    [Fact]
    public void Reports_are_the_same_bytes_wherever_the_project_is_checked_out()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        var copy = AuditReportBuilder.Build(FixtureProjects.Analyze(project.Root), CodeFindings.ForSample(), [CodeFindings.CpuBoundThreadTarget]);

        MarkdownAuditRenderer.Render(copy).ShouldBe(MarkdownAuditRenderer.Render(SampleReport()));
        HtmlAuditRenderer.Render(copy).ShouldBe(HtmlAuditRenderer.Render(SampleReport()));
    }

    [Fact]
    public void Html_report_is_self_contained()
    {
        var html = HtmlAuditRenderer.Render(SampleReport());

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("url(", Case.Insensitive);
        html.ShouldNotContain("@import", Case.Insensitive);
        html.ShouldNotContain(" src=", Case.Insensitive);
        html.ShouldNotContain(FixtureProjects.Sample);
    }

    [Fact]
    public void Sarif_of_the_audit_holds_dependency_and_code_findings_under_its_own_category()
    {
        var sarif = AuditSarifRenderer.Render(SampleReport(), ToolIdentity.Gilscan("0.1.0"), SarifProfile.GitHub, CodeFindings.Docs());
        var run = sarif.Log.Runs.ShouldHaveSingleItem();

        run.AutomationDetails.Id.ShouldBe("gilscan/audit/");
        run.Tool.Driver.Rules.Select(r => r.Id).ShouldBe(["GIL001", "GIL002", "GIL003", "GIL101", "GIL401", "GIL402", "GIL403"]);
        run.Results.Select(r => r.RuleId).ShouldBe(["GIL401", "GIL402", "GIL402", "GIL402", "GIL403", "GIL403", "GIL403", "GIL101", "GIL403", "GIL403"]);
        run.Results.ShouldAllBe(r => r.Locations.Count == 1);
        Encoding.UTF8.GetString(sarif.ToUtf8Bytes()).ShouldNotContain("weekly");
    }

    [ValidatorFact]
    public void Sarif_of_the_audit_passes_both_validators_in_both_profiles()
    {
        var files = new[] { SarifProfile.Ide, SarifProfile.GitHub }.Select(profile =>
        {
            var path = Path.Combine(_directory, $"audit-{profile}.sarif".ToLowerInvariant());
            AuditSarifRenderer.Render(SampleReport(), ToolIdentity.Gilscan("0.1.0"), profile, CodeFindings.Docs()).Save(path);
            return path;
        }).ToArray();

        var (exitCode, output) = SarifValidators.Validate(files);

        exitCode.ShouldBe(0, output);
        foreach (var file in files)
        {
            output.ShouldContain($"{file}: GitHub schema gate passed", customMessage: output);
            output.ShouldContain($"{file}: Sarif.Multitool (Sarif;Gh rules) passed", customMessage: output);
        }
    }
}
