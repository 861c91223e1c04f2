using GilScan.Reporting.Audit;
using GilScan.Sarif;

namespace GilScan.Reporting.Tests.Audit;

public sealed class AuditOutputTests
{
    [Theory]
    [InlineData("markdown", AuditFormat.Markdown)]
    [InlineData("MD", AuditFormat.Markdown)]
    [InlineData("html", AuditFormat.Html)]
    [InlineData("sarif", AuditFormat.Sarif)]
    [InlineData("sarif-github", AuditFormat.SarifGitHub)]
    public void Format_names_parse(string text, AuditFormat expected)
    {
        AuditOutput.TryParseFormat(text, out var format).ShouldBeTrue();
        format.ShouldBe(expected);
    }

    [Fact]
    public void Unknown_format_names_do_not_parse()
    {
        AuditOutput.TryParseFormat("pdf", out _).ShouldBeFalse();
    }

    [Fact]
    public void Every_format_is_utf8_without_bom_and_the_text_formats_are_the_renderers_output()
    {
        var report = AuditReportBuilder.Build(FixtureProjects.AnalysedSample);
        var tool = ToolIdentity.Gilscan("0.1.0");

        foreach (var format in Enum.GetValues<AuditFormat>())
        {
            var bytes = AuditOutput.Render(report, format, tool);
            bytes.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF }, $"{format} starts with a BOM");
            bytes[^1].ShouldBe((byte)'\n');
        }

        AuditOutput.Render(report, AuditFormat.Markdown, tool).ShouldBe(System.Text.Encoding.UTF8.GetBytes(MarkdownAuditRenderer.Render(report)));
        AuditOutput.Render(report, AuditFormat.Html, tool).ShouldBe(System.Text.Encoding.UTF8.GetBytes(HtmlAuditRenderer.Render(report)));
    }
}
