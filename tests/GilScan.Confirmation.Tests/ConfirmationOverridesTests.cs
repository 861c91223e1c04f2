using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Tests;

/// <summary><c>[tool.gilscan.confirm."module:function"]</c> supplies arguments and the scale a user allows.</summary>
public sealed class ConfirmationOverridesTests
{
    [Fact]
    public void The_demo_projects_tables_become_arguments_and_scales()
    {
        var (overrides, problems) = ConfirmationOverrides.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.DemoProject, "pyproject.toml")));

        problems.ShouldBeEmpty();
        overrides.Keys.ShouldBe(["demo.cpu:pure_loop", "demo.handlers:awaiting_handler", "demo.handlers:cpu_handler", "demo.vectorised:vectorised"]);
        var loop = overrides["demo.cpu:pure_loop"];
        loop.Arguments!.Value.Select(a => a.ToPythonSource()).ShouldBe(["1500000"]);
        loop.KeywordArguments.ShouldBeNull();
        loop.Scale.ShouldBe(ArgumentScale.Auto);
        overrides["demo.vectorised:vectorised"].Scale.ShouldBeNull();
    }

    [Fact]
    public void Every_toml_value_kind_maps_to_its_python_literal()
    {
        var (overrides, problems) = ConfirmationOverrides.Parse("""
            [tool.gilscan.confirm."app.jobs:crunch"]
            args = [1, 2.5, "s", true, [1, 2], { b = 2, a = 1 }]
            kwargs = { size = 10, mode = "fast" }
            scale = 0.01
            """);

        problems.ShouldBeEmpty();
        var crunch = overrides["app.jobs:crunch"];
        PythonValue.Tuple(crunch.Arguments!.Value).ToPythonSource().ShouldBe("(1, 2.5, 's', True, [1, 2], {'a': 1, 'b': 2})");
        crunch.KeywordArguments!.Select(kv => $"{kv.Key}={kv.Value.ToPythonSource()}").ShouldBe(["mode='fast'", "size=10"]);
        crunch.Scale!.Factor.ShouldBe(0.01);
    }

    [Fact]
    public void A_target_takes_the_configured_arguments_and_keeps_the_rest()
    {
        var (overrides, _) = ConfirmationOverrides.Parse("""
            [tool.gilscan.confirm."app.jobs:crunch"]
            kwargs = { size = 10 }
            """);
        var folded = new ConfirmationTarget
        {
            ProjectRoot = "/p",
            Module = "app.jobs",
            Function = "crunch",
            Kind = ConfirmationKind.ThreadWork,
            Arguments = [5],
        };

        var configured = folded.With(overrides["app.jobs:crunch"]);

        configured.CallText.ShouldBe("app.jobs.crunch(5, size=10)");
        configured.Scale.ShouldBe(ArgumentScale.None);
    }

    [Fact]
    public void Mistakes_are_reported_per_table_and_good_tables_are_kept()
    {
        var (overrides, problems) = ConfirmationOverrides.Parse("""
            [tool.gilscan]
            confirm.repeat = 3

            [tool.gilscan.confirm."good:f"]
            args = [1]

            [tool.gilscan.confirm."no-colon"]
            args = [1]

            [tool.gilscan.confirm."m:f"]
            args = 1
            kwargs = { "not ok" = 1 }
            scale = -2
            when = 2024-01-01
            """);

        overrides.Keys.ShouldBe(["good:f"]);
        problems.ShouldBe(
        [
            "[tool.gilscan.confirm.\"m:f\"]: args must be an array.",
            "[tool.gilscan.confirm.\"m:f\"]: kwargs key 'not ok' is not a Python identifier.",
            "[tool.gilscan.confirm.\"m:f\"]: scale must be \"auto\" or a positive number, not -2.",
            "[tool.gilscan.confirm.\"m:f\"]: unknown key 'when' (expected args, kwargs, scale).",
            "[tool.gilscan.confirm.\"no-colon\"]: the key must be \"module:function\", for example \"app.jobs:crunch\".",
        ]);
    }

    [Fact]
    public void One_table_read_by_the_caller_gives_problems_without_its_name()
    {
        var document = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>("""
            args = 1
            scale = "auto"
            """)!;

        var (entry, problems) = ConfirmationOverrides.ParseEntry("m:f", document);
        var (good, none) = ConfirmationOverrides.ParseEntry("m:f", Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>("args = [2]")!);

        entry.ShouldBeNull();
        problems.ShouldBe(["args must be an array."]);
        none.ShouldBeEmpty();
        good!.Arguments!.Value.Select(a => a.ToPythonSource()).ShouldBe(["2"]);
    }

    [Fact]
    public void A_file_that_is_not_toml_is_one_problem()
    {
        var (overrides, problems) = ConfirmationOverrides.Parse("[tool.gilscan\nargs = ");

        overrides.ShouldBeEmpty();
        problems.Single().ShouldStartWith("pyproject.toml is not valid TOML: ");
    }

    [Fact]
    public void A_file_without_the_section_has_no_overrides()
    {
        var (overrides, problems) = ConfirmationOverrides.Parse("[project]\nname = \"x\"\n");

        overrides.ShouldBeEmpty();
        problems.ShouldBeEmpty();
    }
}
