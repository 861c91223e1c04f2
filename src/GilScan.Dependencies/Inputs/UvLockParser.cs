using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads uv.lock: <c>[[package]]</c> tables with <c>name</c>, <c>version</c>, an inline <c>source</c>
/// table, and <c>sdist</c>/<c>wheels</c> artifacts located by <c>url</c>, <c>path</c> or <c>filename</c>.
/// Relative URLs (uv's preview lockfile v2) are joined to the package's <c>artifact-base</c>.
/// </summary>
public static class UvLockParser
{
    public static DependencyFile Parse(string text, string path)
    {
        var toml = TomlTreeBuilder.Parse(text, path);
        var diagnostics = new List<DependencyDiagnostic>(toml.Diagnostics);
        var root = toml.Root;
        if (root.GetInteger("version") is { } version && version is not (1 or 2))
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                $"uv.lock version {version} is newer than the versions this reader knows (1, 2); reading it anyway", root.AnchorOf("version")));
        }

        var entries = new List<DependencyEntry>();
        foreach (var package in root.GetTables("package"))
        {
            if (!LockEntryBuilder.TryName(package, "uv.lock package", diagnostics, out var name, out var anchor))
            {
                continue;
            }

            var versionText = package.GetString("version");
            var parsedVersion = LockEntryBuilder.Version(versionText, package.AnchorOf("version"), name, diagnostics);
            var (kind, location) = Source(package.GetTable("source"));
            var artifactBase = package.GetString("artifact-base");
            var artifacts = new List<ArtifactReference>();
            if (package.GetTable("sdist") is { } sdist && Artifact(sdist, artifactBase, name, diagnostics) is { } sdistArtifact)
            {
                artifacts.Add(sdistArtifact);
            }

            foreach (var wheel in package.GetTables("wheels"))
            {
                if (Artifact(wheel, artifactBase, name, diagnostics) is { } wheelArtifact)
                {
                    if (wheelArtifact.Wheel is null)
                    {
                        diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                            $"'{wheelArtifact.FileName}' listed as a wheel of '{name}' is not a valid wheel file name", wheel.Anchor));
                    }

                    artifacts.Add(wheelArtifact);
                }
            }

            var groups = package.GetTable("optional-dependencies")?.Keys.Select(k => "extra:" + k).ToList() ?? [];
            entries.Add(new DependencyEntry(name, versionText, parsedVersion, null, InputKind.UvLock, kind, location,
                artifacts, artifacts.Select(a => a.Hash).OfType<string>().ToList(), groups, null, anchor)
            {
                Links = Links(package),
                ResolutionMarkers = [.. package.GetStrings("resolution-markers").Select(m => (string)m.Value)],
            });
        }

        var requiresPython = LockEntryBuilder.RequiresPython(root.Get("requires-python") as TomlScalar, diagnostics);
        var members = root.GetTable("manifest")?.GetStrings("members").Select(m => (string)m.Value).ToList() is { Count: > 0 } listed
            ? listed
            : entries.Where(e => e.SourceKind is PinSourceKind.Virtual or PinSourceKind.Editable).Select(e => e.Name).ToList();
        var manifest = root.GetTable("manifest");
        var manifestLinks = new List<DependencyLink>();
        manifestLinks.AddRange(manifest?.GetTables("requirements").Select(d => Link(d, null)).OfType<DependencyLink>() ?? []);
        if (manifest?.GetTable("dependency-groups") is { } manifestGroups)
        {
            foreach (var group in manifestGroups.Keys)
            {
                manifestLinks.AddRange(manifestGroups.GetTables(group).Select(d => Link(d, "group:" + group)).OfType<DependencyLink>());
            }
        }

        return new DependencyFile(path, InputKind.UvLock, entries, diagnostics, requiresPython) { Members = members, ManifestLinks = manifestLinks };
    }

    /// <summary>
    /// <c>dependencies</c> (always), <c>[package.optional-dependencies]</c> (per extra) and
    /// <c>[package.dev-dependencies]</c> (per group, on workspace members) as links.
    /// </summary>
    private static List<DependencyLink> Links(TomlTableNode package)
    {
        var links = new List<DependencyLink>();
        links.AddRange(package.GetTables("dependencies").Select(d => Link(d, null)).OfType<DependencyLink>());
        foreach (var (table, prefix) in new[] { ("optional-dependencies", "extra:"), ("dev-dependencies", "group:") })
        {
            if (package.GetTable(table) is { } byName)
            {
                foreach (var key in byName.Keys)
                {
                    links.AddRange(byName.GetTables(key).Select(d => Link(d, prefix + key)).OfType<DependencyLink>());
                }
            }
        }

        return links;
    }

    private static DependencyLink? Link(TomlTableNode dependency, string? activation) =>
        dependency.GetString("name") is { Length: > 0 } name
            ? new DependencyLink(name, dependency.GetString("version"), dependency.GetString("marker"),
                [.. dependency.GetStrings("extra").Select(e => (string)e.Value)], activation)
            : null;

    private static (PinSourceKind Kind, string? Location) Source(TomlTableNode? source)
    {
        if (source is null)
        {
            return (PinSourceKind.Unknown, null);
        }

        foreach (var (key, kind) in new[]
                 {
                     ("registry", PinSourceKind.Registry), ("git", PinSourceKind.Git), ("url", PinSourceKind.Url),
                     ("path", PinSourceKind.Path), ("directory", PinSourceKind.Directory),
                     ("editable", PinSourceKind.Editable), ("virtual", PinSourceKind.Virtual),
                 })
        {
            if (source.GetString(key) is { } location)
            {
                return (kind, location);
            }
        }

        return (PinSourceKind.Unknown, null);
    }

    private static ArtifactReference? Artifact(TomlTableNode table, string? artifactBase, string name, List<DependencyDiagnostic> diagnostics)
    {
        var url = table.GetString("url");
        var localPath = table.GetString("path");
        var fileName = table.GetString("filename");
        if (url is not null)
        {
            url = Resolve(url, artifactBase);
            fileName ??= LockEntryBuilder.FileNameOf(url);
        }
        else if (localPath is not null)
        {
            fileName ??= LockEntryBuilder.FileNameOf(localPath);
        }

        if (string.IsNullOrEmpty(fileName))
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                $"an artifact of '{name}' has no url, path or filename; skipped", table.Anchor));
            return null;
        }

        return LockEntryBuilder.Artifact(fileName, url ?? localPath, table.GetString("hash"), table.Anchor);
    }

    /// <summary>Joins a relative artifact URL to <c>artifact-base</c>; absolute URLs are kept.</summary>
    public static string Resolve(string url, string? artifactBase)
    {
        if (artifactBase is null || url.Contains("://", StringComparison.Ordinal))
        {
            return url;
        }

        if (Uri.TryCreate(artifactBase.EndsWith('/') ? artifactBase : artifactBase + "/", UriKind.Absolute, out var baseUri)
            && Uri.TryCreate(baseUri, url, out var joined))
        {
            return joined.AbsoluteUri;
        }

        return artifactBase.TrimEnd('/') + "/" + url.TrimStart('/');
    }
}
