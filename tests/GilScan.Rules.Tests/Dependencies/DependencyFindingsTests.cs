using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Model;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>GIL401/GIL402: blocker verdicts become diagnostics on the line that pins the package.</summary>
public sealed class DependencyFindingsTests
{
    private static readonly DependencyAuditOutcome Sample = FixtureProjects.AnalysedSample;

    internal static Diagnostic Finding(string ruleId, string distribution) =>
        Sample.Diagnostics.Single(d => d.RuleId == ruleId && d.Properties["distribution"] == (PropertyValue)distribution);

    internal static (string Path, int Line, int Start16, int End16) Where(Location location) =>
        (location.Path, location.Span.StartLine, location.Span.StartColumnUtf16, location.Span.EndColumnUtf16);

    /// <summary>What every dependency finding states: its message, level, confidence, fingerprint key and related places in order.</summary>
    internal static void ShouldState(
        Diagnostic finding, string message, RuleLevel level, Confidence confidence, string fingerprintKey,
        params ((string Path, int Line, int Start16, int End16) Where, string Message)[] related)
    {
        finding.Message.ShouldBe(message);
        finding.Level.ShouldBe(level);
        finding.Confidence.ShouldBe(confidence);
        finding.FingerprintKey.ShouldBe(fingerprintKey);
        finding.RelatedLocations.Select(r => (Where(r.Location), r.Message)).ShouldBe(related);
    }

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
