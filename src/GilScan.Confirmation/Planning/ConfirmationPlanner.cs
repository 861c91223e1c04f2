using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Planning;

/// <summary>
/// What <c>--confirm</c> does with one finding: measure <see cref="Target"/>, or, when
/// <see cref="NotRunReason"/> is set, nothing (the arguments are unknown: gilscan never guesses them).
/// </summary>
public sealed record ConfirmationPlan(ConfirmationTarget Target, string? NotRunReason)
{
    /// <summary>The key findings share when they would run exactly the same measurement.</summary>
    public string MeasurementKey => KeyOf(Target);

    public static string KeyOf(ConfirmationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.Kind}|{target.CallText}|{target.Scale}|{string.Join(":", target.SearchPaths)}";
    }
}

/// <summary>
/// What the project defines, for targets that only the configuration names: <c>[tool.gilscan.confirm."module:function"]</c>
/// with arguments and no finding to carry a request.
/// </summary>
public interface IProjectDefinitions
{
    /// <summary>True when <c>module.qualname</c> is defined with <c>async def</c>, false for <c>def</c>; null when it is not found.</summary>
    bool? IsCoroutine(string module, string qualifiedName);

    /// <summary>The project-relative folder to import <paramref name="module"/> from; null when no analysed file is that module.</summary>
    string? ImportRootOf(string module);
}

/// <summary>
/// Turns findings into measurements from the <see cref="ConfirmationRequest"/> their rule attached, and
/// nothing else: a call request is measured with the configured arguments
/// (<c>[tool.gilscan.confirm."module:function"]</c>, which win), else with the call site's folded ones
/// (thread work, lost updates), else with none when the definition needs none (coroutines, lost updates);
/// otherwise it is not run and says where to give the arguments. An import probe runs when the rule named a
/// module to import. A finding without a request has nothing to measure (null).
/// </summary>
public sealed class ConfirmationPlanner(
    string projectRoot, IProjectDefinitions definitions, IReadOnlyDictionary<string, ConfirmationOverride> overrides, ConfirmationSettings settings)
{
    public ConfirmationPlan? PlanFor(Diagnostic finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Confirmation switch
        {
            CallableConfirmationRequest call => PlanCall(call),
            ImportProbeRequest probe => PlanImportProbe(probe),
            _ => null,
        };
    }

    /// <summary>
    /// A target that <c>[tool.gilscan.confirm."module:function"]</c> names with arguments but that no finding
    /// flags (the user wants it measured anyway: the NumPy twin of a flagged loop, a suspicion the static
    /// analysis did not share). Thread work, or coroutine work for an <c>async def</c>; null when the
    /// definition is not among the analysed files.
    /// </summary>
    public ConfirmationTarget? ConfiguredTarget(string key, ConfirmationOverride configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (key.Split(':') is not [var module, var function] || configured is not ({ Arguments: not null } or { KeywordArguments: not null }) ||
            definitions.IsCoroutine(module, function) is not { } coroutine)
        {
            return null;
        }

        var kind = coroutine ? ConfirmationKind.CoroutineWork : ConfirmationKind.ThreadWork;
        return CallableTarget(module, function, kind, definitions.ImportRootOf(module)).With(configured);
    }

    private ConfirmationPlan PlanCall(CallableConfirmationRequest call)
    {
        var target = CallableTarget(call.Module, call.Function, call.Kind, call.ImportRoot) with { State = call.State };
        var configured = overrides.GetValueOrDefault(target.Key);
        if (configured is not null)
        {
            target = target.With(configured);
        }

        if (configured is { Arguments: not null } or { KeywordArguments: not null })
        {
            return new ConfirmationPlan(target, null);
        }

        var foldedArgumentsCount = call.Kind is ConfirmationKind.ThreadWork or ConfirmationKind.LostUpdates;
        if (foldedArgumentsCount && call.Arguments is { } folded)
        {
            return new ConfirmationPlan(target with { Arguments = folded.Positional, KeywordArguments = folded.Keywords }, null);
        }

        if (call.Kind is ConfirmationKind.CoroutineWork or ConfirmationKind.LostUpdates && call.Parameters == ParameterNeed.None)
        {
            return new ConfirmationPlan(target, null);
        }

        var why = foldedArgumentsCount
            ? "arguments unknown (not constants at the call site)"
            : "arguments unknown (the coroutine takes parameters)";
        return new ConfirmationPlan(target, $"{why}; give them in [tool.gilscan.confirm.\"{target.Key}\"] args = [...]");
    }

    /// <summary>A callable of the project to measure, imported from <paramref name="importRoot"/> (project-relative) and the root.</summary>
    private ConfirmationTarget CallableTarget(string module, string function, ConfirmationKind kind, string? importRoot) => new()
    {
        ProjectRoot = projectRoot,
        Module = module,
        Function = function,
        Kind = kind,
        SearchPaths = importRoot is null
            ? []
            : [.. new[] { Path.GetFullPath(Path.Combine(projectRoot, importRoot)), Path.GetFullPath(projectRoot) }.Distinct(StringComparer.Ordinal)],
        Settings = settings,
    };

    private ConfirmationPlan? PlanImportProbe(ImportProbeRequest probe)
    {
        if (probe.Module is null && probe.Distribution is null)
        {
            return null;
        }

        var target = new ConfirmationTarget
        {
            ProjectRoot = projectRoot,
            Module = probe.Module ?? probe.Distribution!,
            Kind = ConfirmationKind.ImportProbe,
            SearchPaths = [Path.GetFullPath(projectRoot)],
            Settings = settings,
        };
        return probe.Module is null
            ? new ConfirmationPlan(target, $"no module of '{probe.Distribution}' is known to import (its GIL403 findings probe the modules the project imports)")
            : new ConfirmationPlan(target, null);
    }
}
