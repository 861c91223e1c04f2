using System.Collections.Immutable;
using System.Text.Json;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using Keys = GilScan.Analysis.Diagnostics.DiagnosticJson.Keys;

namespace GilScan.Analysis.Caching;

/// <summary>
/// Writes and reads a <see cref="ResultSet"/> as JSON for the results cache: every field of each
/// diagnostic and notification, so that a cached run reports exactly what the run that filled the
/// cache reported. Rules are named by id and looked up again when read; an id that is no longer
/// known makes the entry unusable (<see cref="FormatException"/>), which the cache treats as a miss.
/// Diagnostics are written by <see cref="DiagnosticJson"/>, the writer <c>--format json</c> uses too.
/// </summary>
internal static class ResultSetJson
{
    private const string FingerprintKey = "fingerprintKey";
    private const string LocationKey = "location";
    private const string ConfirmationKey = "confirmationRequest";

    public static void Write(Utf8JsonWriter json, ResultSet results)
    {
        json.WriteStartObject();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in results.Diagnostics)
        {
            WriteDiagnostic(json, diagnostic);
        }

        json.WriteEndArray();
        json.WriteStartArray("notifications");
        foreach (var notification in results.Notifications)
        {
            WriteNotification(json, notification);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static ResultSet Read(JsonElement element, IReadOnlyDictionary<string, RuleDescriptor> rules)
    {
        var diagnostics = element.GetProperty("diagnostics").EnumerateArray().Select(d => ReadDiagnostic(d, rules));
        var notifications = element.GetProperty("notifications").EnumerateArray().Select(n => ReadNotification(n, rules));
        return new ResultSet([.. diagnostics], [.. notifications]);
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d) =>
        DiagnosticJson.Write(json, d, CacheSchema.Instance, afterLocation: json =>
        {
            if (d.FingerprintKey is not null)
            {
                json.WriteString(FingerprintKey, d.FingerprintKey);
            }

            if (d.Confirmation is not null)
            {
                json.WritePropertyName(ConfirmationKey);
                ConfirmationRequestJson.Write(json, d.Confirmation);
            }
        });

    private static Diagnostic ReadDiagnostic(JsonElement e, IReadOnlyDictionary<string, RuleDescriptor> rules)
    {
        var diagnostic = Diagnostic.Restore(Rule(e.GetProperty(Keys.Rule).GetString()!, rules), ReadLocation(e), e.GetProperty(Keys.Message).GetString()!) with
        {
            Level = DiagnosticJson.ParseLevel(e.GetProperty(Keys.Level).GetString()!),
            Confidence = DiagnosticJson.ParseConfidence(e.GetProperty(Keys.Confidence).GetString()!),
            FingerprintKey = e.TryGetProperty(FingerprintKey, out var key) ? key.GetString() : null,
            Confirmation = e.TryGetProperty(ConfirmationKey, out var request) ? ConfirmationRequestJson.Read(request) : null,
            RelatedLocations = [.. e.GetProperty(Keys.Related).EnumerateArray().Select(r => new RelatedLocation(ReadLocation(r), r.GetProperty(Keys.Message).GetString()!))],
            CodeFlow = [.. e.GetProperty(Keys.CodeFlow).EnumerateArray().Select(s => new CodeFlowStep(ReadLocation(s), s.GetProperty(Keys.Message).GetString()!, s.GetProperty(Keys.NestingLevel).GetInt32()))],
            Properties = e.GetProperty(Keys.Properties).EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => ReadProperty(p.Value), StringComparer.Ordinal),
        };
        if (e.GetProperty(Keys.Suppressed) is { ValueKind: not JsonValueKind.Null } suppression)
        {
            diagnostic = diagnostic with
            {
                Suppression = new Suppression(
                    DiagnosticJson.ParseSuppressionKind(suppression.GetProperty(Keys.SuppressionKind).GetString()!), suppression.GetProperty(Keys.Justification).GetString()!),
            };
        }

        if (e.GetProperty(Keys.Fix) is { ValueKind: not JsonValueKind.Null } fix)
        {
            var edits = fix.GetProperty(Keys.Edits).EnumerateArray()
                .Select(r => new TextReplacement(ReadLocation(r), r.GetProperty(Keys.EditText).GetString()!));
            diagnostic = diagnostic with { Fix = new Fix(fix.GetProperty(Keys.FixDescription).GetString()!, [.. edits]) };
        }

        return diagnostic;
    }

    private static void WriteNotification(Utf8JsonWriter json, ToolNotification n)
    {
        json.WriteStartObject();
        json.WriteString("level", n.Level.ToString());
        json.WriteString("message", n.Message);
        if (n.Path is not null)
        {
            json.WriteString("path", n.Path);
        }

        if (n.Span is { } span)
        {
            WriteSpan(json, "span", span);
        }

        if (n.Rule is not null)
        {
            json.WriteString("rule", n.Rule.Id);
        }

        json.WriteEndObject();
    }

