using System.Globalization;
using System.Text;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Reporting.Check;

/// <summary>
/// GitHub Actions workflow commands, one annotation per finding:
/// <c>::warning file=P,line=L,col=C,endLine=L2,endColumn=C2,title=GIL101 Title::message</c>.
/// Message data escapes '%', CR and LF; property values also ',' and ':' (as the Actions toolkit does).
/// </summary>
public static class GitHubFormat
{
    public static void Write(CheckReport report, TextWriter output)
    {
        foreach (var finding in report.Shown)
        {
            output.Write(Annotation(report, finding.Diagnostic));
            output.Write('\n');
        }

        foreach (var notification in report.StandaloneNotifications)
        {
            var file = notification.Path is null ? string.Empty : $" file={EscapeProperty(report.DisplayPath(notification.Path))}";
            output.Write($"::{Command(notification.Level)}{file}::{EscapeData(notification.Message)}\n");
        }
    }

    public static string Annotation(CheckReport report, Diagnostic d)
    {
        var span = d.Location.Span;
        var properties = new StringBuilder()
            .Append("file=").Append(EscapeProperty(report.DisplayPath(d.Location.Path)))
            .Append(CultureInfo.InvariantCulture, $",line={span.StartLine},col={span.StartColumnUtf16 + 1}")
            .Append(CultureInfo.InvariantCulture, $",endLine={span.EndLine}");
        if (span.EndLine == span.StartLine && span.EndColumnUtf16 > span.StartColumnUtf16)
        {
            // endColumn is inclusive and 1-based: our exclusive 0-based end is the same number.
            properties.Append(CultureInfo.InvariantCulture, $",endColumn={span.EndColumnUtf16}");
        }

        properties.Append(",title=").Append(EscapeProperty($"{d.RuleId} {d.Descriptor.Title}"));
        var message = report.ConfirmationLine(d) is { } confirmation ? $"{d.Message}\n{confirmation}" : d.Message;
        return $"::{Command(d.Level)} {properties}::{EscapeData(message)}";
    }

    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Command(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        _ => "notice",
    };
}
