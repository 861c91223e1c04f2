using System.Globalization;
using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Rules.Dependencies;
using GilScan.Rules.FreeThreading;

namespace GilScan.Reporting.Audit;

/// <summary>
/// Renders an <see cref="AuditReport"/> as GitHub-flavoured Markdown, in the order a reader acts on it:
/// the target and why, the upgrade plan (one row per blocker: pinned version, first free-threaded version,
/// action, what pulls it in), charts of the blockers by kind and by direct dependency (text bars), the
/// details of each blocker with its evidence as public links, then what works more slowly, what needs a
/// look, what the target does not install, and the rest. File locations are links relative to the
/// repository (<see cref="AuditReport.LinkPrefix"/>). Every piece of text from the inputs is escaped;
/// output is deterministic ('\n' line ends, invariant numbers, no dates).
/// </summary>
public static class MarkdownAuditRenderer
{
    private const int BarWidth = 20;
    private const int ImportsShown = 5;

    public static string Render(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# ").Append(Markdown.Text(ReportText.Title(report))).Append("\n\n");
        md.Append("**Target:** ").Append(Markdown.Text(ReportText.TargetLine(report))).Append("\n\n");
        if (report.Inputs.Count > 0)
        {
            md.Append("**Inputs:** ").Append(string.Join(", ", report.Inputs.Select(i => Markdown.Code(i)))).Append("\n\n");
        }

        md.Append("**").Append(Markdown.Text(ReportText.Headline(report))).Append("**\n\n");
        md.Append("**").Append(Markdown.Text(ReportText.OwnCodeHeadline(report))).Append("**\n\n");

        AppendPlan(md, report);
        AppendCharts(md, report);
        AppendDetails(md, report);
        AppendOwnCode(md, report);
        AppendWorksSlower(md, report);
        md.Append("## Needs review\n\n");
        AppendTable(md, report, [.. report.InGroup(DependencyGroup.NeedsReview)]);
        AppendNotOnTarget(md, report);
        AppendWorks(md, report);
        AppendCodeFindings(md, report);
        AppendMeasurements(md, report);
        if (report.Notifications.Count > 0)
        {
            md.Append("## Input problems\n\n");
            foreach (var notification in report.Notifications)
            {
                md.Append("- ").Append(ReportText.Level(notification.Level)).Append(": ").Append(Markdown.Text(ReportText.Notification(notification))).Append('\n');
            }

            md.Append('\n');
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void AppendPlan(StringBuilder md, AuditReport report)
    {
        md.Append("## Upgrade plan\n\n");
        var plan = report.UpgradePlan;
        if (plan.Count == 0)
        {
            md.Append(Markdown.Text($"Nothing to change: no dependency blocks free-threading on {report.Target.Name}.")).Append("\n\n");
            return;
        }

        md.Append("| Package | Pinned | First free-threaded version | Action | Pulled in by | Rule |\n|---|---|---|---|---|---|\n");
        foreach (var row in plan)
        {
            var entry = row.Entry;
            md.Append("| [").Append(Markdown.Text(entry.Name)).Append("](#").Append(ReportText.AnchorId(entry)).Append(')')
                .Append(entry.Scope.Length == 0 ? string.Empty : " in " + Markdown.Code(entry.Scope + "/"))
                .Append(" | ").Append(Pinned(report, entry))
                .Append(" | ").Append(Markdown.Cell(row.FirstFreeThreadedVersion ?? "none known"))
                .Append(" | ").Append(Markdown.Cell(row.Action))
                .Append(" | ").Append(Markdown.Cell(ReportText.PulledIn(entry)))
                .Append(" | ").Append(RuleLink(entry.RuleId!)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static string Pinned(AuditReport report, DependencyReportEntry entry)
    {
        var version = Markdown.Cell(entry.Version ?? "unpinned");
        var place = entry.Pins.FirstOrDefault() ?? entry.PinnedAt;
        return place is null ? version : $"[{version}]({ReportText.Href(report, place)})";
    }

    private static void AppendCharts(StringBuilder md, AuditReport report)
    {
        if (!report.HasBlockers)
        {
            return;
        }

        md.Append("## Blockers at a glance\n\n");
        var byKind = ReportText.Summary(report).Take(2).Select(r => (r.Label, r.Count)).ToList();
        AppendBars(md, "Kind", byKind);
        AppendBars(md, "Direct dependency", report.BlockersByDirectDependency);
    }

    // A chart that every Markdown viewer shows: one table row per bar, the bar drawn with block characters.
    private static void AppendBars(StringBuilder md, string label, IReadOnlyList<(string Label, int Count)> rows)
    {
        var most = Math.Max(1, rows.Max(r => r.Count));
        md.Append("| ").Append(label).Append(" | Blockers | |\n|---|---:|---|\n");
        foreach (var (name, count) in rows)
        {
            var width = count == 0 ? 0 : Math.Max(1, (int)Math.Round(count * (double)BarWidth / most));
            md.Append("| ").Append(Markdown.Cell(name)).Append(" | ").Append(count.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(width == 0 ? "–" : new string('█', width)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendDetails(StringBuilder md, AuditReport report)
    {
        var blockers = report.InGroup(DependencyGroup.Blocker).ToList();
        if (blockers.Count == 0)
        {
            return;
        }

        md.Append("## Blockers in detail\n\n");
        foreach (var entry in blockers)
        {
            md.Append("### <a id=\"").Append(ReportText.AnchorId(entry)).Append("\"></a>").Append(Markdown.Text(ReportText.Heading(entry))).Append("\n\n");
            md.Append(Markdown.Line(ReportText.Sentence(entry.Summary))).Append("\n\n");
            md.Append("- **Action:** ").Append(Markdown.Text(ReportText.PlanRow(entry).Action)).Append('\n');
            md.Append("- **Pulled in by:** ").Append(Markdown.Text(ReportText.PulledIn(entry))).Append('\n');
            AppendPlaces(md, report, "Declared at", entry.DeclaredAt);
            AppendPlaces(md, report, "Pinned at", entry.Pins.Count > 0 ? entry.Pins : entry.DeclaredAt.Count == 0 && entry.PinnedAt is { } pinned ? [pinned] : []);
            if (entry.ModulesNeedingGil.Count > 0)
            {
                md.Append("- **Modules that need the GIL:** ").Append(string.Join(", ", entry.ModulesNeedingGil.Select(m => Markdown.Code(m)))).Append('\n');
            }

            md.Append("- **Evidence** (").Append(ReportText.Confidence(entry.Confidence)).Append(" confidence):\n");
            foreach (var evidence in entry.Evidence)
            {
                md.Append("  - ").Append(Markdown.Text($"{VerdictWords.Phrase(evidence.Kind)}: {evidence.Summary}")).Append(EvidenceSource(report, evidence)).Append('\n');
            }

            AppendImports(md, report, entry);
            md.Append('\n');
        }
    }

    private static string EvidenceSource(AuditReport report, ReportedEvidence evidence)
    {
        var links = evidence.Links.Select(url => $"[{Markdown.Text(ReportText.LinkName(url))}]({url})").ToList();
        if (evidence.Location is { } place)
        {
            links.Insert(0, $"[{Markdown.Text(ReportText.Place(place))}]({ReportText.Href(report, place)})");
        }

        return links.Count > 0 ? " (" + string.Join(", ", links) + ")" : " (" + Markdown.Text(evidence.Source) + ")";
    }

    private static void AppendPlaces(StringBuilder md, AuditReport report, string label, IReadOnlyList<Location> places)
    {
        if (places.Count == 0)
        {
            return;
        }

        md.Append("- **").Append(label).Append(":** ").Append(string.Join(", ", places.Select(p => FileLink(report, p, ReportText.Place(p))))).Append('\n');
    }

    private static void AppendImports(StringBuilder md, AuditReport report, DependencyReportEntry entry)
    {
        if (entry.Imports.Count == 0)
        {
            md.Append("- **Imported at:** not imported by the project's code\n");
            return;
        }

        md.Append("- **Imported at** (").Append(entry.Imports.Count.ToString(CultureInfo.InvariantCulture)).Append("): ")
            .Append(string.Join(", ", entry.Imports.Take(ImportsShown).Select(i => FileLink(report, i.Location, ReportText.PlaceWithColumn(i.Location)) + Markdown.Text(ReportText.ImportNote(i)))));
        if (entry.Imports.Count > ImportsShown)
        {
            md.Append(Markdown.Text($" and {entry.Imports.Count - ImportsShown} more"));
        }

        md.Append('\n');
    }

    private static void AppendWorksSlower(StringBuilder md, AuditReport report)
    {
        var slower = report.Dependencies.Where(d => d.Verdict == Verdict.PurePythonFallback).ToList();
        if (slower.Count == 0)
        {
            return;
        }

        md.Append("## Works, slower\n\n");
        md.Append(Markdown.Text("No free-threaded build, but a pure-Python implementation installs or takes over: not blockers.")).Append("\n\n");
        md.Append("| Dependency | Why | Source |\n|---|---|---|\n");
        foreach (var entry in slower)
        {
            var sources = entry.Evidence.SelectMany(e => e.Links).Distinct(StringComparer.Ordinal).Select(url => $"[{Markdown.Text(ReportText.LinkName(url))}]({url})").ToList();
            md.Append("| ").Append(Markdown.Cell(entry.Display)).Append(" | ").Append(Markdown.Cell(entry.Summary))
                .Append(" | ").Append(sources.Count == 0 ? "–" : string.Join(", ", sources)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendNotOnTarget(StringBuilder md, AuditReport report)
    {
        md.Append("## Not on this target\n\n");
        if (report.NotOnTarget.Count == 0)
        {
            md.Append("None: the target installs every pinned dependency.\n\n");
            return;
        }

        md.Append(Markdown.Text($"Pinned or declared, but {report.Target.Description} does not install them (their environment markers exclude it): not findings.")).Append("\n\n");
        md.Append("| Dependency | Why not | Where |\n|---|---|---|\n");
        foreach (var excluded in report.NotOnTarget)
        {
            md.Append("| ").Append(Markdown.Cell(excluded.Display)).Append(" | ").Append(Markdown.Cell(excluded.Reason))
                .Append(" | ").Append(excluded.Location is { } place ? FileLink(report, place, ReportText.Place(place)) : "–").Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendWorks(StringBuilder md, AuditReport report)
    {
        var works = report.InGroup(DependencyGroup.NotBlocking).Where(d => d.Verdict != Verdict.PurePythonFallback).ToList();
        md.Append("## Works on ").Append(Markdown.Text(report.Target.Name)).Append("\n\n");
        if (works.Count == 0)
        {
            md.Append("None.\n\n");
            return;
        }

        md.Append("<details><summary>").Append(ReportText.Count(works.Count, "dependency", "dependencies")).Append(": pure Python, declared support, or no extension modules</summary>\n\n");
        AppendTable(md, report, works);
        md.Append("</details>\n\n");
    }

    private static void AppendTable(StringBuilder md, AuditReport report, List<DependencyReportEntry> entries)
    {
        if (entries.Count == 0)
        {
            md.Append("None.\n\n");
            return;
        }

        md.Append("| Dependency | Verdict | Why | Imported at |\n|---|---|---|---|\n");
        foreach (var entry in entries)
        {
            var imports = entry.Imports.Count == 0 ? "–"
                : string.Join(", ", entry.Imports.Take(ImportsShown).Select(i => FileLink(report, i.Location, ReportText.PlaceWithColumn(i.Location))))
                  + (entry.Imports.Count > ImportsShown ? Markdown.Text($" and {entry.Imports.Count - ImportsShown} more") : string.Empty);
            md.Append("| ").Append(Markdown.Cell(entry.Display))
                .Append(" | ").Append(Markdown.Cell(VerdictWords.Phrase(entry.Verdict)))
                .Append(" | ").Append(Markdown.Cell(entry.Summary))
                .Append(" | ").Append(imports).Append(" |\n");
        }

        md.Append('\n');
    }

    // --confirm: one subsection per measured finding, its figures, and its chart as inline SVG (on one
    // line, so that a Markdown renderer keeps it one HTML block).
    private static void AppendMeasurements(StringBuilder md, AuditReport report)
    {
        var measured = report.MeasuredFindings.ToList();
        if (measured.Count == 0)
        {
            return;
        }

        md.Append("## Confirmation\n\n");
        foreach (var (finding, measurement) in measured)
        {
            md.Append("### ").Append(Markdown.Text($"{finding.RuleId} at ")).Append(FileLink(report, finding.Location, ReportText.PlaceWithColumn(finding.Location))).Append("\n\n");
            md.Append(Markdown.Line(measurement.Summary)).Append("\n\n");
            if (measurement.Svg is { } svg)
            {
                md.Append(string.Join(' ', svg.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).Append("\n\n");
            }
        }
    }

    // The project's own code next to the dependency blockers: each GIL501/GIL502 finding with what is shared,
    // who writes it, the fix and the path from the thread start; or, without findings, what was checked.
    private static void AppendOwnCode(StringBuilder md, AuditReport report)
    {
        md.Append("## Your code under free-threading\n\n");
        var shown = report.SharedStateFindings.Where(d => !d.IsSuppressed).Select(SharedStateReportEntry.From).ToList();
        if (report.FreeThreading is { ThreadStarts: > 0 } coverage)
        {
            md.Append(Markdown.Line(ReportText.OwnCodeScope(coverage))).Append("\n\n");
        }

        if (shown.Count == 0)
        {
            md.Append(Markdown.Line(ReportText.Sentence(ReportText.OwnCodeEmpty(report)))).Append("\n\n");
            return;
        }

        foreach (var entry in shown)
        {
            var finding = entry.Finding;
            md.Append("### ").Append(RuleLink(finding.RuleId)).Append(" at ").Append(FileLink(report, finding.Location, ReportText.PlaceWithColumn(finding.Location)));
            if (entry.Code.Length > 0)
            {
                md.Append(": ").Append(Markdown.Code(entry.Code));
            }

            md.Append(Markdown.Text($" ({ReportText.Level(finding.Level)}, {ReportText.Confidence(finding.Confidence)} confidence)")).Append("\n\n");
            if (entry.Shared.Length > 0)
            {
                md.Append("- **Shared:** ").Append(Markdown.Text(entry.Shared)).Append('\n');
            }

            if (entry.WhatGoesWrong.Length > 0)
            {
                md.Append("- **What goes wrong:** ").Append(Markdown.Text(entry.WhatGoesWrong)).Append('\n');
            }

            if (entry.WrittenBy.Count > 0)
            {
                md.Append(finding.RuleId == UnsynchronisedReadModifyWrite.Id ? "- **Written by:** " : "- **Changed by:** ")
                    .Append(Markdown.Text(string.Join("; ", entry.WrittenBy))).Append('\n');
            }

            if (entry.Fix.Length > 0)
            {
                md.Append("- **Fix:** ").Append(Markdown.Text(entry.Fix)).Append('\n');
            }

            if (finding.CodeFlow.Length > 0)
            {
                md.Append("- **Path:**\n");
                foreach (var step in finding.CodeFlow)
                {
                    md.Append("  1. ").Append(FileLink(report, step.Location, ReportText.PlaceWithColumn(step.Location))).Append(' ').Append(Markdown.Text(step.Message)).Append('\n');
                }
            }

            if (entry.AlsoInvolved.Count > 0)
            {
                md.Append("- **Also involved:**\n");
                foreach (var place in entry.AlsoInvolved)
                {
                    md.Append("  - ").Append(FileLink(report, place.Location, ReportText.PlaceWithColumn(place.Location))).Append(' ').Append(Markdown.Text(place.Message)).Append('\n');
                }
            }

            md.Append('\n');
        }

        var suppressed = report.SharedStateFindings.Count(d => d.IsSuppressed);
        if (suppressed > 0)
        {
            md.Append(Markdown.Text($"{ReportText.Count(suppressed, "suppressed finding is", "suppressed findings are")} not shown.")).Append("\n\n");
        }
    }

    private static void AppendCodeFindings(StringBuilder md, AuditReport report)
    {
        md.Append("## Code findings\n\n");
        var findings = report.OtherCodeFindings;
        var shown = findings.Where(d => !d.IsSuppressed).ToList();
        if (shown.Count == 0)
        {
            md.Append("None.\n\n");
        }
        else
        {
            md.Append("| Location | Rule | Level | Message |\n|---|---|---|---|\n");
            foreach (var finding in shown)
            {
                md.Append("| ").Append(FileLink(report, finding.Location, ReportText.PlaceWithColumn(finding.Location)))
                    .Append(" | ").Append(RuleLink(finding.RuleId))
                    .Append(" | ").Append(ReportText.Level(finding.Level))
                    .Append(" | ").Append(Markdown.Cell(finding.Message)).Append(" |\n");
            }

            md.Append('\n');
        }

        var suppressed = findings.Count - shown.Count;
        if (suppressed > 0)
        {
            md.Append(Markdown.Text($"{ReportText.Count(suppressed, "suppressed finding is", "suppressed findings are")} not shown.")).Append("\n\n");
        }
    }

    private static string FileLink(AuditReport report, Location location, string text) =>
        $"[{Markdown.Code(text)}]({ReportText.Href(report, location)})";

    private static string RuleLink(string ruleId) => $"[{Markdown.Text(ruleId)}]({RuleHelpLinks.For(ruleId).AbsoluteUri})";
}