    private static ToolNotification ReadNotification(JsonElement e, IReadOnlyDictionary<string, RuleDescriptor> rules) =>
        new(Enum.Parse<RuleLevel>(e.GetProperty("level").GetString()!), e.GetProperty("message").GetString()!)
        {
            Path = e.TryGetProperty("path", out var path) ? path.GetString() : null,
            Span = e.TryGetProperty("span", out var span) ? ReadSpan(span) : null,
            Rule = e.TryGetProperty("rule", out var rule) ? Rule(rule.GetString()!, rules) : null,
        };

    /// <summary>Reads the <c>location</c> object that <see cref="CacheSchema.WriteLocation"/> wrote into <paramref name="e"/>.</summary>
    private static Location ReadLocation(JsonElement e)
    {
        var location = e.GetProperty(LocationKey);
        return new(location.GetProperty("path").GetString()!, ReadSpan(location.GetProperty("span")));
    }

    // [startLine, startUtf8, startUtf16, endLine, endUtf8, endUtf16]
    private static void WriteSpan(Utf8JsonWriter json, string name, SourceSpan span)
    {
        json.WriteStartArray(name);
        json.WriteNumberValue(span.StartLine);
        json.WriteNumberValue(span.StartColumnUtf8);
        json.WriteNumberValue(span.StartColumnUtf16);
        json.WriteNumberValue(span.EndLine);
        json.WriteNumberValue(span.EndColumnUtf8);
        json.WriteNumberValue(span.EndColumnUtf16);
        json.WriteEndArray();
    }

    private static SourceSpan ReadSpan(JsonElement e)
    {
        var v = e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
        return v.Length == 6 ? new SourceSpan(v[0], v[1], v[2], v[3], v[4], v[5]) : throw new FormatException("a span has six numbers");
    }

    private static void WriteTypedProperty(Utf8JsonWriter json, PropertyValue value)
    {
        json.WriteStartObject();
        switch (value)
        {
            case PropertyValue.Text text:
                json.WriteString("text", text.Value);
                break;
            case PropertyValue.Integer integer:
                json.WriteNumber("integer", integer.Value);
                break;
            case PropertyValue.Real real:
                json.WriteNumber("real", real.Value);
                break;
            case PropertyValue.Boolean boolean:
                json.WriteBoolean("boolean", boolean.Value);
                break;
            case PropertyValue.TextList list:
                json.WriteStartArray("list");
                foreach (var item in list.Values)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            case PropertyValue.ItemList items:
                json.WriteStartArray("items");
                foreach (var item in items.Values)
                {
                    WriteTypedProperty(json, item);
                }

                json.WriteEndArray();
                break;
            case PropertyValue.Map map:
                json.WriteStartObject("map");
                foreach (var (key, entry) in map.Entries)
                {
                    json.WritePropertyName(key);
                    WriteTypedProperty(json, entry);
                }

                json.WriteEndObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown property value kind.");
        }

        json.WriteEndObject();
    }

    private static PropertyValue ReadProperty(JsonElement e)
    {
        var field = e.EnumerateObject().Single();
        return field.Name switch
        {
            "text" => new PropertyValue.Text(field.Value.GetString()!),
            "integer" => new PropertyValue.Integer(field.Value.GetInt64()),
            "real" => new PropertyValue.Real(field.Value.GetDouble()),
            "boolean" => new PropertyValue.Boolean(field.Value.GetBoolean()),
            "list" => PropertyValue.List(field.Value.EnumerateArray().Select(v => v.GetString()!)),
            "items" => PropertyValue.Items(field.Value.EnumerateArray().Select(ReadProperty)),
            "map" => PropertyValue.Dictionary(field.Value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ReadProperty(p.Value)))),
            _ => throw new FormatException($"unknown property kind '{field.Name}'"),
        };
    }

    /// <summary>The cache's side of <see cref="DiagnosticJson"/>: a location is a <c>location</c> object with
    /// the path and all six numbers of the span (UTF-8 and UTF-16 columns), and a property value says its
    /// kind (<c>{"integer": 3}</c>), so that both read back exactly.</summary>
    private sealed class CacheSchema : DiagnosticJsonSchema
    {
        public static readonly CacheSchema Instance = new();

        public override void WriteLocation(Utf8JsonWriter json, Location location)
        {
            json.WriteStartObject(LocationKey);
            json.WriteString("path", location.Path);
            WriteSpan(json, "span", location.Span);
            json.WriteEndObject();
        }

        public override void WriteProperty(Utf8JsonWriter json, PropertyValue value) => WriteTypedProperty(json, value);
    }

    private static RuleDescriptor Rule(string id, IReadOnlyDictionary<string, RuleDescriptor> rules) =>
        rules.TryGetValue(id, out var rule) ? rule : throw new FormatException($"rule {id} is not known to this build");
}
