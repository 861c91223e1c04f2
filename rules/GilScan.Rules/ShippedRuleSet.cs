using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;

namespace GilScan.Rules;

/// <summary>
/// The rules this build of gilscan ships, in id order, and the shared models they ask for. The CLI
/// and the tests take both from here, so a rule added to <see cref="All"/> is run, documented (its
/// rules/docs page is required by the meta-tests) and listed by <c>gilscan rules</c>.
/// </summary>
public static class ShippedRuleSet
{
    public static IReadOnlyList<Rule> All { get; } =
    [
        new Processes.LargeObjectPickledPerTask(),
        new Processes.PerItemProcessMessages(),
        new Processes.UnpicklableProcessCallable(),
    ];

    public static RuleCatalog Catalog { get; } = RuleCatalog.Create(All);

    public static ProjectModelRegistry Models { get; } =
        ProjectModelRegistry.Empty.With<ProjectModel>(SemanticModelBuilder.Build);
}
