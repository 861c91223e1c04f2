using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Confirmation;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Planning;
using GilScan.Confirmation.Reporting;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
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

    /// <summary>The analysed files' bytes by project-relative path: where modules are and what they define.</summary>
    public required IReadOnlyDictionary<string, byte[]> Sources { get; init; }

    /// <summary><c>[tool.gilscan.confirm."module:function"]</c>.</summary>
    public required IReadOnlyDictionary<string, ConfirmationOverride> Overrides { get; init; }

    /// <summary><c>latency-budget-ms</c>.</summary>
    public required double LatencyBudgetMs { get; init; }
}

/// <summary>
/// <c>--confirm</c> after the static analysis (for <c>gilscan check</c>, and for <c>gilscan audit</c>, which
/// also draws <see cref="ConfirmedFinding.Chart"/>): plans a target per confirmable finding, finds the
/// interpreters, prints the warning naming what will be imported, then measures each distinct target once,
/// one after another (they compete for the cores), never from a cache; and applies each verdict
/// (<see cref="ConfirmationAdjustment"/>: level, confidence and the <c>gilscan/confirmation</c> property).
/// Suppressed findings and findings turned off are not run. Nothing here fails the command: a target that
/// cannot be measured is an inconclusive result with its reason.
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

        var planner = new ConfirmationPlanner(input.ProjectRoot, new ProjectModuleFiles(input.Sources), input.Overrides, settings);
        var plans = new Dictionary<Diagnostic, ConfirmationPlan>(ReferenceEqualityComparer.Instance);
        foreach (var finding in input.Diagnostics.Where(d => !d.IsSuppressed && d.Level != RuleLevel.None))
        {
            if (planner.PlanFor(finding) is { } plan)
            {
                plans[finding] = plan;
            }
        }

        // Configured targets that no finding flags are measured too and reported on their own.
        var flagged = plans.Values.Select(p => p.Target.Key).ToHashSet(StringComparer.Ordinal);
        var configuredOnly = input.Overrides.Where(o => !flagged.Contains(o.Key)).OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => planner.ConfiguredTarget(o.Key, o.Value)).OfType<ConfirmationTarget>().ToList();
        var measurements = plans.Values.Where(p => p.NotRunReason is null).Select(p => p.Target).Concat(configuredOnly)
            .GroupBy(ConfirmationPlan.KeyOf, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        var results = Measure(measurements, input.ProjectRoot);
        foreach (var target in configuredOnly)
        {
            host.Error.WriteLine($"gilscan: {target.Key} (configured in [tool.gilscan.confirm], no finding): " +
                ConfirmationText.Line(new ConfirmedFinding(results[ConfirmationPlan.KeyOf(target)], null)));
        }

        var confirmations = new Dictionary<Diagnostic, ConfirmedFinding>(ReferenceEqualityComparer.Instance);
        var adjusted = ImmutableArray.CreateBuilder<Diagnostic>(input.Diagnostics.Length);
        foreach (var finding in input.Diagnostics)
        {
            if (!plans.TryGetValue(finding, out var plan))
            {
                adjusted.Add(finding);
                continue;
            }

            var result = plan.NotRunReason is { } why
                ? ConfirmationResult.Unmeasured(plan.Target, "not run: " + why)
                : results[plan.MeasurementKey];
            var confirmed = ConfirmationAdjustment.Apply(finding, result);
            confirmations[confirmed] = new ConfirmedFinding(result, plan.NotRunReason);
            adjusted.Add(confirmed);
        }

        return new ConfirmationOutcome([.. adjusted.Order(DiagnosticComparer.Instance)], confirmations);
    }

    private Dictionary<string, ConfirmationResult> Measure(IReadOnlyList<ConfirmationTarget> targets, string projectRoot)
    {
        var results = new Dictionary<string, ConfirmationResult>(StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            host.Error.WriteLine("gilscan: " + ConfirmationWarning.Describe([], []));
            return results;
        }

        var runner = new ProcessGroupRunner();
        var found = new InterpreterDiscovery(runner).DiscoverAsync(new DiscoveryRequest
        {
            ProjectRoot = projectRoot,
            Named = options.Pythons,
            SearchPath = host.GetEnvironmentVariable("PATH"),
        }).GetAwaiter().GetResult();
        foreach (var problem in found.Problems)
        {
            host.Error.WriteLine($"gilscan: warning: {problem}");
        }

        // An import probe runs only under a free-threaded build: without one, it imports nothing.
        var freeThreaded = found.Interpreters.Any(i => i.GilDisabledBuild);
        host.Error.WriteLine("gilscan: " + ConfirmationWarning.Describe(
            [.. targets.Where(t => t.Kind != ConfirmationKind.ImportProbe || freeThreaded)], found.Interpreters));
        var engine = new ConfirmationEngine(runner);
        var progress = host.ErrorIsTerminal && !host.IsContinuousIntegration;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (progress)
            {
                host.Error.WriteLine($"gilscan: confirming {i + 1} of {targets.Count}: {target.CallText}");
            }

            var result = engine.ConfirmAsync(target, found.Interpreters).GetAwaiter().GetResult();
            if (result.HarnessPath is { } kept)
            {
                host.Error.WriteLine($"gilscan: the harness of {target.Key} is kept at {kept}");
            }

            results[ConfirmationPlan.KeyOf(target)] = result;
        }

        return results;
    }
}
