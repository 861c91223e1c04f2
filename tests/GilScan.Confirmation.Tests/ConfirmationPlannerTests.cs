using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Cli.Confirm;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Targets;
using GilScan.Rules.Asyncio;
using GilScan.Rules.Dependencies;
using GilScan.Rules.Threads;
using GilScan.Testing;

namespace GilScan.Cli.Tests.Confirm;

/// <summary>Which findings become measurements, with which arguments, and which are not run.</summary>
public sealed class ConfirmationPlannerTests : IDisposable
{
    private readonly TempDirectory project = new();

    public void Dispose() => project.Dispose();

    private static readonly IReadOnlyDictionary<string, byte[]> Sources = new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["src/app/__init__.py"] = [],
        ["src/app/jobs.py"] = """
            import asyncio

            def crunch(n, mode="fast"):
                return n

            async def tick():
                return 1

            async def handler(request, *, verbose=False):
                return request

            class Service:
                def method(self):
                    return 1

                @classmethod
                def build(cls, size=1):
                    return cls

                @staticmethod
                def helper(n):
                    return n

                async def serve(self):
                    return 1

            def outer():
                def inner():
                    return 1
                return inner
            """u8.ToArray(),
        ["tests/app/jobs.py"] = "def crunch(n):\n    return n\n"u8.ToArray(),
        ["tools/gen.py"] = "def main():\n    pass\n"u8.ToArray(),
    };

    private ProjectModuleFiles Modules => new(project.Path, Sources);

    private ConfirmationPlanner Planner(params ConfirmationOverride[] overrides) =>
        new(project.Path, Modules, overrides.ToDictionary(o => o.Key, StringComparer.Ordinal), ConfirmationSettings.Default with { Repeat = 3 });

    private static Diagnostic Finding(RuleDescriptor rule, params (string Key, PropertyValue Value)[] properties) =>
        new(rule, Location.StartOf("src/app/jobs.py"), Enumerable.Repeat<object?>("x", rule.MessageArgumentCount).ToArray())
        {
            Properties = properties.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };

    [Fact]
    public void A_module_is_found_in_the_folder_nearest_the_root_and_imported_from_there()
    {
        Modules.FileOf("app.jobs").ShouldBe("src/app/jobs.py");
        Modules.FileOf("app").ShouldBe("src/app/__init__.py");
        Modules.SourceRootOf("app.jobs").ShouldBe(project.Combine("src"));
        Modules.SourceRootOf("app").ShouldBe(project.Combine("src"));
        Modules.SourceRootOf("tools.gen").ShouldBe(project.Path);
        Modules.SourceRootOf("missing.module").ShouldBeNull();
    }

    [Theory]
    [InlineData("crunch", "Required")]
    [InlineData("tick", "None")]
    [InlineData("handler", "Required")]
    [InlineData("Service.method", "Required")]
    [InlineData("Service.build", "None")]
    [InlineData("Service.helper", "Required")]
    [InlineData("Service.serve", "Required")]
    [InlineData("outer.inner", "Unknown")]
    [InlineData("nothing", "Unknown")]
    public void A_definition_says_whether_it_can_be_called_without_arguments(string name, string need)
    {
        Modules.ParametersOf("app.jobs", name).ToString().ShouldBe(need);
    }

    [Fact]
    public void Thread_work_runs_with_the_folded_arguments_from_the_projects_source_folder()
    {
        var plan = Planner().PlanFor(Finding(CpuBoundThreadTarget.Descriptor,
            ("target", "app.jobs:crunch"), ("arguments", PropertyValue.List("20000000")), ("keywords", PropertyValue.Dictionary([new("mode", "'slow'")]))))!;

        plan.NotRunReason.ShouldBeNull();
        plan.Target.Kind.ShouldBe(ConfirmationKind.ThreadWork);
        plan.Target.CallText.ShouldBe("app.jobs.crunch(20000000, mode='slow')");
        plan.Target.SearchPaths.ShouldBe([project.Combine("src"), project.Path]);
        plan.Target.Settings.Repeat.ShouldBe(3);
    }

    [Fact]
    public void Configured_arguments_win_over_folded_ones_and_bring_their_scale()
    {
        var configured = new ConfirmationOverride("app.jobs:crunch", [PythonValue.Tuple(1, 2)], null, ArgumentScale.Auto);

        var plan = Planner(configured).PlanFor(Finding(CpuBoundPoolTask.Descriptor, ("target", "app.jobs:crunch"), ("arguments", PropertyValue.List("5"))))!;

        plan.NotRunReason.ShouldBeNull();
        plan.Target.CallText.ShouldBe("app.jobs.crunch((1, 2))");
        plan.Target.Scale.ShouldBe(ArgumentScale.Auto);
    }

    [Fact]
    public void Thread_work_without_arguments_is_not_run_and_says_where_to_give_them()
    {
        var scaleOnly = new ConfirmationOverride("app.jobs:crunch", null, null, ArgumentScale.Auto);

        var unknown = Planner(scaleOnly).PlanFor(Finding(CpuBoundThreadTarget.Descriptor, ("target", "app.jobs:crunch")))!;
        var unreadable = Planner().PlanFor(Finding(CpuBoundThreadTarget.Descriptor, ("target", "app.jobs:crunch"), ("arguments", PropertyValue.List("n"))))!;

        unknown.NotRunReason.ShouldBe("arguments unknown (not constants at the call site); give them in [tool.gilscan.confirm.\"app.jobs:crunch\"] args = [...]");
        unreadable.NotRunReason.ShouldBe(unknown.NotRunReason);
    }

    [Fact]
    public void A_coroutine_without_parameters_runs_with_none_and_one_with_parameters_needs_configuration()
    {
        var tick = Planner().PlanFor(Finding(CpuBoundCoroutineWork.Descriptor, ("target", "app.jobs:tick")))!;
        var handler = Planner().PlanFor(Finding(CpuBoundCoroutineWork.Descriptor, ("target", "app.jobs:handler")))!;
        var configured = Planner(new ConfirmationOverride("app.jobs:handler", [7], null, null))
            .PlanFor(Finding(CpuBoundCoroutineWork.Descriptor, ("target", "app.jobs:handler")))!;

        tick.NotRunReason.ShouldBeNull();
        tick.Target.Kind.ShouldBe(ConfirmationKind.CoroutineWork);
        tick.Target.CallText.ShouldBe("app.jobs.tick()");
        handler.NotRunReason.ShouldBe("arguments unknown (the coroutine takes parameters); give them in [tool.gilscan.confirm.\"app.jobs:handler\"] args = [...]");
        configured.NotRunReason.ShouldBeNull();
        configured.Target.CallText.ShouldBe("app.jobs.handler(7)");
    }

    [Fact]
    public void Blocking_imports_and_gil_reenabling_packages_become_import_probes()
    {
        var import = Planner().PlanFor(Finding(BlockingDependencyImport.Descriptor, ("module", "yaml"), ("distribution", "pyyaml"), ("target", "3.14t")))!;
        var package = Planner().PlanFor(Finding(GilReenablingDependency.Descriptor, ("distribution", "pandas"), ("modules-needing-gil", PropertyValue.List("pandas._libs.lib", "pandas._libs.algos"))))!;
        var unknownModule = Planner().PlanFor(Finding(GilReenablingDependency.Descriptor, ("distribution", "pandas"), ("target", "3.14t")))!;

        import.NotRunReason.ShouldBeNull();
        import.Target.Kind.ShouldBe(ConfirmationKind.ImportProbe);
        import.Target.CallText.ShouldBe("import yaml");
        package.NotRunReason.ShouldBeNull();
        package.Target.Module.ShouldBe("pandas._libs.algos");
        unknownModule.NotRunReason.ShouldBe("no module of 'pandas' is known to import (its GIL403 findings probe the modules the project imports)");
        Planner().PlanFor(Finding(CompiledDependencyWithoutFreeThreadedWheel.Descriptor, ("distribution", "orjson"))).ShouldBeNull();
    }

    [Fact]
    public void Other_rules_and_findings_without_a_target_have_nothing_to_measure()
    {
        Planner().PlanFor(Finding(BlockingIoInCoroutine.Descriptor, ("target", "app.jobs:tick"))).ShouldBeNull();
        Planner().PlanFor(Finding(CpuBoundThreadTarget.Descriptor)).ShouldBeNull();
        Planner().PlanFor(Finding(CpuBoundThreadTarget.Descriptor, ("target", "no-colon"))).ShouldBeNull();
    }
}
