using System.Globalization;
using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Rules.Dependencies;
using GilScan.Rules.FreeThreading;

namespace GilScan.Reporting.Audit;

/// <summary>
/// Renders an <see cref="AuditReport"/> as one self-contained HTML page: inline CSS, no scripts, no fonts
/// or images to fetch. The content and order are those of <see cref="MarkdownAuditRenderer"/>: the
/// target, the upgrade plan, charts of the blockers by kind and by direct dependency (CSS bars, which stay
/// legible at any width), each blocker's details with public evidence links, then what works more
/// slowly, what needs review, what the target does not install, and the rest. The layout is one column
/// that fits a phone (tables scroll sideways inside their own box, long names wrap); the charts sit side
/// by side on wide screens. Every piece of text from the inputs is escaped; output is deterministic.
/// </summary>
public static class HtmlAuditRenderer
{
    private const int ImportsShown = 5;

    private static readonly RuleDescriptor[] OwnCodeRules = [UnsynchronisedReadModifyWrite.Descriptor, SharedContainerIteratedWhileChanged.Descriptor];

    private const string Style = """
        :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0; --panel: #f6f8fa;
                --gil401: #cf222e; --gil402: #bc4c00; --review: #9a6700; --slower: #0969da; --fine: #1a7f37; --bar: #8250df; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --panel: #151b23; } }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.25rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .5rem; line-height: 1.25; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; font-size: 1.3rem; }
        h3 { margin: 0 0 .4rem; font-size: 1.05rem; } h3 .muted { font-weight: normal; font-size: .9rem; }
        p { margin: .4rem 0; }
        code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); padding: 0 .25em; border-radius: 4px; overflow-wrap: anywhere; }
        a { color: inherit; } a:hover { color: var(--slower); }
        .meta, .muted, .none { color: var(--muted); }
        .headline { font-size: 1.15rem; font-weight: 600; }
        .headline.blocked { color: var(--gil401); } .headline.clear { color: var(--fine); }
        .scroll { overflow-x: auto; margin: .5rem 0 1rem; border: 1px solid var(--line); border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
        tr:last-child td { border-bottom: none; }
        th { background: var(--panel); font-weight: 600; white-space: nowrap; }
        td { overflow-wrap: anywhere; }
        td.count { text-align: right; font-variant-numeric: tabular-nums; }
        td.nowrap, .rule { white-space: nowrap; }
        section, p, li { overflow-wrap: anywhere; }
        .gil401 { --accent: var(--gil401); } .gil402 { --accent: var(--gil402); } .review { --accent: var(--review); }
        .slower { --accent: var(--slower); } .fine { --accent: var(--fine); } .race { --accent: var(--bar); }
        .rule { display: inline-block; font-size: .75rem; font-weight: 600; color: #fff; background: var(--accent); border-radius: 3px; padding: 0 .35em; text-decoration: none; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
        figure.chart { margin: 0; padding: .75rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
        figure.chart figcaption { font-weight: 600; margin-bottom: .5rem; }
        .bar-row { display: grid; grid-template-columns: minmax(6rem, 40%) 1fr 2.5rem; gap: .5rem; align-items: center; margin: .25rem 0; }
        .bar-label { overflow-wrap: anywhere; font-size: .9rem; }
        .bar-track { background: var(--panel); border-radius: 3px; height: .9rem; }
        .bar-fill { display: block; height: 100%; border-radius: 3px; background: var(--accent, var(--bar)); }
        .bar-count { text-align: right; font-variant-numeric: tabular-nums; }
        section.dependency { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
        dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: .5rem 0 0; }
        dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; } dd ul { margin: 0; padding-left: 1.1rem; }
        details > summary { cursor: pointer; }
        @media (max-width: 40rem) {
          main { padding: .75rem; } dl { grid-template-columns: minmax(0, 1fr); } dt { margin-top: .35rem; }
          .scroll { overflow-x: visible; border: none; }
          .scroll table, .scroll tbody, .scroll tr, .scroll td { display: block; width: 100%; }
          .scroll thead { display: none; }
          .scroll tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .6rem; padding: .35rem .6rem; }
          .scroll td { border: none; padding: .1rem 0; white-space: normal; }
          .scroll td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
        }
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
        html.Append("<p class=\"meta\"><strong>Target:</strong> ").Append(Html.Text(ReportText.TargetLine(report))).Append("</p>\n");
        if (report.Inputs.Count > 0)
        {
            html.Append("<p class=\"meta\"><strong>Inputs:</strong> ").Append(string.Join(", ", report.Inputs.Select(Html.Code))).Append("</p>\n");
        }

        html.Append("<p class=\"headline ").Append(report.HasBlockers ? "blocked" : "clear").Append("\">").Append(Html.Text(ReportText.Headline(report))).Append("</p>\n");
        // "blocked" only for races found; "not checked" is no all-clear, so it gets neither colour.
        var ownCode = report.SharedStateFindings.Any(d => !d.IsSuppressed) ? " blocked" : report.FreeThreading is null ? string.Empty : " clear";
        html.Append("<p class=\"headline").Append(ownCode).Append("\"><a href=\"#own-code\">").Append(Html.Text(ReportText.OwnCodeHeadline(report))).Append("</a></p>\n");

        AppendPlan(html, report);
        AppendCharts(html, report);
        AppendDetails(html, report);
        AppendOwnCode(html, report);
        AppendWorksSlower(html, report);
        html.Append("<h2 id=\"review\">Needs review</h2>\n");
        AppendTable(html, report, [.. report.InGroup(DependencyGroup.NeedsReview)]);
        AppendNotOnTarget(html, report);
        AppendWorks(html, report);
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
            .Append(string.Join(", ", DependencyRules.All.Concat(OwnCodeRules).Select(RuleLink)))
            .Append(".</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendPlan(StringBuilder html, AuditReport report)
    {
        html.Append("<h2 id=\"plan\">Upgrade plan</h2>\n");
        var plan = report.UpgradePlan;
        if (plan.Count == 0)
        {
            html.Append("<p class=\"none\">").Append(Html.Text($"Nothing to change: no dependency blocks free-threading on {report.Target.Name}.")).Append("</p>\n");
            return;
        }

        html.Append("<div class=\"scroll\"><table class=\"plan\">\n<thead><tr><th>Package</th><th>Pinned</th><th>First free-threaded version</th><th>Action</th><th>Pulled in by</th><th>Rule</th></tr></thead>\n<tbody>\n");
        foreach (var row in plan)
        {
            var entry = row.Entry;
            var place = entry.Pins.FirstOrDefault() ?? entry.PinnedAt;
            var version = Html.Text(entry.Version ?? "unpinned");
            html.Append("<tr><td class=\"nowrap\"><a href=\"#").Append(ReportText.AnchorId(entry)).Append("\">").Append(Html.Text(entry.Name)).Append("</a>")
                .Append(entry.Scope.Length == 0 ? string.Empty : " <span class=\"muted\">in " + Html.Code(entry.Scope + "/") + "</span>")
                .Append("</td><td class=\"nowrap\" data-label=\"Pinned\">").Append(place is null ? version : $"<a href=\"{Html.Text(ReportText.Href(report, place))}\">{version}</a>")
                .Append("</td><td data-label=\"First free-threaded version\">").Append(row.FirstFreeThreadedVersion is { } first ? Html.Text(first) : "<span class=\"muted\">none known</span>")
                .Append("</td><td data-label=\"Action\">").Append(Html.Text(row.Action))
                .Append("</td><td data-label=\"Pulled in by\">").Append(Html.Text(ReportText.PulledIn(entry)))
                .Append("</td><td class=\"nowrap\" data-label=\"Rule\">").Append(RuleBadge(entry.RuleId!)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendCharts(StringBuilder html, AuditReport report)
    {
        if (!report.HasBlockers)
        {
            return;
        }

        html.Append("<h2 id=\"glance\">Blockers at a glance</h2>\n<div class=\"charts\">\n");
        var kinds = ReportText.Summary(report).Take(2).Select(r => (r.Label, r.Count, r.Css)).ToList();
        AppendChart(html, "By kind", kinds);
        AppendChart(html, "By direct dependency", [.. report.BlockersByDirectDependency.Select(d => (d.DirectDependency, d.Blockers, "bar"))]);
        html.Append("</div>\n");
    }

    private static void AppendChart(StringBuilder html, string caption, IReadOnlyList<(string Label, int Count, string Css)> rows)
    {
        var most = Math.Max(1, rows.Max(r => r.Count));
        var description = string.Join(", ", rows.Select(r => $"{r.Label}: {r.Count.ToString(CultureInfo.InvariantCulture)}"));
        html.Append("<figure class=\"chart\" role=\"img\" aria-label=\"").Append(Html.Text($"{caption}: {description}")).Append("\">\n<figcaption>")
            .Append(Html.Text(caption)).Append("</figcaption>\n");
        foreach (var (label, count, css) in rows)
        {
            var width = (count * 100.0 / most).ToString("0.##", CultureInfo.InvariantCulture);
            html.Append("<div class=\"bar-row ").Append(css).Append("\"><span class=\"bar-label\">").Append(Html.Text(label))
                .Append("</span><span class=\"bar-track\"><span class=\"bar-fill\" style=\"width: ").Append(width).Append("%\"></span></span><span class=\"bar-count\">")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append("</span></div>\n");
        }

        html.Append("</figure>\n");
    }

    private static void AppendDetails(StringBuilder html, AuditReport report)
    {
        var blockers = report.InGroup(DependencyGroup.Blocker).ToList();
        if (blockers.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"details\">Blockers in detail</h2>\n");
        foreach (var entry in blockers)
        {
            var css = entry.RuleId == GilReenablingDependency.Id ? "gil401" : "gil402";
            html.Append("<section class=\"dependency ").Append(css).Append("\" id=\"").Append(ReportText.AnchorId(entry)).Append("\">\n");
            html.Append("<h3>").Append(Html.Text($"{entry.Display}: {VerdictWords.Phrase(entry.Verdict)}")).Append(' ').Append(RuleBadge(entry.RuleId!)).Append("</h3>\n");
            html.Append("<p>").Append(Html.Text(ReportText.Sentence(entry.Summary))).Append("</p>\n<dl>\n");
            html.Append("<dt>Action</dt><dd>").Append(Html.Text(ReportText.PlanRow(entry).Action)).Append("</dd>\n");
            html.Append("<dt>Pulled in by</dt><dd>").Append(Html.Text(ReportText.PulledIn(entry))).Append("</dd>\n");
            AppendPlaces(html, report, "Declared at", entry.DeclaredAt);
            AppendPlaces(html, report, "Pinned at", entry.Pins.Count > 0 ? entry.Pins : entry.DeclaredAt.Count == 0 && entry.PinnedAt is { } pinned ? [pinned] : []);
            if (entry.ModulesNeedingGil.Count > 0)
            {
                html.Append("<dt>Modules that need the GIL</dt><dd>").Append(string.Join(", ", entry.ModulesNeedingGil.Select(Html.Code))).Append("</dd>\n");
            }

            html.Append("<dt>Imported at</dt><dd>");
            if (entry.Imports.Count == 0)
            {
                html.Append("<span class=\"none\">not imported by the project&#39;s code</span>");
            }
            else
            {
                html.Append(string.Join(", ", entry.Imports.Take(ImportsShown).Select(i => FileLink(report, i.Location, ReportText.PlaceWithColumn(i.Location)) + Html.Text(ReportText.ImportNote(i)))));
                if (entry.Imports.Count > ImportsShown)
                {
                    html.Append(Html.Text($" and {entry.Imports.Count - ImportsShown} more"));
                }
            }

            html.Append("</dd>\n</dl>\n<details><summary>Evidence (").Append(ReportText.Confidence(entry.Confidence)).Append(" confidence)</summary>\n<ul>\n");
            foreach (var evidence in entry.Evidence)
            {
                html.Append("<li><strong>").Append(Html.Text(VerdictWords.Phrase(evidence.Kind))).Append("</strong>: ").Append(Html.Text(evidence.Summary))
                    .Append(EvidenceSource(report, evidence)).Append("</li>\n");
            }

            html.Append("</ul>\n</details>\n</section>\n");
        }
    }

    private static string EvidenceSource(AuditReport report, ReportedEvidence evidence)
    {
        var links = evidence.Links.Select(url => $"<a href=\"{Html.Text(url)}\">{Html.Text(ReportText.LinkName(url))}</a>").ToList();
        if (evidence.Location is { } place)
        {
            links.Insert(0, FileLink(report, place, ReportText.Place(place)));
        }

        return links.Count > 0
            ? " <span class=\"muted\">(" + string.Join(", ", links) + ")</span>"
            : " <span class=\"muted\">(" + Html.Text(evidence.Source) + ")</span>";
    }

    private static void AppendPlaces(StringBuilder html, AuditReport report, string label, IReadOnlyList<Location> places)
    {
        if (places.Count == 0)
        {
            return;
        }

        html.Append("<dt>").Append(label).Append("</dt><dd>").Append(string.Join(", ", places.Select(p => FileLink(report, p, ReportText.Place(p))))).Append("</dd>\n");
    }

    private static void AppendWorksSlower(StringBuilder html, AuditReport report)
    {
        var slower = report.Dependencies.Where(d => d.Verdict == Verdict.PurePythonFallback).ToList();
        if (slower.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"slower\">Works, slower</h2>\n<p class=\"muted\">No free-threaded build, but a pure-Python implementation installs or takes over: not blockers.</p>\n");
        html.Append("<div class=\"scroll\"><table>\n<thead><tr><th>Dependency</th><th>Why</th><th>Source</th></tr></thead>\n<tbody>\n");
        foreach (var entry in slower)
        {
            var sources = entry.Evidence.SelectMany(e => e.Links).Distinct(StringComparer.Ordinal)
                .Select(url => $"<a href=\"{Html.Text(url)}\">{Html.Text(ReportText.LinkName(url))}</a>").ToList();
            html.Append("<tr id=\"").Append(ReportText.AnchorId(entry)).Append("\"><td>").Append(Html.Text(entry.Display)).Append("</td><td data-label=\"Why\">").Append(Html.Text(entry.Summary))
                .Append("</td><td data-label=\"Source\">").Append(sources.Count == 0 ? "–" : string.Join(", ", sources)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendNotOnTarget(StringBuilder html, AuditReport report)
    {
        html.Append("<h2 id=\"not-on-target\">Not on this target</h2>\n");
        if (report.NotOnTarget.Count == 0)
        {
            html.Append("<p class=\"none\">None: the target installs every pinned dependency.</p>\n");
            return;
        }

        html.Append("<p class=\"muted\">").Append(Html.Text($"Pinned or declared, but {report.Target.Description} does not install them (their environment markers exclude it): not findings.")).Append("</p>\n");
        html.Append("<div class=\"scroll\"><table>\n<thead><tr><th>Dependency</th><th>Why not</th><th>Where</th></tr></thead>\n<tbody>\n");
        foreach (var excluded in report.NotOnTarget)
        {
            html.Append("<tr><td>").Append(Html.Text(excluded.Display)).Append("</td><td data-label=\"Why not\">").Append(Html.Text(excluded.Reason))
                .Append("</td><td data-label=\"Where\">").Append(excluded.Location is { } place ? FileLink(report, place, ReportText.Place(place)) : "–").Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendWorks(StringBuilder html, AuditReport report)
    {
        var works = report.InGroup(DependencyGroup.NotBlocking).Where(d => d.Verdict != Verdict.PurePythonFallback).ToList();
        html.Append("<h2 id=\"works\">Works on ").Append(Html.Text(report.Target.Name)).Append("</h2>\n");
        if (works.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n");
            return;
        }

        html.Append("<details><summary>").Append(ReportText.Count(works.Count, "dependency", "dependencies")).Append(": pure Python, declared support, or no extension modules</summary>\n");
        AppendTable(html, report, works);
        html.Append("</details>\n");
    }

    private static void AppendTable(StringBuilder html, AuditReport report, List<DependencyReportEntry> entries)
    {
        if (entries.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n");
            return;
        }

        html.Append("<div class=\"scroll\"><table>\n<thead><tr><th>Dependency</th><th>Verdict</th><th>Why</th><th>Imported at</th></tr></thead>\n<tbody>\n");
        foreach (var entry in entries)
        {
            var imports = entry.Imports.Count == 0 ? "–"
                : string.Join(", ", entry.Imports.Take(ImportsShown).Select(i => FileLink(report, i.Location, ReportText.PlaceWithColumn(i.Location))))
                  + (entry.Imports.Count > ImportsShown ? Html.Text($" and {entry.Imports.Count - ImportsShown} more") : string.Empty);
            html.Append("<tr id=\"").Append(ReportText.AnchorId(entry)).Append("\"><td>").Append(Html.Text(entry.Display))
                .Append("</td><td data-label=\"Verdict\">").Append(Html.Text(VerdictWords.Phrase(entry.Verdict)))
                .Append("</td><td data-label=\"Why\">").Append(Html.Text(entry.Summary))
                .Append("</td><td data-label=\"Imported at\">").Append(imports).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    // --confirm: each measured finding with its figures and its chart, inline SVG (our own, escaped text).
    private static void AppendMeasurements(StringBuilder html, AuditReport report)
    {
        var measured = report.MeasuredFindings.ToList();
        if (measured.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"confirmation\">Confirmation</h2>\n");
        foreach (var (finding, measurement) in measured)
        {
            html.Append("<figure>\n");
            if (measurement.Svg is { } svg)
            {
                html.Append(svg.ReplaceLineEndings("\n").TrimEnd('\n')).Append('\n');
            }

            html.Append("<figcaption>").Append(RuleLink(finding.Descriptor)).Append(" at ").Append(FileLink(report, finding.Location, ReportText.PlaceWithColumn(finding.Location)))
                .Append(": ").Append(Html.Text(measurement.Summary)).Append("</figcaption>\n</figure>\n");
        }
    }

    // The content of MarkdownAuditRenderer's section of the same name, one card per finding.
    private static void AppendOwnCode(StringBuilder html, AuditReport report)
    {
        html.Append("<h2 id=\"own-code\">Your code under free-threading</h2>\n");
        var shown = report.SharedStateFindings.Where(d => !d.IsSuppressed).Select(SharedStateReportEntry.From).ToList();
        if (report.FreeThreading is { ThreadStarts: > 0 } coverage)
        {
            html.Append("<p class=\"muted\">").Append(Html.Text(ReportText.OwnCodeScope(coverage))).Append("</p>\n");
        }

        if (shown.Count == 0)
        {
            html.Append("<p class=\"none\">").Append(Html.Text(ReportText.Sentence(ReportText.OwnCodeEmpty(report)))).Append("</p>\n");
            return;
        }

        foreach (var entry in shown)
        {
            var finding = entry.Finding;
            html.Append("<section class=\"dependency race\">\n<h3>").Append(RuleBadge(finding.RuleId)).Append(" at ")
                .Append(FileLink(report, finding.Location, ReportText.PlaceWithColumn(finding.Location)));
            if (entry.Code.Length > 0)
            {
                html.Append(": ").Append(Html.Code(entry.Code));
            }

            html.Append(" <span class=\"muted\">").Append(Html.Text($"({ReportText.Level(finding.Level)}, {ReportText.Confidence(finding.Confidence)} confidence)")).Append("</span></h3>\n<dl>\n");
            AppendTerm(html, "Shared", entry.Shared);
            AppendTerm(html, "What goes wrong", entry.WhatGoesWrong);
            AppendTerm(html, finding.RuleId == UnsynchronisedReadModifyWrite.Id ? "Written by" : "Changed by", string.Join("; ", entry.WrittenBy));
            AppendTerm(html, "Fix", entry.Fix);
            if (entry.AlsoInvolved.Count > 0)
            {
                html.Append("<dt>Also involved</dt><dd><ul>\n");
                AppendPlaceItems(html, report, entry.AlsoInvolved.Select(place => (place.Location, place.Message)));
                html.Append("</ul></dd>\n");
            }

            html.Append("</dl>\n");
            if (finding.CodeFlow.Length > 0)
            {
                html.Append("<details><summary>Path from the thread start</summary>\n<ol>\n");
                AppendPlaceItems(html, report, finding.CodeFlow.Select(step => (step.Location, step.Message)));
                html.Append("</ol>\n</details>\n");
            }

            html.Append("</section>\n");
        }

        var suppressed = report.SharedStateFindings.Count(d => d.IsSuppressed);
        if (suppressed > 0)
        {
            html.Append("<p class=\"none\">").Append(Html.Text($"{ReportText.Count(suppressed, "suppressed finding is", "suppressed findings are")} not shown.")).Append("</p>\n");
        }
    }

    private static void AppendTerm(StringBuilder html, string term, string text)
    {
        if (text.Length > 0)
        {
            html.Append("<dt>").Append(Html.Text(term)).Append("</dt><dd>").Append(Html.Text(text)).Append("</dd>\n");
        }
    }

    private static void AppendCodeFindings(StringBuilder html, AuditReport report)
    {
        html.Append("<h2 id=\"code\">Code findings</h2>\n");
        var findings = report.OtherCodeFindings;
        var shown = findings.Where(d => !d.IsSuppressed).ToList();
        if (shown.Count == 0)
        {
            html.Append("<p class=\"none\">None.</p>\n");
        }
        else
        {
            html.Append("<div class=\"scroll\"><table>\n<thead><tr><th>Location</th><th>Rule</th><th>Level</th><th>Message</th></tr></thead>\n<tbody>\n");
            foreach (var finding in shown)
            {
                html.Append("<tr><td>").Append(FileLink(report, finding.Location, ReportText.PlaceWithColumn(finding.Location)))
                    .Append("</td><td data-label=\"Rule\">").Append(RuleLink(finding.Descriptor))
                    .Append("</td><td data-label=\"Level\">").Append(ReportText.Level(finding.Level))
                    .Append("</td><td>").Append(Html.Text(finding.Message)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n");
        }

        var suppressed = findings.Count - shown.Count;
        if (suppressed > 0)
        {
            html.Append("<p class=\"none\">").Append(Html.Text($"{ReportText.Count(suppressed, "suppressed finding is", "suppressed findings are")} not shown.")).Append("</p>\n");
        }
    }

    /// <summary>One list item a place: a link to the file and line, then what happens there.</summary>
    private static void AppendPlaceItems(StringBuilder html, AuditReport report, IEnumerable<(Location Location, string Message)> places)
    {
        foreach (var (location, message) in places)
        {
            html.Append("<li>").Append(FileLink(report, location, ReportText.PlaceWithColumn(location))).Append(' ').Append(Html.Text(message)).Append("</li>\n");
        }
    }

    private static string FileLink(AuditReport report, Location location, string text) =>
        $"<a href=\"{Html.Text(ReportText.Href(report, location))}\">{Html.Code(text)}</a>";

    private static string RuleBadge(string ruleId)
    {
        var css = ruleId == GilReenablingDependency.Id ? "gil401" : FreeThreadingCoverage.IsFreeThreadingRule(ruleId) ? "race" : "gil402";
        return $"<a class=\"rule {css}\" href=\"{Html.Text(RuleHelpLinks.For(ruleId).AbsoluteUri)}\">{Html.Text(ruleId)}</a>";
    }

    private static string RuleLink(RuleDescriptor rule) =>
        $"<a href=\"{Html.Text(rule.HelpUri.AbsoluteUri)}\">{Html.Text(rule.Id)}</a>";
}
