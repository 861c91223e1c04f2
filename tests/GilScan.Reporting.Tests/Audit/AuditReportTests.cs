using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Reporting.Audit;
using GilScan.Rules.Dependencies;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>The report model: order, groups, exit status, and text from inputs escaped in every format.</summary>
public sealed class AuditReportTests
{
    [Fact]
    public void Blockers_come_first_then_what_needs_review_then_the_rest()
    {
        var report = AuditReportBuilder.Build(FixtureProjects.AnalysedSample);

        report.ProjectName.ShouldBe("audit-sample");
        report.Target.ShouldBe(FreeThreadedTarget.Python314t);
        report.Inputs.ShouldBe(["pyproject.toml", "uv.lock"]);
        report.Dependencies.Select(d => (d.Name, d.Group)).Take(5).ShouldBe([
            ("pandas", DependencyGroup.Blocker),
            ("opencv-python-headless", DependencyGroup.Blocker),
            ("orjson", DependencyGroup.Blocker),
            ("pyyaml", DependencyGroup.Blocker),
            ("charset-normalizer", DependencyGroup.NotBlocking),
        ]);
        report.BlockerCount.ShouldBe(4);
        report.Dependencies.Single(d => d.Name == "pyyaml").Imports.Select(i => i.Location.Path).ShouldBe(["sample_app/config.py", "sample_app/legacy.py"]);
        report.Dependencies.Single(d => d.Name == "orjson").Imports.ShouldHaveSingleItem().IsGuarded.ShouldBeTrue();
    }

    [Fact]
    public void Exit_status_is_1_with_blockers_unless_exit_zero()
    {
        var report = AuditReportBuilder.Build(FixtureProjects.AnalysedSample);

        AuditExitCodes.For(report).ShouldBe(1);
        AuditExitCodes.For(report, exitZero: true).ShouldBe(0);
    }

    [Fact]
    public void A_project_without_blockers_exits_0_and_says_so()
    {
        using var project = new TemporaryProject();
        project.Write("requirements.txt", "requests==2.32.5\n");
        project.Write("service.py", "import requests\n");

        var report = AuditReportBuilder.Build(FixtureProjects.Analyze(project.Root, new DependencyAuditOptions { Target = FreeThreadedTarget.Python313t, FindProjectEnvironment = false }));
        var markdown = MarkdownAuditRenderer.Render(report);

        AuditExitCodes.For(report).ShouldBe(0);
        report.DependencyDiagnostics.ShouldBeEmpty();
        report.Dependencies.Single().Group.ShouldBe(DependencyGroup.NeedsReview);
        markdown.ShouldContain("**Target:** CPython 3.13t on Linux x86\\_64: given with --target.\n", Case.Sensitive);
        markdown.ShouldContain("**None of the 1 dependency blocks free-threading on 3.13t.**\n\n**Your code: not checked for races, because GIL501 and GIL502 did not run (see --select, --ignore and the configuration).**\n\n## Upgrade plan\n\nNothing to change: no dependency blocks free-threading on 3.13t.\n\n## Your code under free-threading\n\nNot checked for races, because GIL501 and GIL502 did not run (see --select, --ignore and the configuration).\n\n## Needs review\n\n| Dependency | Verdict | Why | Imported at |\n", Case.Sensitive);
        markdown.ShouldContain("| requests 2.32.5 | unknown | no wheel list, no installed files and no knowledge-base entry | [`service.py:1:8`](service.py#L1) |\n");
        markdown.ShouldNotContain("exits with");
        markdown.ShouldNotContain("Blockers at a glance");
    }

    [Fact]
    public void Dependency_findings_passed_as_code_findings_are_not_counted_twice()
    {
        var analysis = FixtureProjects.AnalysedSample;

        var report = AuditReportBuilder.Build(analysis, analysis.Diagnostics);

        report.CodeFindings.ShouldBeEmpty();
        report.DependencyDiagnostics.Count.ShouldBe(9);
    }

    [Fact]
    public void Text_from_inputs_cannot_break_out_of_markdown_or_html()
    {
        var report = Hostile();

        var markdown = MarkdownAuditRenderer.Render(report);
        var html = HtmlAuditRenderer.Render(report);

        markdown.ShouldStartWith("# Free-threading audit: \\<script\\>alert(\"x\")\\</script\\> \\& 'q' \\| \\*bold\\* \\[link\\](u) \\`tick\\`\n");
        markdown.ShouldContain("| evil\\|pkg 1.0 | unknown | a \\| b \\<b\\>bold\\</b\\> new line | – |\n");
        markdown.ShouldContain("| [`a\\|b.py:1:1`](a%7Cb.py#L1) | [GIL101](https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL101.md) | warning | '\\<img src=x\\>' runs on a thread but is CPU-bound pure Python ('loop of \\~10 iterations'); under the GIL it cannot run in parallel with other threads. |\n");
        markdown.Split('\n').Count(line => line.StartsWith("| evil", StringComparison.Ordinal)).ShouldBe(1);
        html.ShouldContain("<title>Free-threading audit: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; | *bold* [link](u) `tick`</title>");
        html.ShouldContain("<td>evil|pkg 1.0</td><td data-label=\"Verdict\">unknown</td><td data-label=\"Why\">a | b &lt;b&gt;bold&lt;/b&gt; new line</td>");
        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<img src=x>");
        HtmlStructure.Problems(html).ShouldBeEmpty();
        HtmlStructure.Problems(HtmlAuditRenderer.Render(AuditReportBuilder.Build(FixtureProjects.AnalysedSample, CodeFindings.ForSample()))).ShouldBeEmpty();
    }

    [Fact]
    public void Markdown_code_spans_outgrow_the_backticks_they_hold()
    {
        Markdown.Code("plain").ShouldBe("`plain`");
        Markdown.Code("a`b").ShouldBe("`` a`b ``");
        Markdown.Code("``x").ShouldBe("``` ``x ```");
        Markdown.Line("1. not a list").ShouldBe("1\\. not a list");
        Markdown.Line("- not a list").ShouldBe("\\- not a list");
    }

    private static AuditReport Hostile()
    {
        var entry = new DependencyReportEntry("evil|pkg", "evil-pkg", "1.0", Verdict.Unknown, null, Confidence.Low, "a | b <b>bold</b>\nnew line",
            [new ReportedEvidence(EvidenceKind.KnowledgeBase, "<i>x</i>", "[s](t)")], null, Location.StartOf("requirements.txt"), [], [], []);
        var finding = new Diagnostic(CodeFindings.CpuBoundThreadTarget, Location.StartOf("a|b.py"), "<img src=x>", "loop of ~10 iterations");
        return new AuditReport
        {
            ProjectName = "<script>alert(\"x\")</script> & 'q' | *bold* [link](u) `tick`",
            ProjectRoot = "/nowhere",
            Target = FreeThreadedTarget.Python314t,
            Inputs = ["requirements.txt"],
            Dependencies = [entry],
            DependencyDiagnostics = [],
            CodeFindings = [finding],
            Notifications = [new ToolNotification(RuleLevel.Error, "broken <line> | here") { Path = "requirements.txt", Span = new SourceSpan(3, 0, 0, 3, 1, 1) }],
            Rules = [.. DependencyRules.All, CodeFindings.CpuBoundThreadTarget],
        };
    }
}
