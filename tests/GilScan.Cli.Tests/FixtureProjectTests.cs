using System.Text;
using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Sarif;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// The shipped gilscan on fixtures/projects/pool-service: exact text, GitHub and JSON output, and the
/// SARIF byte for byte against Golden/. After a deliberate change of the output, rerun with
/// GILSCAN_UPDATE_GOLDEN=1 and review the diff. The golden files hold "file:///SRCROOT/" where the
/// absolute project folder of the machine goes; nothing else is normalised.
/// </summary>
public sealed class FixtureProjectTests
{
    private static readonly string Project = RepositoryRoot.Combine("fixtures", "projects", "pool-service");

    [Fact]
    public void Text_output_lists_findings_like_ruff_and_exits_with_1()
    {
        var result = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache");

        result.Out.ShouldBe(
            """
            src/pool_service/handlers.py:15:5: GIL202 Coroutine 'slow_report' blocks the event loop on 'time.sleep' (called in 'slow_report'); use an asynchronous API or 'await asyncio.to_thread(...)'.
            src/pool_service/handlers.py:25:12: GIL201 Coroutine 'crunch_request' blocks the event loop for '~1.2 s' without an await ('loop of ~20,000,000 iterations (range(20000000)), ~120,000,000 pure-Python operations'); fix: 'offload it to a process pool (await loop.run_in_executor(process_pool, ...)), or split the work and yield with await asyncio.sleep(0) between parts'.
            src/pool_service/handlers.py:29:18: GIL102 'crunch_numbers' is sent to 'asyncio.to_thread' but is CPU-bound pure Python ('loop over range(n) of unknown length, ~6 operations per iteration'); under the GIL the pool's threads run it one at a time.
            src/pool_service/latin1_names.py:3:11: GIL002 This file could not be read or decoded and was not analysed: '(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 5: invalid continuation byte'.
            src/pool_service/legacy_report.py:6:9: GIL001 This file does not parse as Python and was not analysed: 'Missing parentheses in call to 'print'. Did you mean print(...)?'.
            src/pool_service/workers.py:13:14: GIL101 'crunch_numbers' runs on a thread but is CPU-bound pure Python ('loop of ~20,000,000 iterations (range(20000000)), ~120,000,000 pure-Python operations'); under the GIL it cannot run in parallel with other threads.
            src/pool_service/workers.py:20:20: GIL102 'crunch_numbers' is sent to 'ThreadPoolExecutor.submit' but is CPU-bound pure Python ('loop over range(n) of unknown length, ~6 operations per iteration'); under the GIL the pool's threads run it one at a time.
            src/pool_service/workers.py:32:16: GIL102 'checksum' is sent to 'ThreadPoolExecutor.submit' but is CPU-bound pure Python ('nested loops of unknown length (the values of parameter "rows"), ~8 operations per outer iteration'); under the GIL the pool's threads run it one at a time.
            Found 8 findings (2 suppressed).

            """);
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Show_source_underlines_the_finding_in_its_line()
    {
        var result = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--show-source", "--select", "GIL001");

        result.Out.ShouldBe(
            """
            src/pool_service/legacy_report.py:6:9: GIL001 This file does not parse as Python and was not analysed: 'Missing parentheses in call to 'print'. Did you mean print(...)?'.
              |
            6 |         print "row:", row
              |         ^ GIL001
              |
            Found 1 finding (1 suppressed).

            """);
    }

    [Fact]
    public void Paths_are_shown_relative_to_the_current_folder_and_the_project_is_found_above_it()
    {
        var result = CliRun.Run(CliRun.Shipped, Path.Combine(Project, "src"), "check", "--no-cache", "--select", "GIL001", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString())
            .ShouldBe(["src/pool_service/legacy_report.py"]);
        CliRun.Run(CliRun.Shipped, Path.Combine(Project, "src"), "check", "--no-cache", "--select", "GIL001").Out
            .ShouldStartWith("pool_service/legacy_report.py:6:9: GIL001 ");
    }

    [Fact]
    public void GitHub_output_is_one_workflow_annotation_per_open_finding()
    {
        var result = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--format", "github");

        result.Out.ShouldBe(
            """
            ::warning file=src/pool_service/handlers.py,line=15,col=5,endLine=15,endColumn=19,title=GIL202 Blocking synchronous I/O reachable from a coroutine::Coroutine 'slow_report' blocks the event loop on 'time.sleep' (called in 'slow_report'); use an asynchronous API or 'await asyncio.to_thread(...)'.
            ::warning file=src/pool_service/handlers.py,line=25,col=12,endLine=25,endColumn=28,title=GIL201 CPU-bound work in a coroutine without an await::Coroutine 'crunch_request' blocks the event loop for '~1.2 s' without an await ('loop of ~20,000,000 iterations (range(20000000)), ~120,000,000 pure-Python operations'); fix: 'offload it to a process pool (await loop.run_in_executor(process_pool, ...)), or split the work and yield with await asyncio.sleep(0) between parts'.
            ::warning file=src/pool_service/handlers.py,line=29,col=18,endLine=29,endColumn=53,title=GIL102 CPU-bound pure-Python work submitted to a thread pool::'crunch_numbers' is sent to 'asyncio.to_thread' but is CPU-bound pure Python ('loop over range(n) of unknown length, ~6 operations per iteration'); under the GIL the pool's threads run it one at a time.
            ::warning file=src/pool_service/latin1_names.py,line=3,col=11,endLine=3,title=GIL002 Unreadable or undecodable source file::This file could not be read or decoded and was not analysed: '(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 5: invalid continuation byte'.
            ::error file=src/pool_service/legacy_report.py,line=6,col=9,endLine=6,title=GIL001 Python syntax error::This file does not parse as Python and was not analysed: 'Missing parentheses in call to 'print'. Did you mean print(...)?'.
            ::warning file=src/pool_service/workers.py,line=13,col=14,endLine=13,endColumn=76,title=GIL101 CPU-bound pure-Python work on a thread::'crunch_numbers' runs on a thread but is CPU-bound pure Python ('loop of ~20,000,000 iterations (range(20000000)), ~120,000,000 pure-Python operations'); under the GIL it cannot run in parallel with other threads.
            ::warning file=src/pool_service/workers.py,line=20,col=20,endLine=20,endColumn=57,title=GIL102 CPU-bound pure-Python work submitted to a thread pool::'crunch_numbers' is sent to 'ThreadPoolExecutor.submit' but is CPU-bound pure Python ('loop over range(n) of unknown length, ~6 operations per iteration'); under the GIL the pool's threads run it one at a time.
            ::warning file=src/pool_service/workers.py,line=32,col=16,endLine=32,endColumn=42,title=GIL102 CPU-bound pure-Python work submitted to a thread pool::'checksum' is sent to 'ThreadPoolExecutor.submit' but is CPU-bound pure Python ('nested loops of unknown length (the values of parameter "rows"), ~8 operations per outer iteration'); under the GIL the pool's threads run it one at a time.

            """);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Statistics_count_open_findings_per_rule()
    {
        CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--statistics").Out.ShouldBe(
            "    3  GIL102  CpuBoundPoolTask\n" + "    1  GIL001  SyntaxError\n" + "    1  GIL002  UnreadableSourceFile\n" + "    1  GIL101  CpuBoundThreadTarget\n" + "    1  GIL201  CpuBoundCoroutineWork\n" + "    1  GIL202  BlockingIoInCoroutine\n");
        CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--statistics", "--format", "json").Out.ShouldBe(
            """
            [
              {
                "rule": "GIL102",
                "name": "CpuBoundPoolTask",
                "level": "warning",
                "count": 3
              },
              {
                "rule": "GIL001",
                "name": "SyntaxError",
                "level": "error",
                "count": 1
              },
              {
                "rule": "GIL002",
                "name": "UnreadableSourceFile",
                "level": "error",
                "count": 1
              },
              {
                "rule": "GIL101",
                "name": "CpuBoundThreadTarget",
                "level": "warning",
                "count": 1
              },
              {
                "rule": "GIL201",
                "name": "CpuBoundCoroutineWork",
                "level": "warning",
                "count": 1
              },
              {
                "rule": "GIL202",
                "name": "BlockingIoInCoroutine",
                "level": "warning",
                "count": 1
              }
            ]

            """);
    }

