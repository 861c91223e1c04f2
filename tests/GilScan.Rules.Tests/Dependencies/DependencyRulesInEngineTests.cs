using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Analysis.Rules;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>
/// GIL401-403 as rule classes in the real engine (the shipped rule set and models): one shared audit
/// per run, reported at project end, silent without a manifest, and the problems of the inputs as
/// tool notifications.
/// </summary>
public sealed class DependencyRulesInEngineTests
{
    private static readonly string[] DependencyRuleIds = ["GIL401", "GIL402", "GIL403"];

    private static IReadOnlyList<Rule> DependencyRuleClasses =>
        [.. ShippedRuleSet.All.Where(rule => DependencyRuleIds.Contains(rule.Id))];

    private static AnalysisResult Run(string root, ProjectModelRegistry? models = null, string? projectRoot = "") =>
        new AnalysisDriver(DependencyRuleClasses, new AnalysisDriverOptions
        {
            Models = models ?? ShippedRuleSet.Models,
            ProjectRoot = projectRoot == string.Empty ? root : projectRoot,
            Jobs = 2,
        }).Run([.. FixtureProjects.PythonFiles(root).Select(file => SourceDocument.Read(file.RelativePath, file.AbsolutePath))]);

    private static string Describe(Diagnostic d) =>
        $"{d.RuleId} {d.Location.Path}:{d.Location.Span.StartLine}:{d.Location.Span.StartColumnUtf16 + 1} {d.Message}";

    [Fact]
    public void The_three_rules_ship_and_report_at_project_end()
    {
        DependencyRuleClasses.Select(rule => (rule.Id, rule.GetType().Name)).ShouldBe([
            ("GIL401", nameof(GilReenablingDependency)),
            ("GIL402", nameof(CompiledDependencyWithoutFreeThreadedWheel)),
            ("GIL403", nameof(BlockingDependencyImport)),
        ]);
        DependencyRuleClasses.ShouldAllBe(rule => rule.GetType().IsSealed);
        ShippedRuleSet.Models.ModelTypes.ShouldContain(typeof(DependencyModel));
    }

    [Fact]
    public void In_the_engine_the_rules_report_exactly_what_the_audit_finds_on_the_sample()
    {
        var result = Run(FixtureProjects.Sample);

        result.ExecutionSuccessful.ShouldBeTrue();
        result.Notifications.ShouldBeEmpty();
        result.Diagnostics.Select(Describe).ShouldBe(FixtureProjects.AnalysedSample.Diagnostics.Order(DiagnosticComparer.Instance).Select(Describe));
        result.Diagnostics.Where(d => d.RuleId != "GIL403").Select(d => $"{d.RuleId} {d.Location.Path}:{d.Location.Span.StartLine}").ShouldBe([
            "GIL401 pyproject.toml:8",
            "GIL402 pyproject.toml:9",
            "GIL402 pyproject.toml:10",
            "GIL402 pyproject.toml:11",
        ]);
        result.Diagnostics.Count(d => d.RuleId == "GIL403").ShouldBe(5);
    }

    [Fact]
    public void The_audit_is_built_once_per_run_for_the_three_rules()
    {
        var builds = 0;
        var models = ShippedRuleSet.Models.With(input =>
        {
            Interlocked.Increment(ref builds);
            return DependencyModel.Build(input);
        });

        Run(FixtureProjects.Sample, models).Diagnostics.Length.ShouldBe(9);

        builds.ShouldBe(1);
    }

    [Fact]
    public void A_project_without_manifests_or_lockfiles_gets_no_finding_and_no_notification()
    {
        using var project = new TemporaryProject();
        project.Write("app/main.py", "import numpy\nimport yaml\n");

        var result = Run(project.Root);

        result.ExecutionSuccessful.ShouldBeTrue();
        result.Diagnostics.ShouldBeEmpty();
        result.Notifications.ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_project_root_there_is_nothing_to_audit()
    {
        var result = Run(FixtureProjects.Sample, projectRoot: null);

        result.ExecutionSuccessful.ShouldBeTrue();
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_broken_lockfile_is_a_notification_on_its_line_and_the_other_inputs_are_still_audited()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        project.Write("requirements.txt", "pyyaml==6.0.2\n");
        project.Write("uv.lock", "version = 1\n[[package]]\nname = \"pyyaml\"\nversion = = \"6.0.2\"\n");

        var result = Run(project.Root);

        result.ExecutionSuccessful.ShouldBeTrue();
        var problem = result.Notifications.ShouldHaveSingleItem();
        problem.Path.ShouldBe("uv.lock");
        problem.Span.ShouldNotBeNull().StartLine.ShouldBe(4);
        problem.Level.ShouldBe(RuleLevel.Error);
        result.Diagnostics.Select(d => $"{d.RuleId} {d.Location.Path}:{d.Location.Span.StartLine}").ShouldContain("GIL403 sample_app/config.py:1");
    }

    [Fact]
    public void A_project_file_that_does_not_parse_still_shadows_the_dependency_of_its_name()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        project.Write("yaml.py", "def broken(:\n");

        var result = Run(project.Root);

        result.Diagnostics.Where(d => d.RuleId == "GIL001").Select(d => d.Location.Path).ShouldBe(["yaml.py"]);
        result.Diagnostics.Where(d => d.RuleId == "GIL403").Select(d => d.Location.Path).ShouldBe(
            ["sample_app/fast_json.py", "sample_app/images.py", "sample_app/reports.py"]);
    }
}
