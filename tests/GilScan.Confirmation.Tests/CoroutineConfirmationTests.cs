using GilScan.Confirmation.Running;
using GilScan.Confirmation.Verdicts;
using Xunit.Abstractions;

namespace GilScan.Confirmation.Tests;

/// <summary>GIL201 measured for real: event-loop lag against the 50 ms budget.</summary>
public sealed class CoroutineConfirmationTests(ITestOutputHelper output)
{
    private readonly ConfirmationEngine _engine = new(new ProcessGroupRunner());

    [SkippableFact]
    public async Task An_async_handler_with_a_cpu_loop_stalls_the_loop_beyond_the_budget()
    {
        var result = await Attempts.UntilDecided(_engine, DemoTargets.CpuHandler, [MachineInterpreters.Get().CPython313], output);

        result.Verdict.ShouldBe(Verdict.Confirmed, result.Reason);
        var lag = result.Runs.Single().Coroutine!;
        lag.Repeats.ShouldBe(3);
        lag.BudgetMs.ShouldBe(50);
        lag.TypicalWorstLagMs.ShouldBeGreaterThan(50);
        lag.RepeatsOverBudget.ShouldBeGreaterThanOrEqualTo(2);
        lag.RunQueueAccounted.ShouldBeTrue();
        lag.WallWorstLagMs.ShouldBeGreaterThanOrEqualTo(lag.WorstLagMs);
        // The handler runs 1.5M iterations without yielding: the loop is stalled for about its whole run.
        lag.WallWorstLagMs.ShouldBeGreaterThan(lag.RunSeconds * 1000 * 0.8);
        result.Reason.ShouldStartWith("under CPython 3.13.0 the event loop stalled for up to ");
        result.Reason.ShouldEndWith("runs: it blocks the loop");
    }

    [SkippableFact]
    public async Task An_async_handler_that_awaits_keeps_the_loop_within_the_budget()
    {
        var result = await Attempts.UntilDecided(_engine, DemoTargets.AwaitingHandler, [MachineInterpreters.Get().CPython313], output);

        result.Verdict.ShouldBe(Verdict.Refuted, result.Reason);
        var lag = result.Runs.Single().Coroutine!;
        lag.WorstLagMs.ShouldBeLessThanOrEqualTo(50);
        lag.RepeatsOverBudget.ShouldBe(0);
        // Same work as the CPU handler, so it runs long enough to have been caught if it blocked.
        lag.RunSeconds.ShouldBeGreaterThan(0.05);
        result.Reason.ShouldEndWith("within the 50.0 ms budget in every run: it does not block the loop");
    }

    [SkippableFact]
    public async Task A_coroutine_is_measured_only_under_the_projects_interpreter()
    {
        var machine = MachineInterpreters.Get();
        var result = await _engine.ConfirmAsync(DemoTargets.AwaitingHandler with { Settings = DemoTargets.TestSettings with { Repeat = 1 } },
            [machine.CPython313, machine.PyPy]);

        result.Runs.Select(r => r.Interpreter.Name).ShouldBe(["CPython 3.13.0"]);
    }
}
