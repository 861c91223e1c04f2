using System.Text;
using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Dependencies.Audit;
using GilScan.Reporting.Audit;
using GilScan.Rules.Dependencies;
using GilScan.Rules.Tests;
using GilScan.Sarif;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// <c>gilscan audit</c> on fixtures/projects/audit-sample: each format is the report the audit library
/// renders for the same project, blockers make exit code 1, the SARIF passes both validators, the other
/// rules' findings join the report, and usage errors are exit code 2.
/// </summary>
public sealed class AuditCommandTests
{
    private static readonly string Sample = RepositoryRoot.Combine("fixtures", "projects", "audit-sample");

    public static TheoryData<string, AuditFormat> Formats() => new()
    {
        { "markdown", AuditFormat.Markdown },
        { "html", AuditFormat.Html },
        { "sarif", AuditFormat.Sarif },
        { "sarif-github", AuditFormat.SarifGitHub },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_format_is_the_report_of_the_audit_library_and_blockers_exit_with_1(string format, AuditFormat expected)
    {
        var result = CliRun.Run(CliRun.Shipped, Sample, "audit", "--select", "GIL4", "--format", format);

        // The same project through the engine and the report library, without the CLI.
        var library = AuditReportBuilder.Build(FixtureProjects.Analyze(Sample, new DependencyAuditOptions { FindProjectEnvironment = false }));
        result.Out.ShouldBe(Encoding.UTF8.GetString(AuditOutput.Render(library, expected, ToolIdentity.Gilscan(ToolVersion.Current))));
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(1);
    }

    [Theory]
    [InlineData(".", "audit-sample")]
    [InlineData("audit-sample", "..")]
    public void The_project_folder_can_be_named_on_the_command_line(string path, string workingDirectory)
    {
        var cwd = Path.GetFullPath(Path.Combine(Sample, workingDirectory == ".." ? ".." : "."));

        var named = CliRun.Run(CliRun.Shipped, cwd, "audit", path, "--select", "GIL4");
        var implicitFolder = CliRun.Run(CliRun.Shipped, Sample, "audit", "--select", "GIL4");

        named.Error.ShouldBeEmpty();
        named.ExitCode.ShouldBe(1);
        named.Out.ShouldBe(implicitFolder.Out);
    }

    [Fact]
    public void The_markdown_report_puts_the_four_blockers_first()
    {
        var result = CliRun.Run(CliRun.Shipped, Sample, "audit");

        var lines = result.Out.Split('\n');
        lines[0].ShouldBe("# Free-threading audit: audit-sample");
        lines[2].ShouldBe("**Target:** CPython 3.14t on Linux x86\\_64: the newest free-threaded CPython, which requires-python '\\>=3.12' (pyproject.toml) allows.");
        lines[4].ShouldBe("**Inputs:** `pyproject.toml`, `uv.lock`");
        lines[6].ShouldBe("**4 of 14 dependencies block free-threading on 3.14t.**");
        lines[8].ShouldBe("**Your code: no thread starts found (no threading.Thread, thread pool or framework thread-pool handler), so GIL501 and GIL502 had no shared state to check.**");
        lines[10].ShouldBe("## Upgrade plan");
        lines.Where(line => line.StartsWith("### ", StringComparison.Ordinal)).ShouldBe([
            "### <a id=\"dep-pandas-2.3.3\"></a>pandas 2.3.3: re-enables the GIL (GIL401)",
            "### <a id=\"dep-opencv-python-headless-4.12.0.88\"></a>opencv-python-headless 4.12.0.88: no free-threaded wheel (GIL402)",
            "### <a id=\"dep-orjson-3.11.3\"></a>orjson 3.11.3: no free-threaded wheel (GIL402)",
            "### <a id=\"dep-pyyaml-6.0.2\"></a>pyyaml 6.0.2: no free-threaded wheel (GIL402)",
        ]);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void The_sarif_report_is_its_own_run_with_every_dependency_finding_at_its_line()
    {
        var result = CliRun.Run(CliRun.Shipped, Sample, "audit", "--format", "sarif");

        using var json = JsonDocument.Parse(result.Out);
        var run = json.RootElement.GetProperty("runs").EnumerateArray().ShouldHaveSingleItem();
        run.GetProperty("automationDetails").GetProperty("id").GetString().ShouldBe("gilscan/audit/");
        run.GetProperty("results").EnumerateArray().Select(r =>
        {
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            return $"{r.GetProperty("ruleId").GetString()} {location.GetProperty("artifactLocation").GetProperty("uri").GetString()}:{location.GetProperty("region").GetProperty("startLine").GetInt32()}";
        }).Order(StringComparer.Ordinal).ShouldBe([
            "GIL401 pyproject.toml:8",
            "GIL402 pyproject.toml:10",
            "GIL402 pyproject.toml:11",
            "GIL402 pyproject.toml:9",
            "GIL403 sample_app/config.py:1",
            "GIL403 sample_app/fast_json.py:3",
            "GIL403 sample_app/images.py:3",
            "GIL403 sample_app/legacy.py:1",
            "GIL403 sample_app/reports.py:6",
        ]);
        result.ExitCode.ShouldBe(1);
    }

    [ValidatorFact]
    public void The_audit_sarif_passes_both_validators_in_both_profiles()
    {
        using var temp = new TempDirectory();
        var ide = temp.Combine("audit.sarif");
        var github = temp.Combine("audit-github.sarif");

        CliRun.Run(CliRun.Shipped, Sample, "audit", "--format", "sarif", "--output", ide).ExitCode.ShouldBe(1);
        CliRun.Run(CliRun.Shipped, Sample, "audit", "--format", "sarif-github", "--output", github).ExitCode.ShouldBe(1);

        var (exit, log) = SarifValidators.Validate(ide, github);
        exit.ShouldBe(0, log);
        log.ShouldContain($"{ide}: GitHub schema gate passed");
        log.ShouldContain($"{github}: Sarif.Multitool (Sarif;Gh rules) passed");
    }

    [Fact]
    public void Exit_zero_keeps_the_report_and_exits_with_0_and_output_writes_the_file()
    {
        using var temp = new TempDirectory();

        var result = CliRun.Run(CliRun.Shipped, Sample, "audit", "--format", "html", "--exit-zero", "--output", temp.Combine("out/audit.html"));

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBeEmpty();
        var html = File.ReadAllText(temp.Combine("out/audit.html"));
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("pandas 2.3.3");
        // Links to project files lead from the report's folder back to the project root.
        var prefix = Path.GetRelativePath(temp.Combine("out"), Sample).Replace('\\', '/') + "/";
        html.ShouldContain($"<a href=\"{prefix}uv.lock#L114\">2.3.3</a>");
    }

    [Fact]
    public void The_target_changes_the_verdicts()
    {
        var result = CliRun.Run(CliRun.Shipped, Sample, "audit", "--target", "3.13t");

        result.Out.Split('\n')[2].ShouldBe("**Target:** CPython 3.13t on Linux x86\\_64: given with --target.");
        result.Out.ShouldNotContain("3.14t");
    }

    [Fact]
    public void The_default_target_follows_requires_python_and_the_platform_option_changes_the_markers()
    {
        using var temp = new TempDirectory();
        var root = temp.CopyFrom(RepositoryRoot.Combine("fixtures", "dependencies", "uv-markers"), "svc");
        File.WriteAllText(Path.Combine(root, "pyproject.toml"), File.ReadAllText(Path.Combine(root, "pyproject.toml")).Replace(">=3.10", ">=3.10,<3.14", StringComparison.Ordinal));

        var linux = CliRun.Run(CliRun.Shipped, root, "audit", "--format", "sarif");
        var windows = CliRun.Run(CliRun.Shipped, root, "audit", "--platform", "windows-amd64");
        var unknown = CliRun.Run(CliRun.Shipped, root, "audit", "--platform", "solaris");

        using var json = JsonDocument.Parse(linux.Out);
        json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("properties").GetProperty("gilscan/distribution").GetString()} {r.GetProperty("properties").GetProperty("gilscan/target").GetString()}")
            .Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(["GIL401 greenlet 3.13t", "GIL402 orjson 3.13t", "GIL402 pydantic-core 3.13t", "GIL403 greenlet 3.13t", "GIL403 orjson 3.13t"]);
        windows.Out.ShouldContain("**Target:** CPython 3.13t on Windows amd64: the newest free-threaded CPython that requires-python '\\>=3.10,\\<3.14' (pyproject.toml) allows.");
        windows.Out.ShouldContain("| [pywin32](#dep-pywin32-311) |");
        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain("--platform: 'solaris' is not a known platform");
    }

    [Fact]
    public void Findings_of_the_other_rules_and_problems_of_the_run_join_the_report()
    {
        using var temp = new TempDirectory();
        var root = temp.CopyFrom(Sample, "audit-sample");
        temp.Write("audit-sample/sample_app/broken.py", "import yaml\ndef f(:\n    pass\n");
        temp.Write("audit-sample/requirements.txt", "pyyaml==6.0.2\nnot a requirement at all ===\n");

        var result = CliRun.Run(CliRun.Shipped, root, "audit");

        result.Out.ShouldContain("| [`sample_app/broken.py:2:7`](sample_app/broken.py#L2) | [GIL001](https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL001.md) | error | This file does not parse as Python and was not analysed: 'invalid syntax'. |\n");
        result.Out.ShouldContain("## Input problems\n\n- error: requirements.txt:2: ");
        result.Error.ShouldStartWith("gilscan: error: requirements.txt:2:1: ");
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void The_code_findings_of_the_shipped_rules_are_in_the_report_and_do_not_fail_it()
    {
        var project = RepositoryRoot.Combine("fixtures", "projects", "imaging-service");

        var result = CliRun.Run(CliRun.Shipped, project, "audit");

        var codeFindings = result.Out[result.Out.IndexOf("## Code findings", StringComparison.Ordinal)..].Split('\n')
            .Where(line => line.StartsWith("| [`", StringComparison.Ordinal))
            .Select(line => line.Split(" | ")[1][1..7])
            .ToList();
        codeFindings.Distinct().Order(StringComparer.Ordinal).ShouldBe(["GIL101", "GIL102", "GIL201", "GIL202"]);
        result.Out.Split('\n')[6].ShouldBe("**None of the 3 dependencies blocks free-threading on 3.14t.**");
        result.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Python_env_and_wheels_add_their_distributions_and_problems_to_the_report()
    {
        using var temp = new TempDirectory();
        var root = temp.CopyFrom(Sample, "project");
        temp.Write("env/lib/python3.14t/site-packages/tinyext-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: tinyext\nVersion: 1.0\n");
        temp.Write("env/lib/python3.14t/site-packages/tinyext-1.0.dist-info/RECORD", "tinyext/__init__.py,,\n");
        var wheel = temp.Write("wheels/fastcrc-0.3.2-cp314-cp314t-manylinux_2_28_x86_64.whl", "not a zip archive");

        var result = CliRun.Run(CliRun.Shipped, root, "audit", "--python-env", "../env", "--wheels", "../wheels");

        var lines = result.Out.Split('\n');
        lines[4].ShouldBe($"**Inputs:** `pyproject.toml`, `uv.lock`, `{temp.Combine("env")}`");
        lines.ShouldContain("| tinyext 1.0 | pure Python | no extension modules in its files | – |");
        result.Error.ShouldBe($"gilscan: error: {wheel}:1:1: cannot read wheel: Central Directory corrupt.\n");
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void A_project_without_dependency_inputs_has_nothing_to_block()
    {
        using var temp = new TempDirectory();
        temp.Write("app/main.py", "import numpy\n");

        var result = CliRun.Run(CliRun.Shipped, temp.Path, "audit");

        result.Out.Split('\n')[4].ShouldBe("**No dependencies were found to audit for 3.14t.**");
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("--target", "3.12", "gilscan: error: --target: '3.12' is not a free-threaded target; use 3.13t or 3.14t\n")]
    [InlineData("--format", "xml", "gilscan: error: --format: 'xml' is not one of markdown, html, sarif, sarif-github\nRun 'gilscan --help' for usage.\n")]
    [InlineData("--wheels", "no-such-folder", "gilscan: error: --wheels: no such folder: {0}/no-such-folder\n")]
    [InlineData("--python-env", "no-such-folder", "gilscan: error: --python-env: no such folder: {0}/no-such-folder\n")]
    [InlineData("--jobs", "0", "gilscan: error: --jobs must be at least 1\n")]
    public void Usage_errors_exit_with_2(string option, string value, string error)
    {
        var result = CliRun.Run(CliRun.Shipped, Sample, "audit", option, value);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, error, Sample));
        result.Out.ShouldBeEmpty();
    }
}
