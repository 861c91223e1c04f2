using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads pdm.lock: the current format (lock_version 4.x, <c>files</c> on each package, targets under
/// <c>[[metadata.targets]]</c>) and the legacy one (<c>[metadata.files]</c> keyed "name version"). PDM
/// repeats a package once per extras combination; those repeats are folded into one entry.
/// </summary>
public static class PdmLockParser
{
    public static DependencyFile Parse(string text, string path)
    {
        var toml = TomlTreeBuilder.Parse(text, path);
        var diagnostics = new List<DependencyDiagnostic>(toml.Diagnostics);
        var metadata = toml.Root.GetTable("metadata");
        var legacyFiles = metadata?.GetTable("files");
        var entries = new List<DependencyEntry>();
        var seen = new Dictionary<(string, string?), int>();
        foreach (var package in toml.Root.GetTables("package"))
        {
            if (!LockEntryBuilder.TryName(package, "pdm.lock package", diagnostics, out var name, out var anchor))
            {
                continue;
            }

            var versionText = package.GetString("version");
            var links = package.GetStrings("dependencies")
                .Select(d => Pep508Parser.TryParse((string)d.Value, out var requirement, out _) ? requirement : null)
                .OfType<Requirement>()
                .Select(r => new DependencyLink(r.Name, null, r.Marker, r.Extras, null))
                .ToList();
            if (seen.TryGetValue((DistributionName.Normalize(name), versionText), out var index))
            {
                // The same pin again for another extras combination: its extra dependencies join the first one's.
                entries[index] = entries[index] with { Links = [.. entries[index].Links, .. links.Where(l => !entries[index].Links.Contains(l))] };
                continue;
            }

            seen[(DistributionName.Normalize(name), versionText)] = entries.Count;

            var version = LockEntryBuilder.Version(versionText, package.AnchorOf("version"), name, diagnostics);
            var files = package.Get("files") ?? FindLegacyFiles(legacyFiles, name, versionText);
            var artifacts = LockEntryBuilder.FileList(files);
            var (kind, location) = package.GetString("git") is { } git ? (PinSourceKind.Git, git)
                : package.GetString("url") is { } url ? (PinSourceKind.Url, url)
                : package.GetString("path") is { } p ? (package.GetBoolean("editable") == true ? PinSourceKind.Editable : PinSourceKind.Path, p)
                : (PinSourceKind.Registry, (string?)null);
            var groups = package.GetStrings("groups").Select(g => "group:" + (string)g.Value).ToList();
            var entry = new DependencyEntry(name, versionText, version, null, InputKind.PdmLock, kind, location, artifacts,
                artifacts.Select(a => a.Hash).OfType<string>().ToList(), groups, package.GetString("marker"), anchor)
            {
                Links = links,
            };
            entries.Add(entry);
        }

        var target = metadata?.GetTables("targets").FirstOrDefault();
        var requiresPython = LockEntryBuilder.RequiresPython(
            (target?.Get("requires_python") ?? metadata?.Get("requires_python")) as TomlScalar, diagnostics);
        return new DependencyFile(path, InputKind.PdmLock, entries, diagnostics, requiresPython);
    }

    private static TomlNode? FindLegacyFiles(TomlTableNode? files, string name, string? version)
    {
        if (files is null)
        {
            return null;
        }

        var wanted = DistributionName.Normalize(name);
        foreach (var key in files.Keys)
        {
            var parts = key.Split(' ', 2);
            if (parts.Length == 2 && DistributionName.Normalize(parts[0]) == wanted && parts[1] == version)
            {
                return files.Get(key);
            }
        }

        return null;
    }
}
