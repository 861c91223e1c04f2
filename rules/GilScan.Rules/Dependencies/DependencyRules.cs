using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Dependencies;

/// <summary>The dependency rules (GIL4xx), in id order: what a run that audits dependencies lists in SARIF.</summary>
public static class DependencyRules
{
    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        GilReenablingDependency.Descriptor,
        CompiledDependencyWithoutFreeThreadedWheel.Descriptor,
        BlockingDependencyImport.Descriptor,
    ];
}
