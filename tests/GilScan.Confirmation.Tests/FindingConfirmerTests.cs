using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Findings;
using GilScan.Confirmation.Planning;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Tests;

/// <summary>What <c>--confirm</c> does with findings before and around the measurements: which it plans, what
/// it says, and how a finding it cannot run comes back (no interpreter is started in these tests).</summary>
public sealed class FindingConfirmerTests
{
    private static readonly RuleDescriptor Rule = RuleDescriptor.Create(
        "GIL198", "AnyConfirmableFinding", "A finding with a confirmation request", "Finding about '{0}'.", RuleCategory.Threads, RuleLevel.Warning);

    private sealed class NoDefinitions : IProjectDefinitions
    {
        public bool? IsCoroutine(string module, string qualifiedName) => null;

        public string? ImportRootOf(string module) => null;
    }

    private sealed class RecordingLog : IConfirmationLog
    {
        public List<string> Lines { get; } = [];

        public bool ShowsProgress => true;

        public void Note(string message) => Lines.Add("note: " + message);

        public void Warning(string message) => Lines.Add("warning: " + message);
    }

    private static Diagnostic Finding(string path, ConfirmationRequest? request) =>
        new(Rule, Location.StartOf(path), "x") { Confirmation = request };

    private static CallableConfirmationRequest ThreadWork(string function) => new()
    {
        Kind = ConfirmationKind.ThreadWork,
        Module = "app.jobs",
        Function = function,
        ImportRoot = "",
        Parameters = ParameterNeed.Required,
    };

    [Fact]
    public void A_finding_without_arguments_comes_back_inconclusive_with_why_and_nothing_is_measured()
    {
        var log = new RecordingLog();
        var unknown = Finding("a.py", ThreadWork("crunch"));
        var plain = Finding("b.py", null);
        var suppressed = Finding("c.py", ThreadWork("other")) with { Suppression = new Suppression(SuppressionKind.InSource, "# noqa: GIL198") };

        var outcome = new FindingConfirmer(log).Confirm(new FindingsToConfirm
        {
            Diagnostics = [unknown, plain, suppressed],
            ProjectRoot = Path.GetTempPath(),
            Definitions = new NoDefinitions(),
            Overrides = new Dictionary<string, Configuration.ConfirmationOverride>(StringComparer.Ordinal),
            Settings = ConfirmationSettings.Default,
        });

        outcome.Diagnostics.Length.ShouldBe(3);
        var confirmed = outcome.Confirmations.ShouldHaveSingleItem();
        confirmed.Key.Location.Path.ShouldBe("a.py");
        confirmed.Value.Ran.ShouldBeFalse();
        confirmed.Value.NotRunReason.ShouldStartWith("arguments unknown (not constants at the call site)");
        confirmed.Value.Result.Verdict.ShouldBe(Verdict.Inconclusive);
        confirmed.Key.Properties.ShouldContainKey("confirmation");
        outcome.Diagnostics.Single(d => d.Location.Path == "b.py").ShouldBeSameAs(plain);
        outcome.Diagnostics.Single(d => d.Location.Path == "c.py").ShouldBeSameAs(suppressed);
        outcome.ConfiguredOnly.ShouldBeEmpty();
        log.Lines.ShouldBe([.. new[] { "note: " + ConfirmationWarning.Describe([], []) }]);
    }
}
