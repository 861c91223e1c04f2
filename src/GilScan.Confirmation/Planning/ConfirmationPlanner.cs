using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Targets;

namespace GilScan.Cli.Confirm;

/// <summary>
/// What <c>--confirm</c> does with one finding: measure <see cref="Target"/>, or, when
/// <see cref="NotRunReason"/> is set, nothing (the arguments are unknown: gilscan never guesses them).
/// </summary>
internal sealed record ConfirmationPlan(ConfirmationTarget Target, string? NotRunReason)
{
    /// <summary>The key findings share when they would run exactly the same measurement.</summary>
    public string MeasurementKey => KeyOf(Target);

    public static string KeyOf(ConfirmationTarget target) =>
        $"{target.Kind}|{target.CallText}|{target.Scale}|{string.Join(":", target.SearchPaths)}";
}

/// <summary>
/// Turns the findings of the rules that carry the confirmation contract into targets:
/// <list type="bullet">
/// <item>GIL101/GIL102: thread work on <c>target</c> ("module:qualname") with the constant-folded
/// <c>arguments</c>/<c>keywords</c> (Python literals), or those of <c>[tool.gilscan.confirm."module:function"]</c>,
/// which win; without either the arguments are unknown and the finding is not run;</item>
/// <item>GIL201: the coroutine <c>target</c>, with the configured arguments, or none when its definition
/// needs none;</item>
/// <item>GIL403: an import probe of the imported <c>module</c>; GIL401: of the first of the package's
/// <c>modules-needing-gil</c> (when the scan named none, its GIL403 findings probe what the project
/// imports). Probes run only under free-threaded interpreters.</item>
/// <item>GIL501: lost updates of the read-modify-write's state (<c>state-kind</c>, <c>state-module</c>,
/// <c>state-path</c>, <c>state-items</c>) when the thread target <c>target</c> is called with the folded or
/// configured arguments, or none when it needs none; a check-then-act carries no state and is not run.</item>
/// </list>
/// Other rules have nothing to measure (null).
/// </summary>
internal sealed class ConfirmationPlanner(
    string projectRoot, ProjectModuleFiles modules, IReadOnlyDictionary<string, ConfirmationOverride> overrides, ConfirmationSettings settings)
{
    private static readonly ImmutableHashSet<string> ThreadWorkRules = ["GIL101", "GIL102"];
    private const string CoroutineRule = "GIL201";
    private const string GilReenablingRule = "GIL401";
    private const string BlockingImportRule = "GIL403";
    private const string LostUpdateRule = "GIL501";

    public ConfirmationPlan? PlanFor(Diagnostic finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.RuleId is GilReenablingRule or BlockingImportRule)
        {
            return ImportProbe(finding);
        }

        var state = finding.RuleId == LostUpdateRule ? StateOf(finding) : null;
        var kind = ThreadWorkRules.Contains(finding.RuleId) ? ConfirmationKind.ThreadWork
            : finding.RuleId == CoroutineRule ? ConfirmationKind.CoroutineWork
            : state is not null ? ConfirmationKind.LostUpdates
            : (ConfirmationKind?)null;
        if (kind is null || finding.Properties.GetValueOrDefault("target") is not PropertyValue.Text { Value: var name } || name.Split(':') is not [var module, var function])
        {
            return null;
        }

        var target = CallableTarget(module, function, kind.Value) with { State = state };
        var configured = overrides.GetValueOrDefault(target.Key);
        var configuredArguments = configured is { Arguments: not null } or { KeywordArguments: not null };
        if (configured is not null)
        {
            target = target.With(configured);
        }

        if (configuredArguments)
        {
            return new ConfirmationPlan(target, null);
        }

        if (kind is ConfirmationKind.ThreadWork or ConfirmationKind.LostUpdates && Folded(finding) is { } folded)
        {
            return new ConfirmationPlan(target with { Arguments = folded.Arguments, KeywordArguments = folded.Keywords }, null);
        }

        if (kind == ConfirmationKind.CoroutineWork && modules.ParametersOf(module, function) == ParameterNeed.None)
        {
            return new ConfirmationPlan(target, null);
        }

        if (kind == ConfirmationKind.LostUpdates && modules.ParametersOf(module, function, onInstance: state!.Kind == "receiver-attribute") == ParameterNeed.None)
        {
            return new ConfirmationPlan(target, null);
        }

        var why = kind is ConfirmationKind.ThreadWork or ConfirmationKind.LostUpdates
            ? "arguments unknown (not constants at the call site)"
            : "arguments unknown (the coroutine takes parameters)";
        return new ConfirmationPlan(target, $"{why}; give them in [tool.gilscan.confirm.\"{target.Key}\"] args = [...]");
    }

    /// <summary>
    /// A target that <c>[tool.gilscan.confirm."module:function"]</c> names with arguments but that no finding
    /// flags (the user wants it measured anyway: the NumPy twin of a flagged loop, a suspicion the static
    /// analysis did not share). Thread work, or coroutine work for an <c>async def</c>; null when the
    /// definition is not among the analysed files.
    /// </summary>
    public ConfirmationTarget? ConfiguredTarget(string key, ConfirmationOverride configured)
    {
        if (key.Split(':') is not [var module, var function] || configured is not ({ Arguments: not null } or { KeywordArguments: not null }) ||
            modules.IsCoroutine(module, function) is not { } coroutine)
        {
            return null;
        }

        return CallableTarget(module, function, coroutine ? ConfirmationKind.CoroutineWork : ConfirmationKind.ThreadWork).With(configured);
    }

    /// <summary>A callable of the project to measure, imported from the folder its module's file sits in.</summary>
    private ConfirmationTarget CallableTarget(string module, string function, ConfirmationKind kind)
    {
        var searchRoot = modules.SourceRootOf(module);
        return new ConfirmationTarget
        {
            ProjectRoot = projectRoot,
            Module = module,
            Function = function,
            Kind = kind,
            SearchPaths = searchRoot is null ? [] : [.. new[] { searchRoot, Path.GetFullPath(projectRoot) }.Distinct(StringComparer.Ordinal)],
            Settings = settings,
        };
    }

    private ConfirmationPlan? ImportProbe(Diagnostic finding)
    {
        var module = finding.RuleId == BlockingImportRule
            ? (finding.Properties.GetValueOrDefault("module") as PropertyValue.Text)?.Value
            : (finding.Properties.GetValueOrDefault("modules-needing-gil") as PropertyValue.TextList)?.Values.Order(StringComparer.Ordinal).FirstOrDefault();
        var distribution = (finding.Properties.GetValueOrDefault("distribution") as PropertyValue.Text)?.Value;
        if (module is null && distribution is null)
        {
            return null;
        }

        var target = new ConfirmationTarget
        {
            ProjectRoot = projectRoot,
            Module = module ?? distribution!,
            Kind = ConfirmationKind.ImportProbe,
            SearchPaths = [Path.GetFullPath(projectRoot)],
            Settings = settings,
        };
        return module is null
            ? new ConfirmationPlan(target, $"no module of '{distribution}' is known to import (its GIL403 findings probe the modules the project imports)")
            : new ConfirmationPlan(target, null);
    }

    /// <summary>The state a GIL501 finding's read-modify-write updates, when the rule could name it.</summary>
    private static SharedState? StateOf(Diagnostic finding)
    {
        string? Text(string name) => (finding.Properties.GetValueOrDefault(name) as PropertyValue.Text)?.Value;
        if (Text("state-kind") is not { } kind || Text("state-path") is not { } path)
        {
            return null;
        }

        var items = finding.Properties.GetValueOrDefault("state-items") is PropertyValue.Boolean { Value: true };
        return new SharedState(kind, Text("state-module"), path, items);
    }

    /// <summary>The call site's arguments, when the rule folded every one of them to a literal we can read back.</summary>
    private static (ImmutableArray<PythonValue> Arguments, ImmutableSortedDictionary<string, PythonValue> Keywords)? Folded(Diagnostic finding)
    {
        if (finding.Properties.GetValueOrDefault("arguments") is not PropertyValue.TextList positional)
        {
            return null;
        }

        var arguments = ImmutableArray.CreateBuilder<PythonValue>();
        foreach (var source in positional.Values)
        {
            if (PythonLiteralReader.Read(source) is not { } value)
            {
                return null;
            }

            arguments.Add(value);
        }

        var keywords = ImmutableSortedDictionary.CreateBuilder<string, PythonValue>(StringComparer.Ordinal);
        var named = finding.Properties.GetValueOrDefault("keywords") as PropertyValue.Map;
        foreach (var (keyword, source) in named?.Entries ?? ImmutableSortedDictionary<string, PropertyValue>.Empty)
        {
            if (source is not PropertyValue.Text text || PythonLiteralReader.Read(text.Value) is not { } value)
            {
                return null;
            }

            keywords[keyword] = value;
        }

        return (arguments.ToImmutable(), keywords.ToImmutable());
    }
}
