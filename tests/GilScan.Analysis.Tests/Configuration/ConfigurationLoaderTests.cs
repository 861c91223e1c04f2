using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;

using GilScan.Testing;

namespace GilScan.Analysis.Tests.Configuration;

/// <summary>[tool.gilscan] as read by Tomlyn: every key, every refusal with its line.</summary>
public sealed class ConfigurationLoaderTests
{
    private static readonly string[] KnownRules = ["GIL001", "GIL002", "GIL003", "GIL101", "GIL102", "GIL201"];

    [Fact]
    public void Every_key_is_read()
    {
        var result = Parse("""
            [project]
            name = "demo"

            [tool.gilscan]
            select = ["GIL1", "GIL001"]
            extend-select = ["GIL201"]
            ignore = ["GIL102"]
            exclude = ["generated"]
            extend-exclude = ["scripts/**"]
            respect-gitignore = false
            min-loop-iterations = 50_000
            latency-budget-ms = 12.5
            target-version = "py311"

            [tool.gilscan.severity]
            GIL101 = "error"
            GIL201 = "note"

            [tool.gilscan.per-file-ignores]
            "tests/*" = ["GIL1"]
            "__init__.py" = ["GIL101", "GIL201"]
            """);

        result.Errors.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
        var s = result.Settings;
        s.Select.ShouldBe(["GIL1", "GIL001"]);
        s.ExtendSelect.ShouldBe(["GIL201"]);
        s.Ignore.ShouldBe(["GIL102"]);
        s.Exclude.ShouldBe(["generated"]);
        s.ExtendExclude.ShouldBe(["scripts/**"]);
        s.RespectGitignore.ShouldBeFalse();
        s.Options.MinLoopIterations.ShouldBe(50_000);
        s.Options.LatencyBudgetMs.ShouldBe(12.5);
        s.Options.TargetVersion.ShouldBe(new PythonVersion(3, 11));
        s.Severity.ShouldBe(new Dictionary<string, RuleLevel> { ["GIL101"] = RuleLevel.Error, ["GIL201"] = RuleLevel.Note });
        s.PerFileIgnores.Select(p => p.ToString()).ShouldBe(["'tests/*' = [GIL1]", "'__init__.py' = [GIL101, GIL201]"]);
    }

    [Fact]
    public void A_pyproject_without_the_table_gives_the_defaults()
    {
        var result = Parse("[project]\nname = \"demo\"\n");

        result.IsValid.ShouldBeTrue();
        result.Settings.Select.ShouldBeNull();
        result.Settings.Exclude.ShouldBeNull();
        result.Settings.Options.ShouldBe(AnalysisOptions.Default);
    }

    [Fact]
    public void Unknown_keys_and_bad_values_are_errors_on_their_lines()
    {
        var result = Parse("""
            [tool.gilscan]
            ignroe = ["GIL101"]
            latency-budget-ms = "fast"
            min-loop-iterations = 0
            target-version = "py27"
            select = "GIL101"
            extend-select = ["gil101", "E501"]
            exclude = ["src/[ab]/x.py"]

            [tool.gilscan.severity]
            GIL101 = "fatal"
            """);

        result.Errors.Select(e => $"{e.Line}:{e.StartColumn}-{e.EndColumn} {e.Key}: {e.Message}").ShouldBe(
        [
            "2:0-6 ignroe: is not a gilscan setting; the settings are select, extend-select, ignore, per-file-ignores, exclude, extend-exclude, severity, respect-gitignore, min-loop-iterations, latency-budget-ms, target-version, confirm",
            "3:0-17 latency-budget-ms: must be a positive number of milliseconds, not the string \"fast\"",
            "4:0-19 min-loop-iterations: must be a whole number of at least 1, not the integer 0",
            "5:0-14 target-version: must be one of py38, py39, py310, py311, py312, py313, py314, not the string \"py27\"",
            "6:0-6 select: must be an array of strings, not the string \"GIL101\"",
            "7:0-13 extend-select: 'gil101' is not a rule code: use a rule id such as GIL101, a prefix such as GIL1, or ALL",
            "7:0-13 extend-select: 'E501' is not a rule code: use a rule id such as GIL101, a prefix such as GIL1, or ALL",
            "8:0-7 exclude: 'src/[ab]/x.py': '[' is not supported in globs (only '*' and '**' are)",
            "11:0-6 severity.GIL101: must be \"error\", \"warning\", \"note\" or \"none\", not the string \"fatal\"",
        ]);
        result.Errors.ShouldAllBe(e => e.FilePath == "/project/pyproject.toml");
    }

