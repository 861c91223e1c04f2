using System.Globalization;
using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Audit;

/// <summary>
/// Renders an <see cref="AuditReport"/> as one self-contained HTML page: inline CSS, no scripts, no
/// fonts or images to fetch (the only links are the rule pages). The content is that of
/// <see cref="MarkdownAuditRenderer"/>, plus a bar of the verdicts. Every piece of text from the inputs
/// is escaped; output is deterministic.
/// </summary>
public static class HtmlAuditRenderer
{
    private const string Style = """
        :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0; --panel: #f6f8fa;
                --gil401: #cf222e; --gil402: #bc4c00; --review: #9a6700; --fine: #1a7f37; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --panel: #151b23; } }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 64rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
        h3 { margin: 0 0 .5rem; font-size: 1.1rem; }
        code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); padding: 0 .25em; border-radius: 4px; }
        .meta, .source, .none { color: var(--muted); }
        .headline { font-size: 1.15rem; font-weight: 600; }
        .headline.blocked { color: var(--gil401); } .headline.clear { color: var(--fine); }
        .bar { display: flex; height: .9rem; border-radius: 4px; overflow: hidden; background: var(--panel); margin: .75rem 0; }
        .bar span { display: block; height: 100%; }
        .gil401 { --accent: var(--gil401); } .gil402 { --accent: var(--gil402); } .review { --accent: var(--review); } .fine { --accent: var(--fine); }
        .bar span, .swatch { background: var(--accent); }
        .swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; margin-right: .4rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
        td.count { text-align: right; font-variant-numeric: tabular-nums; }
        section.dependency { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0 0; }
        dt { font-weight: 600; } dd { margin: 0; } dd ol, dd ul { margin: 0; padding-left: 1.25rem; }
        .rule { font-size: .8rem; font-weight: 600; color: var(--bg); background: var(--accent); border-radius: 3px; padding: 0 .35em; vertical-align: middle; }
        a { color: inherit; }
        footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
        """;