    [Fact]
    public void Json_output_has_every_finding_with_its_state()
    {
        var result = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("version").GetInt32().ShouldBe(1);
        var summary = root.GetProperty("summary");
        summary.EnumerateObject().Select(p => $"{p.Name}={p.Value}").ShouldBe(
            ["files=8", "findings=10", "shown=8", "suppressed=2", "baselined=0", "absent=0", "executionSuccessful=True"]);
        var suppressed = root.GetProperty("findings")[0];
        suppressed.GetProperty("rule").GetString().ShouldBe("GIL001");
        suppressed.GetProperty("path").GetString().ShouldBe("scripts/broken_tool.py");
        (suppressed.GetProperty("start").GetProperty("line").GetInt32(), suppressed.GetProperty("start").GetProperty("column").GetInt32()).ShouldBe((3, 18));
        (suppressed.GetProperty("end").GetProperty("line").GetInt32(), suppressed.GetProperty("end").GetProperty("column").GetInt32()).ShouldBe((3, 18));
        suppressed.GetProperty("suppressed").GetProperty("kind").GetString().ShouldBe("external");
        suppressed.GetProperty("suppressed").GetProperty("justification").GetString().ShouldBe("per-file-ignores: 'scripts/*' = [GIL001]");
        suppressed.GetProperty("fingerprint").GetString().ShouldNotBeNullOrEmpty();
        suppressed.GetProperty("baselineState").ValueKind.ShouldBe(JsonValueKind.Null);
        var latin1 = root.GetProperty("findings")[5];
        latin1.GetProperty("rule").GetString().ShouldBe("GIL002");
        latin1.GetProperty("level").GetString().ShouldBe("warning");
        root.GetProperty("notifications").GetArrayLength().ShouldBe(3);
    }

