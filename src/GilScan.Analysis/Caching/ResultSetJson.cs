using System.Collections.Immutable;
using System.Text.Json;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;

namespace GilScan.Analysis.Caching;

/// <summary>
/// Writes and reads a <see cref="ResultSet"/> as JSON for the results cache: every field of each
/// diagnostic and notification, so that a cached run reports exactly what the run that filled the
/// cache reported. Rules are named by id and looked up again when read; an id that is no longer
/// known makes the entry unusable (<see cref="FormatException"/>), which the cache treats as a miss.
/// </summary>
internal static class ResultSetJson
{
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

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("rule", d.RuleId);
        json.WriteString("message", d.Message);
        WriteLocation(json, "location", d.Location);
        json.WriteString("level", d.Level.ToString());
        json.WriteString("confidence", d.Confidence.ToString());
        if (d.FingerprintKey is not null)
        {
            json.WriteString("fingerprintKey", d.FingerprintKey);
        }

        json.WriteStartArray("related");
        foreach (var related in d.RelatedLocations)
        {
            json.WriteStartObject();
            WriteLocation(json, "location", related.Location);
            json.WriteString("message", related.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("codeFlow");
        foreach (var step in d.CodeFlow)
        {
            json.WriteStartObject();
            WriteLocation(json, "location", step.Location);
            json.WriteString("message", step.Message);
            json.WriteNumber("nesting", step.NestingLevel);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("properties");
        foreach (var (key, value) in d.Properties)
        {
            json.WritePropertyName(key);
            WriteProperty(json, value);
        }

        json.WriteEndObject();
        if (d.Suppression is { } suppression)
        {
            json.WriteStartObject("suppression");
            json.WriteString("kind", suppression.Kind.ToString());
            json.WriteString("justification", suppression.Justification);
            json.WriteEndObject();
        }

        if (d.Fix is { } fix)
        {
            json.WriteStartObject("fix");
            json.WriteString("description", fix.Description);
            json.WriteStartArray("replacements");
            foreach (var replacement in fix.Replacements)
            {
                json.WriteStartObject();
                WriteLocation(json, "range", replacement.Range);
                json.WriteString("text", replacement.InsertedText);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static Diagnostic ReadDiagnostic(JsonElement e, IReadOnlyDictionary<string, RuleDescriptor> rules)
    {
        var diagnostic = Diagnostic.Restore(Rule(e.GetProperty("rule").GetString()!, rules), ReadLocation(e.GetProperty("location")), e.GetProperty("message").GetString()!) with
        {
            Level = Enum.Parse<RuleLevel>(e.GetProperty("level").GetString()!),
            Confidence = Enum.Parse<Confidence>(e.GetProperty("confidence").GetString()!),
            FingerprintKey = e.TryGetProperty("fingerprintKey", out var key) ? key.GetString() : null,
            RelatedLocations = [.. e.GetProperty("related").EnumerateArray().Select(r => new RelatedLocation(ReadLocation(r.GetProperty("location")), r.GetProperty("message").GetString()!))],
            CodeFlow = [.. e.GetProperty("codeFlow").EnumerateArray().Select(s => new CodeFlowStep(ReadLocation(s.GetProperty("location")), s.GetProperty("message").GetString()!, s.GetProperty("nesting").GetInt32()))],
            Properties = e.GetProperty("properties").EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => ReadProperty(p.Value), StringComparer.Ordinal),
        };
        if (e.TryGetProperty("suppression", out var suppression))
        {
            diagnostic = diagnostic with
            {
                Suppression = new Suppression(Enum.Parse<SuppressionKind>(suppression.GetProperty("kind").GetString()!), suppression.GetProperty("justification").GetString()!),
            };
        }

        if (e.TryGetProperty("fix", out var fix))
        {
            var replacements = fix.GetProperty("replacements").EnumerateArray()
                .Select(r => new TextReplacement(ReadLocation(r.GetProperty("range")), r.GetProperty("text").GetString()!));
            diagnostic = diagnostic with { Fix = new Fix(fix.GetProperty("description").GetString()!, [.. replacements]) };
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

    private static void WriteLocation(Utf8JsonWriter json, string name, Location location)
    {
        json.WriteStartObject(name);
        json.WriteString("path", location.Path);
        WriteSpan(json, "span", location.Span);
        json.WriteEndObject();
    }

    private static Location ReadLocation(JsonElement e) => new(e.GetProperty("path").GetString()!, ReadSpan(e.GetProperty("span")));

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

    private static void WriteProperty(Utf8JsonWriter json, PropertyValue value)
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
                    WriteProperty(json, item);
                }

                json.WriteEndArray();
                break;
            case PropertyValue.Map map:
                json.WriteStartObject("map");
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

    private static RuleDescriptor Rule(string id, IReadOnlyDictionary<string, RuleDescriptor> rules) =>
        rules.TryGetValue(id, out var rule) ? rule : throw new FormatException($"rule {id} is not known to this build");
}
