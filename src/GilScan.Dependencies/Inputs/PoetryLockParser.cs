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

            var packageMarkers = package.Get("markers") switch
            {
                TomlScalar { Value: string single } => new Dictionary<string, string> { [""] = single },
                TomlTableNode byGroup => byGroup.Keys.Where(k => byGroup.GetString(k) is not null).ToDictionary(k => k, k => byGroup.GetString(k)!),
                _ => new Dictionary<string, string>(),
            };
            entries.Add(new DependencyEntry(name, versionText, version, null, InputKind.PoetryLock, kind, source?.GetString("url"),
                artifacts, artifacts.Select(a => a.Hash).OfType<string>().ToList(), groups, package.GetString("markers"), anchor)
            {
                Links = Links(package),
                PackageMarkers = packageMarkers,
            });
        }

        var requiresPython = LockEntryBuilder.RequiresPython(metadata?.Get("python-versions") as TomlScalar, diagnostics, poetryStyle: true);
        return new DependencyFile(path, InputKind.PoetryLock, entries, diagnostics, requiresPython);
    }

    /// <summary>
    /// <c>[package.dependencies]</c>: <c>name = "constraint"</c> or a table with <c>markers</c>, <c>python</c>,
    /// <c>extras</c> and <c>optional</c> (or an array of such tables for alternatives). An optional dependency
    /// is installed only through the extras of <c>[package.extras]</c> that name it.
    /// </summary>
    private static List<DependencyLink> Links(TomlTableNode package)
    {
        var links = new List<DependencyLink>();
        var extrasNaming = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (package.GetTable("extras") is { } extras)
        {
            foreach (var extra in extras.Keys)
            {
                foreach (var requirement in extras.GetStrings(extra))
                {
                    var dependency = DistributionName.Normalize(((string)requirement.Value).Split([' ', '(', '[', ';', '<', '>', '=', '!', '~'], 2)[0]);
                    if (!extrasNaming.TryGetValue(dependency, out var list))
                    {
                        extrasNaming[dependency] = list = [];
                    }

                    list.Add(extra);
                }
            }
        }

        if (package.GetTable("dependencies") is not { } dependencies)
        {
            return links;
        }

        foreach (var name in dependencies.Keys)
        {
            var value = dependencies.Get(name);
            var alternatives = value is TomlArrayNode array ? array.Items : [value!];
            foreach (var alternative in alternatives)
            {
                var details = alternative as TomlTableNode;
                var marker = Combine(details?.GetString("markers"), details?.GetString("python") is { } python ? PoetryConstraint.ToPythonMarker(python) : null);
                var requested = details?.GetStrings("extras").Select(e => (string)e.Value).ToList() ?? [];
                if (details?.GetBoolean("optional") == true)
                {
                    foreach (var extra in extrasNaming.GetValueOrDefault(DistributionName.Normalize(name)) ?? [])
                    {
                        links.Add(new DependencyLink(name, null, marker, requested, "extra:" + extra));
                    }
                }
                else
                {
                    links.Add(new DependencyLink(name, null, marker, requested, null));
                }
            }
        }

        return links;
    }

    private static string? Combine(string? first, string? second) =>
        (first, second) switch
        {
            (null, _) => second,
            (_, null) => first,
            _ => $"({first}) and ({second})",
        };

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
