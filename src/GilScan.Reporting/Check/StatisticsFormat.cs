using System.Globalization;
using System.Text.Json;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Reporting.Check;

/// <summary>
/// <c>--statistics</c>: how many shown findings each rule has, most first (then by id). As text, one
/// line per rule (<c>    3  GIL001  SyntaxError</c>); as JSON, an array of
/// <c>{"rule", "name", "level", "count"}</c> objects.
/// </summary>
public static class StatisticsFormat
{
    public static IReadOnlyList<(RuleDescriptor Rule, int Count)> Count(CheckReport report) =>
        [.. report.Shown.GroupBy(f => f.Diagnostic.RuleId, StringComparer.Ordinal)
            .Select(group => (group.First().Diagnostic.Descriptor, group.Count()))
            .OrderByDescending(entry => entry.Item2)
            .ThenBy(entry => entry.Descriptor.Id, StringComparer.Ordinal)];

    public static void WriteText(CheckReport report, TextWriter output)
    {
        foreach (var (rule, count) in Count(report))
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{count,5}  {rule.Id}  {rule.Name}\n"));
        }
    }

    public static void WriteJson(CheckReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, NewLine = "\n" });
        json.WriteStartArray();
        foreach (var (rule, count) in Count(report))
        {
            json.WriteStartObject();
            json.WriteString("rule", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteString("level", DiagnosticJson.LevelName(rule.DefaultLevel));
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
