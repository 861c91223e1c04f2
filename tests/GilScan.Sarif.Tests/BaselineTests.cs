using GilScan.Analysis.Diagnostics;
using GilScan.Sarif.Fingerprints;

namespace GilScan.Sarif.Tests;

public sealed class BaselineTests
{
    private const string Original = "import threading\n\nthreading.Thread(target=crunch).start()\nthreading.Thread(target=crunch).start()\n";

    // The same code three lines further down and reindented inside a function.
    private const string Moved = "import threading\n\n\ndef main():\n    threading.Thread(target=crunch).start()\n    threading.Thread(target=crunch).start()\n";

    private const string Path = "pkg/jobs.py";

    private static Diagnostic ThreadStart(string text, int line, string target = "crunch") =>
        new(SampleProject.CpuBoundThreadTarget, Site(text, line), target);

    private static Location Site(string text, int line)
    {
        var lineText = SourceLines.Split(text)[line - 1];
        var start = lineText.IndexOf("threading.Thread(", StringComparison.Ordinal);
        var end = lineText.IndexOf(").start()", StringComparison.Ordinal) + 1;
        return new Location(Path, SourceSpan.FromUtf16(text, line, start, line, end));
    }

    private static SarifReport Build(string text, IReadOnlyList<Diagnostic> diagnostics, Baseline? baseline = null, SarifProfile profile = SarifProfile.Ide) =>
        SarifLogBuilder.Build(SampleProject.Input(profile, baseline) with
        {
            Diagnostics = diagnostics,
            Notifications = [],
            Sources = new InMemorySources(new Dictionary<string, string> { [Path] = text }),
        });

    private static Baseline BaselineOf(SarifReport report) =>
        Baseline.Parse(System.Text.Encoding.UTF8.GetString(report.ToUtf8Bytes()));

    [Fact]
    public void A_run_compared_with_itself_is_all_unchanged()
    {
        var first = Build(Original, [ThreadStart(Original, 3), ThreadStart(Original, 4)]);

        var second = Build(Original, [ThreadStart(Original, 3), ThreadStart(Original, 4)], BaselineOf(first));

        BaselineOf(first).Count.ShouldBe(2);
        second.Results.Select(r => r.BaselineState).ShouldBe([ResultBaselineState.Unchanged, ResultBaselineState.Unchanged]);
        second.AbsentCount.ShouldBe(0);
        JsonAccess.Run(second.ToUtf8Bytes()).P("results").EnumerateArray().Select(r => r.S("baselineState")).ShouldBe(["unchanged", "unchanged"]);
    }

    [Fact]
    public void Identical_snippets_in_one_file_get_distinct_fingerprints_by_occurrence()
    {
        var report = Build(Original, [ThreadStart(Original, 3), ThreadStart(Original, 4)]);

        report.Results.Select(r => r.StableFingerprint).ShouldBe(
        [
            StableFingerprint.Compute("GIL101", Path, "code:threading.Thread(target=crunch)", 0),
            StableFingerprint.Compute("GIL101", Path, "code:threading.Thread(target=crunch)", 1),
        ]);
    }

    [Fact]
    public void Moving_and_reindenting_code_keeps_findings_unchanged()
    {
        var before = Build(Original, [ThreadStart(Original, 3), ThreadStart(Original, 4)]);

        var after = Build(Moved, [ThreadStart(Moved, 5), ThreadStart(Moved, 6)], BaselineOf(before));

        after.Results.Select(r => r.BaselineState).ShouldBe([ResultBaselineState.Unchanged, ResultBaselineState.Unchanged]);
        after.Results.Select(r => r.StableFingerprint).ShouldBe(before.Results.Select(r => r.StableFingerprint));
        before.Results.Select(r => r.Diagnostic.Location.Span.StartLine).ShouldBe([3, 4]);
        after.Results.Select(r => r.Diagnostic.Location.Span.StartLine).ShouldBe([5, 6]);
    }

    [Fact]
    public void A_changed_message_is_updated()
    {
        var before = Build(Original, [ThreadStart(Original, 3) with { FingerprintKey = "pkg.jobs.crunch" }]);

        var after = Build(Original, [ThreadStart(Original, 3, target: "pkg.jobs.crunch") with { FingerprintKey = "pkg.jobs.crunch" }], BaselineOf(before));

        after.Results.Single().BaselineState.ShouldBe(ResultBaselineState.Updated);
        JsonAccess.Run(after.ToUtf8Bytes()).P("results").I(0).S("baselineState").ShouldBe("updated");
    }

    [Fact]
    public void A_changed_level_is_updated()
    {
        var before = Build(Original, [ThreadStart(Original, 3)]);

        var after = Build(Original, [ThreadStart(Original, 3) with { Level = RuleLevel.Error }], BaselineOf(before));

        after.Results.Single().BaselineState.ShouldBe(ResultBaselineState.Updated);
    }

    [Fact]
    public void New_findings_are_new_and_vanished_ones_absent_in_the_ide_profile()
    {
        var before = Build(Original, [ThreadStart(Original, 3)]);
        var changed = Original.Replace("crunch", "hash_all", StringComparison.Ordinal);

        var after = Build(changed, [ThreadStart(changed, 3, "hash_all")], BaselineOf(before));

        after.Results.Single().BaselineState.ShouldBe(ResultBaselineState.New);
        after.AbsentCount.ShouldBe(1);
        var results = JsonAccess.Run(after.ToUtf8Bytes()).P("results").EnumerateArray().ToList();
        results.Select(r => (r.S("baselineState"), r.S("ruleId"), r.N("ruleIndex"))).ShouldBe([("new", "GIL101", 3), ("absent", "GIL101", 3)]);
        results[1].P("message").S("text").ShouldBe("'crunch' runs pure-Python CPU work on a thread; under the GIL it cannot use a second core.");
    }

    [Fact]
    public void Absent_results_are_left_out_for_github_which_would_open_alerts_for_them()
    {
        var before = Build(Original, [ThreadStart(Original, 3), ThreadStart(Original, 4)]);

        var after = Build(Original, [ThreadStart(Original, 3)], BaselineOf(before), SarifProfile.GitHub);

        after.AbsentCount.ShouldBe(1);
        JsonAccess.Run(after.ToUtf8Bytes()).P("results").GetArrayLength().ShouldBe(1);
        SarifConformance.Check(after.Log, after.ToUtf8Bytes(), SarifProfile.GitHub).ShouldBeEmpty();
    }

    [Fact]
    public void Absent_results_of_a_baseline_are_history_and_never_match_again()
    {
        var first = Build(Original, [ThreadStart(Original, 3)]);
        var second = Build(Original, [], BaselineOf(first));

        var third = Build(Original, [ThreadStart(Original, 3)], BaselineOf(second));

        second.AbsentCount.ShouldBe(1);
        BaselineOf(second).Count.ShouldBe(0);
        third.Results.Single().BaselineState.ShouldBe(ResultBaselineState.New);
    }

    [Fact]
    public void Without_a_baseline_no_state_is_written()
    {
        var report = Build(Original, [ThreadStart(Original, 3)]);

        report.Results.Single().BaselineState.ShouldBe(ResultBaselineState.NotCompared);
        JsonAccess.Run(report.ToUtf8Bytes()).P("results").I(0).Has("baselineState").ShouldBeFalse();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\": \"2.1.0\"}")]
    public void A_baseline_that_is_not_sarif_is_refused(string text)
    {
        Should.Throw<InvalidDataException>(() => Baseline.Parse(text, "old.sarif")).Message.ShouldStartWith("old.sarif is not a SARIF log");
    }
}
