using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Planning;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Tests;

/// <summary>Which findings become measurements, with which arguments, and which are not run: planned from
/// the typed request a rule attached, never from the rule's id or the finding's SARIF properties.</summary>
public sealed class ConfirmationPlannerTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("gilscan-plan-").FullName;

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "GIL199", "AnyFinding", "A finding of any rule", "Finding about '{0}'.", RuleCategory.Threads, RuleLevel.Warning);

    /// <summary>What the project defines, for targets only the configuration names.</summary>
    private sealed class Definitions : IProjectDefinitions
    {
        public bool? IsCoroutine(string module, string qualifiedName) => (module, qualifiedName) switch
        {
            ("app.jobs", "crunch") => false,
            ("app.jobs", "tick") => true,
            _ => null,
        };

        public string? ImportRootOf(string module) => module.StartsWith("app", StringComparison.Ordinal) ? "src" : null;
    }

    private ConfirmationPlanner Planner(params ConfirmationOverride[] overrides) =>
        new(_project, new Definitions(), overrides.ToDictionary(o => o.Key, StringComparer.Ordinal), ConfirmationSettings.Default with { Repeat = 3 });

    private static Diagnostic Finding(ConfirmationRequest? request) =>
        new(Rule, Location.StartOf("src/app/jobs.py"), "x") { Confirmation = request };

    private static CallableConfirmationRequest Call(ConfirmationKind kind, string function, FoldedCall? arguments = null,
        ParameterNeed parameters = ParameterNeed.Required, string? importRoot = "src") => new()
        {
            Kind = kind,
            Module = "app.jobs",
            Function = function,
            ImportRoot = importRoot,
            Arguments = arguments,
            Parameters = parameters,
        };

    private static FoldedCall Folded(ImmutableArray<PythonValue> positional, params (string Name, PythonValue Value)[] keywords) =>
        new(positional, keywords.ToImmutableSortedDictionary(k => k.Name, k => k.Value, StringComparer.Ordinal));

    [Fact]
    public void Thread_work_runs_with_the_folded_arguments_from_the_folder_the_request_names()
    {
        var plan = Planner().PlanFor(Finding(Call(ConfirmationKind.ThreadWork, "crunch", Folded([20000000], ("mode", "slow")))))!;

        plan.NotRunReason.ShouldBeNull();
        plan.Target.Kind.ShouldBe(ConfirmationKind.ThreadWork);
        plan.Target.CallText.ShouldBe("app.jobs.crunch(20000000, mode='slow')");
        plan.Target.SearchPaths.ShouldBe([Path.Combine(_project, "src"), _project]);
        plan.Target.Settings.Repeat.ShouldBe(3);
    }

    [Fact]
    public void A_module_at_the_root_imports_from_the_root_and_an_installed_one_as_installed()
    {
        var atRoot = Planner().PlanFor(Finding(Call(ConfirmationKind.ThreadWork, "crunch", Folded([1]), importRoot: "")))!;
        var installed = Planner().PlanFor(Finding(Call(ConfirmationKind.ThreadWork, "crunch", Folded([1]), importRoot: null)))!;

        atRoot.Target.SearchPaths.ShouldBe([_project]);
        installed.Target.SearchPaths.ShouldBeEmpty();
    }

    [Fact]
    public void Configured_arguments_win_over_folded_ones_and_bring_their_scale()
    {
        var configured = new ConfirmationOverride("app.jobs:crunch", [PythonValue.Tuple(1, 2)], null, ArgumentScale.Auto);

        var plan = Planner(configured).PlanFor(Finding(Call(ConfirmationKind.ThreadWork, "crunch", Folded([5]))))!;

        plan.NotRunReason.ShouldBeNull();
        plan.Target.CallText.ShouldBe("app.jobs.crunch((1, 2))");
        plan.Target.Scale.ShouldBe(ArgumentScale.Auto);
    }

    [Fact]
    public void Thread_work_without_arguments_is_not_run_and_says_where_to_give_them()
    {
        var scaleOnly = new ConfirmationOverride("app.jobs:crunch", null, null, ArgumentScale.Auto);

        var unknown = Planner(scaleOnly).PlanFor(Finding(Call(ConfirmationKind.ThreadWork, "crunch")))!;
        // Thread work is measured with the call site's arguments: a definition that needs none does not change that.
        var noParameters = Planner().PlanFor(Finding(Call(ConfirmationKind.ThreadWork, "crunch", parameters: ParameterNeed.None)))!;

        unknown.NotRunReason.ShouldBe("arguments unknown (not constants at the call site); give them in [tool.gilscan.confirm.\"app.jobs:crunch\"] args = [...]");
        noParameters.NotRunReason.ShouldBe(unknown.NotRunReason);
    }

    [Fact]
    public void A_coroutine_without_parameters_runs_with_none_and_one_with_parameters_needs_configuration()
    {
        var tick = Planner().PlanFor(Finding(Call(ConfirmationKind.CoroutineWork, "tick", parameters: ParameterNeed.None)))!;
        var handler = Planner().PlanFor(Finding(Call(ConfirmationKind.CoroutineWork, "handler")))!;
        var nested = Planner().PlanFor(Finding(Call(ConfirmationKind.CoroutineWork, "outer.inner", parameters: ParameterNeed.Unknown)))!;
        var configured = Planner(new ConfirmationOverride("app.jobs:handler", [7], null, null))
            .PlanFor(Finding(Call(ConfirmationKind.CoroutineWork, "handler")))!;

        tick.NotRunReason.ShouldBeNull();
        tick.Target.Kind.ShouldBe(ConfirmationKind.CoroutineWork);
        tick.Target.CallText.ShouldBe("app.jobs.tick()");
        handler.NotRunReason.ShouldBe("arguments unknown (the coroutine takes parameters); give them in [tool.gilscan.confirm.\"app.jobs:handler\"] args = [...]");
        nested.NotRunReason.ShouldStartWith("arguments unknown (the coroutine takes parameters)");
        configured.NotRunReason.ShouldBeNull();
        configured.Target.CallText.ShouldBe("app.jobs.handler(7)");
    }

    [Fact]
    public void Lost_updates_read_the_requested_state_with_folded_arguments_or_none_when_none_are_needed()
    {
        var state = new SharedState("global", "app.jobs", "hits", Items: false);
        var folded = Planner().PlanFor(Finding(Call(ConfirmationKind.LostUpdates, "crunch", Folded([3])) with { State = state }))!;
        var bare = Planner().PlanFor(Finding(Call(ConfirmationKind.LostUpdates, "bump", parameters: ParameterNeed.None) with { State = state }))!;
        var needs = Planner().PlanFor(Finding(Call(ConfirmationKind.LostUpdates, "bump") with { State = state }))!;

        folded.NotRunReason.ShouldBeNull();
        folded.Target.State.ShouldBe(state);
        folded.Target.CallText.ShouldBe("app.jobs.crunch(3)");
        bare.NotRunReason.ShouldBeNull();
        bare.Target.CallText.ShouldBe("app.jobs.bump()");
        needs.NotRunReason.ShouldStartWith("arguments unknown (not constants at the call site)");
    }

    [Fact]
    public void Import_probes_run_for_a_named_module_and_explain_a_distribution_without_one()
    {
        var import = Planner().PlanFor(Finding(new ImportProbeRequest { Module = "yaml", Distribution = "pyyaml" }))!;
        var unknownModule = Planner().PlanFor(Finding(new ImportProbeRequest { Distribution = "pandas" }))!;

        import.NotRunReason.ShouldBeNull();
        import.Target.Kind.ShouldBe(ConfirmationKind.ImportProbe);
        import.Target.CallText.ShouldBe("import yaml");
        import.Target.SearchPaths.ShouldBe([_project]);
        unknownModule.NotRunReason.ShouldBe("no module of 'pandas' is known to import (its GIL403 findings probe the modules the project imports)");
        Planner().PlanFor(Finding(new ImportProbeRequest())).ShouldBeNull();
    }

    [Fact]
    public void A_finding_without_a_request_has_nothing_to_measure()
    {
        Planner().PlanFor(Finding(null)).ShouldBeNull();
    }

    [Fact]
    public void A_configured_target_no_finding_flags_is_thread_or_coroutine_work_by_its_definition()
    {
        var crunch = Planner().ConfiguredTarget("app.jobs:crunch", new ConfirmationOverride("app.jobs:crunch", [4], null, null))!;
        var tick = Planner().ConfiguredTarget("app.jobs:tick", new ConfirmationOverride("app.jobs:tick", [], null, null))!;

        crunch.Kind.ShouldBe(ConfirmationKind.ThreadWork);
        crunch.CallText.ShouldBe("app.jobs.crunch(4)");
        crunch.SearchPaths.ShouldBe([Path.Combine(_project, "src"), _project]);
        tick.Kind.ShouldBe(ConfirmationKind.CoroutineWork);
        Planner().ConfiguredTarget("app.jobs:missing", new ConfirmationOverride("app.jobs:missing", [1], null, null)).ShouldBeNull();
        Planner().ConfiguredTarget("app.jobs:crunch", new ConfirmationOverride("app.jobs:crunch", null, null, ArgumentScale.Auto)).ShouldBeNull();
    }

    [Fact]
    public void A_call_request_cannot_be_an_import_probe()
    {
        Should.Throw<ArgumentException>(() => Call(ConfirmationKind.ImportProbe, "crunch"));
    }
}