    [Fact]
    public void Confirm_holds_one_table_per_target_and_anything_else_is_an_error_on_its_line()
    {
        var result = Parse("""
            [tool.gilscan]
            confirm.repeat = 3

            [tool.gilscan.confirm."app.jobs:crunch"]
            args = [1_000]
            """);
        var notATable = Parse("""
            [tool.gilscan]
            confirm = ["app.jobs:crunch"]
            """);

        result.Errors.Select(e => $"{e.Line}:{e.StartColumn}-{e.EndColumn} {e.Key}: {e.Message}").ShouldBe(
        [
            "2:8-14 confirm.repeat: must be a table of args, kwargs and scale for the target \"module:function\", not the integer 3",
        ]);
        notATable.Errors.Select(e => $"{e.Line} {e.Key}: {e.Message}").ShouldBe(
        [
            "2 confirm: must hold one table per target, [tool.gilscan.confirm.\"module:function\"], not an array",
        ]);
        Parse("""
            [tool.gilscan.confirm."app.jobs:crunch"]
            args = [1_000]
            kwargs = { mode = "fast" }
            """).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Well_formed_codes_that_match_no_rule_are_errors_with_the_nearest_rule_suggested()
    {
        var result = Parse("""
            [tool.gilscan]
            select = ["GIL9", "GIL101", "GIL110"]
            [tool.gilscan.severity]
            GIL999 = "note"
            """);

        result.IsValid.ShouldBeFalse();
        result.Warnings.ShouldBeEmpty();
        result.Errors.Select(e => $"{e.Line} {e.Key}: {e.Message}").ShouldBe(
        [
            "2 select: 'GIL9' matches no rule of this gilscan version; rule codes start with GIL0, GIL1, GIL2 ('gilscan rules' lists them)",
            "2 select: 'GIL110' matches no rule of this gilscan version; did you mean 'GIL101'? ('gilscan rules' lists them)",
            "4 severity.GIL999: 'GIL999' matches no rule of this gilscan version ('gilscan rules' lists them)",
        ]);
    }

    [Fact]
    public void Invalid_toml_is_one_error_at_its_position()
    {
        var result = Parse("[tool.gilscan]\nselect = [\"GIL1\",\nignore = 3\n");

        var error = result.Errors.ShouldHaveSingleItem();
        (error.Line, error.Key).ShouldBe((3, "pyproject.toml"));
        error.Message.ShouldStartWith("not valid TOML: ");
    }

    [Fact]
    public void A_dedicated_config_file_may_use_the_top_level()
    {
        var result = ConfigurationLoader.Parse("select = [\"GIL101\"]\n", "/project/gilscan.toml", allowTopLevel: true, KnownRules);

        result.IsValid.ShouldBeTrue();
        result.Settings.Select.ShouldBe(["GIL101"]);
    }

    [Fact]
    public void Dotted_keys_at_the_top_level_of_a_pyproject_are_read_too()
    {
        var result = Parse("tool.gilscan.ignore = [\"GIL101\"]\n");

        result.Settings.Ignore.ShouldBe(["GIL101"]);
    }

    [Fact]
    public void Only_pyproject_files_with_the_table_count_as_gilscan_configuration()
    {
        using var temp = new TempDirectory();
        var with = temp.Write("a/pyproject.toml", "[tool.gilscan]\n");
        var without = temp.Write("b/pyproject.toml", "[tool.ruff]\n");
        var broken = temp.Write("c/pyproject.toml", "[tool.gilscan\n");

        ConfigurationLoader.HasGilscanTable(with).ShouldBeTrue();
        ConfigurationLoader.HasGilscanTable(without).ShouldBeFalse();
        ConfigurationLoader.HasGilscanTable(broken).ShouldBeFalse();
    }

    private static ConfigurationResult Parse(string toml) =>
        ConfigurationLoader.Parse(toml, "/project/pyproject.toml", allowTopLevel: false, KnownRules);
}
