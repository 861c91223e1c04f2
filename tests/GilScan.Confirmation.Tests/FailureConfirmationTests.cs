using System.Diagnostics;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Tests;

/// <summary>Everything that can go wrong in project code becomes an inconclusive result with its reason, never an exception.</summary>
public sealed class FailureConfirmationTests
{
    private readonly ConfirmationEngine _engine = new(new ProcessGroupRunner());

    private static ConfirmationSettings Short(int timeoutSeconds = 30) => DemoTargets.TestSettings with
    {
        Repeat = 1,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    [SkippableFact]
    public async Task A_target_that_raises_is_inconclusive_with_the_exception()
    {
        var target = DemoTargets.Target("demo.broken", "raises", ConfirmationKind.ThreadWork, 7) with { Settings = Short() };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldBe("calling demo.broken.raises(7) failed under CPython 3.13.0: ValueError: bad input 7");
        result.Runs.Single().Status.ShouldBe(RunStatus.Failed);
    }

    [SkippableFact]
    public async Task A_target_that_hangs_is_killed_at_the_timeout_and_inconclusive()
    {
        var target = DemoTargets.Target("demo.broken", "hangs", ConfirmationKind.ThreadWork, 1) with { Settings = Short(timeoutSeconds: 3) };
        var clock = Stopwatch.StartNew();
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldBe("the measurement under CPython 3.13.0 did not finish within 3 s and was killed with its process group");
        result.Runs.Single().Status.ShouldBe(RunStatus.TimedOut);
    }

    [SkippableFact]
    public async Task A_hanging_coroutine_is_killed_at_the_timeout_too()
    {
        var target = DemoTargets.Target("demo.broken", "hangs", ConfirmationKind.CoroutineWork, 1) with { Settings = Short(timeoutSeconds: 2) };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldBe("the measurement under CPython 3.13.0 did not finish within 2 s and was killed with its process group");
    }

    [SkippableFact]
    public async Task A_worker_process_killed_by_a_signal_is_reported_without_waiting_for_the_timeout()
    {
        var target = DemoTargets.Target("demo.broken", "crashes_in_a_worker_process", ConfirmationKind.ThreadWork, 1) with { Settings = Short() };
        var clock = Stopwatch.StartNew();
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldBe("calling demo.broken.crashes_in_a_worker_process(1) in worker processes failed under CPython 3.13.0: RuntimeError: a worker process died with exit code -11");
    }

    [SkippableFact]
    public async Task A_module_that_does_not_exist_is_inconclusive_with_the_import_error()
    {
        var target = DemoTargets.Target("demo.missing", "work", ConfirmationKind.ThreadWork, 1) with { Settings = Short() };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldBe("importing 'demo.missing:work' failed under CPython 3.13.0: ModuleNotFoundError: No module named 'demo.missing'");
    }

    [SkippableFact]
    public async Task A_function_that_does_not_exist_is_inconclusive_with_the_attribute_error()
    {
        var target = DemoTargets.Target("demo.cpu", "nowhere", ConfirmationKind.ThreadWork, 1) with { Settings = Short() };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        result.Reason.ShouldBe("importing 'demo.cpu:nowhere' failed under CPython 3.13.0: AttributeError: module 'demo.cpu' has no attribute 'nowhere'");
    }

    [SkippableFact]
    public async Task A_module_that_needs_a_package_the_interpreter_lacks_fails_only_under_that_interpreter()
    {
        var machine = MachineInterpreters.Get();
        var target = DemoTargets.Vectorised with { Settings = Short() };
        var result = await _engine.ConfirmAsync(target, [machine.CPython313, machine.DebianPython]);

        result.Runs[0].Status.ShouldBe(RunStatus.Failed);
        result.Runs[0].Problem.ShouldBe("importing 'demo.vectorised:vectorised' failed under CPython 3.13.0: ModuleNotFoundError: No module named 'numpy'");
        result.Runs[1].Status.ShouldBe(RunStatus.Measured);
    }

    [SkippableFact]
    public async Task An_invalid_target_is_inconclusive_without_running_anything()
    {
        var target = DemoTargets.Target("demo.cpu; import os", "pure_loop", ConfirmationKind.ThreadWork, 1) with
        {
            KeywordArguments = System.Collections.Immutable.ImmutableSortedDictionary<string, PythonValue>.Empty.Add("not a name", 1),
        };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Runs.ShouldBeEmpty();
        result.Reason.ShouldBe("'demo.cpu; import os' is not a Python module name. 'not a name' is not a keyword argument name.");
    }

    [SkippableFact]
    public async Task An_interpreter_that_cannot_start_is_inconclusive()
    {
        var ghost = MachineInterpreters.Get().CPython313 with { Command = "/nonexistent/python3" };
        var target = DemoTargets.Target("demo.cpu", "pure_loop", ConfirmationKind.ThreadWork, 1) with { Settings = Short() };
        var result = await _engine.ConfirmAsync(target, [ghost]);

        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldStartWith("CPython 3.13.0 could not be started: ");
    }

    [SkippableFact]
    public async Task Cancelling_ends_the_measurement_and_reports_it()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var target = DemoTargets.Target("demo.broken", "hangs", ConfirmationKind.ThreadWork, 1) with { Settings = Short() };
        var clock = Stopwatch.StartNew();
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313], cancel.Token);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        result.Verdict.ShouldBe(Verdict.Inconclusive);
        // Which message depends on where the second ends: on a loaded machine the harness may not
        // have started the interpreter yet (then the whole confirmation was cancelled).
        result.Reason.ShouldBeOneOf("the measurement under CPython 3.13.0 was cancelled", "the confirmation was cancelled");
    }

    [SkippableFact]
    public async Task A_confirmation_cancelled_before_it_starts_measures_nothing()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var target = DemoTargets.Target("demo.broken", "hangs", ConfirmationKind.ThreadWork, 1) with { Settings = Short() };
        var result = await _engine.ConfirmAsync(target, [MachineInterpreters.Get().CPython313], cancel.Token);

        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Runs.ShouldBeEmpty();
        result.Reason.ShouldBe("the confirmation was cancelled");
    }
}
