using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// GIL403: project code imports a module of a dependency that GIL401 or GIL402 reports; the finding
/// sits on the import and links the dependency finding. See rules/docs/GIL403.md.
/// </summary>
public sealed class BlockingDependencyImport() : Rule(Descriptor)
{
    public new const string Id = "GIL403";

    /// <summary>Arguments: the imported module, the distribution and version, the target, why it blocks.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "BlockingDependencyImport", title: "Import of a dependency that blocks free-threading",
        message: "'{0}' comes from '{1}', which blocks free-threading on '{2}': '{3}'.",
        category: RuleCategory.Dependencies, level: RuleLevel.Warning,
        // As precise as the dependency finding it links, plus the import-name mapping.
        precision: RulePrecision.Medium,
        tags: ["free-threading", "c-extension", "imports"]);

    /// <summary>At project end, this rule's findings from the run's shared <see cref="DependencyModel"/>.</summary>
    /// <summary>Nothing to report where the project holds no manifest, lockfile or environment.</summary>
    public override Type? ReportsOnInputsOf => typeof(DependencyModel);

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project => DependencyModel.Report(project, Id));
}
