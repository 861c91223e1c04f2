using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads poetry.lock in both layouts: lock-version 2.x keeps each package's <c>files</c> on the package;
/// 1.x keeps them all under <c>[metadata.files]</c> keyed by package name. Files carry names, not URLs.
/// </summary>
public static class PoetryLockParser
{
    public static DependencyFile Parse(string text, string path)
    {
        var toml = TomlTreeBuilder.Parse(text, path);
        var diagnostics = new List<DependencyDiagnostic>(toml.Diagnostics);
        var metadata = toml.Root.GetTable("metadata");
        var legacyFiles = metadata?.GetTable("files");
        var entries = new List<DependencyEntry>();
        foreach (var package in toml.Root.GetTables("package"))
        {
            if (!LockEntryBuilder.TryName(package, "poetry.lock package", diagnostics, out var name, out var anchor))
            {
                continue;
            }

            var versionText = package.GetString("version");
            var version = LockEntryBuilder.Version(versionText, package.AnchorOf("version"), name, diagnostics);
            var files = package.Get("files") ?? FindLegacyFiles(legacyFiles, name);
            var artifacts = LockEntryBuilder.FileList(files);
            var source = package.GetTable("source");
            var kind = source?.GetString("type") switch
            {
                null or "legacy" => PinSourceKind.Registry,
                "git" => PinSourceKind.Git,
                "url" => PinSourceKind.Url,
                "file" => PinSourceKind.Path,
                "directory" => PinSourceKind.Directory,
                _ => PinSourceKind.Unknown,
            };
            var groups = package.GetStrings("groups").Select(g => "group:" + (string)g.Value).ToList();
            if (groups.Count == 0 && package.GetString("category") is { } category)
            {
                groups.Add("group:" + category); // lock-version 1.x spelled groups as "category"
            }

            entries.Add(new DependencyEntry(name, versionText, version, null, InputKind.PoetryLock, kind, source?.GetString("url"),
                artifacts, artifacts.Select(a => a.Hash).OfType<string>().ToList(), groups, package.GetString("markers"), anchor));
        }

        var requiresPython = LockEntryBuilder.RequiresPython(metadata?.Get("python-versions") as TomlScalar, diagnostics, poetryStyle: true);
        return new DependencyFile(path, InputKind.PoetryLock, entries, diagnostics, requiresPython);
    }

    private static TomlNode? FindLegacyFiles(TomlTableNode? files, string name)
    {
        if (files is null)
        {
            return null;
        }

        var wanted = DistributionName.Normalize(name);
        var key = files.Keys.FirstOrDefault(k => DistributionName.Normalize(k) == wanted);
        return key is null ? null : files.Get(key);
    }
}
