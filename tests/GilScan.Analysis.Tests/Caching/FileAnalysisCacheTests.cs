using System.Collections.Immutable;
using GilScan.Analysis.Caching;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Analysis.Rules;
using GilScan.Analysis.Tests.TestRules;

using GilScan.Testing;

namespace GilScan.Analysis.Tests.Caching;

/// <summary>The results cache: what it stores, when it is reused, and that cross-file results stay right.</summary>
public sealed class FileAnalysisCacheTests
{
    private const string Settings = "settings v1";

    [Fact]
    public void Every_field_of_a_finding_survives_the_round_trip_through_the_file()
    {
        using var temp = new TempDirectory();
        var span = new SourceSpan(2, 4, 2, 2, 9, 5);
        var rich = new Diagnostic(ReportsEveryCall.Descriptor, new Location("a é.py", span), "wörk") with
        {
            Level = RuleLevel.Error,
            Confidence = Confidence.Medium,
            FingerprintKey = "app.work",
            RelatedLocations = [new RelatedLocation(Location.StartOf("b.py"), "hot loop in 'work'")],
            CodeFlow = [new CodeFlowStep(new Location("a é.py", span), "thread starts", 0), new CodeFlowStep(Location.StartOf("b.py"), "loop", 1)],
            Properties = ImmutableSortedDictionary<string, PropertyValue>.Empty
                .Add("chain", PropertyValue.List("a", "b"))
                .Add("iterations", 10_000_000L)
                .Add("ratio", 0.25)
                .Add("confirmed", true)
                .Add("name", "work")
                .Add("nested", PropertyValue.Dictionary([KeyValuePair.Create("k", (PropertyValue)"v")]))
                .Add("runs", PropertyValue.Items(PropertyValue.Dictionary([KeyValuePair.Create("speedup", (PropertyValue)1.97)]), PropertyValue.Items(0, 1), "x")),
            Suppression = new Suppression(SuppressionKind.InSource, "# noqa: GIL190"),
            Fix = new Fix("Use a process pool", [new TextReplacement(new Location("a é.py", span), "ProcessPoolExecutor")]),
        };
        var notification = new ToolNotification(RuleLevel.Error, "a é.py was not analysed (GIL001): invalid syntax")
        {
            Path = "a é.py",
            Span = span,
            Rule = ToolRules.SyntaxError,
        };
        var stored = new ResultSet([rich], [notification]);

        using (var cache = Open(temp.Path))
        {
            cache.PutFile("a é.py", "hash-1", stored);
            cache.PutProject("project-1", new ResultSet([rich with { Suppression = null }], []));
            cache.Save();
        }

        using var reopened = Open(temp.Path);
        var read = reopened.GetFile("a é.py", "hash-1").ShouldNotBeNull();
        Describe(read).ShouldBe(Describe(stored));
        read.Diagnostics[0].Properties.ShouldBe(rich.Properties);
        read.Diagnostics[0].Properties["chain"].ShouldBe(PropertyValue.List("a", "b"));
        read.Diagnostics[0].Properties["runs"].ShouldBe(PropertyValue.Items(PropertyValue.Dictionary([KeyValuePair.Create("speedup", (PropertyValue)1.97)]), PropertyValue.Items(0, 1), "x"));
        Describe(reopened.GetProject("project-1").ShouldNotBeNull()).ShouldBe(Describe(new ResultSet([rich with { Suppression = null }], [])));
        reopened.GetFile("a é.py", "hash-2").ShouldBeNull();
        reopened.GetProject("project-2").ShouldBeNull();
    }

    [Fact]
    public void Confirmation_requests_survive_the_round_trip_typed()
    {
        using var temp = new TempDirectory();
        var call = new CallableConfirmationRequest
        {
            Kind = ConfirmationKind.LostUpdates,
            Module = "app.jobs",
            Function = "Jobs.crunch",
            ImportRoot = "src",
            Parameters = ParameterNeed.Required,
            State = new SharedState("class-attribute", "app.jobs", "Jobs.hits", Items: true),
            Arguments = new FoldedCall(
                [
                    new PythonValue.Int(System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)),
                    -0.25, double.PositiveInfinity, true, PythonValue.None, "caf\u00e9 'q'",
                    new PythonValue.Bytes([0, 97, 255]),
                    PythonValue.Tuple(1, PythonValue.List(2.0, "x")),
                    PythonValue.Dictionary([KeyValuePair.Create<PythonValue, PythonValue>("size", 10)]),
                ],
                ImmutableSortedDictionary<string, PythonValue>.Empty.Add("mode", "fast")),
        };
        var installed = call with { Kind = ConfirmationKind.ThreadWork, ImportRoot = null, Arguments = null, State = null, Parameters = ParameterNeed.Unknown };
        var probe = new ImportProbeRequest { Module = "yaml", Distribution = "pyyaml" };
        var unnamed = new ImportProbeRequest { Distribution = "pandas" };
        ConfirmationRequest?[] requests = [call, installed, probe, unnamed, null];
        var stored = new ResultSet(
            [.. requests.Select((request, i) => new Diagnostic(ReportsEveryCall.Descriptor, Location.StartOf($"f{i}.py"), "work") { Confirmation = request })], []);

