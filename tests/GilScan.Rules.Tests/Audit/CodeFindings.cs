using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Tests.Audit;

/// <summary>
/// Findings of another rule, as the audit report receives them from `gilscan check`'s rules. GIL101
/// here is a test stand-in with a test page (Fixtures/docs/GIL101.md), not the real rule.
/// </summary>
internal static class CodeFindings
{
    public static readonly RuleDescriptor CpuBoundThreadTarget = RuleDescriptor.Create(
        "GIL101", "CpuBoundThreadTarget", "CPU-bound work on a thread",
        "'{0}' runs pure-Python CPU work on a thread; under the GIL it cannot use a second core.",
        RuleCategory.Threads, RuleLevel.Warning, RulePrecision.Medium, tags: ["concurrency"]);

    /// <summary>Two findings in the sample project, one of them suppressed with a comment.</summary>
    public static IReadOnlyList<Diagnostic> ForSample() =>
    [
        new(CpuBoundThreadTarget, new Location("sample_app/images.py", new SourceSpan(10, 4, 4, 10, 39, 39)), "thumbnail")
        {
            Confidence = Confidence.Medium,
        },
        new(CpuBoundThreadTarget, new Location("sample_app/reports.py", new SourceSpan(13, 4, 4, 13, 27, 27)), "weekly")
        {
            Suppression = new Suppression(SuppressionKind.InSource, "# noqa: GIL101"),
        },
    ];

    public static RuleDocs Docs() => RuleDocs.FromPages(
        new[] { RepositoryRoot.Combine("rules", "docs"), RepositoryRoot.Combine("tests", "GilScan.Rules.Tests", "Fixtures", "docs") }
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.md"))
            .Select(path => (Path.GetFileName(path), path, File.ReadAllText(path))));
}
