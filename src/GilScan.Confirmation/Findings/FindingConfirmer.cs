using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Planning;
using GilScan.Confirmation.Reporting;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Findings;

/// <summary>Everything a confirmation needs from the static run and the command line.</summary>
public sealed record FindingsToConfirm
{
    /// <summary>The static findings, in the diagnostic order (from the cache or not: only they may be cached).</summary>
    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }

    /// <summary>The project root: the harness runs there.</summary>
    public required string ProjectRoot { get; init; }

    /// <summary>What the project defines, for the targets only the configuration names.</summary>
    public required IProjectDefinitions Definitions { get; init; }

    /// <summary><c>[tool.gilscan.confirm."module:function"]</c>.</summary>
    public required IReadOnlyDictionary<string, ConfirmationOverride> Overrides { get; init; }

    /// <summary>Cores, repeats, timeout, latency budget, chart levels.</summary>
    public required ConfirmationSettings Settings { get; init; }

    /// <summary>Interpreters named on the command line (<c>--python</c>), in order.</summary>
    public ImmutableArray<string> Pythons { get; init; } = [];

    /// <summary>The PATH to find other interpreters on.</summary>
    public string? SearchPath { get; init; }
}

/// <summary>Where a confirmation says what it does: a warning before it runs project code, progress, problems.</summary>
public interface IConfirmationLog
{
    /// <summary>A line for the person at the terminal (or the CI log).</summary>
    void Note(string message);

    /// <summary>Something went wrong that does not stop the run (an interpreter that could not be identified).</summary>
    void Warning(string message);

    /// <summary>Whether to say which target is being measured, one line each (a person is watching).</summary>
    bool ShowsProgress { get; }
}

/// <summary>
/// <c>--confirm</c> after the static analysis: plans a target per confirmable finding from its confirmation
/// request (<see cref="ConfirmationPlanner"/>), finds the interpreters, says what will be imported
/// (<see cref="ConfirmationWarning"/>), then measures each distinct target once, one after another (they
/// compete for the cores), never from a cache; and applies each verdict (<see cref="ConfirmationAdjustment"/>:
/// level, confidence and the <c>gilscan/confirmation</c> property). Suppressed findings and findings turned off
/// are not run. Nothing here fails the command: a target that cannot be measured is an inconclusive result
/// with its reason.
/// </summary>
public sealed class FindingConfirmer(IConfirmationLog log)
{
    public ConfirmationOutcome Confirm(FindingsToConfirm input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var planner = new ConfirmationPlanner(input.ProjectRoot, input.Definitions, input.Overrides, input.Settings);
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
        var results = Measure(measurements, input);

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

        return new ConfirmationOutcome([.. adjusted.Order(DiagnosticComparer.Instance)], confirmations)
        {
            ConfiguredOnly = [.. configuredOnly.Select(target => results[ConfirmationPlan.KeyOf(target)])],
        };
    }

    private Dictionary<string, ConfirmationResult> Measure(IReadOnlyList<ConfirmationTarget> targets, FindingsToConfirm input)
    {
        var results = new Dictionary<string, ConfirmationResult>(StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            log.Note(ConfirmationWarning.Describe([], []));
            return results;
        }

        var runner = new ProcessGroupRunner();
        var found = new InterpreterDiscovery(runner).DiscoverAsync(new DiscoveryRequest
        {
            ProjectRoot = input.ProjectRoot,
            Named = input.Pythons,
            SearchPath = input.SearchPath,
        }).GetAwaiter().GetResult();
        foreach (var problem in found.Problems)
        {
            log.Warning(problem);
        }

        // An import probe runs only under a free-threaded build: without one, it imports nothing.
        var freeThreaded = found.Interpreters.Any(i => i.GilDisabledBuild);
        log.Note(ConfirmationWarning.Describe(
            [.. targets.Where(t => t.Kind != ConfirmationKind.ImportProbe || freeThreaded)], found.Interpreters));
        var engine = new ConfirmationEngine(runner);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (log.ShowsProgress)
            {
                log.Note($"confirming {i + 1} of {targets.Count}: {target.CallText}");
            }

            var result = engine.ConfirmAsync(target, found.Interpreters).GetAwaiter().GetResult();
            if (result.HarnessPath is { } kept)
            {
                log.Note($"the harness of {target.Key} is kept at {kept}");
            }

            results[ConfirmationPlan.KeyOf(target)] = result;
        }

        return results;
    }
}