        using (var cache = Open(temp.Path))
        {
            cache.PutFile("a.py", "hash-1", stored);
            cache.Save();
        }

        using var reopened = Open(temp.Path);
        var read = reopened.GetFile("a.py", "hash-1").ShouldNotBeNull();
        read.Diagnostics.Select(d => d.Confirmation).ShouldBe(requests);
    }

    [Fact]
    public void The_cache_folder_is_tagged_and_ignored_by_git()
    {
        using var temp = new TempDirectory();
        using var cache = Open(temp.Path);
        cache.PutFile("a.py", "h", ResultSet.Empty);
        cache.Save();

        File.ReadAllText(Path.Combine(temp.Path, "CACHEDIR.TAG")).ShouldStartWith("Signature: 8a477f597d28d172789f06886806bc55\n");
        File.ReadAllText(Path.Combine(temp.Path, ".gitignore")).ShouldBe("# Automatically created by gilscan.\n*\n");
        Path.GetFileName(cache.FilePath).ShouldStartWith("results-");
    }

    [Fact]
    public void Another_configuration_or_a_damaged_file_starts_empty()
    {
        using var temp = new TempDirectory();
        using (var cache = Open(temp.Path))
        {
            cache.PutFile("a.py", "h", ResultSet.Empty);
            cache.Save();
            File.WriteAllText(cache.FilePath.Replace("results-", "results-x", StringComparison.Ordinal), "{");
        }

        using (var other = FileAnalysisCache.Open(temp.Path, "settings v2", [], temp.Path))
        {
            other.GetFile("a.py", "h").ShouldBeNull();
        }

        using var first = Open(temp.Path);
        File.WriteAllText(first.FilePath, "{\"format\": 1, \"settings\": ");
        using var damaged = Open(temp.Path);
        damaged.GetFile("a.py", "h").ShouldBeNull();
    }

    [Fact]
    public void An_unchanged_project_is_answered_from_the_cache_without_parsing()
    {
        using var temp = new TempDirectory();
        var files = new[] { Doc("a.py", "f()\n"), Doc("b.py", "def (\n") };
        var driver = new AnalysisDriver([new ReportsEveryCall()]);
        var first = RunAndSave(driver, files, temp.Path);

        using var cache = Open(temp.Path);
        var second = driver.Run(files, cache);

        second.Statistics.ShouldBe(new AnalysisStatistics(2, 0, 2, true));
        Lines(second).ShouldBe(Lines(first));
        second.Notifications.Select(n => n.Message).ShouldBe(first.Notifications.Select(n => n.Message));
    }

    [Fact]
    public void Only_the_changed_file_is_parsed_again_when_no_rule_needs_the_project()
    {
        using var temp = new TempDirectory();
        var recording = new Recording();
        var driver = new AnalysisDriver([new ReportsEveryCall(), new RecordingRule(recording)]);
        RunAndSave(driver, [Doc("a.py", "f()\n"), Doc("b.py", "g()\n")], temp.Path);

        var fresh = new Recording();
        using var cache = Open(temp.Path);
        var second = new AnalysisDriver([new ReportsEveryCall(), new RecordingRule(fresh)]).Run([Doc("a.py", "f()\n"), Doc("b.py", "h()\n")], cache);

        second.Statistics.ShouldBe(new AnalysisStatistics(2, 1, 1, true));
        fresh.Paths.ShouldBe(["b.py"]);
        Lines(second).ShouldBe(["a.py:1 GIL190 Call to 'f'.", "b.py:1 GIL190 Call to 'h'."]);
    }

    [Fact]
    public void Changing_one_file_recomputes_project_results_in_other_files_but_file_actions_only_in_that_file()
    {
        using var temp = new TempDirectory();
        var main = Doc("main.py", "crunch(1)\nhelper()\n");
        RunAndSave(new AnalysisDriver([new ReportsCrossModuleCalls(), new RecordingRule(new Recording())]), [main, Doc("work.py", "def crunch(n):\n    return n\n")], temp.Path);

        var recording = new Recording();
        using var cache = Open(temp.Path);
        var driver = new AnalysisDriver([new ReportsCrossModuleCalls(), new RecordingRule(recording)]);
        var second = driver.Run([main, Doc("work.py", "def helper():\n    return 0\n")], cache);
        cache.Save();

        Lines(second).ShouldBe(["main.py:2 GIL290 'helper' is defined in 'work.py'."]);
        second.Statistics.ShouldBe(new AnalysisStatistics(2, 2, 1, false));
        recording.Paths.ShouldBe(["work.py"]);

        using var again = Open(temp.Path);
        var third = driver.Run([main, Doc("work.py", "def helper():\n    return 0\n")], again);
        third.Statistics.ShouldBe(new AnalysisStatistics(2, 0, 2, true));
        Lines(third).ShouldBe(Lines(second));
    }

    [Fact]
    public void A_change_of_the_other_project_inputs_recomputes_project_results_but_reuses_file_results()
    {
        using var temp = new TempDirectory();
        var files = new[] { Doc("main.py", "crunch(1)\n"), Doc("work.py", "def crunch(n):\n    return n\n") };
        AnalysisDriver DriverFor(string lockfileHash) =>
            new([new ReportsCrossModuleCalls(), new ReportsEveryCall()], new AnalysisDriverOptions { ProjectInputsKey = "uv.lock " + lockfileHash });
        RunAndSave(DriverFor("1111"), files, temp.Path);

        using (var cache = Open(temp.Path))
        {
            DriverFor("1111").Run(files, cache).Statistics.ShouldBe(new AnalysisStatistics(2, 0, 2, true));
        }

        using var changed = Open(temp.Path);
        var second = DriverFor("2222").Run(files, changed);

        second.Statistics.ShouldBe(new AnalysisStatistics(2, 2, 2, false));
        Lines(second).ShouldBe(["main.py:1 GIL190 Call to 'crunch'.", "main.py:1 GIL290 'crunch' is defined in 'work.py'."]);
    }

    [Fact]
    public void Results_of_a_rule_that_failed_are_not_cached()
    {
        using var temp = new TempDirectory();
        var files = new[] { Doc("a.py", "boom()\n") };
        RunAndSave(new AnalysisDriver([new ThrowsOnBoom()]), files, temp.Path);

        using var cache = Open(temp.Path);
        var second = new AnalysisDriver([new ThrowsOnBoom()]).Run(files, cache);

        second.Statistics.ParsedFiles.ShouldBe(1);
        second.ExecutionSuccessful.ShouldBeFalse();
    }

    private static FileAnalysisCache Open(string directory) =>
        FileAnalysisCache.Open(directory, Settings, [ReportsEveryCall.Descriptor, ReportsCrossModuleCalls.Descriptor, ThrowsOnBoom.Descriptor, RecordingRule.Descriptor], directory);

    private static AnalysisResult RunAndSave(AnalysisDriver driver, SourceDocument[] files, string directory)
    {
        using var cache = Open(directory);
        var result = driver.Run(files, cache);
        cache.Save();
        return result;
    }

    private static SourceDocument Doc(string path, string text) => SourceDocument.FromText(path, text);

    private static IEnumerable<string> Lines(AnalysisResult result) =>
        result.Diagnostics.Select(d => $"{d.Location.Path}:{d.Location.Span.StartLine} {d.RuleId} {d.Message}");

    private static string Describe(ResultSet results) => string.Join(
        "\n",
        results.Diagnostics.Select(d =>
            $"{d.RuleId}|{d.Message}|{d.Location}|{d.Level}|{d.Confidence}|{d.FingerprintKey}|{d.Suppression}|"
            + $"{string.Join(';', d.RelatedLocations)}|{string.Join(';', d.CodeFlow)}|{string.Join(';', d.Properties.Select(p => $"{p.Key}={p.Value}"))}|"
            + $"{d.Fix?.Description}:{string.Join(';', d.Fix?.Replacements ?? [])}")
        .Concat(results.Notifications.Select(n => $"{n.Level}|{n.Message}|{n.Path}|{n.Span}|{n.Rule?.Id}")));
}
