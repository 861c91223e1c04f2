using GilScan.Analysis.Diagnostics;
using GilScan.Reporting.Audit;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>With <c>--confirm</c>, the report shows each measured finding's figures and chart after the code findings.</summary>
public sealed class AuditMeasurementRenderingTests
{
    private const string Chart = """
        <svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" role="img" aria-label="speedup">
          <title>app:thumbnail &amp; speedup</title>
          <line x1="0" y1="20" x2="40" y2="0"/>
        </svg>
        """;

    private static AuditReport MeasuredReport()
    {
        var findings = CodeFindings.ForSample();
        var report = AuditReportBuilder.Build(FixtureProjects.AnalysedSample, findings, [CodeFindings.CpuBoundThreadTarget]);
        var measured = report.CodeFindings.Single(d => !d.IsSuppressed);
        var import = report.DependencyDiagnostics.First(d => d.RuleId == "GIL403");
        return report with
        {
            Measurements = new Dictionary<Diagnostic, FindingMeasurement>(ReferenceEqualityComparer.Instance)
            {
                [measured] = new("confirmed", "confirmed: 1 thread 2.01 s, 2 threads 2.05 s (x0.98), 2 processes 1.03 s (x1.95) under CPython 3.13.0", Chart),
                [import] = new("inconclusive", "inconclusive: no free-threaded interpreter was found", null),
            },
        };
    }

    [Fact]
    public void Markdown_has_a_confirmation_section_with_the_figures_and_the_chart_on_one_line()
    {
        var markdown = MarkdownAuditRenderer.Render(MeasuredReport());

        var section = markdown[markdown.IndexOf("## Confirmation\n", StringComparison.Ordinal)..];
        section.ShouldStartWith(
            """
            ## Confirmation

            ### GIL101 at [`sample_app/images.py:10:5`](sample_app/images.py#L10)

            confirmed: 1 thread 2.01 s, 2 threads 2.05 s (x0.98), 2 processes 1.03 s (x1.95) under CPython 3.13.0

            <svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" role="img" aria-label="speedup"> <title>app:thumbnail &amp; speedup</title> <line x1="0" y1="20" x2="40" y2="0"/> </svg>

            ### GIL403 at [`sample_app/config.py:1:8`](sample_app/config.py#L1)

            inconclusive: no free-threaded interpreter was found

            """);
    }

    [Fact]
    public void Html_has_a_figure_per_measured_finding_with_its_inline_svg_and_stays_well_formed()
    {
        var html = HtmlAuditRenderer.Render(MeasuredReport());

        html.ShouldContain("<h2 id=\"confirmation\">Confirmation</h2>\n<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\"");
        html.ShouldContain("</svg>\n<figcaption><a href=\"https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL101.md\">GIL101</a> at <a href=\"sample_app/images.py#L10\"><code>sample_app/images.py:10:5</code></a>: confirmed: 1 thread 2.01 s");
        html.ShouldContain("<figure>\n<figcaption><a href=\"https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL403.md\">GIL403</a> at <a href=\"sample_app/config.py#L1\"><code>sample_app/config.py:1:8</code></a>: inconclusive: no free-threaded interpreter was found</figcaption>\n</figure>\n");
        HtmlStructure.Problems(html).ShouldBeEmpty();
    }

    [Fact]
    public void Without_measurements_there_is_no_confirmation_section()
    {
        var report = AuditReportBuilder.Build(FixtureProjects.AnalysedSample, CodeFindings.ForSample(), [CodeFindings.CpuBoundThreadTarget]);

        MarkdownAuditRenderer.Render(report).ShouldNotContain("## Confirmation");
        HtmlAuditRenderer.Render(report).ShouldNotContain(">Confirmation</h2>");
    }
}
