using System.Globalization;
using System.Text;

namespace GilScan.Rules.Audit;

/// <summary>
/// Renders an <see cref="AuditReport"/> as GitHub-flavoured Markdown: a headline, a summary table,
/// one section per blocker (why, evidence strongest first, fix, where pinned, where imported), tables
/// for the dependencies that need review and the rest, the code findings, and input problems. Every
/// piece of text from the inputs is escaped; output is deterministic ('\n' line ends, invariant
/// numbers, no dates), so the same report gives the same bytes.
/// </summary>
public static class MarkdownAuditRenderer
{
    public static string Render(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# ").Append(Markdown.Text(ReportText.Title(report))).Append("\n\n");
        md.Append("Target: **CPython ").Append(Markdown.Text(report.Target.Name)).Append("**");
        if (report.Inputs.Count > 0)
        {
            md.Append(" · Inputs: ").Append(string.Join(", ", report.Inputs.Select(Markdown.Code)));
        }

        md.Append("\n\n**").Append(Markdown.Text(ReportText.Headline(report))).Append("** ").Append(Markdown.Text(ReportText.ExitStatus(report))).Append("\n\n");
        md.Append("| Verdict | Dependencies |\n|---|---:|\n");
        foreach (var (label, count, _) in ReportText.Summary(report))
        {
            md.Append("| ").Append(Markdown.Cell(label)).Append(" | ").Append(count.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        }

        md.Append("\n## Blockers\n\n");
        var blockers = report.InGroup(DependencyGroup.Blocker).ToList();
        if (blockers.Count == 0)
        {
            md.Append("None.\n\n");
        }

        foreach (var entry in blockers)
        {
            AppendBlocker(md, entry);
        }

        md.Append("## Needs review\n\n");
        AppendTable(md, [.. report.InGroup(DependencyGroup.NeedsReview)]);
        md.Append("## Not blocking\n\n");
        AppendTable(md, [.. report.InGroup(DependencyGroup.NotBlocking)]);
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

    private static void AppendBlocker(StringBuilder md, DependencyReportEntry entry)
    {
        md.Append("### ").Append(Markdown.Text(ReportText.Heading(entry))).Append("\n\n");
        md.Append(Markdown.Line(ReportText.Sentence(entry.Summary))).Append("\n\n");
        md.Append("- **Pinned at:** ").Append(entry.PinnedAt is { } pinned ? Markdown.Code(ReportText.Place(pinned)) : "no input under the project root");
        if (entry.AlsoNamedAt.Count > 0)
        {
            md.Append("; also named at ").Append(string.Join(", ", entry.AlsoNamedAt.Select(l => Markdown.Code(ReportText.Place(l)))));
        }

        md.Append('\n');
        md.Append("- **Confidence:** ").Append(ReportText.Confidence(entry.Confidence)).Append('\n');
        md.Append("- **Fix:** ").Append(Markdown.Text(entry.Fix ?? "none known")).Append('\n');
        if (entry.ModulesNeedingGil.Count > 0)
        {
            md.Append("- **Modules that need the GIL:** ").Append(string.Join(", ", entry.ModulesNeedingGil.Select(Markdown.Code))).Append('\n');
        }

        md.Append("- **Evidence**, strongest first:\n");
        var number = 1;
        foreach (var evidence in entry.Evidence)
        {
            md.Append("  ").Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". ")
                .Append(Markdown.Text($"{Dependencies.VerdictWords.Phrase(evidence.Kind)}: {evidence.Summary}")).Append(" (").Append(Markdown.Text(evidence.Source)).Append(")\n");
        }

        if (entry.Imports.Count == 0)
        {
            md.Append("- **Imported at:** not imported by the project's code\n\n");
            return;
        }

        md.Append("- **Imported at:**\n");
        foreach (var import in entry.Imports)
        {
            md.Append("  - ").Append(Markdown.Code(ReportText.PlaceWithColumn(import.Location))).Append(" imports ").Append(Markdown.Code(import.Module))
                .Append(Markdown.Text(ReportText.ImportNote(import))).Append('\n');
        }

        md.Append('\n');
    }

    private static void AppendTable(StringBuilder md, List<DependencyReportEntry> entries)
    {
        if (entries.Count == 0)
        {
            md.Append("None.\n\n");
            return;
        }

        md.Append("| Dependency | Verdict | Why | Imported at |\n|---|---|---|---|\n");
        foreach (var entry in entries)
        {
            var imports = entry.Imports.Count == 0 ? "–" : string.Join(", ", entry.Imports.Select(i => Markdown.Code(ReportText.PlaceWithColumn(i.Location))));
            md.Append("| ").Append(Markdown.Cell(entry.Display))
                .Append(" | ").Append(Markdown.Cell(Dependencies.VerdictWords.Phrase(entry.Verdict)))
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
            md.Append("### ").Append(Markdown.Text($"{finding.RuleId} at ")).Append(Markdown.Code(ReportText.PlaceWithColumn(finding.Location))).Append("\n\n");
            md.Append(Markdown.Line(measurement.Summary)).Append("\n\n");
            if (measurement.Svg is { } svg)
            {
                md.Append(string.Join(' ', svg.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).Append("\n\n");
            }
        }
    }

    private static void AppendCodeFindings(StringBuilder md, AuditReport report)
    {
        md.Append("## Code findings\n\n");
        var shown = report.CodeFindings.Where(d => !d.IsSuppressed).ToList();
        if (shown.Count == 0)
        {
            md.Append("None.\n\n");
        }
        else
        {
            md.Append("| Location | Rule | Level | Message |\n|---|---|---|---|\n");
            foreach (var finding in shown)
            {
                md.Append("| ").Append(Markdown.Code(ReportText.PlaceWithColumn(finding.Location)))
                    .Append(" | ").Append(Markdown.Cell(finding.RuleId))
                    .Append(" | ").Append(ReportText.Level(finding.Level))
                    .Append(" | ").Append(Markdown.Cell(finding.Message)).Append(" |\n");
            }

            md.Append('\n');
        }

        var suppressed = report.CodeFindings.Count - shown.Count;
        if (suppressed > 0)
        {
            md.Append(Markdown.Text($"{ReportText.Count(suppressed, "suppressed finding is", "suppressed findings are")} not shown.")).Append("\n\n");
        }
    }
}
