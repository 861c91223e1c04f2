using GilScan.Analysis.Rules;
using GilScan.Rules.Asyncio;
using GilScan.Rules.Dependencies;
using GilScan.Rules.FreeThreading;
using GilScan.Rules.Processes;
using GilScan.Rules.Shared;
using GilScan.Rules.Threads;
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
        new CpuBoundThreadTarget(),
        new CpuBoundPoolTask(),
        new CpuBoundCoroutineWork(),
        new BlockingIoInCoroutine(),
        new LargeObjectPickledPerTask(),
        new PerItemProcessMessages(),
        new UnpicklableProcessCallable(),
        new GilReenablingDependency(),
        new CompiledDependencyWithoutFreeThreadedWheel(),
        new BlockingDependencyImport(),
        new UnsynchronisedReadModifyWrite(),
        new SharedContainerIteratedWhileChanged(),
    ];

    public static RuleCatalog Catalog { get; } = RuleCatalog.Create(All);

    public static ProjectModelRegistry Models { get; } =
        ProjectModelRegistry.Empty.With<ProjectModel>(SemanticModelBuilder.Build, SemanticModelBuilder.Inputs)
            .With<DependencyModel>(DependencyModel.Build, DependencyModel.Inputs(new DependencyAuditOptions()));
}
