using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// The words every output uses for the audit's verdicts and evidence: a stable kebab-case key for
/// machine-readable properties, and a short phrase for people. One table, so SARIF properties,
/// Markdown and HTML never disagree.
/// </summary>
public static class VerdictWords
{
    public static string Key(Verdict verdict) => verdict switch
    {
        Verdict.ReenablesGil => "reenables-gil",
        Verdict.NoFreeThreadedWheel => "no-free-threaded-wheel",
        Verdict.DeclarationUnverified => "declaration-unverified",
        Verdict.Unknown => "unknown",
        Verdict.PurePythonFallback => "pure-python-fallback",
        Verdict.Ok => "ok",
        Verdict.NoExtensionModules => "no-extension-modules",
        Verdict.PurePython => "pure-python",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string Phrase(Verdict verdict) => verdict switch
    {
        Verdict.ReenablesGil => "re-enables the GIL",
        Verdict.NoFreeThreadedWheel => "no free-threaded wheel",
        Verdict.DeclarationUnverified => "free-threaded build, declaration unverified",
        Verdict.Unknown => "unknown",
        Verdict.PurePythonFallback => "works, slower (pure-Python fallback)",
        Verdict.Ok => "declares free-threading support",
        Verdict.NoExtensionModules => "no extension modules",
        Verdict.PurePython => "pure Python",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string Key(EvidenceKind kind) => kind switch
    {
        EvidenceKind.ImportProbe => "import-probe",
        EvidenceKind.ExtensionBinary => "extension-binary",
        EvidenceKind.WheelTags => "wheel-tags",
        EvidenceKind.KnowledgeBase => "knowledge-base",
        EvidenceKind.Metadata => "metadata",
        EvidenceKind.InputCoverage => "input-coverage",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Phrase(EvidenceKind kind) => kind switch
    {
        EvidenceKind.ImportProbe => "import probe",
        EvidenceKind.ExtensionBinary => "extension binary",
        EvidenceKind.WheelTags => "wheel tags",
        EvidenceKind.KnowledgeBase => "knowledge base",
        EvidenceKind.Metadata => "package metadata",
        EvidenceKind.InputCoverage => "input coverage",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Confidence ToConfidence(VerdictConfidence confidence) => confidence switch
    {
        VerdictConfidence.High => Confidence.High,
        VerdictConfidence.Medium => Confidence.Medium,
        VerdictConfidence.Low => Confidence.Low,
        _ => throw new ArgumentOutOfRangeException(nameof(confidence), confidence, null),
    };

    /// <summary>"pandas 2.3.3", or the name alone when no version is pinned.</summary>
    public static string Display(DistributionVerdict verdict) =>
        verdict.Version is { Length: > 0 } version ? $"{verdict.Name} {version}" : verdict.Name;

    /// <summary>
    /// How the project gets the package, for messages: "direct dependency", "direct dependency (group
    /// dev)", "direct dependency (extra speed)", or "pulled in by fastapi → starlette" for a transitive one.
    /// </summary>
    public static string Route(DistributionVerdict verdict)
    {
        var declared = verdict.DeclaredAs switch
        {
            null => "",
            var g when g.StartsWith("group:", StringComparison.Ordinal) => $" (group {g["group:".Length..]})",
            var e when e.StartsWith("extra:", StringComparison.Ordinal) => $" (extra {e["extra:".Length..]})",
            var other => $" ({other})",
        };
        return verdict.IsDirect ? "direct dependency" + declared : $"pulled in by {string.Join(" → ", verdict.PulledInBy)}{declared}";
    }

    /// <summary>Why a blocker blocks, in a few words, with its rule id (for GIL403 messages and the report).</summary>
    public static string WhyItBlocks(DistributionVerdict verdict) => verdict.Verdict switch
    {
        Verdict.ReenablesGil => "importing it re-enables the GIL (GIL401)",
        Verdict.NoFreeThreadedWheel => "it has compiled code and no free-threaded wheel (GIL402)",
        _ => throw new ArgumentException($"{verdict.Name} is not a blocker ({verdict.Verdict}).", nameof(verdict)),
    };

    /// <summary>What the upgrade plan says to do: upgrade to the first version that declares, replace, or that no fix is known.</summary>
    public static string Action(string? fixVersion, string? alternative) => (fixVersion, alternative) switch
    {
        ({ } version, { } replacement) => $"upgrade to {version} or later (or replace with {replacement})",
        ({ } version, null) => $"upgrade to {version} or later",
        (null, { } replacement) => $"replace with {replacement}",
        _ => "no fix yet: replace it or wait for a free-threaded release",
    };

    /// <summary>The fix in one phrase: the library's suggestion, or what to do when none is known.</summary>
    public static string Fix(DistributionVerdict verdict) =>
        verdict.Fix?.Summary ?? "none known yet; ask the maintainers for a free-threaded build, or replace the package";
}
