using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// The audit's "Your code under free-threading" section, through <c>gilscan audit</c>: on fixtures/projects/ft-race
/// (a thread pool that updates a global and a dict with no lock, a reporter thread that loops over a dict and a
/// list that session threads fill) it names each race with what is shared, who writes it and the fix, and counts
/// them in the summary; on fixtures/projects/ft-clean (the same code, synchronised) it says what it checked and
/// that it found nothing; without GIL501/GIL502 it says it did not check, rather than that the code is fine.
/// </summary>
public sealed class AuditOwnCodeTests
{
    private static readonly string Race = RepositoryRoot.Combine("fixtures", "projects", "ft-race");
    private static readonly string Clean = RepositoryRoot.Combine("fixtures", "projects", "ft-clean");

    [Fact]
    public void The_races_of_the_project_are_counted_in_the_summary_and_each_says_what_is_shared_who_writes_it_and_the_fix()
    {
        var result = CliRun.Run(CliRun.Shipped, Race, "audit");

        result.Error.ShouldBeEmpty();
        var lines = result.Out.Split('\n');
        lines[6].ShouldBe("**No dependencies were found to audit for 3.14t.**");
        lines[8].ShouldBe("**Your code: 2 unsynchronised updates of shared state (GIL501) and 2 shared containers iterated while other threads change them (GIL502); 3 functions run on threads.**");
        var section = Section(result.Out, "## Your code under free-threading");
        section.ShouldStartWith("Checked with GIL501 (shared state read and updated with no lock) and GIL502 (shared containers iterated while another thread changes them): 3 thread starts found, 3 functions that threads run, 2 of them on several threads at once.\n");
        lines.Where(line => line.StartsWith("### ", StringComparison.Ordinal)).ShouldBe([
            "### [GIL501](https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL501.md) at [`word_service/counting.py:11:5`](word_service/counting.py#L11): `hits += 1` (warning, high confidence)",
            "### [GIL501](https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL501.md) at [`word_service/counting.py:12:5`](word_service/counting.py#L12): `counts[word] = counts.get(word, 0) + 1` (warning, high confidence)",
            "### [GIL502](https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL502.md) at [`word_service/sessions.py:18:5`](word_service/sessions.py#L18): `for uid, when in started.items()` (warning, high confidence)",
            "### [GIL502](https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL502.md) at [`word_service/sessions.py:20:5`](word_service/sessions.py#L20): `for uid in active` (warning, high confidence)",
        ]);
        section.ShouldContain("""
            - **Shared:** module global hits
            - **What goes wrong:** two threads read the same old value and one of their updates is lost (now and then under the GIL, often without it)
            - **Written by:** count\_word on ThreadPoolExecutor.map (one task per item)
            - **Fix:** hold one threading.Lock around every update (with lock: hits += 1), or give each thread its own result (threading.local or a return value) and combine them at the end
            - **Path:**
              1. [`word_service/counting.py:17:14`](word_service/counting.py#L17) ThreadPoolExecutor.map runs count\_word on another thread (one task per item)
              1. [`word_service/counting.py:11:5`](word_service/counting.py#L11) reads and updates module global hits with no lock
            """.ReplaceLineEndings("\n"));
        section.ShouldContain("- **What goes wrong:** the loop can raise RuntimeError: dictionary changed size during iteration (now and then under the GIL, more often without it)\n- **Changed by:** open\\_session on threading.Thread (started in a loop in serve)\n");
        section.ShouldContain("- **What goes wrong:** the loop can skip or repeat items with no error (now and then under the GIL, more often without it)\n");
        section.ShouldContain("  - [`word_service/sessions.py:11:5`](word_service/sessions.py#L11) changes the size of module global started (");
        Section(result.Out, "## Code findings").ShouldBe("None.\n", "the races are in their own section, not again among the other rules' findings");
    }

    [Fact]
    public void A_synchronised_project_says_what_was_checked_and_that_nothing_was_found()
    {
        var result = CliRun.Run(CliRun.Shipped, Clean, "audit");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Out.Split('\n')[8].ShouldBe("**Your code: no unsynchronised shared state found in 3 functions that run on threads (3 thread starts; GIL501 and GIL502).**");
        Section(result.Out, "## Your code under free-threading").ShouldBe(
            "Checked with GIL501 (shared state read and updated with no lock) and GIL502 (shared containers iterated while another thread changes them): 3 thread starts found, 3 functions that threads run, 2 of them on several threads at once.\n\n"
            + "No unsynchronised shared state found in 3 functions that run on threads (3 thread starts; GIL501 and GIL502).\n");
    }

    [Fact]
    public void Without_the_free_threading_rules_the_report_says_the_code_was_not_checked()
    {
        var result = CliRun.Run(CliRun.Shipped, Race, "audit", "--ignore", "GIL501,GIL502");

        result.Out.Split('\n')[8].ShouldBe("**Your code: not checked for races, because GIL501 and GIL502 did not run (see --select, --ignore and the configuration).**");
        Section(result.Out, "## Your code under free-threading").ShouldBe(
            "Not checked for races, because GIL501 and GIL502 did not run (see --select, --ignore and the configuration).\n");
    }

