using System.Text.Json;

namespace GilScan.Sarif.Tests;

/// <summary>Reads written SARIF back as plain JSON, so tests check the bytes consumers see, not our object model.</summary>
internal static class JsonAccess
{
    public static JsonElement Parse(byte[] utf8) => JsonDocument.Parse(utf8).RootElement.Clone();

    public static JsonElement P(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"No property '{name}' in {element}");

    public static JsonElement I(this JsonElement element, int index) => element[index];

    public static bool Has(this JsonElement element, string name) => element.TryGetProperty(name, out _);

    public static string S(this JsonElement element, string name) => element.P(name).GetString()!;

    public static int N(this JsonElement element, string name) => element.P(name).GetInt32();

    public static string[] Strings(this JsonElement element) => [.. element.EnumerateArray().Select(e => e.GetString()!)];

    public static JsonElement Run(byte[] sarif) => Parse(sarif).P("runs").I(0);

    /// <summary>The results of the run, for the rule given.</summary>
    public static JsonElement ResultFor(this JsonElement run, string ruleId) =>
        run.P("results").EnumerateArray().Single(r => r.S("ruleId") == ruleId);

    public static (int StartLine, int StartColumn, int EndLine, int EndColumn) Region(this JsonElement location)
    {
        var region = location.P("physicalLocation").P("region");
        return (region.N("startLine"), region.N("startColumn"), region.N("endLine"), region.N("endColumn"));
    }

    public static string Uri(this JsonElement location) => location.P("physicalLocation").P("artifactLocation").S("uri");
}