    public static string Render(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        var title = Html.Text(ReportText.Title(report));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(title).Append("</title>\n<style>\n").Append(Style.ReplaceLineEndings("\n")).Append("\n</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(title).Append("</h1>\n");
        html.Append("<p class=\"meta\">Target: <strong>CPython ").Append(Html.Text(report.Target.Name)).Append("</strong>");
        if (report.Inputs.Count > 0)
        {
            html.Append(" · Inputs: ").Append(string.Join(", ", report.Inputs.Select(Html.Code)));
        }

        html.Append("</p>\n");
        html.Append("<p class=\"headline ").Append(report.HasBlockers ? "blocked" : "clear").Append("\">").Append(Html.Text(ReportText.Headline(report))).Append("</p>\n");
        html.Append("<p class=\"meta\">").Append(Html.Text(ReportText.ExitStatus(report))).Append("</p>\n");
        AppendSummary(html, report);

        html.Append("<h2>Blockers</h2>\n");
        var blockers = report.InGroup(DependencyGroup.Blocker).ToList();
        if (blockers.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n");
        }

        foreach (var entry in blockers)
        {
            AppendBlocker(html, entry);
        }

        html.Append("<h2>Needs review</h2>\n");
        AppendTable(html, [.. report.InGroup(DependencyGroup.NeedsReview)]);
        html.Append("<h2>Not blocking</h2>\n");
        AppendTable(html, [.. report.InGroup(DependencyGroup.NotBlocking)]);
        AppendCodeFindings(html, report);
        AppendMeasurements(html, report);
        if (report.Notifications.Count > 0)
        {
            html.Append("<h2>Input problems</h2>\n<ul>\n");
            foreach (var notification in report.Notifications)
            {
                html.Append("<li>").Append(ReportText.Level(notification.Level)).Append(": ").Append(Html.Text(ReportText.Notification(notification))).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<footer>Written by gilscan. Rules: ")
            .Append(string.Join(", ", DependencyRules.All.Select(RuleLink)))
            .Append(".</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, AuditReport report)
    {
        var rows = ReportText.Summary(report);
        var total = rows.Sum(r => r.Count);
        var label = string.Join(", ", rows.Select(r => $"{r.Label}: {r.Count.ToString(CultureInfo.InvariantCulture)}"));
        html.Append("<div class=\"bar\" role=\"img\" aria-label=\"").Append(Html.Text(label)).Append("\">");
        foreach (var (_, count, css) in rows.Where(r => r.Count > 0))
        {
            var width = (count * 100.0 / total).ToString("0.##", CultureInfo.InvariantCulture);
            html.Append("<span class=\"").Append(css).Append("\" style=\"width: ").Append(width).Append("%\"></span>");
        }

        html.Append("</div>\n<table class=\"summary\">\n<thead><tr><th>Verdict</th><th>Dependencies</th></tr></thead>\n<tbody>\n");
        foreach (var (text, count, css) in rows)
        {
            html.Append("<tr class=\"").Append(css).Append("\"><td><span class=\"swatch\"></span>").Append(Html.Text(text))
                .Append("</td><td class=\"count\">").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendBlocker(StringBuilder html, DependencyReportEntry entry)
    {
        var css = entry.RuleId == GilReenablingDependency.Id ? "gil401" : "gil402";
        html.Append("<section class=\"dependency ").Append(css).Append("\" id=\"dep-").Append(Html.Text(entry.NormalizedName)).Append("\">\n");
        html.Append("<h3>").Append(Html.Text($"{entry.Display}: {VerdictWords.Phrase(entry.Verdict)}")).Append(' ')
            .Append("<a class=\"rule\" href=\"").Append(Html.Text(RuleHelpLinks.For(entry.RuleId!).AbsoluteUri)).Append("\">").Append(Html.Text(entry.RuleId!)).Append("</a></h3>\n");
        html.Append("<p>").Append(Html.Text(ReportText.Sentence(entry.Summary))).Append("</p>\n<dl>\n");
        html.Append("<dt>Pinned at</dt><dd>").Append(entry.PinnedAt is { } pinned ? Html.Code(ReportText.Place(pinned)) : "no input under the project root");
        if (entry.AlsoNamedAt.Count > 0)
        {
            html.Append("; also named at ").Append(string.Join(", ", entry.AlsoNamedAt.Select(l => Html.Code(ReportText.Place(l)))));
        }

        html.Append("</dd>\n");
        html.Append("<dt>Confidence</dt><dd>").Append(ReportText.Confidence(entry.Confidence)).Append("</dd>\n");
        html.Append("<dt>Fix</dt><dd>").Append(Html.Text(entry.Fix ?? "none known")).Append("</dd>\n");
        if (entry.ModulesNeedingGil.Count > 0)
        {
            html.Append("<dt>Modules that need the GIL</dt><dd>").Append(string.Join(", ", entry.ModulesNeedingGil.Select(Html.Code))).Append("</dd>\n");
        }

        html.Append("<dt>Evidence</dt><dd><ol>\n");
        foreach (var evidence in entry.Evidence)
        {
            html.Append("<li><strong>").Append(Html.Text(VerdictWords.Phrase(evidence.Kind))).Append("</strong>: ").Append(Html.Text(evidence.Summary))
                .Append(" <span class=\"source\">(").Append(Html.Text(evidence.Source)).Append(")</span></li>\n");
        }

        html.Append("</ol></dd>\n<dt>Imported at</dt><dd>");
        if (entry.Imports.Count == 0)
        {
            html.Append("<span class=\"none\">not imported by the project&#39;s code</span>");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var import in entry.Imports)
            {
                html.Append("<li>").Append(Html.Code(ReportText.PlaceWithColumn(import.Location))).Append(" imports ").Append(Html.Code(import.Module))
                    .Append(Html.Text(ReportText.ImportNote(import))).Append("</li>\n");
            }

            html.Append("</ul>");
        }

        html.Append("</dd>\n</dl>\n</section>\n");
    }

    private static void AppendTable(StringBuilder html, List<DependencyReportEntry> entries)
    {
        if (entries.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>Dependency</th><th>Verdict</th><th>Why</th><th>Imported at</th></tr></thead>\n<tbody>\n");
        foreach (var entry in entries)
        {
            var imports = entry.Imports.Count == 0 ? "–" : string.Join(", ", entry.Imports.Select(i => Html.Code(ReportText.PlaceWithColumn(i.Location))));
            html.Append("<tr id=\"dep-").Append(Html.Text(entry.NormalizedName)).Append("\"><td>").Append(Html.Text(entry.Display))
                .Append("</td><td>").Append(Html.Text(VerdictWords.Phrase(entry.Verdict)))
                .Append("</td><td>").Append(Html.Text(entry.Summary))
                .Append("</td><td>").Append(imports).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    // --confirm: each measured finding with its figures and its chart, inline SVG (our own, escaped text).
    private static void AppendMeasurements(StringBuilder html, AuditReport report)
    {
        var measured = report.MeasuredFindings.ToList();
        if (measured.Count == 0)
        {
            return;
        }

        html.Append("<h2>Confirmation</h2>\n");
        foreach (var (finding, measurement) in measured)
        {
            html.Append("<figure>\n");
            if (measurement.Svg is { } svg)
            {
                html.Append(svg.ReplaceLineEndings("\n").TrimEnd('\n')).Append('\n');
            }

            html.Append("<figcaption>").Append(RuleLink(finding.Descriptor)).Append(" at ").Append(Html.Code(ReportText.PlaceWithColumn(finding.Location)))
                .Append(": ").Append(Html.Text(measurement.Summary)).Append("</figcaption>\n</figure>\n");
        }
    }

    private static void AppendCodeFindings(StringBuilder html, AuditReport report)
    {
        html.Append("<h2>Code findings</h2>\n");
        var shown = report.CodeFindings.Where(d => !d.IsSuppressed).ToList();
        if (shown.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th>Location</th><th>Rule</th><th>Level</th><th>Message</th></tr></thead>\n<tbody>\n");
            foreach (var finding in shown)
            {
                html.Append("<tr><td>").Append(Html.Code(ReportText.PlaceWithColumn(finding.Location)))
                    .Append("</td><td>").Append(RuleLink(finding.Descriptor))
                    .Append("</td><td>").Append(ReportText.Level(finding.Level))
                    .Append("</td><td>").Append(Html.Text(finding.Message)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        var suppressed = report.CodeFindings.Count - shown.Count;
        if (suppressed > 0)
        {
            html.Append("<p class=\"none\">").Append(Html.Text($"{ReportText.Count(suppressed, "suppressed finding is", "suppressed findings are")} not shown.")).Append("</p>\n");
        }
    }

    private static string RuleLink(RuleDescriptor rule) =>
        $"<a href=\"{Html.Text(rule.HelpUri.AbsoluteUri)}\">{Html.Text(rule.Id)}</a>";
}
