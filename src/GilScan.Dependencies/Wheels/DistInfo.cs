using GilScan.Dependencies.Model;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Wheels;

/// <summary>
/// What a <c>.dist-info</c> directory says about a distribution: core metadata (Name, Version,
/// Classifier, PEP 794 Import-Name/Import-Namespace), the WHEEL file's tags and Root-Is-Purelib, the
/// RECORD's paths, and setuptools' top_level.txt.
/// </summary>
public sealed record DistInfo(
    string Name,
    string? VersionText,
    Pep440Version? Version,
    IReadOnlyList<string> Classifiers,
    IReadOnlyList<string> ImportNames,
    IReadOnlyList<string> ImportNamespaces,
    IReadOnlyList<WheelTag> Tags,
    bool? RootIsPurelib,
    IReadOnlyList<string> RecordPaths,
    IReadOnlyList<string> TopLevel,
    SourceAnchor NameAnchor)
{
    public string NormalizedName => DistributionName.Normalize(Name);

    /// <summary>The "Programming Language :: Python :: Free Threading :: …" classifier, if any (a claim only).</summary>
    public string? FreeThreadingClassifier =>
        Classifiers.FirstOrDefault(c => c.StartsWith("Programming Language :: Python :: Free Threading", StringComparison.Ordinal));

    /// <summary>
    /// Reads the files of one dist-info directory. <paramref name="readMember"/> returns a member's text
    /// ("METADATA", "WHEEL", "RECORD", "top_level.txt") or null when absent.
    /// </summary>
    public static DistInfo Read(string metadataPath, Func<string, string?> readMember, string fallbackName, List<DependencyDiagnostic> diagnostics)
    {
        var metadataText = readMember("METADATA");
        var metadata = metadataText is null ? new HeaderFile([], new Dictionary<string, int>()) : HeaderFile.Parse(metadataText);
        if (metadataText is null)
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                $"no METADATA file; the name '{fallbackName}' is taken from the directory name", SourceAnchor.File(metadataPath)));
        }

        var name = metadata.First("Name") ?? fallbackName;
        var versionText = metadata.First("Version");
        var version = versionText is not null && Pep440Version.TryParse(versionText, out var parsed) ? parsed : null;
        var line = metadata.LineOf("Name");
        var nameAnchor = line is { } l ? new SourceAnchor(metadataPath, l, 7, 7 + name.Length) : SourceAnchor.File(metadataPath);
        var wheel = readMember("WHEEL") is { } wheelText ? HeaderFile.Parse(wheelText) : null;
        var tags = new List<WheelTag>();
        foreach (var tag in wheel?.All("Tag") ?? [])
        {
            var parts = tag.Split('-');
            if (parts.Length == 3)
            {
                tags.AddRange(from py in parts[0].Split('.')
                              from abi in parts[1].Split('.')
                              from plat in parts[2].Split('.')
                              select new WheelTag(py.ToLowerInvariant(), abi.ToLowerInvariant(), plat.ToLowerInvariant()));
            }
        }

        bool? purelib = wheel?.First("Root-Is-Purelib")?.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        var record = readMember("RECORD") is { } recordText ? RecordFile.Paths(recordText) : [];
        var topLevel = readMember("top_level.txt") is { } top
            ? top.Split('\n').Select(t => t.Trim()).Where(t => t.Length > 0).ToList()
            : [];
        return new DistInfo(name, versionText, version, metadata.All("Classifier"), metadata.All("Import-Name"),
            metadata.All("Import-Namespace"), tags, purelib, record, topLevel, nameAnchor);
    }
}

/// <summary>The "Key: value" header format of METADATA and WHEEL (RFC 822 style, continuation lines allowed).</summary>
internal sealed record HeaderFile(List<(string Key, string Value)> Headers, IReadOnlyDictionary<string, int> FirstLines)
{
    public static HeaderFile Parse(string text)
    {
        var headers = new List<(string, string)>();
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                break; // the description body follows the first blank line
            }

            if (char.IsWhiteSpace(line[0]) && headers.Count > 0)
            {
                var (key, value) = headers[^1];
                headers[^1] = (key, value + "\n" + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            headers.Add((name, line[(colon + 1)..].Trim()));
            lines.TryAdd(name, number);
        }

        return new HeaderFile(headers, lines);
    }

    public string? First(string key) =>
        Headers.Where(h => h.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public List<string> All(string key) =>
        Headers.Where(h => h.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    public int? LineOf(string key) => FirstLines.TryGetValue(key, out var line) ? line : null;
}

/// <summary>RECORD is CSV (path,hash,size); paths with commas are quoted.</summary>
internal static class RecordFile
{
    public static List<string> Paths(string text)
    {
        var paths = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            string path;
            if (line.StartsWith('"'))
            {
                var builder = new System.Text.StringBuilder();
                var i = 1;
                while (i < line.Length)
                {
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        builder.Append('"');
                        i += 2;
                    }
                    else if (line[i] == '"')
                    {
                        break;
                    }
                    else
                    {
                        builder.Append(line[i++]);
                    }
                }

                path = builder.ToString();
            }
            else
            {
                var comma = line.IndexOf(',');
                path = comma < 0 ? line : line[..comma];
            }

            paths.Add(path);
        }

        return paths;
    }
}
