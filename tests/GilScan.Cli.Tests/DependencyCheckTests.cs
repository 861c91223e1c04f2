using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// <c>gilscan check</c> with the shipped GIL401-403 on fixtures/projects/audit-sample: findings on the
/// lockfile and import lines, silence without a manifest, a broken lockfile that does not stop the
/// run, suppressions and per-file-ignores on non-Python files, and a cache that notices the lockfile.
/// </summary>
public sealed class DependencyCheckTests
{
    private static readonly string Sample = RepositoryRoot.Combine("fixtures", "projects", "audit-sample");

    private static IEnumerable<string> Headings(string textOutput) =>
        textOutput.Split('\n').Where(line => line.Contains(": GIL", StringComparison.Ordinal)).Select(line => line[..(line.IndexOf(": GIL", StringComparison.Ordinal) + 8)]);

    [Fact]
    public void Check_reports_the_dependency_rules_on_their_declaration_and_import_lines()
    {
        var result = CliRun.Run(CliRun.Shipped, Sample, "check", "--no-cache");

        Headings(result.Out).ShouldBe([
            "pyproject.toml:8:6: GIL401",
            "pyproject.toml:9:6: GIL402",
            "pyproject.toml:10:6: GIL402",
            "pyproject.toml:11:6: GIL402",
            "sample_app/config.py:1:8: GIL403",
            "sample_app/fast_json.py:3:12: GIL403",
            "sample_app/images.py:3:8: GIL403",
            "sample_app/legacy.py:1:38: GIL403",
            "sample_app/reports.py:6:1: GIL403",
        ]);
        result.Out.ShouldContain(
            "pyproject.toml:8:6: GIL401 Importing 'pandas 2.3.3' ('direct dependency') re-enables the GIL on '3.14t' ('a free-threaded wheel exists, but the knowledge base says its modules re-enable the GIL'); fix: 'upgrade to pandas 3.0.0 or later, which declares Py_MOD_GIL_NOT_USED on 3.14t'.\n");
        result.Out.ShouldEndWith("Found 9 findings.\n");
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Show_source_shows_the_declaration_line_of_a_dependency_finding()
    {
        var result = CliRun.Run(CliRun.Shipped, Sample, "check", "--no-cache", "--select", "GIL401", "--show-source");

        result.Out.ShouldBe(
            """
            pyproject.toml:8:6: GIL401 Importing 'pandas 2.3.3' ('direct dependency') re-enables the GIL on '3.14t' ('a free-threaded wheel exists, but the knowledge base says its modules re-enable the GIL'); fix: 'upgrade to pandas 3.0.0 or later, which declares Py_MOD_GIL_NOT_USED on 3.14t'.
              |
            8 |     "pandas>=2.2",
              |      ^^^^^^^^^^^ GIL401
              |
            Found 1 finding.

            """);
    }

    [Fact]
    public void Checking_one_file_reports_the_lockfiles_that_govern_it_and_not_those_of_unrelated_folders()
    {
        using var temp = new TempDirectory();
        // The repository root has no manifest; one folder holds an unrelated sample project whose
        // lockfile is broken and pins a package without a free-threaded wheel.
        temp.Write("app/main.py", "import json\n");
        temp.Write("samples/legacy/requirements.txt", "pyyaml==6.0.2\n");
        temp.Write("samples/legacy/Pipfile.lock", "{ \"default\": ");
        temp.Write("samples/legacy/tool.py", "import yaml\n");

        var one = CliRun.Run(CliRun.Shipped, temp.Path, "check", "--no-cache", "app/main.py");
        one.Out.ShouldBe("All checks passed!\n");
        one.Error.ShouldBeEmpty();
        one.ExitCode.ShouldBe(0);

        // The sample's own folder, or a file in it, still reports its lockfiles, broken one included.
        var sample = CliRun.Run(CliRun.Shipped, temp.Path, "check", "--no-cache", "samples/legacy/tool.py");
        sample.Out.ShouldContain("samples/legacy/requirements.txt:1:1: GIL402");
        sample.Error.ShouldContain("samples/legacy/Pipfile.lock");
        sample.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void A_project_without_manifests_or_lockfiles_gets_no_dependency_finding_and_no_error()
    {
        using var temp = new TempDirectory();
        temp.Write("app/main.py", "import numpy\nimport yaml\n");

        var result = CliRun.Run(CliRun.Shipped, temp.Path, "check", "--no-cache");

        result.Out.ShouldBe("All checks passed!\n");
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Without_dependency_inputs_the_dependency_rules_are_left_out_and_no_project_results_are_computed()
    {
        using var temp = new TempDirectory();
        temp.Write("app/main.py", "import numpy\n");
        temp.Write("app/util.py", "import yaml\n");

        // Only the tool rules beside GIL401-403, so that nothing else could ask for a project run.
        var result = CliRun.Run(CliRun.Shipped, temp.Path, "check", "--format", "sarif", "--select", "GIL0,GIL4");

        using var cache = JsonDocument.Parse(File.ReadAllBytes(Directory.GetFiles(temp.Combine(".gilscan_cache"), "results-*.json").ShouldHaveSingleItem()));
        cache.RootElement.TryGetProperty("project", out _).ShouldBeFalse();
        cache.RootElement.GetProperty("files").EnumerateObject().Select(f => f.Name).ShouldBe(["app/main.py", "app/util.py"]);
        using var sarif = JsonDocument.Parse(result.Out);
        sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ShouldBe(["GIL001", "GIL002", "GIL003", "GIL401", "GIL402", "GIL403"]);
        result.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void A_broken_lockfile_is_reported_with_its_line_and_the_other_inputs_are_still_checked()
    {
        using var temp = new TempDirectory();
        var root = temp.CopyFrom(Sample, "audit-sample");
        temp.Write("audit-sample/uv.lock", "version = 1\n[[package]]\nname = \"pyyaml\"\nversion = = \"6.0.2\"\n");

        var result = CliRun.Run(CliRun.Shipped, root, "check", "--no-cache");

        result.Error.ShouldBe("gilscan: error: uv.lock:4:11: invalid TOML: Unexpected token `=` for a value (1 follow-on error up to line 4)\n");
        Headings(result.Out).ShouldBe([
            "pyproject.toml:10:6: GIL402",
            "pyproject.toml:11:6: GIL402",
            "sample_app/fast_json.py:3:12: GIL403",
            "sample_app/images.py:3:8: GIL403",
        ]);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Noqa_on_an_import_and_per_file_ignores_on_the_lockfile_suppress_dependency_findings()
    {
        using var temp = new TempDirectory();
        var root = temp.CopyFrom(Sample, "audit-sample");
        temp.Write("audit-sample/sample_app/config.py", "\"\"\"Image thumbnails and weekly reports.\"\"\"\nimport yaml  # noqa: GIL403\n");
        File.AppendAllText(Path.Combine(root, "pyproject.toml"), "\n[tool.gilscan.per-file-ignores]\n\"pyproject.toml\" = [\"GIL402\"]\n");

        var result = CliRun.Run(CliRun.Shipped, root, "check", "--no-cache");

        Headings(result.Out).ShouldBe([
            "pyproject.toml:8:6: GIL401",
            "sample_app/fast_json.py:3:12: GIL403",
            "sample_app/images.py:3:8: GIL403",
            "sample_app/legacy.py:1:38: GIL403",
            "sample_app/reports.py:6:1: GIL403",
        ]);
        result.Out.ShouldEndWith("Found 5 findings (4 suppressed).\n");
    }

    [Fact]
    public void A_cached_check_recomputes_dependency_findings_when_only_the_lockfile_changed()
    {
        using var temp = new TempDirectory();
        var root = temp.CopyFrom(Sample, "audit-sample");
        var cold = CliRun.Run(CliRun.Shipped, root, "check");
        var warm = CliRun.Run(CliRun.Shipped, root, "check");
        var cacheFile = Directory.GetFiles(Path.Combine(root, ".gilscan_cache"), "results-*.json").ShouldHaveSingleItem();
        using (var cached = JsonDocument.Parse(File.ReadAllBytes(cacheFile)))
        {
            cached.RootElement.GetProperty("project").GetProperty("results").GetProperty("diagnostics").GetArrayLength().ShouldBe(9);
        }

        var lockfile = Path.Combine(root, "uv.lock");
        File.WriteAllText(lockfile, "# re-locked by hand\n" + File.ReadAllText(lockfile));
        var relocked = CliRun.Run(CliRun.Shipped, root, "check", "--format", "json");
        var warmJson = CliRun.Run(CliRun.Shipped, root, "check", "--format", "json");

        warm.Out.ShouldBe(cold.Out);
        // The findings sit on pyproject.toml; the lockfile pin is their first related location, and it moved.
        PinLines(relocked.Out).ShouldBe(["pandas uv.lock:115", "opencv-python-headless uv.lock:87", "orjson uv.lock:98", "pyyaml uv.lock:156"], ignoreOrder: true);
        PinLines(warmJson.Out).ShouldBe(PinLines(relocked.Out));
        relocked.ExitCode.ShouldBe(1);
    }

    private static IEnumerable<string> PinLines(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("rule").GetString() is "GIL401" or "GIL402")
            .Select(f => $"{f.GetProperty("properties").GetProperty("distribution").GetString()} {f.GetProperty("related")[0].GetProperty("path").GetString()}:{f.GetProperty("related")[0].GetProperty("start").GetProperty("line").GetInt32()}")];
    }
}
