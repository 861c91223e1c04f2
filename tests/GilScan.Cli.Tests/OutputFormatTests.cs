using System.Text.Json;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>Every format on findings with related locations, code flows, properties, fixes and suppressions.</summary>
public sealed class OutputFormatTests
{
    private static readonly GilScanApp App = TestApps.With(new EveryCall(), new ThreadTarget());

    private static TempDirectory Project()
    {
        var temp = new TempDirectory();
        temp.Write("pyproject.toml", "[tool.gilscan]\nselect = [\"GIL290\", \"GIL190\"]\n[tool.gilscan.per-file-ignores]\n\"legacy/*\" = [\"GIL290\"]\n");
        temp.Write("app/work.py", "def crunch(n):\n    total = 0\n    while total < n:\n        total += 1\n    return total\n");
        temp.Write("app/main.py", "import threading\nfrom app.work import crunch\nthreading.Thread(target=crunch).start()  # noqa: GIL190\n");
        temp.Write("legacy/old.py", "import threading\nthreading.Thread(target=crunch)  # noqa: GIL190\n");
        return temp;
    }

    [ValidatorFact]
    public void Sarif_with_related_locations_code_flows_fixes_and_suppressions_passes_both_validators_in_both_profiles()
    {
        using var temp = Project();
        var ide = temp.Combine("ide.sarif");
        var github = temp.Combine("github.sarif");

        CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "sarif", "--output", ide).ExitCode.ShouldBe(1);
        CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "sarif", "--github", "--output", github).ExitCode.ShouldBe(1);

        var (exit, log) = SarifValidators.Validate(ide, github);
        exit.ShouldBe(0, log);
    }

    [Fact]
    public void The_GitHub_profile_leaves_out_suppressed_results_and_the_IDE_profile_marks_them()
    {
        using var temp = Project();

        var ide = Results(CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "sarif").Out);
        var github = Results(CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "sarif", "--github").Out);

        ide.Select(r => $"{r.RuleId} {r.Uri}:{r.Line} {r.Suppression}").ShouldBe(
        [
            "GIL190 app/main.py:3 inSource",
            "GIL290 app/main.py:3 ",
            "GIL190 app/main.py:3 inSource",
            "GIL190 legacy/old.py:2 inSource",
            "GIL290 legacy/old.py:2 external",
        ]);
        github.Select(r => $"{r.RuleId} {r.Uri}:{r.Line}").ShouldBe(["GIL290 app/main.py:3"]);
    }

    [Fact]
    public void A_sarif_result_links_its_related_locations_and_carries_the_code_flow_properties_and_fix()
    {
        using var temp = Project();

        var output = CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "sarif", "--github").Out;

        using var json = JsonDocument.Parse(output);
        var result = json.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        result.GetProperty("message").GetProperty("text").GetString().ShouldBe("'crunch' runs on a thread. Related: ['crunch' \\[defined here\\]](1).");
        var related = result.GetProperty("relatedLocations")[0];
        related.GetProperty("id").GetInt32().ShouldBe(1);
        related.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe("app/work.py");
        var steps = result.GetProperty("codeFlows")[0].GetProperty("threadFlows")[0].GetProperty("locations");
        // Sarif.Sdk leaves out a nesting level of 0 (its default value).
        steps.EnumerateArray().Select(s => $"{(s.TryGetProperty("nestingLevel", out var level) ? level.GetInt32() : 0)} {s.GetProperty("location").GetProperty("message").GetProperty("text").GetString()}")
            .ShouldBe(["0 the thread starts", "1 'crunch' runs"]);
        result.GetProperty("properties").GetProperty("gilscan/iterations").GetInt64().ShouldBe(1_000_000);
        result.GetProperty("fixes")[0].GetProperty("description").GetProperty("text").GetString().ShouldBe("Run it in a process pool");
        result.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Json_lists_related_locations_code_flow_properties_and_fix()
    {
        using var temp = Project();

        var output = CliRun.Run(App, temp.Path, "check", "--no-cache", "--format", "json", "--select", "GIL290").Out;

        using var json = JsonDocument.Parse(output);
        var finding = json.RootElement.GetProperty("findings")[0];
        finding.GetProperty("rule").GetString().ShouldBe("GIL290");
        finding.GetProperty("confidence").GetString().ShouldBe("medium");
        finding.GetProperty("related")[0].GetProperty("path").GetString().ShouldBe("app/work.py");
        finding.GetProperty("related")[0].GetProperty("start").GetProperty("line").GetInt32().ShouldBe(1);
        finding.GetProperty("codeFlow")[1].GetProperty("nestingLevel").GetInt32().ShouldBe(1);
        finding.GetProperty("properties").GetProperty("chain").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Thread", "crunch"]);
        finding.GetProperty("fix").GetProperty("edits")[0].GetProperty("text").GetString().ShouldBe("ProcessPoolExecutor().submit");
        finding.GetProperty("suppressed").ValueKind.ShouldBe(JsonValueKind.Null);
        json.RootElement.GetProperty("findings")[1].GetProperty("suppressed").GetProperty("kind").GetString().ShouldBe("external");
    }

    [Fact]
    public void GitHub_annotations_escape_percent_newlines_commas_and_colons()
    {
        using var temp = new TempDirectory();
        temp.Write("a, b: c%.py", "x = 1\n");

        var result = CliRun.Run(TestApps.With(new MessageRule()), temp.Path, "check", "--no-cache", "--format", "github");

        result.Out.ShouldBe("::warning file=a%2C b%3A c%25.py,line=1,col=1,endLine=1,title=GIL193 Odd message::'50%25' done: a, b.\n");
    }

    [Fact]
    public void Output_goes_to_the_file_given_with_output()
    {
        using var temp = Project();

        var result = CliRun.Run(App, temp.Path, "check", "--no-cache", "--output", "reports/check.txt");

        result.Out.ShouldBeEmpty();
        File.ReadAllText(temp.Combine("reports/check.txt")).ShouldBe("app/main.py:3:1: GIL290 'crunch' runs on a thread.\nFound 1 finding (4 suppressed).\n");
    }

    private static List<(string RuleId, string Uri, int Line, string Suppression)> Results(string sarif)
    {
        using var json = JsonDocument.Parse(sarif);
        return
        [
            .. json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => (
                r.GetProperty("ruleId").GetString()!,
                r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!,
                r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(),
                r.TryGetProperty("suppressions", out var s) ? s[0].GetProperty("kind").GetString()! : string.Empty)),
        ];
    }

    /// <summary>Test-only GIL193: one finding per file whose message needs escaping.</summary>
    private sealed class MessageRule() : Rule(Descriptor)
    {
        private static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
            "GIL193", name: "OddMessage", title: "Odd message", message: "'{0}' done: a, b.", category: RuleCategory.Threads, level: RuleLevel.Warning);

        public override void Initialize(RuleRegistrar on) =>
            on.FileEnd(file => file.Report(new Diagnostic(Descriptor, Location.StartOf(file.Path), "50%")));
    }
}
