using System.Globalization;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Audit;

/// <summary>The sentences and labels the Markdown and HTML reports share, so the two never say different things.</summary>
internal static class ReportText
{
    public static string Title(AuditReport report) => $"Free-threading audit: {report.ProjectName}";

    public static string Headline(AuditReport report)
    {
        var total = report.Dependencies.Count;
        return report.BlockerCount switch
        {
            0 when total == 0 => $"No dependencies were found to audit for {report.Target.Name}.",
            0 => $"None of the {Count(total, "dependency", "dependencies")} blocks free-threading on {report.Target.Name}.",
            var n => $"{n} of {Count(total, "dependency", "dependencies")} block{(n == 1 ? "s" : "")} free-threading on {report.Target.Name}.",
        };
    }

    public static string ExitStatus(AuditReport report) =>
        $"gilscan audit exits with {AuditExitCodes.For(report).ToString(CultureInfo.InvariantCulture)}" +
        (report.HasBlockers ? " (blockers found; --exit-zero keeps it 0)." : ".");

    /// <summary>Rows of the summary table: label and count, in a fixed order.</summary>
    public static IReadOnlyList<(string Label, int Count, string Css)> Summary(AuditReport report) =>
    [
        ("re-enables the GIL (GIL401)", report.Dependencies.Count(d => d.Verdict == Verdict.ReenablesGil && d.IsBlocker), "gil401"),
        ("no free-threaded wheel (GIL402)", report.Dependencies.Count(d => d.Verdict == Verdict.NoFreeThreadedWheel && d.IsBlocker), "gil402"),
        ("needs review", report.InGroup(DependencyGroup.NeedsReview).Count(), "review"),
        ("not blocking", report.InGroup(DependencyGroup.NotBlocking).Count(), "fine"),
    ];

    public static string Heading(DependencyReportEntry entry) =>
        entry.RuleId is { } rule ? $"{entry.Display}: {VerdictWords.Phrase(entry.Verdict)} ({rule})" : $"{entry.Display}: {VerdictWords.Phrase(entry.Verdict)}";

    public static string Confidence(Confidence confidence) => confidence switch
    {
        Analysis.Diagnostics.Confidence.High => "high",
        Analysis.Diagnostics.Confidence.Medium => "medium",
        _ => "low",
    };

    public static string Level(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        RuleLevel.Note => "note",
        _ => "none",
    };

    /// <summary>"uv.lock:114" (1-based line, as editors show it).</summary>
    public static string Place(Location location) =>
        $"{location.Path}:{location.Span.StartLine.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"app/x.py:3:8" (1-based line and UTF-16 column, like ruff's text output).</summary>
    public static string PlaceWithColumn(Location location) =>
        $"{Place(location)}:{(location.Span.StartColumnUtf16 + 1).ToString(CultureInfo.InvariantCulture)}";

    public static string ImportNote(ImportReference import) => import.IsGuarded ? " (guarded by except ImportError)" : string.Empty;

    public static string Notification(ToolNotification notification) =>
        notification.Path is { } path
            ? $"{path}{(notification.Span is { } span ? ":" + span.StartLine.ToString(CultureInfo.InvariantCulture) : string.Empty)}: {notification.Message}"
            : notification.Message;

    /// <summary>A verdict summary as a sentence: capitalised, with a final period.</summary>
    public static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? string.Empty : ".");

    public static string Count(int n, string one, string many) => $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";
}
