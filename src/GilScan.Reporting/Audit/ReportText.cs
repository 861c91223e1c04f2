using System.Globalization;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Rules.Dependencies;
using GilScan.Rules.FreeThreading;

namespace GilScan.Reporting.Audit;

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

    /// <summary>
    /// The summary line about the project's own code: its GIL501/GIL502 findings by rule; or, without any, what
    /// was checked (so that "nothing found" never reads as "nothing to check"); or that neither rule ran.
    /// </summary>
    public static string OwnCodeHeadline(AuditReport report)
    {
        var shown = report.SharedStateFindings.Where(d => !d.IsSuppressed).ToList();
        if (shown.Count == 0)
        {
            return "Your code: " + OwnCodeEmpty(report);
        }

        var updates = shown.Count(d => d.RuleId == UnsynchronisedReadModifyWrite.Id);
        var iterations = shown.Count - updates;
        var parts = new List<string>();
        if (updates > 0)
        {
            parts.Add(Count(updates, "unsynchronised update of shared state (GIL501)", "unsynchronised updates of shared state (GIL501)"));
        }

        if (iterations > 0)
        {
            parts.Add(Count(iterations, "shared container iterated while another thread changes it (GIL502)", "shared containers iterated while other threads change them (GIL502)"));
        }

        var where = report.FreeThreading is { ThreadReachableFunctions: > 0 } coverage
            ? $"; {Count(coverage.ThreadReachableFunctions, "function runs", "functions run")} on threads"
            : string.Empty;
        return $"Your code: {string.Join(" and ", parts)}{where}.";
    }

    /// <summary>
    /// Without findings to show, what the free-threading rules did (a sentence that starts in lower case, to follow
    /// "Your code: "): not run; nothing to check; or checked so many functions and found nothing.
    /// </summary>
    public static string OwnCodeEmpty(AuditReport report)
    {
        var suppressed = report.SharedStateFindings.Count(d => d.IsSuppressed);
        var notCounted = suppressed == 0 ? string.Empty : $"; {Count(suppressed, "suppressed finding is", "suppressed findings are")} not counted";
        return report.FreeThreading switch
        {
            null => "not checked for races, because GIL501 and GIL502 did not run (see --select, --ignore and the configuration).",
            { ThreadStarts: 0 } coverage =>
                $"no thread starts found (no threading.Thread, thread pool or framework thread-pool handler), so {RuleList(coverage)} had no shared state to check{notCounted}.",
            var coverage =>
                $"no unsynchronised shared state found in {Count(coverage.ThreadReachableFunctions, "function", "functions")} that run on threads ({Count(coverage.ThreadStarts, "thread start", "thread starts")}; {RuleList(coverage)}){notCounted}.",
        };
    }

    /// <summary>What the free-threading rules looked at: "GIL501 (…) and GIL502 (…) checked the 4 functions that 2 thread starts run, 3 of them on several threads at once."</summary>
    public static string OwnCodeScope(FreeThreadingCoverage coverage)
    {
        var rules = string.Join(" and ", coverage.Rules.Select(id => $"{id} ({RuleSubject(id)})"));
        return $"Checked with {rules}: {Count(coverage.ThreadStarts, "thread start", "thread starts")} found, {Count(coverage.ThreadReachableFunctions, "function", "functions")} that threads run, "
            + $"{coverage.ConcurrentFunctions.ToString(CultureInfo.InvariantCulture)} of them on several threads at once.";
    }

    private static string RuleList(FreeThreadingCoverage coverage) => coverage.Rules.Count == 0 ? "GIL501/GIL502" : string.Join(" and ", coverage.Rules);

    private static string RuleSubject(string ruleId) => ruleId == UnsynchronisedReadModifyWrite.Id
        ? "shared state read and updated with no lock"
        : "shared containers iterated while another thread changes them";

    /// <summary>"CPython 3.14t on Linux x86_64: the newest free-threaded CPython, which requires-python '>=3.10' (pyproject.toml) allows."</summary>
    public static string TargetLine(AuditReport report) => $"{report.Target.Description}: {report.TargetReason}.";

    /// <summary>The plan row of a blocker: the action (upgrade, replace, or nothing known) and the first free-threaded version.</summary>
    public static UpgradePlanRow PlanRow(DependencyReportEntry entry)
    {
        return new UpgradePlanRow(entry, VerdictWords.Action(entry.FixVersion, entry.Alternative), entry.FixVersion);
    }

    /// <summary>"direct", "direct (group dev)", "fastapi → starlette", "pytest (group dev)".</summary>
    public static string PulledIn(DependencyReportEntry entry)
    {
        var declared = entry.DeclaredAs switch
        {
            null => string.Empty,
            var g when g.StartsWith("group:", StringComparison.Ordinal) => $" (group {g["group:".Length..]})",
            var e when e.StartsWith("extra:", StringComparison.Ordinal) => $" (extra {e["extra:".Length..]})",
            var other => $" ({other})",
        };
        return (entry.PulledInBy.Count == 0 ? "direct" : string.Join(" → ", entry.PulledInBy)) + declared;
    }

    /// <summary>A link to a line of a project file, relative to where the report is written: "../uv.lock#L114".</summary>
    public static string Href(AuditReport report, Location location) =>
        report.LinkPrefix + string.Join('/', location.Path.Split('/').Select(Uri.EscapeDataString))
        + (location.Span.StartLine > 0 ? "#L" + location.Span.StartLine.ToString(CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>A short name for a public link: "pypi.org/project/numpy/2.3.4", "github.com/pandas-dev/pandas/issues/61844".</summary>
    public static string LinkName(string url)
    {
        var text = url.StartsWith("https://", StringComparison.Ordinal) ? url["https://".Length..] : url;
        text = text.Split('#')[0].TrimEnd('/');
        return text.StartsWith("www.", StringComparison.Ordinal) ? text[4..] : text;
    }

    /// <summary>The anchor id of a dependency's details.</summary>
    public static string AnchorId(DependencyReportEntry entry) =>
        "dep-" + (entry.Scope.Length == 0 ? string.Empty : entry.Scope.Replace('/', '-') + "-") + entry.NormalizedName
        + (entry.Version is { Length: > 0 } version ? "-" + version : string.Empty);

    /// <summary>Rows of the summary table: label and count, in a fixed order.</summary>
    public static IReadOnlyList<(string Label, int Count, string Css)> Summary(AuditReport report) =>
    [
        ("re-enables the GIL (GIL401)", report.Dependencies.Count(d => d.Verdict == Verdict.ReenablesGil && d.IsBlocker), "gil401"),
        ("no free-threaded wheel (GIL402)", report.Dependencies.Count(d => d.Verdict == Verdict.NoFreeThreadedWheel && d.IsBlocker), "gil402"),
        ("needs review", report.InGroup(DependencyGroup.NeedsReview).Count(), "review"),
        ("works, slower", report.Dependencies.Count(d => d.Verdict == Verdict.PurePythonFallback), "slower"),
        ("works", report.InGroup(DependencyGroup.NotBlocking).Count(d => d.Verdict != Verdict.PurePythonFallback), "fine"),
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
