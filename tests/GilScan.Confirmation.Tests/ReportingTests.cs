using System.Collections.Immutable;
using System.Xml.Linq;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Reporting;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;
using static GilScan.Confirmation.Tests.Figures;

namespace GilScan.Confirmation.Tests;

/// <summary>What a result becomes in SARIF and in the audit report.</summary>
public sealed class ReportingTests
{
    private static readonly RuleDescriptor Gil101 = RuleDescriptor.Create(
        "GIL101", "CpuBoundThreadTarget", "CPU-bound work on a thread",
        "'{0}' runs pure-Python CPU work on a thread; under the GIL it cannot use a second core.",
        RuleCategory.Threads, RuleLevel.Warning);

    private static readonly ConfirmationTarget Loop = new()
    {
        ProjectRoot = "/p",
        Module = "demo.cpu",
        Function = "pure_loop",
        Kind = ConfirmationKind.ThreadWork,
        Arguments = [1_500_000],
    };

    private static ConfirmationResult Result(Verdict verdict, string reason, params InterpreterRun[] runs) => new()
    {
        Target = Loop,
        Verdict = verdict,
        Reason = reason,
        K = 2,
        Cores = CoreSet.Of([0, 1]),
        Runs = [.. runs],
    };

    [Fact]
    public void The_sarif_property_has_the_verdict_k_cores_and_one_run_per_interpreter()
    {
        var result = Result(Verdict.Confirmed, "why", Threads(CPython, 1.02, 1.95), Failed(PyPy, "PyPy could not be started: no"));

        ConfirmationProperty.ToCanonicalString(result).ShouldBe(
            "{\"cores\":[0,1],\"k\":2,\"kind\":\"thread-work\",\"reason\":\"why\",\"repeat\":5,\"runs\":["
            + "{\"executable\":\"/usr/local/bin/python3.13\",\"freeThreadedBuild\":false,\"gilEnabled\":true,\"implementation\":\"cpython\",\"interpreter\":\"CPython 3.13.0\","
            + "\"levels\":[{\"k\":2,\"processCoresBusy\":1.95,\"processSeconds\":0.205128,\"processSpeedup\":1.95,\"processSpread\":0.05,\"processStartupSeconds\":0.004,\"processTransferSeconds\":0.001,\"repeats\":5,\"resultBytes\":17,\"sequentialCoreShare\":0.99,\"sequentialSeconds\":0.4,\"threadCoresBusy\":1.02,\"threadSeconds\":0.392157,\"threadSpeedup\":1.02,\"threadSpread\":0.05}],"
            + "\"pinning\":\"os.sched_setaffinity\",\"processCoresBusy\":1.95,\"processSeconds\":0.205128,\"processSpeedup\":1.95,\"processSpread\":0.05,\"processStartupSeconds\":0.004,\"processTransferSeconds\":0.001,\"repeats\":5,\"resultBytes\":17,"
            + "\"scaleFactor\":1,\"sequentialCoreShare\":0.99,\"sequentialSeconds\":0.4,\"startMethod\":\"fork\",\"status\":\"measured\",\"threadCoresBusy\":1.02,\"threadSeconds\":0.392157,\"threadSpeedup\":1.02,\"threadSpread\":0.05,\"version\":\"3.13.0\",\"warmUpSeconds\":0.2},"
            + "{\"executable\":\"/usr/bin/pypy3\",\"freeThreadedBuild\":false,\"implementation\":\"pypy\",\"interpreter\":\"PyPy 7.3.11 (Python 3.9.16)\",\"problem\":\"PyPy could not be started: no\",\"status\":\"failed\",\"version\":\"3.9.16\"}],"
            + "\"target\":\"demo.cpu:pure_loop\",\"thresholds\":{\"maxRelativeSpread\":0.4,\"maxSpeedupPerWorker\":1.25,\"minSequentialCoreShare\":0.85,\"minSequentialSeconds\":0.05,\"parallelAbove\":1.5,\"scalesAtLeast\":1.5,\"serialisedBelow\":1.25,\"threadShareOfProcess\":0.6},"
            + "\"verdict\":\"confirmed\"}");
    }

