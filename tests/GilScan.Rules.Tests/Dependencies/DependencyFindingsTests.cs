using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Model;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>GIL401/GIL402: blocker verdicts become diagnostics on the line that pins the package.</summary>
public sealed class DependencyFindingsTests
{
    private static readonly DependencyAnalysis Sample = FixtureProjects.AnalysedSample;

    private static Diagnostic Finding(string ruleId, string distribution) =>
        Sample.Diagnostics.Single(d => d.RuleId == ruleId && d.Properties["distribution"] == (PropertyValue)distribution);

    private static (string Path, int Line, int Start16, int End16) Where(Location location) =>
        (location.Path, location.Span.StartLine, location.Span.StartColumnUtf16, location.Span.EndColumnUtf16);

    [Fact]
    public void Only_blockers_are_reported_each_on_the_line_that_declares_it_with_the_lockfile_pin_related()
    {
        Sample.Diagnostics.Where(d => d.RuleId != "GIL403").Select(d => (d.RuleId, Where(d.Location), Where(d.RelatedLocations[0].Location))).ShouldBe([
            ("GIL401", ("pyproject.toml", 8, 5, 16), ("uv.lock", 114, 8, 14)),
            ("GIL402", ("pyproject.toml", 9, 5, 16), ("uv.lock", 155, 8, 14)),
            ("GIL402", ("pyproject.toml", 10, 5, 33), ("uv.lock", 86, 8, 30)),
            ("GIL402", ("pyproject.toml", 11, 5, 17), ("uv.lock", 97, 8, 14)),
        ]);
    }

    [Fact]
    public void A_dependency_that_reenables_the_gil_names_why_the_fix_the_manifest_line_and_the_import()
    {
        var pandas = Finding("GIL401", "pandas");

        pandas.Message.ShouldBe("Importing 'pandas 2.3.3' ('direct dependency') re-enables the GIL on '3.14t' ('a free-threaded wheel exists, but the knowledge base says its modules re-enable the GIL'); fix: 'upgrade to pandas 3.0.0 or later, which declares Py_MOD_GIL_NOT_USED on 3.14t'.");
        pandas.Level.ShouldBe(RuleLevel.Warning);
        pandas.Confidence.ShouldBe(Confidence.Medium);
        pandas.FingerprintKey.ShouldBe("pandas|GIL401|3.14t");
        pandas.RelatedLocations.Select(r => (Where(r.Location), r.Message)).ShouldBe([
            (("uv.lock", 114, 8, 14), "'pandas 2.3.3' is pinned here"),
            (("sample_app/reports.py", 6, 0, 28), "'pandas' is imported here"),
        ]);
        pandas.Properties.Keys.ShouldBe(["action", "direct", "distribution", "evidence", "evidence-links", "fix", "fix-version", "import-sites", "platform", "target", "verdict", "version"]);
        pandas.Properties["action"].ShouldBe((PropertyValue)"upgrade to 3.0.0 or later");
        pandas.Properties["evidence-links"].ShouldBe(PropertyValue.List(
            "https://pypi.org/project/pandas/2.3.3/#files", "https://github.com/pandas-dev/pandas/issues/61844", "https://github.com/pandas-dev/pandas/issues/60445"));
        pandas.Properties["direct"].ShouldBe((PropertyValue)true);
        pandas.Properties["platform"].ShouldBe((PropertyValue)"linux-x86_64");
        pandas.Properties["verdict"].ShouldBe((PropertyValue)"reenables-gil");
        pandas.Properties["target"].ShouldBe((PropertyValue)"3.14t");
        pandas.Properties["version"].ShouldBe((PropertyValue)"2.3.3");
        pandas.Properties["fix-version"].ShouldBe((PropertyValue)"3.0.0");
        pandas.Properties["import-sites"].ShouldBe((PropertyValue)1);
        pandas.Properties["evidence"].ShouldBe(PropertyValue.List(
            "wheel-tags: 1 cp314t wheel(s) for Linux x86_64, e.g. pandas-2.3.3-cp314-cp314t-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (uv.lock)",
            "knowledge-base: pandas >=2.2.3,<3.0.0 on 3.14t: modules do not declare; importing them re-enables the GIL (one undeclared module (pandas._libs.pandas_parser) re-enables the GIL when pandas is imported) (https://github.com/pandas-dev/pandas/issues/61844)"));
    }

    [Fact]
    public void A_compiled_dependency_without_free_threaded_wheel_links_every_import_site()
    {
        var pyyaml = Finding("GIL402", "pyyaml");

        pyyaml.Message.ShouldBe("'pyyaml 6.0.2' ('direct dependency') has compiled code and no wheel that installs on '3.14t' ('no wheel installs on 3.14t: no wheel for CPython 3.14 at all (e.g. pyyaml-6.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl); the release predates it or skips it'); fix: 'upgrade to pyyaml 6.0.3 or later, which declares Py_MOD_GIL_NOT_USED on 3.14t'.");
        pyyaml.Level.ShouldBe(RuleLevel.Warning);
        pyyaml.Confidence.ShouldBe(Confidence.High);
        pyyaml.FingerprintKey.ShouldBe("pyyaml|GIL402|3.14t");
        pyyaml.RelatedLocations.Select(r => (Where(r.Location), r.Message)).ShouldBe([
            (("uv.lock", 155, 8, 14), "'pyyaml 6.0.2' is pinned here"),
            (("sample_app/config.py", 1, 7, 11), "'yaml' is imported here"),
            (("sample_app/legacy.py", 1, 37, 50), "'yaml' is imported here"),
        ]);
    }

