using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Sarif.Fingerprints;

namespace GilScan.Sarif.Tests;

public sealed class SarifLogBuilderTests
{
    private static readonly byte[] IdeBytes = SarifLogBuilder.Build(SampleProject.Input()).ToUtf8Bytes();
    private static readonly byte[] GitHubBytes = SarifLogBuilder.Build(SampleProject.Input(SarifProfile.GitHub)).ToUtf8Bytes();

    [Fact]
    public void File_is_utf8_without_bom_with_lf_line_ends_and_a_final_newline()
    {
        IdeBytes.Take(3).ShouldBe("{\n "u8.ToArray().Take(3));
        IdeBytes[^1].ShouldBe((byte)'\n');
        IdeBytes.ShouldNotContain((byte)'\r');
        Encoding.UTF8.GetString(IdeBytes).ShouldContain("\"text\": \"'работа' runs pure-Python CPU work");
    }

    [Fact]
    public void Log_header_and_driver_identify_gilscan()
    {
        var root = JsonAccess.Parse(IdeBytes);
        root.S("$schema").ShouldBe("https://json.schemastore.org/sarif-2.1.0.json");
        root.S("version").ShouldBe("2.1.0");
        root.P("runs").GetArrayLength().ShouldBe(1);

        var run = root.P("runs").I(0);
        var driver = run.P("tool").P("driver");
        driver.S("name").ShouldBe("gilscan");
        driver.S("semanticVersion").ShouldBe("0.1.0");
        driver.S("informationUri").ShouldBe("https://github.com/gilscan/gilscan");
        run.P("automationDetails").S("id").ShouldBe("gilscan/");
        run.S("columnKind").ShouldBe("utf16CodeUnits");
        run.P("originalUriBaseIds").P("SRCROOT").S("uri").ShouldBe("file:///home/runner/work/sample-project/");
    }

    [Fact]
    public void Every_rule_that_ran_is_listed_in_id_order_even_without_results()
    {
        var run = JsonAccess.Run(GitHubBytes);
        var ids = run.P("tool").P("driver").P("rules").EnumerateArray().Select(r => r.S("id"));

        ids.ShouldBe(["GIL001", "GIL002", "GIL003", "GIL101", "GIL201", "GIL302"]);
        run.P("results").EnumerateArray().ShouldNotContain(r => r.S("ruleId") == "GIL201"); // only a suppressed result
    }

    [Fact]
    public void Rule_metadata_comes_from_the_descriptor_and_its_page()
    {
        var docs = RuleDocs.LoadDirectory(RepositoryRoot.Combine("rules", "docs"));
        var rule = JsonAccess.Run(IdeBytes).P("tool").P("driver").P("rules").I(0);

        rule.S("id").ShouldBe("GIL001");
        rule.S("name").ShouldBe("SyntaxError");
        rule.P("shortDescription").S("text").ShouldBe("Reports a Python file that does not parse, at the position of the first syntax error.");
        rule.P("fullDescription").S("text").ShouldBe(docs["GIL001"].FullDescriptionText);
        rule.P("fullDescription").S("markdown").ShouldBe(docs["GIL001"].FullDescriptionMarkdown);
        rule.P("help").S("text").ShouldBe(docs["GIL001"].HelpText);
        rule.P("help").S("markdown").ShouldBe(docs["GIL001"].HelpMarkdown);
        rule.S("helpUri").ShouldBe("https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL001.md");
        rule.P("defaultConfiguration").S("level").ShouldBe("error");
        rule.P("properties").S("precision").ShouldBe("very-high");
        rule.P("properties").S("problem.severity").ShouldBe("error");
        rule.P("properties").P("tags").Strings().ShouldBe(["tool", "correctness"]);
        rule.P("properties").Has("security-severity").ShouldBeFalse();
    }

    [Fact]
    public void Warning_levels_are_written_out_although_they_are_sarif_defaults()
    {
        var run = JsonAccess.Run(IdeBytes);

        run.P("tool").P("driver").P("rules").I(3).P("defaultConfiguration").S("level").ShouldBe("warning");
        run.ResultFor("GIL101").S("level").ShouldBe("warning");
        run.ResultFor("GIL302").S("level").ShouldBe("note");
    }