    [Fact]
    public void Coroutine_runs_carry_their_lag_figures()
    {
        var result = Result(Verdict.Confirmed, "why", Lag(worst: 160.1234, typical: 140, p99: 150, over: 5)) with
        {
            Target = Loop with { Kind = ConfirmationKind.CoroutineWork },
        };

        var run = ConfirmationProperty.ToJson(result)["runs"]![0]!.ToJsonString();
        run.ShouldBe("{\"baselineWorstLagMs\":0.3,\"budgetMs\":50,\"executable\":\"/usr/local/bin/python3.13\",\"freeThreadedBuild\":false,\"gilEnabled\":true,\"heartbeatMs\":5,"
            + "\"implementation\":\"cpython\",\"interpreter\":\"CPython 3.13.0\",\"p99LagMs\":150,\"repeats\":5,\"repeatsOverBudget\":5,\"runQueueAccounted\":true,\"runSeconds\":0.15,\"status\":\"measured\","
            + "\"typicalWorstLagMs\":140,\"version\":\"3.13.0\",\"wallWorstLagMs\":161.123,\"worstLagMs\":160.123}");
    }

    [Fact]
    public void An_unmeasured_target_still_has_every_required_key()
    {
        var json = ConfirmationProperty.ToJson(ConfirmationResult.Unmeasured(Loop, "no interpreter"));

        json.Select(p => p.Key).ShouldBe(["cores", "k", "kind", "reason", "repeat", "runs", "target", "thresholds", "verdict"]);
        json["verdict"]!.GetValue<string>().ShouldBe("inconclusive");
        json["runs"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public void The_property_value_holds_the_same_figures_with_whole_numbers_as_integers()
    {
        var result = Result(Verdict.Confirmed, "why", Threads(CPython, 1.02, 1.95), Failed(PyPy, "PyPy could not be started: no"));

        var property = ConfirmationProperty.ToPropertyValue(result).ShouldBeOfType<PropertyValue.Map>().Entries;

        property.Keys.ShouldBe(["cores", "k", "kind", "reason", "repeat", "runs", "target", "thresholds", "verdict"]);
        property["verdict"].ShouldBe(new PropertyValue.Text("confirmed"));
        property["k"].ShouldBe(new PropertyValue.Integer(2));
        property["cores"].ShouldBe(PropertyValue.Items(0, 1));
        var runs = property["runs"].ShouldBeOfType<PropertyValue.ItemList>().Values;
        runs.Length.ShouldBe(2);
        var cpython = runs[0].ShouldBeOfType<PropertyValue.Map>().Entries;
        cpython["interpreter"].ShouldBe(new PropertyValue.Text("CPython 3.13.0"));
        cpython["gilEnabled"].ShouldBe(new PropertyValue.Boolean(true));
        cpython["threadSpeedup"].ShouldBe(new PropertyValue.Real(1.02));
        cpython["processSpeedup"].ShouldBe(new PropertyValue.Real(1.95));
        cpython["resultBytes"].ShouldBe(new PropertyValue.Integer(17));
        cpython["scaleFactor"].ShouldBe(new PropertyValue.Real(1));
        var pypy = runs[1].ShouldBeOfType<PropertyValue.Map>().Entries;
        pypy["status"].ShouldBe(new PropertyValue.Text("failed"));
        pypy.ContainsKey("gilEnabled").ShouldBeFalse();
        ((PropertyValue.Map)property["thresholds"]).Entries["serialisedBelow"].ShouldBe(new PropertyValue.Real(1.25));
    }

    [Theory]
    [InlineData(Verdict.Confirmed, "confirmed")]
    [InlineData(Verdict.Refuted, "refuted")]
    [InlineData(Verdict.Inconclusive, "inconclusive")]
    public void Every_verdict_attaches_the_confirmation_property(Verdict verdict, string name)
    {
        var finding = new Diagnostic(Gil101, Location.StartOf("demo/cpu.py"), "pure_loop")
        {
            Properties = ImmutableSortedDictionary<string, PropertyValue>.Empty.Add("target", "demo.cpu:pure_loop"),
        };
        var result = Result(verdict, "why", Threads(CPython, 1.02, 1.95));

        var adjusted = ConfirmationAdjustment.Apply(finding, result);

        adjusted.Properties.Keys.ShouldBe(["confirmation", "target"]);
        adjusted.Properties["confirmation"].ShouldBe(ConfirmationProperty.ToPropertyValue(result));
        ((PropertyValue.Map)adjusted.Properties["confirmation"]).Entries["verdict"].ShouldBe(new PropertyValue.Text(name));
    }

    [Theory]
    [InlineData(Verdict.Confirmed, RuleLevel.Note, RuleLevel.Warning, Confidence.High)]
    [InlineData(Verdict.Confirmed, RuleLevel.Warning, RuleLevel.Warning, Confidence.High)]
    [InlineData(Verdict.Confirmed, RuleLevel.Error, RuleLevel.Error, Confidence.High)]
    [InlineData(Verdict.Confirmed, RuleLevel.None, RuleLevel.None, Confidence.High)]
    [InlineData(Verdict.Refuted, RuleLevel.Error, RuleLevel.None, Confidence.Low)]
    [InlineData(Verdict.Refuted, RuleLevel.Warning, RuleLevel.None, Confidence.Low)]
    [InlineData(Verdict.Inconclusive, RuleLevel.Note, RuleLevel.Note, Confidence.Medium)]
    public void Verdicts_raise_or_lower_the_finding_and_refuted_never_fails(Verdict verdict, RuleLevel before, RuleLevel after, Confidence confidence)
    {
        var finding = new Diagnostic(Gil101, Location.StartOf("demo/cpu.py"), "pure_loop") { Level = before, Confidence = Confidence.Medium };

        var adjusted = ConfirmationAdjustment.Apply(finding, Result(verdict, "why"));

        adjusted.Level.ShouldBe(after);
        adjusted.Confidence.ShouldBe(confidence);
    }

    [Fact]
    public void Suppressed_findings_are_left_alone()
    {
        var finding = new Diagnostic(Gil101, Location.StartOf("demo/cpu.py"), "pure_loop")
        {
            Suppression = new Suppression(SuppressionKind.InSource, "noqa"),
        };

        ConfirmationAdjustment.Apply(finding, Result(Verdict.Refuted, "why")).ShouldBeSameAs(finding);
    }

    [Fact]
    public void The_speedup_chart_is_byte_stable_svg_with_a_series_per_interpreter()
    {
        var result = Result(Verdict.Confirmed, "threads 1.02x, processes 1.95x & more",
            Threads(CPython, 1.02, 1.95, more: (1, 0.99, 0.97)),
            Threads(FreeThreaded, 1.9, 1.92, more: (1, 1.0, 0.98)),
            Threads(PyPy, 1.01, 1.96, more: (1, 1.0, 0.99)));

        var svg = SpeedupChart.Render(result)!;

        Golden.Match("speedup-chart.svg", svg);
        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        document.Root!.Name.ShouldBe(ns + "svg");
        document.Descendants(ns + "polyline").Count().ShouldBe(4);
        document.Descendants(ns + "desc").Single().Value.ShouldBe("threads 1.02x, processes 1.95x & more");
    }

    [Fact]
    public void The_lag_chart_is_byte_stable_svg_against_the_budget()
    {
        var result = Result(Verdict.Confirmed, "stalls", Lag(worst: 160, typical: 140, p99: 150, over: 5)) with
        {
            Target = Loop with { Kind = ConfirmationKind.CoroutineWork, Function = "handler" },
        };

        var svg = LagChart.Render(result)!;

        Golden.Match("lag-chart.svg", svg);
        XDocument.Parse(svg).Root!.Attribute("aria-label")!.Value.ShouldBe("demo.cpu:handler: event-loop lag (confirmed)");
    }

    [Fact]
    public void Results_without_figures_have_no_chart()
    {
        SpeedupChart.Render(ConfirmationResult.Unmeasured(Loop, "none")).ShouldBeNull();
        LagChart.Render(Result(Verdict.Confirmed, "x", Threads(CPython, 1, 2))).ShouldBeNull();
    }
}
