using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// GIL401: a pinned or installed dependency has extension modules that re-enable the GIL on the
/// free-threaded target. See rules/docs/GIL401.md. The verdict comes from GilScan.Dependencies;
/// <see cref="DependencyFindings"/> turns it into a diagnostic on the lockfile or manifest line.
/// </summary>
public sealed class GilReenablingDependency() : Rule(Descriptor)
{
    public new const string Id = "GIL401";

    /// <summary>Arguments: the distribution and version, how the project gets it (direct, or the path that pulls it in), the target, why (the verdict's summary), the fix.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "GilReenablingDependency", title: "Dependency whose extension modules re-enable the GIL",
        message: "Importing '{0}' ('{1}') re-enables the GIL on '{2}' ('{3}'); fix: '{4}'.",
        category: RuleCategory.Dependencies, level: RuleLevel.Warning,
        // The knowledge base decides when no binary of the target is at hand, and its version ranges
        // can lag behind releases: some false positives are expected.
        precision: RulePrecision.Medium,
        tags: ["free-threading", "c-extension", "performance"]);

    /// <summary>At project end, this rule's findings from the run's shared <see cref="DependencyModel"/>.</summary>
    /// <summary>Nothing to report where the project holds no manifest, lockfile or environment.</summary>
    public override Type? ReportsOnInputsOf => typeof(DependencyModel);

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project => DependencyModel.Report(project, Id));
}
