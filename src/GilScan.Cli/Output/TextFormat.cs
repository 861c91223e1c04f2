using System.Globalization;
using System.Text;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Cli.Output;

/// <summary>
/// The default format, like ruff's: one line per finding, <c>path:line:col: GIL101 message</c>
/// (path relative to the current folder, 1-based line and column), with <c>--confirm</c> the verdict
/// indented on the next line, optionally the source line with the finding underlined, then a summary line.
/// </summary>
internal static class TextFormat
{
    public static void Write(CheckReport report, bool showSource, TextWriter output)
    {
        foreach (var finding in report.Shown)
        {
            var d = finding.Diagnostic;
            output.Write(Heading(report, d));
            output.Write('\n');
            if (report.ConfirmationLine(d) is { } confirmation)
            {
                output.Write($"  {confirmation}\n");
            }

            if (showSource)
            {
                WriteSource(report, d, output);
            }
        }

        output.Write(Summary(report));
        output.Write('\n');
    }

    public static string Heading(CheckReport report, Diagnostic d) => string.Create(
        CultureInfo.InvariantCulture,
        $"{report.DisplayPath(d.Location.Path)}:{d.Location.Span.StartLine}:{d.Location.Span.StartColumnUtf16 + 1}: {d.RuleId} {d.Message}");

    public static string Summary(CheckReport report)
    {
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
            ? $"All checks passed!{tail}"
            : $"Found {shown} finding{(shown == 1 ? string.Empty : "s")}{tail}.";
    }

    // ruff-style: a gutter with the line number, the line, and carets under the span's part on that line.
    private static void WriteSource(CheckReport report, Diagnostic d, TextWriter output)
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
        output.Write($"{gutter} |\n{number} | {line}\n{gutter} | {marker} {d.RuleId}\n{gutter} |\n");
    }
}
