using System.Text.Json;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The one JSON writer of a <see cref="Diagnostic"/>, shared by the results cache (Caching/ResultSetJson)
/// and <c>gilscan check --format json</c>: it names every key and writes them in one order. What the two
/// schemas do differently is stated by a <see cref="DiagnosticJsonSchema"/> (how a location and a property
/// value are written) and by what the caller writes right after the location (the cache's fingerprint key;
/// the output's fingerprint and baseline state). Absent parts (suppression, fix) are written as null.
/// </summary>
public static class DiagnosticJson
{
    /// <summary>The keys, for the readers of either schema.</summary>
    public static class Keys
    {
        public const string Rule = "rule";
        public const string Name = "name";
        public const string Level = "level";
        public const string Confidence = "confidence";
        public const string Message = "message";
        public const string Suppressed = "suppressed";
        public const string SuppressionKind = "kind";
        public const string Justification = "justification";
        public const string Related = "related";
        public const string CodeFlow = "codeFlow";
        public const string NestingLevel = "nestingLevel";
        public const string Properties = "properties";
        public const string Fix = "fix";
        public const string FixDescription = "description";
        public const string Edits = "edits";
        public const string EditText = "text";
    }

    /// <summary>Writes <paramref name="diagnostic"/> as one object; <paramref name="afterLocation"/> adds the
    /// caller's own keys after the primary location.</summary>
    public static void Write(Utf8JsonWriter json, Diagnostic diagnostic, DiagnosticJsonSchema schema, Action<Utf8JsonWriter>? afterLocation = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(schema);
        json.WriteStartObject();
        json.WriteString(Keys.Rule, diagnostic.RuleId);
        json.WriteString(Keys.Name, diagnostic.Descriptor.Name);
        json.WriteString(Keys.Level, LevelName(diagnostic.Level));
        json.WriteString(Keys.Confidence, ConfidenceName(diagnostic.Confidence));
        json.WriteString(Keys.Message, diagnostic.Message);
        schema.WriteLocation(json, diagnostic.Location);
        afterLocation?.Invoke(json);
        if (diagnostic.Suppression is { } suppression)
        {
            json.WriteStartObject(Keys.Suppressed);
            json.WriteString(Keys.SuppressionKind, SuppressionKindName(suppression.Kind));
            json.WriteString(Keys.Justification, suppression.Justification);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(Keys.Suppressed);
        }

        json.WriteStartArray(Keys.Related);
        foreach (var related in diagnostic.RelatedLocations)
        {
            WriteLocatedText(json, schema, related.Location, Keys.Message, related.Message);
        }

        json.WriteEndArray();
        json.WriteStartArray(Keys.CodeFlow);
        foreach (var step in diagnostic.CodeFlow)
        {
            WriteLocatedText(json, schema, step.Location, Keys.Message, step.Message, step.NestingLevel);
        }

        json.WriteEndArray();
        json.WriteStartObject(Keys.Properties);
        foreach (var (key, value) in diagnostic.Properties)
        {
            json.WritePropertyName(key);
            schema.WriteProperty(json, value);
        }

        json.WriteEndObject();
        if (diagnostic.Fix is { } fix)
        {
            json.WriteStartObject(Keys.Fix);
            json.WriteString(Keys.FixDescription, fix.Description);
            json.WriteStartArray(Keys.Edits);
            foreach (var edit in fix.Replacements)
            {
                WriteLocatedText(json, schema, edit.Range, Keys.EditText, edit.InsertedText);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(Keys.Fix);
        }

        json.WriteEndObject();
    }

    // A related location, a code-flow step or an edit: the location, its text, and a step's nesting level.
    private static void WriteLocatedText(Utf8JsonWriter json, DiagnosticJsonSchema schema, Location location, string textKey, string text, int? nestingLevel = null)
    {
        json.WriteStartObject();
        schema.WriteLocation(json, location);
        json.WriteString(textKey, text);
        if (nestingLevel is { } level)
        {
            json.WriteNumber(Keys.NestingLevel, level);
        }

        json.WriteEndObject();
    }

    public static string LevelName(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        RuleLevel.Note => "note",
        _ => "none",
    };

    public static RuleLevel ParseLevel(string name) => name switch
    {
        "error" => RuleLevel.Error,
        "warning" => RuleLevel.Warning,
        "note" => RuleLevel.Note,
        "none" => RuleLevel.None,
        _ => throw new FormatException($"unknown level '{name}'"),
    };

    public static string ConfidenceName(Confidence confidence) => confidence.ToString().ToLowerInvariant();

    public static Confidence ParseConfidence(string name) =>
        Enum.TryParse<Confidence>(name, ignoreCase: true, out var confidence) && ConfidenceName(confidence) == name
            ? confidence
            : throw new FormatException($"unknown confidence '{name}'");

    public static string SuppressionKindName(SuppressionKind kind) => kind == SuppressionKind.InSource ? "inSource" : "external";

    public static SuppressionKind ParseSuppressionKind(string name) => name switch
    {
        "inSource" => SuppressionKind.InSource,
        "external" => SuppressionKind.External,
        _ => throw new FormatException($"unknown suppression kind '{name}'"),
    };
}

/// <summary>How one JSON schema writes the parts of a diagnostic that differ between schemas.</summary>
public abstract class DiagnosticJsonSchema
{
    /// <summary>Writes <paramref name="location"/>'s keys into the object being written.</summary>
    public abstract void WriteLocation(Utf8JsonWriter json, Location location);

    /// <summary>Writes <paramref name="value"/> as one JSON value.</summary>
    public abstract void WriteProperty(Utf8JsonWriter json, PropertyValue value);
}