    [Fact]
    public void Results_are_sorted_by_path_then_position_and_point_at_their_rule()
    {
        var run = JsonAccess.Run(IdeBytes);
        var results = run.P("results").EnumerateArray().ToList();

        results.Select(r => (r.S("ruleId"), r.N("ruleIndex"), r.P("locations").I(0).Uri(), r.P("locations").I(0).Region().StartLine)).ShouldBe(
        [
            ("GIL001", 0, "app/broken.py", 1),
            ("GIL002", 1, "app/latin1.py", 1),
            ("GIL201", 4, "app/web%20handlers/v%C3%BCews.py", 4),
            ("GIL101", 3, "app/worker.py", 16),
            ("GIL302", 5, "app/worker.py", 20),
            ("GIL003", 2, "pyproject.toml", 5),
        ]);
        results.ShouldAllBe(r => r.P("locations").I(0).P("physicalLocation").P("artifactLocation").S("uriBaseId") == "SRCROOT");
    }

    [Fact]
    public void Columns_are_one_based_utf16_code_units_with_an_exclusive_end()
    {
        // Line 16 is: café = "naïve 😀"; t = threading.Thread(target=работа, args=(10_000_000,))
        // "threading" starts after 23 UTF-16 units (27 UTF-8 bytes: é, ï and the 4-byte emoji).
        var location = JsonAccess.Run(IdeBytes).ResultFor("GIL101").P("locations").I(0);

        location.Region().ShouldBe((16, 24, 16, 75));
        var diagnostic = SampleProject.Diagnostics()[0];
        diagnostic.Location.Span.StartColumnUtf8.ShouldBe(27);
        (diagnostic.Location.Span.EndColumnUtf16 - diagnostic.Location.Span.StartColumnUtf16).ShouldBe("threading.Thread(target=работа, args=(10_000_000,))".Length);
    }

    [Fact]
    public void Related_locations_are_linked_from_the_message_and_carry_their_own_messages()
    {
        var result = JsonAccess.Run(IdeBytes).ResultFor("GIL101");

        result.P("message").S("text").ShouldBe(
            "'работа' runs pure-Python CPU work on a thread; under the GIL it cannot use a second core. "
            + "Related: ['работа' is the thread's target](1), [hot loop over 'range(n)'](2).");
        var related = result.P("relatedLocations").EnumerateArray().ToList();
        related.Select(r => (r.N("id"), r.P("message").S("text"), r.Region())).ShouldBe(
        [
            (1, "'работа' is the thread's target", (5, 5, 5, 11)),
            (2, "hot loop over 'range(n)'", (7, 5, 7, 23)),
        ]);
    }

    [Fact]
    public void Brackets_in_a_message_with_links_are_escaped()
    {
        JsonAccess.Run(IdeBytes).ResultFor("GIL201").P("message").S("text").ShouldBe(
            "A CPU-bound loop in coroutine 'report' runs without an await and blocks the event loop. "
            + "Related: [coroutine 'report' \\[an aiohttp handler\\]](1).");
    }

    [Fact]
    public void Code_flow_is_one_thread_flow_with_messages_and_nesting_levels()
    {
        var flows = JsonAccess.Run(IdeBytes).ResultFor("GIL101").P("codeFlows");

        flows.GetArrayLength().ShouldBe(1);
        flows.I(0).P("threadFlows").GetArrayLength().ShouldBe(1);
        var steps = flows.I(0).P("threadFlows").I(0).P("locations").EnumerateArray()
            .Select(s => (s.TryGetProperty("nestingLevel", out var n) ? n.GetInt32() : 0, s.P("location").P("message").S("text"), s.P("location").Region().StartLine));
        steps.ShouldBe(
        [
            (0, "A thread starts with target 'работа'.", 16),
            (1, "'работа' runs on the new thread.", 5),
            (1, "The loop runs about 10,000,000 times in pure Python.", 7),
        ]);
    }

