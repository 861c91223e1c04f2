using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;
using static GilScan.Confirmation.Tests.Figures;

namespace GilScan.Confirmation.Tests;

/// <summary>GIL501's lost-update measurement: the decision rule on figures written down by hand, and the
/// harness on fixtures/confirm/lost-updates, whose updates hold locks (what it reads, not whether a race shows).</summary>
public sealed class LostUpdateTests
{
    private static readonly string Project = Path.Combine(RepositoryRoot.Path, "fixtures", "confirm", "lost-updates");
    private readonly ConfirmationEngine _engine = new(new ProcessGroupRunner());

    [Fact]
    public void Fewer_updates_on_threads_than_in_a_row_confirm_under_the_free_threaded_build_first() =>
        LostUpdateVerdict.Decide("app.hits", Runs(Lost(CPython, (1000, 1000)), Lost(FreeThreaded, (1000, 700), (1000, 1000), (1000, 750)))).ShouldBe(VerdictDecision.Confirmed(
            "2 threads lost 25% of the updates to app.hits (median; worst 30%, lost in 2 of 3 runs) under CPython 3.13.0 free-threaded (GIL off)"));

    [Fact]
    public void Updates_lost_under_a_gil_build_confirm_too() =>
        LostUpdateVerdict.Decide("self.total", Runs(Lost(CPython, (200, 190)))).Verdict.ShouldBe(Verdict.Confirmed);

    [Fact]
    public void Nothing_lost_is_never_a_refutation_and_a_gil_build_says_the_race_is_rarely_seen() =>
        LostUpdateVerdict.Decide("app.hits", Runs(Lost(CPython, (1000, 1000), (1000, 1000)))).ShouldBe(VerdictDecision.Inconclusive(
            "no update to app.hits was lost in 2 runs of 2 threads under CPython 3.13.0: with the GIL on, the race exists but is rarely seen; no free-threaded interpreter ran it (install python3.14t or name one with --python)"));

    [Fact]
    public void Nothing_lost_under_a_free_threaded_build_is_still_inconclusive() =>
        LostUpdateVerdict.Decide("app.hits", Runs(Lost(FreeThreaded, (1000, 1000)))).ShouldBe(VerdictDecision.Inconclusive(
            "no update to app.hits was lost in 1 run of 2 threads under CPython 3.13.0 free-threaded (GIL off); the race can still happen when the timing differs"));

    [Fact]
    public void Calls_that_do_not_change_the_state_decide_nothing() =>
        LostUpdateVerdict.Decide("app.hits", Runs(Lost(FreeThreaded, (0, 0)))).Reason.ShouldStartWith(
            "calling the target in a row did not change app.hits under CPython 3.13.0 free-threaded (GIL off)");

    [Fact]
    public void Updates_that_shrink_the_state_are_lost_in_proportion() =>
        new Measurements.LostUpdateRepeat(-100, -80).LostShare.ShouldBe(0.2, 1e-9);

    [Fact]
    public void A_target_without_its_state_is_not_measured() =>
        Target("tally.locked", "hit", null).Problems().ShouldContain("A lost-update measurement needs the shared state to read.");

    [SkippableFact]
    public async Task A_global_counter_changes_as_much_on_threads_as_in_a_row()
    {
        var result = await _engine.ConfirmAsync(Target("tally.locked", "hit", new SharedState("global", "tally.locked", "hits", false), 50),
            [MachineInterpreters.Get().CPython313]);

        var figures = result.Runs.Single().LostUpdates!;
        figures.K.ShouldBe(2);
        figures.Repeats.Length.ShouldBe(2);
        figures.Repeats.ShouldAllBe(r => r.Expected == 50 * 2 * figures.CallsPerThread && r.Got == r.Expected);
        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldContain("with the GIL on, the race exists but is rarely seen");
    }

    [SkippableFact]
    public async Task Counts_per_key_are_added_up()
    {
        var result = await _engine.ConfirmAsync(Target("tally.locked", "count", new SharedState("global", "tally.locked", "counts", true), "w"),
            [MachineInterpreters.Get().CPython313]);

        var figures = result.Runs.Single().LostUpdates!;
        figures.Repeats.ShouldAllBe(r => r.Expected == 2 * figures.CallsPerThread && r.Got == r.Expected, result.Reason);
    }

    [SkippableFact]
    public async Task A_receivers_attribute_is_read_on_a_fresh_instance_and_a_class_attribute_through_its_class()
    {
        var machine = MachineInterpreters.Get();
        var receiver = await _engine.ConfirmAsync(Target("tally.locked", "Meter.tick", new SharedState("receiver-attribute", null, "ticks", false)), [machine.CPython313]);
        var onClass = await _engine.ConfirmAsync(Target("tally.locked", "Meter.read", new SharedState("class-attribute", "tally.locked", "Meter.readings", false)), [machine.CPython313]);

        var ticks = receiver.Runs.Single().LostUpdates!;
        ticks.Repeats.ShouldAllBe(r => r.Expected == 2 * 2 * ticks.CallsPerThread && r.Got == r.Expected, receiver.Reason);
        var readings = onClass.Runs.Single().LostUpdates!;
        readings.Repeats.ShouldAllBe(r => r.Expected == 2 * readings.CallsPerThread && r.Got == r.Expected, onClass.Reason);
    }

    [SkippableFact]
    public async Task Calls_that_leave_the_state_as_it_was_are_inconclusive_with_the_reason()
    {
        var result = await _engine.ConfirmAsync(Target("tally.locked", "relabel", new SharedState("global", "tally.locked", "label", false)),
            [MachineInterpreters.Get().CPython313]);

        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldBe("calling the target in a row did not change tally.locked.label under CPython 3.13.0: the arguments do not reach the update; give them in [tool.gilscan.confirm]");
    }

    private static ConfirmationTarget Target(string module, string function, SharedState? state, params PythonValue[] arguments) => new()
    {
        ProjectRoot = Project,
        Module = module,
        Function = function,
        Kind = ConfirmationKind.LostUpdates,
        Arguments = [.. arguments],
        State = state,
        Settings = DemoTargets.TestSettings with { Repeat = 2, TargetCallSeconds = 0.02 },
    };
}