    [Theory]
    [InlineData("ide", "pool-service.ide.sarif")]
    [InlineData("github", "pool-service.github.sarif")]
    public void Sarif_matches_the_golden_file_byte_for_byte(string profile, string golden)
    {
        // A copy outside any git work tree: inside one (a clone of this repository), SRCROOT would be the
        // work tree's top level and URIs would carry fixtures/projects/pool-service/ (NestedProjectTests).
        using var temp = new TempDirectory();
        var project = temp.CopyFrom(Project, "pool-service");
        var output = temp.Combine("out.sarif");
        string[] args = profile == "github"
            ? ["check", "--no-cache", "--format", "sarif", "--github", "--output", output]
            : ["check", "--no-cache", "--format", "sarif", "--output", output];

        var result = CliRun.Run(CliRun.Shipped, project, args);

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBeEmpty();
        var actual = Normalise(File.ReadAllBytes(output), project);
        var goldenPath = RepositoryRoot.Combine("tests", "GilScan.Cli.Tests", "Golden", golden);
        if (Environment.GetEnvironmentVariable("GILSCAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(goldenPath, actual);
        }

        File.Exists(goldenPath).ShouldBeTrue($"{goldenPath} is missing; run the tests with GILSCAN_UPDATE_GOLDEN=1 to create it");
        Encoding.UTF8.GetString(actual).ShouldBe(Encoding.UTF8.GetString(File.ReadAllBytes(goldenPath)));
        actual.ShouldBe(File.ReadAllBytes(goldenPath));
    }

    [Fact]
    public void Sarif_is_byte_identical_for_one_and_two_jobs_and_across_runs()
    {
        var one = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--format", "sarif", "--jobs", "1");
        var two = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--format", "sarif", "--jobs", "2");
        var again = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--format", "sarif", "--jobs", "2");

        two.Out.ShouldBe(one.Out);
        again.Out.ShouldBe(one.Out);
    }

    [ValidatorFact]
    public void Both_validators_accept_the_sarif_of_both_profiles()
    {
        using var temp = new TempDirectory();
        var ide = temp.Combine("ide.sarif");
        var github = temp.Combine("github.sarif");
        CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--format", "sarif", "--output", ide);
        CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--format", "sarif", "--github", "--output", github);

        var (exit, output) = SarifValidators.Validate(ide, github);

        exit.ShouldBe(0, output);
    }

    private static byte[] Normalise(byte[] sarif, string project)
    {
        var root = SarifUris.SourceRoot(project).AbsoluteUri;
        var text = Encoding.UTF8.GetString(sarif);
        text.ShouldContain($"\"uri\": \"{root}\"");
        return new UTF8Encoding(false).GetBytes(text.Replace($"\"uri\": \"{root}\"", "\"uri\": \"file:///SRCROOT/\"", StringComparison.Ordinal));
    }
}
