using System.Text;
using System.Text.Json;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Tests.TestRules;

namespace GilScan.Analysis.Tests;

/// <summary>The one Diagnostic writer that the results cache and <c>--format json</c> share.</summary>
public sealed class DiagnosticJsonTests
{
    [Fact]
    public void Every_part_has_one_key_in_one_order_and_the_schema_writes_locations_and_properties()
    {
        var at = Location.StartOf("a.py");
        var diagnostic = new Diagnostic(ReportsEveryCall.Descriptor, at, "work") with
        {
            CodeFlow = [new CodeFlowStep(at, "loop", 1)],
            Fix = new Fix("Use a process pool", [new TextReplacement(at, "ProcessPoolExecutor")]),
        };

        var json = JsonDocument.Parse(Write(diagnostic, afterLocation: j => j.WriteString("extra", "x"))).RootElement;

        json.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["rule", "name", "level", "confidence", "message", "at", "extra", "suppressed", "related", "codeFlow", "properties", "fix"]);
        json.GetProperty("codeFlow")[0].GetProperty("nestingLevel").GetInt32().ShouldBe(1);
        json.GetProperty("fix").GetProperty("edits")[0].EnumerateObject().Select(p => p.Name).ShouldBe(["at", "text"]);
        json.GetProperty("suppressed").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Level_confidence_and_suppression_names_read_back_as_written()
    {
        foreach (var level in Enum.GetValues<RuleLevel>())
        {
            DiagnosticJson.ParseLevel(DiagnosticJson.LevelName(level)).ShouldBe(level);
        }

        foreach (var confidence in Enum.GetValues<Confidence>())
        {
            DiagnosticJson.ParseConfidence(DiagnosticJson.ConfidenceName(confidence)).ShouldBe(confidence);
        }

        foreach (var kind in Enum.GetValues<SuppressionKind>())
        {
            DiagnosticJson.ParseSuppressionKind(DiagnosticJson.SuppressionKindName(kind)).ShouldBe(kind);
        }

        Should.Throw<FormatException>(() => DiagnosticJson.ParseConfidence("High"));
    }

    private static string Write(Diagnostic diagnostic, Action<Utf8JsonWriter> afterLocation)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            DiagnosticJson.Write(json, diagnostic, new PathOnlySchema(), afterLocation);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class PathOnlySchema : DiagnosticJsonSchema
    {
        public override void WriteLocation(Utf8JsonWriter json, Location location) => json.WriteString("at", location.Path);

        public override void WriteProperty(Utf8JsonWriter json, PropertyValue value) => json.WriteStringValue(value.ToString());
    }
}
