using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Knowledge;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>GIL403 on fixtures/projects/audit-sample: imports of blocking dependencies, linked to their pins.</summary>
public sealed class BlockingDependencyImportTests
{
    private static readonly DependencyAuditOutcome Sample = FixtureProjects.AnalysedSample;

    private static IEnumerable<Diagnostic> Gil403(DependencyAuditOutcome analysis) => analysis.Diagnostics.Where(d => d.RuleId == BlockingDependencyImport.Id);

    private static (string Path, int Line, int Start16, int End16) Where(Location location) =>
        (location.Path, location.Span.StartLine, location.Span.StartColumnUtf16, location.Span.EndColumnUtf16);

    [Fact]
    public void Every_import_of_a_blocking_dependency_is_reported_at_the_import()
    {
        Gil403(Sample).Select(d => (Where(d.Location), d.Level, d.Message)).ShouldBe([
            (("sample_app/config.py", 1, 7, 11), RuleLevel.Warning,
                "'yaml' comes from 'pyyaml 6.0.2', which blocks free-threading on '3.14t': 'it has compiled code and no free-threaded wheel (GIL402)'."),
            (("sample_app/fast_json.py", 3, 11, 30), RuleLevel.Note,
                "'orjson' comes from 'orjson 3.11.3', which blocks free-threading on '3.14t': 'it has compiled code and no free-threaded wheel (GIL402)'."),
            (("sample_app/images.py", 3, 7, 10), RuleLevel.Warning,
                "'cv2' comes from 'opencv-python-headless 4.12.0.88', which blocks free-threading on '3.14t': 'it has compiled code and no free-threaded wheel (GIL402)'."),
            (("sample_app/legacy.py", 1, 37, 50), RuleLevel.Warning,
                "'yaml' comes from 'pyyaml 6.0.2', which blocks free-threading on '3.14t': 'it has compiled code and no free-threaded wheel (GIL402)'."),
            (("sample_app/reports.py", 6, 0, 28), RuleLevel.Warning,
                "'pandas' comes from 'pandas 2.3.3', which blocks free-threading on '3.14t': 'importing it re-enables the GIL (GIL401)'."),
        ]);
    }

    [Fact]
    public void The_import_links_the_dependency_finding()
    {
        var cv2 = Gil403(Sample).Single(d => d.Properties["module"] == (PropertyValue)"cv2");
        var pin = Sample.Diagnostics.Single(d => d.RuleId == "GIL402" && d.Properties["distribution"] == (PropertyValue)"opencv-python-headless");

        cv2.RelatedLocations.Select(r => (r.Location, r.Message)).ShouldBe([(pin.Location, "'opencv-python-headless' is reported here (GIL402)")]);
        cv2.Confidence.ShouldBe(Confidence.High);
        cv2.FingerprintKey.ShouldBe("opencv-python-headless|GIL403|3.14t|cv2");
        cv2.Properties.Keys.ShouldBe(["dependency-rule", "direct", "distribution", "fix", "guarded", "module", "platform", "target", "verdict", "version"]);
        cv2.Properties["dependency-rule"].ShouldBe((PropertyValue)"GIL402");
        cv2.Properties["guarded"].ShouldBe((PropertyValue)false);
    }

    [Fact]
    public void Imports_are_resolved_for_every_dependency_and_by_the_well_known_table_where_names_differ()
    {
        Sample.Imports.Select(i => (i.Site.Module, i.Verdict.Name, i.Verdict.Verdict, i.Match.Source)).ShouldBe([
            ("yaml", "pyyaml", Verdict.NoFreeThreadedWheel, ImportNameSource.WellKnownTable),
            ("orjson", "orjson", Verdict.NoFreeThreadedWheel, ImportNameSource.SameName),
            ("cv2", "opencv-python-headless", Verdict.NoFreeThreadedWheel, ImportNameSource.WellKnownTable),
            ("numpy", "numpy", Verdict.Ok, ImportNameSource.SameName),
            ("yaml", "pyyaml", Verdict.NoFreeThreadedWheel, ImportNameSource.WellKnownTable),
            ("requests", "requests", Verdict.PurePython, ImportNameSource.SameName),
            ("pandas", "pandas", Verdict.ReenablesGil, ImportNameSource.SameName),
        ]);
    }

    [Fact]
    public void A_project_module_with_a_dependency_name_shadows_the_dependency()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        project.Write("yaml.py", "def safe_load(f):\n    return {}\n");

        var analysis = FixtureProjects.Analyze(project.Root);

        Gil403(analysis).Select(d => d.Properties["module"]).ShouldBe([(PropertyValue)"orjson", "cv2", "pandas"]);
        analysis.Diagnostics.Count(d => d.RuleId == "GIL402").ShouldBe(3);
    }

    [Fact]
    public void A_file_that_does_not_parse_is_a_notification_and_the_rest_is_analysed()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        project.Write("sample_app/broken.py", "import numpy\ndef f(:\n    pass\n");

        var result = FixtureProjects.Run(project.Root);
        var analysis = FixtureProjects.AuditOf(result);

        // The engine reports the file (GIL001, with its notification); the audit reads the others' imports.
        var problem = result.Notifications.ShouldHaveSingleItem();
        problem.Path.ShouldBe("sample_app/broken.py");
        problem.Rule.ShouldBe(ToolRules.SyntaxError);
        problem.Message.ShouldStartWith("sample_app/broken.py was not analysed (GIL001): ");
        analysis.Notifications.ShouldBeEmpty();
        Gil403(analysis).Count().ShouldBe(5);
        analysis.FilesAnalysed.ShouldBe(7);
    }

    [Fact]
    public void Findings_do_not_depend_on_where_the_project_is_checked_out()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);

        var copy = FixtureProjects.Analyze(project.Root);

        copy.Diagnostics.Select(Describe).ShouldBe(Sample.Diagnostics.Select(Describe));
    }

    [Fact]
    public void Virtual_environments_and_caches_are_not_project_code()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        project.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        project.Write(".venv/lib/python3.14t/site-packages/yaml/__init__.py", "import yaml._yaml\n");
        project.Write("venv/pyvenv.cfg", "home = /usr/bin\n");
        project.Write("venv/lib/site.py", "import cv2\n");
        project.Write("sample_app/__pycache__/stale.py", "import pandas\n");

        FixtureProjects.PythonFiles(project.Root).Select(file => file.RelativePath).ShouldBe([
            "sample_app/__init__.py", "sample_app/config.py", "sample_app/fast_json.py", "sample_app/images.py", "sample_app/legacy.py", "sample_app/reports.py",
        ]);
    }

    private static string Describe(Diagnostic d) =>
        $"{d.Location} {d.RuleId} {d.Level} {d.Message} [{string.Join("; ", d.RelatedLocations.Select(r => $"{r.Location} {r.Message}"))}] {d.FingerprintKey}";
}