    [Fact]
    public void A_project_that_starts_no_thread_says_there_was_nothing_to_check()
    {
        using var project = new TempDirectory();
        project.Write("pyproject.toml", "[project]\nname = \"plain\"\nversion = \"0.1.0\"\nrequires-python = \">=3.13\"\ndependencies = []\n");
        project.Write("plain.py", "hits = 0\n\ndef count():\n    global hits\n    hits += 1\n");

        var result = CliRun.Run(CliRun.Shipped, project.Path, "audit");

        Section(result.Out, "## Your code under free-threading").ShouldBe(
            "No thread starts found (no threading.Thread, thread pool or framework thread-pool handler), so GIL501 and GIL502 had no shared state to check.\n");
    }

    [Fact]
    public void A_suppressed_race_is_not_counted_and_the_report_says_so()
    {
        using var project = new TempDirectory();
        var root = project.CopyFrom(Race, "ft-race");
        var counting = Path.Combine(root, "word_service", "counting.py");
        File.WriteAllText(counting, File.ReadAllText(counting).Replace("    hits += 1\n", "    hits += 1  # noqa: GIL501\n", StringComparison.Ordinal));

        var result = CliRun.Run(CliRun.Shipped, root, "audit", "--select", "GIL4,GIL501");

        result.Out.Split('\n')[8].ShouldBe("**Your code: 1 unsynchronised update of shared state (GIL501); 3 functions run on threads.**");
        Section(result.Out, "## Your code under free-threading").ShouldContain("\n1 suppressed finding is not shown.\n");
    }

    [Fact]
    public void The_html_report_has_the_same_section_with_a_card_per_race()
    {
        var race = CliRun.Run(CliRun.Shipped, Race, "audit", "--format", "html").Out;
        var clean = CliRun.Run(CliRun.Shipped, Clean, "audit", "--format", "html").Out;

        race.ShouldContain("<p class=\"headline blocked\"><a href=\"#own-code\">Your code: 2 unsynchronised updates of shared state (GIL501) and 2 shared containers iterated while other threads change them (GIL502); 3 functions run on threads.</a></p>\n");
        race.ShouldContain("<h2 id=\"own-code\">Your code under free-threading</h2>\n");
        race.Split("<section class=\"dependency race\">").Length.ShouldBe(5, "one card per finding");
        race.ShouldContain("<dt>Shared</dt><dd>module global hits</dd>\n");
        race.ShouldContain("<dt>Written by</dt><dd>count_word on ThreadPoolExecutor.map (one task per item)</dd>\n");
        race.ShouldContain("<dt>What goes wrong</dt><dd>the loop can skip or repeat items with no error (now and then under the GIL, more often without it)</dd>\n");
        race.ShouldContain("<dt>Fix</dt><dd>iterate over a copy, list(active), or hold one threading.Lock around the loop and every change</dd>\n");
        clean.ShouldContain("<p class=\"headline clear\"><a href=\"#own-code\">Your code: no unsynchronised shared state found in 3 functions that run on threads (3 thread starts; GIL501 and GIL502).</a></p>\n");
        clean.ShouldNotContain("<section class=\"dependency race\">");
    }

    [Fact]
    public void The_sarif_report_carries_each_race_with_its_state_threads_and_fix()
    {
        var result = CliRun.Run(CliRun.Shipped, Race, "audit", "--format", "sarif");

        using var json = JsonDocument.Parse(result.Out);
        var run = json.RootElement.GetProperty("runs")[0];
        run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString())
            .ShouldContain("GIL502");
        var results = run.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("GIL50", StringComparison.Ordinal)).ToList();
        results.Select(r => $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("properties").GetProperty("gilscan/code").GetString()}").ShouldBe([
            "GIL501 hits += 1",
            "GIL501 counts[word] = counts.get(word, 0) + 1",
            "GIL502 for uid, when in started.items()",
            "GIL502 for uid in active",
        ]);
        results[0].GetProperty("properties").GetProperty("gilscan/fix").GetString().ShouldStartWith("hold one threading.Lock around every update");
        results[3].GetProperty("properties").GetProperty("gilscan/outcome").GetString().ShouldBe("skip or repeat items with no error");
        results[3].GetProperty("properties").GetProperty("gilscan/changed-by")[0].GetString().ShouldBe("open_session on threading.Thread (started in a loop in serve)");
    }

    /// <summary>The text of a Markdown section, from after its heading to the next heading of the same level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no '{heading}' section");
        var body = markdown[(start + heading.Length + 2)..];
        var end = body.IndexOf("\n## ", StringComparison.Ordinal);
        return end < 0 ? body : body[..end];
    }
}
