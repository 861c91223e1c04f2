using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Findings;
using GilScan.Confirmation.Targets;
using GilScan.Reporting.Check;

namespace GilScan.Cli.Confirm;

/// <summary>Everything a confirmation needs from the static run.</summary>
internal sealed record ConfirmationInput
{
    /// <summary>The static findings, in the diagnostic order (from the cache or not: only they may be cached).</summary>
    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }

    /// <summary>The project root: the harness runs there.</summary>
    public required string ProjectRoot { get; init; }

    /// <summary>The analysed files' bytes by project-relative path: where the modules only the configuration names are.</summary>
    public required IReadOnlyDictionary<string, byte[]> Sources { get; init; }

    /// <summary><c>[tool.gilscan.confirm."module:function"]</c>.</summary>
    public required IReadOnlyDictionary<string, ConfirmationOverride> Overrides { get; init; }

    /// <summary><c>latency-budget-ms</c>.</summary>
    public required double LatencyBudgetMs { get; init; }
}

/// <summary>
/// The command line's side of <c>--confirm</c> (for <c>gilscan check</c>, and for <c>gilscan audit</c>, which
/// also draws <see cref="ConfirmedFinding.Chart"/>): the settings its flags give, the lines it writes on
/// standard error, and the results of targets only the configuration names. The work (plan from each
/// finding's confirmation request, measure, apply the verdicts) is <see cref="FindingConfirmer"/>'s.
/// </summary>
internal sealed class ConfirmationRun(CliHost host, ConfirmOptions options)
{
    public ConfirmationOutcome Run(ConfirmationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = ConfirmationSettings.Default with
        {
            Cores = options.Cores,
            Repeat = options.Repeat,
            Timeout = options.Timeout,
            KeepHarness = options.KeepHarness,
            LatencyBudgetMs = input.LatencyBudgetMs,
        };
        if (options.EveryK)
        {
            settings = settings with { ChartLevels = [.. Enumerable.Range(2, Math.Max(0, settings.ResolveCores().Count - 2))] };
        }

        var outcome = new FindingConfirmer(new StandardErrorLog(host)).Confirm(new FindingsToConfirm
        {
            Diagnostics = input.Diagnostics,
            ProjectRoot = input.ProjectRoot,
            Definitions = new ProjectModuleFiles(input.Sources),
            Overrides = input.Overrides,
            Settings = settings,
            Pythons = options.Pythons,
            SearchPath = host.GetEnvironmentVariable("PATH"),
        });
        foreach (var result in outcome.ConfiguredOnly)
        {
            host.Error.WriteLine($"gilscan: {result.Target.Key} (configured in [tool.gilscan.confirm], no finding): " +
                ConfirmationText.Line(new ConfirmedFinding(result, null)));
        }

        return outcome;
    }

    /// <summary>The confirmation's warning, progress and problems, as gilscan's lines on standard error;
    /// progress only for a person at a terminal, not in CI.</summary>
    private sealed class StandardErrorLog(CliHost host) : IConfirmationLog
    {
        public bool ShowsProgress => host.ErrorIsTerminal && !host.IsContinuousIntegration;

        public void Note(string message) => host.Error.WriteLine("gilscan: " + message);

        public void Warning(string message) => host.Error.WriteLine("gilscan: warning: " + message);
    }
}
