using System.Globalization;
using System.Text;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Reporting.Check;

/// <summary>
/// The default format, like ruff's concise one: one line per finding, <c>path:line:col: GIL101 message</c>
/// (path relative to the current folder, 1-based line and column), with <c>--confirm</c> the verdict
/// indented on the next line, optionally the source line with the finding underlined, then a summary
/// line. <c>--format grouped</c> is ruff's grouped format: each file's name once, then its findings as
/// <c>line:col GIL101 message</c> under it. Colour (<see cref="Ansi"/>) only changes the escapes
/// around the same characters.
/// </summary>
public static class TextFormat
{
    public static void Write(CheckReport report, bool showSource, TextWriter output, Ansi? colour = null)
    {
        colour ??= Ansi.None;
        foreach (var finding in report.Shown)
        {
            var d = finding.Diagnostic;
            output.Write(Heading(report, d, colour));
            output.Write('\n');
            WriteDetails(report, d, showSource, "  ", output, colour);
        }

        output.Write(Summary(report, colour));
        output.Write('\n');
    }

    public static void WriteGrouped(CheckReport report, bool showSource, TextWriter output, Ansi? colour = null)
    {
        colour ??= Ansi.None;
        foreach (var file in report.Shown.GroupBy(f => f.Diagnostic.Location.Path, StringComparer.Ordinal))
        {
            var findings = file.Select(f => f.Diagnostic).ToList();
            var lineWidth = findings.Max(d => Digits(d.Location.Span.StartLine));
            var columnWidth = findings.Max(d => Digits(d.Location.Span.StartColumnUtf16 + 1));
            output.Write($"{colour.Heading(report.DisplayPath(file.Key))}:\n");
            foreach (var d in findings)
            {
                var line = d.Location.Span.StartLine.ToString(CultureInfo.InvariantCulture).PadLeft(lineWidth);
                var column = (d.Location.Span.StartColumnUtf16 + 1).ToString(CultureInfo.InvariantCulture).PadRight(columnWidth);
                output.Write($"  {line}{colour.Separator(":")}{column} {colour.Code(d.RuleId)} {d.Message}\n");
                WriteDetails(report, d, showSource, "    ", output, colour);
            }

            output.Write('\n');
        }

        output.Write(Summary(report, colour));
        output.Write('\n');
    }

    public static string Heading(CheckReport report, Diagnostic d, Ansi? colour = null)
    {
        colour ??= Ansi.None;
        var colon = colour.Separator(":");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{colour.Path(report.DisplayPath(d.Location.Path))}{colon}{d.Location.Span.StartLine}{colon}{d.Location.Span.StartColumnUtf16 + 1}{colon} {colour.Code(d.RuleId)} {d.Message}");
    }

    public static string Summary(CheckReport report, Ansi? colour = null)
    {
        colour ??= Ansi.None;
        var shown = report.Shown.Count();
        var notes = new List<string>();
        if (report.SuppressedCount > 0)
        {
            notes.Add($"{report.SuppressedCount} suppressed");
        }

        if (report.BaselinedCount > 0)
        {
            notes.Add($"{report.BaselinedCount} already in the baseline");
        }

        if (report.AbsentCount > 0)
        {
            notes.Add($"{report.AbsentCount} of the baseline fixed");
        }

        var tail = notes.Count > 0 ? $" ({string.Join(", ", notes)})" : string.Empty;
        return shown == 0
            ? colour.Success("All checks passed!") + tail
            : $"Found {shown} finding{(shown == 1 ? string.Empty : "s")}{tail}.";
    }

    private static void WriteDetails(CheckReport report, Diagnostic d, bool showSource, string indent, TextWriter output, Ansi colour)
    {
        if (report.ConfirmationLine(d) is { } confirmation)
        {
            output.Write($"{indent}{confirmation}\n");
        }

        if (showSource)
        {
            WriteSource(report, d, output, colour);
        }
    }

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;

    // ruff-style: a gutter with the line number, the line, and carets under the span's part on that line.
    private static void WriteSource(CheckReport report, Diagnostic d, TextWriter output, Ansi colour)
    {
        var span = d.Location.Span;
        var line = report.LineText(d.Location.Path, span.StartLine);
        if (line is null)
        {
            return;
        }

        var number = span.StartLine.ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        var start = Math.Min(span.StartColumnUtf16, line.Length);
        var end = span.EndLine == span.StartLine ? Math.Min(span.EndColumnUtf16, line.Length) : line.Length;
        var marker = new StringBuilder();
        for (var i = 0; i < start; i++)
        {
            marker.Append(line[i] == '\t' ? '\t' : ' ');
        }

        marker.Append('^', Math.Max(1, end - start));
        var bar = colour.Separator("|");
        output.Write($"{gutter} {bar}\n{colour.Separator(number)} {bar} {line}\n{gutter} {bar} {colour.Code(marker.ToString() + " " + d.RuleId)}\n{gutter} {bar}\n");
    }
}
