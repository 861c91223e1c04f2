using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Analysis.Tests.TestRules;
using GilScan.Testing;

namespace GilScan.Analysis.Tests.Configuration;

/// <summary>select / extend-select / ignore with ruff's specificity, and the policy applied to findings.</summary>
public sealed class RuleSelectionTests
{
    private static readonly RuleDescriptor[] Rules =
    [
        .. ToolRules.All,
        Rule("GIL101"), Rule("GIL102"), Rule("GIL201"), Rule("GIL202", enabledByDefault: false),
    ];

    [Theory]
    [InlineData(null, "", "", "GIL001,GIL002,GIL003,GIL101,GIL102,GIL201")]
    [InlineData("GIL1", "", "", "GIL101,GIL102")]
    [InlineData("ALL", "", "", "GIL001,GIL002,GIL003,GIL101,GIL102,GIL201,GIL202")]
    [InlineData("GIL1", "GIL202", "", "GIL101,GIL102,GIL202")]
    [InlineData(null, "", "GIL1", "GIL001,GIL002,GIL003,GIL201")]
    [InlineData("GIL1", "", "GIL101", "GIL102")]
    [InlineData("GIL101", "", "GIL1", "GIL101")]
    [InlineData("GIL101", "", "GIL101", "")]
    [InlineData("ALL", "", "GIL", "")]
    public void The_more_specific_selector_wins_and_an_ignore_wins_a_tie(string? select, string extend, string ignore, string expected)
    {
        var enabled = RuleSelection.Resolve(Rules, select is null ? null : Split(select), Split(extend), Split(ignore));

        string.Join(',', enabled).ShouldBe(expected);
    }

    [Fact]
    public void The_policy_drops_rules_not_selected_sets_severity_and_marks_per_file_ignores()
    {
        var policy = new DiagnosticPolicy(
            ["GIL190", "GIL001"],
            new Dictionary<string, RuleLevel> { ["GIL190"] = RuleLevel.Error },
            [new PerFileIgnore("tests", ["GIL1"])]);
        var result = new AnalysisDriver([new ReportsEveryCall()], new AnalysisDriverOptions { Policy = policy }).Run(
        [
            SourceDocument.FromText("app/a.py", "f()\n"),
            SourceDocument.FromText("tests/unit/test_a.py", "g()\n"),
            SourceDocument.FromText("app/bad.py", "def (:\n"),
            SourceDocument.FromBytes("app/latin.py", [0x78, 0x3D, 0x22, 0xE9, 0x22, 0x0A]),
        ]);

        result.Diagnostics.Select(d => $"{d.Location.Path} {d.RuleId} {d.Level} {d.Suppression?.Justification ?? "-"}").ShouldBe(
        [
            "app/a.py GIL190 Error -",
            "app/bad.py GIL001 Error -",
            "tests/unit/test_a.py GIL190 Error per-file-ignores: 'tests' = [GIL1]",
        ]);
        result.Notifications.Select(n => n.Path).ShouldBe(["app/bad.py", "app/latin.py"]);
    }

    [Theory]
    [InlineData("tests/*", "tests/a.py", true)]
    [InlineData("tests/*", "tests/unit/a.py", true)]
    [InlineData("tests/*", "src/tests/a.py", false)]
    [InlineData("**/tests/*.py", "src/tests/a.py", true)]
    [InlineData("__init__.py", "pkg/sub/__init__.py", true)]
    [InlineData("*_pb2.py", "api/v1/service_pb2.py", true)]
    [InlineData("scripts", "scripts/tool/run.py", true)]
    [InlineData("scripts", "src/scripts.py", false)]
    public void Per_file_ignores_match_paths_names_and_folders(string pattern, string path, bool matches) =>
        new PerFileIgnore(pattern, ["GIL"]).Ignores(path, "GIL101").ShouldBe(matches);

    [Fact]
    public void The_options_text_names_every_value_for_the_cache_key()
    {
        (AnalysisOptions.Default with { TargetVersion = new PythonVersion(3, 12), LatencyBudgetMs = 2.5 }).CanonicalText
            .ShouldBe("min-loop-iterations=10000;latency-budget-ms=2.5;target-version=py312;python-env=-");
        (AnalysisOptions.Default with { PythonEnvironment = "/work/app/.venv-ci" }).CanonicalText
            .ShouldBe("min-loop-iterations=10000;latency-budget-ms=50;target-version=-;python-env=/work/app/.venv-ci");
    }

    private static RuleDescriptor Rule(string id, bool enabledByDefault = true) => RuleDescriptor.Create(
        id, name: "Sample", title: "Sample", message: "Sample.",
        category: (RuleCategory)(id[3] - '0'), level: RuleLevel.Warning, enabledByDefault: enabledByDefault);

    private static string[] Split(string codes) => codes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
