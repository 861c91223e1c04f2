using GilScan.Confirmation.Verdicts;
using static GilScan.Confirmation.Tests.Figures;

namespace GilScan.Confirmation.Tests;

/// <summary>The GIL201 and GIL401/GIL403 decision rules.</summary>
public sealed class OtherVerdictTests
{
    [Fact]
    public void A_typical_worst_lag_over_budget_confirms_a_blocking_coroutine() =>
        CoroutineVerdict.Decide(Runs(Lag(worst: 160, typical: 140, p99: 150, over: 5)), ConfirmationThresholds.Default).ShouldBe(VerdictDecision.Confirmed(
            "under CPython 3.13.0 the event loop stalled for up to 160.0 ms (typical worst 140.0 ms, p99 150.0 ms) while the coroutine ran, over the 50.0 ms budget in 5 of 5 runs: it blocks the loop"));

    [Fact]
    public void No_run_over_budget_refutes() =>
        CoroutineVerdict.Decide(Runs(Lag(worst: 12, typical: 9, p99: 8, over: 0)), ConfirmationThresholds.Default).ShouldBe(VerdictDecision.Refuted(
            "under CPython 3.13.0 the event loop stalled for up to 12.0 ms (typical worst 9.0 ms, p99 8.0 ms) while the coroutine ran, within the 50.0 ms budget in every run: it does not block the loop"));

    [Fact]
    public void One_run_over_budget_out_of_five_is_inconclusive() =>
        CoroutineVerdict.Decide(Runs(Lag(worst: 70, typical: 9, p99: 8, over: 1)), ConfirmationThresholds.Default).Reason.ShouldEndWith(
            "over the 50.0 ms budget in only 1 of 5 runs");

    [Fact]
    public void A_machine_that_lags_on_its_own_is_too_busy_to_judge() =>
        CoroutineVerdict.Decide(Runs(Lag(worst: 160, typical: 140, p99: 150, over: 5, baseline: 30)), ConfirmationThresholds.Default).ShouldBe(VerdictDecision.Inconclusive(
            "the event loop lagged 30.0 ms with nothing running under CPython 3.13.0: the machine is too busy to measure against a 50.0 ms budget"));

    [Fact]
    public void An_import_that_turns_the_gil_on_confirms()
    {
        const string warning = "The global interpreter lock (GIL) has been enabled to load module 'fastext._core', which has not declared that it can run safely without the GIL.";
        ImportProbeVerdict.Decide("fastext", Runs(Import(FreeThreaded, before: false, after: true, warning))).ShouldBe(VerdictDecision.Confirmed(
            $"importing 'fastext' under CPython 3.13.0 free-threaded turned the GIL on (\"{warning}\")"));
    }

    [Fact]
    public void An_import_that_leaves_the_gil_off_refutes() =>
        ImportProbeVerdict.Decide("json", Runs(Import(FreeThreaded, before: false, after: false))).ShouldBe(VerdictDecision.Refuted(
            "importing 'json' left the GIL off under CPython 3.13.0 free-threaded"));

    [Fact]
    public void Without_a_free_threaded_interpreter_the_probe_is_inconclusive() =>
        ImportProbeVerdict.Decide("json", Runs()).ShouldBe(VerdictDecision.Inconclusive(
            "no free-threaded interpreter was found (python3.13t, python3.14t on PATH); name one with --python to probe the import"));

    [Fact]
    public void A_failed_import_is_inconclusive_with_its_error() =>
        ImportProbeVerdict.Decide("x", Runs(Failed(FreeThreaded, "importing 'x' failed under CPython 3.13.0 free-threaded: ModuleNotFoundError: No module named 'x'")))
            .Reason.ShouldBe("importing 'x' failed under CPython 3.13.0 free-threaded: ModuleNotFoundError: No module named 'x'");
}