    [Fact]
    public void Without_a_known_fix_the_message_says_what_to_do()
    {
        var opencv = Finding("GIL402", "opencv-python-headless");

        opencv.Message.ShouldBe("'opencv-python-headless 4.12.0.88' ('direct dependency') has compiled code and no wheel that installs on '3.14t' ('no wheel installs on 3.14t: only abi3 wheels (opencv_python_headless-4.12.0.88-cp37-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl); free-threaded 3.14t cannot load the stable ABI'); fix: 'none known yet; ask the maintainers for a free-threaded build, or replace the package'.");
        opencv.Properties.ContainsKey("fix-version").ShouldBeFalse();
        opencv.Properties.ContainsKey("alternative").ShouldBeFalse();
    }

    [Fact]
    public void Low_confidence_verdicts_are_notes_and_non_blockers_are_not_reported()
    {
        using var project = new TemporaryProject();
        var lockfile = project.Write("requirements.txt", "fastcrc==0.3.2\n");
        var locations = new ProjectLocations(project.Root);
        var unproven = Made(Verdict.NoFreeThreadedWheel, VerdictConfidence.Low, new SourceAnchor(lockfile, 1, 1, 8));

        var note = DependencyFindings.ForVerdict(unproven, locations, new VerdictContext([]))!;
        var unknown = DependencyFindings.ForVerdict(unproven with { Verdict = Verdict.Unknown }, locations, new VerdictContext([]));

        note.Level.ShouldBe(RuleLevel.Note);
        note.Confidence.ShouldBe(Confidence.Low);
        Where(note.Location).ShouldBe(("requirements.txt", 1, 0, 7));
        unknown.ShouldBeNull();
    }

    [Fact]
    public void An_anchor_outside_the_project_gives_way_to_one_inside_and_without_any_there_is_no_diagnostic()
    {
        using var project = new TemporaryProject();
        using var elsewhere = new TemporaryProject();
        var metadata = elsewhere.Write("site-packages/fastcrc-0.3.2.dist-info/METADATA", "Metadata-Version: 2.1\nName: fastcrc\n");
        var requirements = project.Write("requirements.txt", "fastcrc\n");
        var locations = new ProjectLocations(project.Root);
        var outside = new SourceAnchor(metadata, 2, 7, 14);

        var moved = DependencyFindings.ForVerdict(Made(Verdict.ReenablesGil, VerdictConfidence.High, outside, new SourceAnchor(requirements, 1, 1, 8)), locations, new VerdictContext([]))!;
        var homeless = DependencyFindings.ForVerdict(Made(Verdict.ReenablesGil, VerdictConfidence.High, outside), locations, new VerdictContext([]));
        var fallback = DependencyFindings.ForVerdict(Made(Verdict.ReenablesGil, VerdictConfidence.High, outside), locations, new VerdictContext([]), Location.StartOf("requirements.txt"))!;

        Where(moved.Location).ShouldBe(("requirements.txt", 1, 0, 7));
        moved.RelatedLocations.ShouldBeEmpty();
        homeless.ShouldBeNull();
        Where(fallback.Location).ShouldBe(("requirements.txt", 1, 0, 0));
    }

    [Fact]
    public void Anchor_columns_become_utf8_columns_from_the_line_text_and_whole_file_anchors_the_file_start()
    {
        using var project = new TemporaryProject();
        var lockfile = project.Write("pylock.toml", "# généré\nname = \"données-rapides\" # ünïcode\n");
        var wheel = project.Write("wheels/fastcrc-0.3.2-cp314-cp314t-manylinux_2_28_x86_64.whl", "not a zip");
        var locations = new ProjectLocations(project.Root);

        var line = locations.Of(new SourceAnchor(lockfile, 2, 9, 24))!;
        var file = locations.Of(SourceAnchor.File(wheel))!;

        line.Span.ShouldBe(new SourceSpan(2, 8, 8, 2, 24, 23));
        file.ShouldBe(Location.StartOf("wheels/fastcrc-0.3.2-cp314-cp314t-manylinux_2_28_x86_64.whl"));
        locations.Relativize($"{wheel}: fastcrc/_core.so").ShouldBe("wheels/fastcrc-0.3.2-cp314-cp314t-manylinux_2_28_x86_64.whl: fastcrc/_core.so");
    }

    [Fact]
    public void Modules_that_need_the_gil_are_listed_from_the_binary_scan()
    {
        using var project = new TemporaryProject();
        var lockfile = project.Write("uv.lock", "name = \"fastcrc\"\n");
        var modules = new[]
        {
            new ModuleFinding("fastcrc._core", "fastcrc/_core.so", ModuleAbi.FreeThreaded, GilDeclaration.NotDeclared, "no gil slot", NeedsGil: true),
            new ModuleFinding("fastcrc._fast", "fastcrc/_fast.so", ModuleAbi.FreeThreaded, GilDeclaration.DeclaredNotUsed, "{4, 1}", NeedsGil: false),
        };

        var finding = DependencyFindings.ForVerdict(Made(Verdict.ReenablesGil, VerdictConfidence.High, new SourceAnchor(lockfile, 1, 9, 16)) with { Modules = modules }, new ProjectLocations(project.Root), new VerdictContext([]))!;

        finding.Properties["modules-needing-gil"].ShouldBe(PropertyValue.List("fastcrc._core"));
    }

    private static DistributionVerdict Made(Verdict verdict, VerdictConfidence confidence, SourceAnchor anchor, params SourceAnchor[] others) =>
        new("fastcrc", "fastcrc", "0.3.2", FreeThreadedTarget.Python314t, verdict, confidence, "made up for the test",
            [new Evidence(EvidenceKind.WheelTags, "tags", "requirements.txt")], null, anchor, others, [], []);
}
