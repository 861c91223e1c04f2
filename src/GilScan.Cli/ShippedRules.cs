using GilScan.Analysis.Rules;

namespace GilScan.Cli;

/// <summary>
/// The rules this build of gilscan ships and the shared models they need. The rule classes live in
/// rules/GilScan.Rules (GIL101 onwards) and the semantic model in src/GilScan.Semantics; until those
/// are merged, only the engine's own tool rules (GIL001-GIL003) exist.
/// </summary>
internal static class ShippedRules
{
    public static RuleCatalog Catalog { get; } = RuleCatalog.Create([]);

    public static ProjectModelRegistry Models { get; } = ProjectModelRegistry.Empty;
}
