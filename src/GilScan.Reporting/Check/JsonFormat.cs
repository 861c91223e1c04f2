using System.Text.Json;
using GilScan.Analysis.Diagnostics;
using GilScan.Sarif;

namespace GilScan.Reporting.Check;

/// <summary>
/// <c>--format json</c>: gilscan's own stable shape (documented in the README, "JSON output"), version 1.
/// Every finding is listed, suppressed and baselined ones included, each with enough to filter on
/// (<c>suppressed</c>, <c>baselineState</c>); paths are project-relative with '/', lines and columns
/// 1-based in UTF-16 code units, ends exclusive (as in SARIF). Keys are always written in the same
/// order, so the output is byte-stable.
/// </summary>
public static class JsonFormat
{
    public const int Version = 1;

    /// <param name="report">The run.</param>
    /// <param name="toolVersion">The version of gilscan that ran it (the CLI's package version, as SARIF gives it).</param>
    /// <param name="output">Receives UTF-8 JSON and a final newline.</param>
    public static void Write(CheckReport report, string toolVersion, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, NewLine = "\n" });
        json.WriteStartObject();
        json.WriteNumber("version", Version);
        json.WriteStartObject("tool");
        json.WriteString("name", "gilscan");
        json.WriteString("version", toolVersion);
        json.WriteEndObject();

        json.WriteStartObject("summary");
        json.WriteNumber("files", report.FileCount);
        json.WriteNumber("findings", report.Findings.Count);
        json.WriteNumber("shown", report.Shown.Count());
        json.WriteNumber("suppressed", report.SuppressedCount);
        json.WriteNumber("baselined", report.BaselinedCount);
        json.WriteNumber("absent", report.AbsentCount);
        json.WriteBoolean("executionSuccessful", report.ExecutionSuccessful);
        json.WriteEndObject();

        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            WriteFinding(json, finding, report.HasBaseline);
        }

        json.WriteEndArray();
        json.WriteStartArray("notifications");
        foreach (var notification in report.Notifications)
        {
            json.WriteStartObject();
            json.WriteString("level", DiagnosticJson.LevelName(notification.Level));
            json.WriteString("message", notification.Message);
            WriteNullableString(json, "path", notification.Path);
            if (notification.Span is { } span)
            {
                WritePosition(json, "start", span.StartLine, span.StartColumnUtf16);
            }
            else
            {
                json.WriteNull("start");
            }

            WriteNullableString(json, "rule", notification.Rule?.Id);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding, bool hasBaseline) =>
        DiagnosticJson.Write(json, finding.Diagnostic, OutputSchema.Instance, afterLocation: json =>
        {
            WriteNullableString(json, "fingerprint", finding.Fingerprint);
            WriteNullableString(json, "baselineState", hasBaseline ? BaselineName(finding.BaselineState) : null);
        });

    /// <summary>The output's side of <see cref="DiagnosticJson"/>: a location is flat (<c>path</c>, <c>start</c>,
    /// <c>end</c>, 1-based UTF-16 columns) and a property is its plain JSON value.</summary>
    private sealed class OutputSchema : DiagnosticJsonSchema
    {
        public static readonly OutputSchema Instance = new();

        public override void WriteLocation(Utf8JsonWriter json, Location location) => JsonFormat.WriteLocation(json, location);

        public override void WriteProperty(Utf8JsonWriter json, PropertyValue value) => JsonFormat.WriteProperty(json, value);
    }

    private static void WriteLocation(Utf8JsonWriter json, Location location)
    {
        json.WriteString("path", location.Path);
        WritePosition(json, "start", location.Span.StartLine, location.Span.StartColumnUtf16);
        WritePosition(json, "end", location.Span.EndLine, location.Span.EndColumnUtf16);
    }

    private static void WritePosition(Utf8JsonWriter json, string name, int line, int column0)
    {
        json.WriteStartObject(name);
        json.WriteNumber("line", line);
        json.WriteNumber("column", column0 + 1);
        json.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter json, PropertyValue value)
    {
        switch (value)
        {
            case PropertyValue.Text text:
                json.WriteStringValue(text.Value);
                break;
            case PropertyValue.Integer integer:
                json.WriteNumberValue(integer.Value);
                break;
            case PropertyValue.Real real:
                json.WriteNumberValue(real.Value);
                break;
            case PropertyValue.Boolean boolean:
                json.WriteBooleanValue(boolean.Value);
                break;
            case PropertyValue.TextList list:
                json.WriteStartArray();
                foreach (var item in list.Values)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            case PropertyValue.ItemList items:
                json.WriteStartArray();
                foreach (var item in items.Values)
                {
                    WriteProperty(json, item);
                }

                json.WriteEndArray();
                break;
            case PropertyValue.Map map:
                json.WriteStartObject();
                foreach (var (key, entry) in map.Entries)
                {
                    json.WritePropertyName(key);
                    WriteProperty(json, entry);
                }

                json.WriteEndObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown property value kind.");
        }
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string BaselineName(ResultBaselineState state) => state switch
    {
        ResultBaselineState.New => "new",
        ResultBaselineState.Unchanged => "unchanged",
        ResultBaselineState.Updated => "updated",
        ResultBaselineState.Absent => "absent",
        _ => "notCompared",
    };
}
