using System.Text;
using System.Text.Json;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Text;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads Pipfile.lock (JSON): <c>default</c> and <c>develop</c> map names to <c>{"version": "==X",
/// "hashes": […], "markers": …}</c> or to VCS/path entries. It lists hashes only, never file names, so
/// wheel tags cannot be judged from it offline. Entries are anchored to their JSON property name.
/// A syntax error ends the reading at that point; entries read before it are kept.
/// </summary>
public static class PipfileLockParser
{
    public static DependencyFile Parse(string text, string path)
    {
        var diagnostics = new List<DependencyDiagnostic>();
        var entries = new List<DependencyEntry>();
        var lines = new LineMap(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var byteToChar = new ByteToCharOffsets(bytes);
        VersionSpecifierSet? requiresPython = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, "Pipfile.lock must hold a JSON object", SourceAnchor.File(path)));
                return new DependencyFile(path, InputKind.PipfileLock, entries, diagnostics);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var section = reader.GetString();
                reader.Read();
                if (section is "default" or "develop" && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadSection(ref reader, section, path, lines, byteToChar, entries, diagnostics);
                }
                else if (section == "_meta" && reader.TokenType == JsonTokenType.StartObject)
                {
                    using var meta = JsonDocument.ParseValue(ref reader);
                    if (meta.RootElement.TryGetProperty("requires", out var requires)
                        && requires.TryGetProperty("python_version", out var pythonVersion)
                        && pythonVersion.GetString() is { } py
                        && VersionSpecifierSet.TryParse("==" + py + ".*", out var set, out _))
                    {
                        requiresPython = set;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error,
                $"invalid JSON: {FirstSentence(exception.Message)}", new SourceAnchor(path, line, column, column + 1)));
        }

        return new DependencyFile(path, InputKind.PipfileLock, entries, diagnostics, requiresPython);
    }

    private static void ReadSection(
        ref Utf8JsonReader reader, string section, string path, LineMap lines, ByteToCharOffsets offsets,
        List<DependencyEntry> entries, List<DependencyDiagnostic> diagnostics)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString() ?? "";
            var start = offsets.CharOffset((int)reader.TokenStartIndex) + 1; // inside the quotes
            var anchor = lines.Anchor(path, start, name.Length);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"entry '{name}' in '{section}' is not an object; skipped", anchor));
                reader.Skip();
                continue;
            }

            using var entry = JsonDocument.ParseValue(ref reader);
            var value = entry.RootElement;
            if (!DistributionName.IsValid(name))
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"'{name}' is not a valid project name; skipped", anchor));
                continue;
            }

            string? versionText = null;
            Pep440Version? version = null;
            if (value.TryGetProperty("version", out var versionElement) && versionElement.GetString() is { } pin)
            {
                versionText = pin.TrimStart('=', ' ');
                if (!pin.StartsWith("==", StringComparison.Ordinal) || !Pep440Version.TryParse(versionText, out version))
                {
                    diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                        $"version '{pin}' of '{name}' is not an exact '==' pin", anchor));
                    version = null;
                }
            }

            var (kind, location) = Property(value, "git") is { } git ? (PinSourceKind.Git, git)
                : Property(value, "path") is { } p ? (value.TryGetProperty("editable", out var e) && e.ValueKind == JsonValueKind.True ? PinSourceKind.Editable : PinSourceKind.Path, p)
                : Property(value, "file") is { } f ? (PinSourceKind.Url, f)
                : (PinSourceKind.Registry, Property(value, "index"));
            var hashes = value.TryGetProperty("hashes", out var hashArray) && hashArray.ValueKind == JsonValueKind.Array
                ? hashArray.EnumerateArray().Select(h => h.GetString()).OfType<string>().ToList()
                : [];
            var artifacts = kind == PinSourceKind.Url && location is not null ? RequirementsTxtParser.ArtifactFromUrl(location, anchor) : [];
            entries.Add(new DependencyEntry(name, versionText, version, null, InputKind.PipfileLock, kind, location, artifacts, hashes,
                ["group:" + section], Property(value, "markers"), anchor));
        }
    }

    private static string? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var end = message.IndexOf(marker, StringComparison.Ordinal);
            if (end > 0)
            {
                message = message[..end];
            }
        }

        return message.TrimEnd();
    }

    /// <summary>Maps UTF-8 byte offsets (what the JSON reader reports) back to UTF-16 character offsets.</summary>
    private sealed class ByteToCharOffsets(byte[] bytes)
    {
        public int CharOffset(int byteOffset) => Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(byteOffset, bytes.Length));
    }
}
