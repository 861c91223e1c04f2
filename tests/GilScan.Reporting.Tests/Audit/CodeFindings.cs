using GilScan.Analysis.Diagnostics;
using GilScan.Rules;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>
/// Findings of another rule, as the audit report receives them from `gilscan check`'s rules: the real
/// GIL101 descriptor, with hand-made locations in the sample project.
/// </summary>
internal static class CodeFindings
{
    public static readonly RuleDescriptor CpuBoundThreadTarget = GilScan.Rules.Threads.CpuBoundThreadTarget.Descriptor;

    /// <summary>Two findings in the sample project, one of them suppressed with a comment.</summary>
    public static IReadOnlyList<Diagnostic> ForSample() =>
    [
        new(CpuBoundThreadTarget, new Location("sample_app/images.py", new SourceSpan(10, 4, 4, 10, 39, 39)), "thumbnail", "loop of ~4,000,000 iterations (range(4000000)), ~24,000,000 pure-Python operations")
        {
            Confidence = Confidence.Medium,
        },
        new(CpuBoundThreadTarget, new Location("sample_app/reports.py", new SourceSpan(13, 4, 4, 13, 27, 27)), "weekly", "loop of ~2,000,000 iterations (range(2000000)), ~12,000,000 pure-Python operations")
        {
            Suppression = new Suppression(SuppressionKind.InSource, "# noqa: GIL101"),
        },
    ];

    /// <summary>GIL501 and GIL502 run by the engine over fixtures/projects/ft-race (two lost updates, a dict and a list iterated while threads fill them).</summary>
    public static IReadOnlyList<Diagnostic> ForRaceProject()
    {
        var folder = RepositoryRoot.Combine("fixtures", "projects", "ft-race");
        var files = Directory.GetFiles(folder, "*.py", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(folder, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var rules = ShippedRuleSet.All.Where(r => GilScan.Rules.FreeThreading.FreeThreadingCoverage.IsFreeThreadingRule(r.Id)).ToList();
        return new GilScan.Testing.Verifier(ShippedRuleSet.Models).Run(rules, files).Diagnostics;
    }

    public static RuleDocs Docs() => RuleDocs.FromPages(
        Directory.EnumerateFiles(RepositoryRoot.Combine("rules", "docs"), "*.md")
            .Select(path => (Path.GetFileName(path), path, File.ReadAllText(path))));
}