    [Fact]
    public void Result_properties_hold_confidence_and_the_diagnostic_facts_in_key_order()
    {
        var properties = JsonAccess.Run(IdeBytes).ResultFor("GIL101").P("properties");

        properties.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["gilscan/argumentEvidence", "gilscan/callChain", "gilscan/confidence", "gilscan/estimatedWork", "gilscan/shareOfRun"]);
        properties.S("gilscan/confidence").ShouldBe("medium");
        properties.P("gilscan/callChain").Strings().ShouldBe(["app.worker", "app.worker.работа"]);
        properties.P("gilscan/estimatedWork").GetInt64().ShouldBe(10_000_000);
        properties.P("gilscan/shareOfRun").GetDouble().ShouldBe(0.875);
        properties.P("gilscan/argumentEvidence").GetRawText().ShouldBe("""{"bytes":28,"exact":true,"source":"constant"}""");
    }

    [Fact]
    public void Item_list_properties_become_json_arrays_of_any_values()
    {
        var diagnostics = SampleProject.Diagnostics().ToList();
        var first = diagnostics.FindIndex(d => d.RuleId == "GIL101");
        diagnostics[first] = diagnostics[first] with
        {
            Properties = diagnostics[first].Properties.Add("confirmation", PropertyValue.Dictionary(
            [
                new("verdict", "confirmed"),
                new("cores", PropertyValue.Items(0, 1)),
                new("runs", PropertyValue.Items(PropertyValue.Dictionary([new("interpreter", "CPython 3.13.0"), new("threadSpeedup", 0.98), new("gilEnabled", true)]))),
            ])),
        };
        var bytes = SarifLogBuilder.Build(SampleProject.Input() with { Diagnostics = diagnostics }).ToUtf8Bytes();

        var property = JsonAccess.Run(bytes).ResultFor("GIL101").P("properties").P("gilscan/confirmation");
        property.GetRawText().ShouldBe(
            """{"cores":[0,1],"runs":[{"gilEnabled":true,"interpreter":"CPython 3.13.0","threadSpeedup":0.98}],"verdict":"confirmed"}""");
    }

    [Fact]
    public void Fix_is_a_zero_width_insertion_in_the_right_file()
    {
        var fix = JsonAccess.Run(IdeBytes).ResultFor("GIL302").P("fixes").I(0);

        fix.P("description").S("text").ShouldBe("Send items in chunks of 10,000");
        var change = fix.P("artifactChanges").I(0);
        change.P("artifactLocation").S("uri").ShouldBe("app/worker.py");
        var replacement = change.P("replacements").I(0);
        var deleted = replacement.P("deletedRegion");
        (deleted.N("startLine"), deleted.N("startColumn"), deleted.N("endLine"), deleted.N("endColumn")).ShouldBe((20, 51, 20, 51));
        replacement.P("insertedContent").S("text").ShouldBe(", chunksize=10_000");
    }

    [Fact]
    public void Both_fingerprints_are_present_and_the_line_hash_is_githubs()
    {
        var result = JsonAccess.Run(IdeBytes).ResultFor("GIL101");
        var bytes = File.ReadAllBytes(Path.Combine(SampleProject.Directory, "app", "worker.py"));

        var fingerprints = result.P("partialFingerprints");
        fingerprints.S("primaryLocationLineHash").ShouldBe(PrimaryLocationLineHash.ForFile(bytes)[15]);
        fingerprints.S("gilscan/v1").ShouldBe(StableFingerprint.Compute("GIL101", "app/worker.py", "symbol:app.worker.работа", 0));
    }

    [Fact]
    public void Suppressed_results_carry_suppressions_for_the_ide_and_are_left_out_for_github()
    {
        var suppression = JsonAccess.Run(IdeBytes).ResultFor("GIL201").P("suppressions");
        suppression.GetArrayLength().ShouldBe(1);
        suppression.I(0).S("kind").ShouldBe("inSource");
        suppression.I(0).S("justification").ShouldBe("# noqa: GIL201");

        var github = SarifLogBuilder.Build(SampleProject.Input(SarifProfile.GitHub));
        JsonAccess.Run(github.ToUtf8Bytes()).P("results").GetArrayLength().ShouldBe(5);
        github.Results.Single(r => r.Diagnostic.RuleId == "GIL201").Written.ShouldBeFalse();
        Encoding.UTF8.GetString(github.ToUtf8Bytes()).ShouldNotContain("suppressions");
    }

    [Fact]
    public void Files_that_could_not_be_read_or_parsed_are_notifications_of_a_successful_run()
    {
        var invocation = JsonAccess.Run(IdeBytes).P("invocations").I(0);

        invocation.P("executionSuccessful").GetBoolean().ShouldBeTrue();
        var notifications = invocation.P("toolExecutionNotifications").EnumerateArray().ToList();
        notifications.Select(n => (n.S("level"), n.P("associatedRule").S("id"), n.P("associatedRule").N("index"), n.P("locations").I(0).P("physicalLocation").P("artifactLocation").S("uri"))).ShouldBe(
        [
            ("error", "GIL001", 0, "app/broken.py"),
            ("error", "GIL002", 1, "app/latin1.py"),
        ]);
        notifications[0].P("locations").I(0).Region().ShouldBe((1, 11, 1, 12));
        notifications[1].P("locations").I(0).P("physicalLocation").Has("region").ShouldBeFalse();
    }

    [Fact]
    public void A_failed_run_says_so()
    {
        var failed = SarifLogBuilder.Build(SampleProject.Input() with { ExecutionSuccessful = false, Diagnostics = [], Notifications = [] });

        JsonAccess.Run(failed.ToUtf8Bytes()).P("invocations").I(0).P("executionSuccessful").GetBoolean().ShouldBeFalse();
        JsonAccess.Run(failed.ToUtf8Bytes()).P("results").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Both_profiles_pass_the_github_upload_checks()
    {
        foreach (var profile in new[] { SarifProfile.Ide, SarifProfile.GitHub })
        {
            var report = SarifLogBuilder.Build(SampleProject.Input(profile));
            SarifConformance.Check(report.Log, report.ToUtf8Bytes(), SarifProfile.GitHub == profile ? SarifProfile.GitHub : SarifProfile.Ide).ShouldBeEmpty();
        }

        var ide = SarifLogBuilder.Build(SampleProject.Input(SarifProfile.Ide));
        SarifConformance.Check(ide.Log, ide.ToUtf8Bytes(), SarifProfile.GitHub)
            .ShouldBe(["runs[0].results[2] carries suppressions, which GitHub ignores (it would open an alert)"]);
    }

    [Fact]
    public void A_diagnostic_of_a_rule_that_did_not_run_is_refused()
    {
        var input = SampleProject.Input() with { Rules = ToolRules.All };

        Should.Throw<ArgumentException>(() => SarifLogBuilder.Build(input))
            .Message.ShouldStartWith("A GIL101 diagnostic was given, but GIL101 is not among the rules that ran.");
    }

    [Fact]
    public void A_rule_without_a_page_is_refused()
    {
        // Every page but the one of the sample's GIL101 (rules/docs has a real GIL101 page now).
        var pages = System.IO.Directory.EnumerateFiles(RepositoryRoot.Combine("rules", "docs"), "*.md")
            .Where(path => Path.GetFileName(path) != "GIL101.md")
            .Select(path => (Path.GetFileName(path), path, File.ReadAllText(path)));
        var input = SampleProject.Input() with { Docs = RuleDocs.FromPages(pages) };

        Should.Throw<ArgumentException>(() => SarifLogBuilder.Build(input))
            .Message.ShouldBe("Rule GIL101 has no documentation page (rules/docs/GIL101.md); SARIF needs its descriptions.");
    }

    [Theory]
    [InlineData("gilscan")]
    [InlineData("gil scan/")]
    [InlineData("")]
    public void Automation_id_must_be_a_category_ending_with_a_slash(string id)
    {
        Should.Throw<ArgumentException>(() => SarifLogBuilder.Build(SampleProject.Input() with { AutomationId = id }));
    }
}
