using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// GIL402: a pinned or installed dependency has compiled code and no wheel the free-threaded target
/// can install (GIL-build or abi3 wheels only). See rules/docs/GIL402.md.
/// </summary>
public sealed class CompiledDependencyWithoutFreeThreadedWheel() : Rule(Descriptor)
{
    public new const string Id = "GIL402";

    /// <summary>Arguments: the distribution and version, how the project gets it (direct, or the path that pulls it in), the target, why (the verdict's summary), the fix.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "CompiledDependencyWithoutFreeThreadedWheel", title: "Compiled dependency without a free-threaded wheel",
        message: "'{0}' ('{1}') has compiled code and no wheel that installs on '{2}' ('{3}'); fix: '{4}'.",
        category: RuleCategory.Dependencies, level: RuleLevel.Warning,
        // Wheel tags of a lockfile that covers the target are proof; other inputs are reported at note level.
        precision: RulePrecision.High,
        tags: ["free-threading", "c-extension", "packaging"]);

    /// <summary>At project end, this rule's findings from the run's shared <see cref="DependencyModel"/>.</summary>
    /// <summary>Nothing to report where the project holds no manifest, lockfile or environment.</summary>
    public override Type? ReportsOnInputsOf => typeof(DependencyModel);

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project => DependencyModel.Report(project, Id));
}
