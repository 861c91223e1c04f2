using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads PEP 751 lock files (pylock.toml, pylock.NAME.toml): <c>lock-version</c>, <c>requires-python</c>
/// and <c>[[packages]]</c> with <c>sdist</c> and <c>wheels</c> entries named by <c>name</c>, <c>url</c> or
/// <c>path</c>, hashed by a <c>hashes</c> table; <c>vcs</c>, <c>directory</c> and <c>archive</c> sources.
/// </summary>
public static class PylockParser
{
    public static DependencyFile Parse(string text, string path)
    {
        var toml = TomlTreeBuilder.Parse(text, path);
        var diagnostics = new List<DependencyDiagnostic>(toml.Diagnostics);
        var root = toml.Root;
        if (root.GetString("lock-version") is { } lockVersion && !lockVersion.StartsWith("1.", StringComparison.Ordinal))
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                $"pylock lock-version '{lockVersion}' is not 1.x; reading it anyway", root.AnchorOf("lock-version")));
        }

        var entries = new List<DependencyEntry>();
        foreach (var package in root.GetTables("packages"))
        {
            if (!LockEntryBuilder.TryName(package, "pylock package", diagnostics, out var name, out var anchor))
            {
                continue;
            }

            var versionText = package.GetString("version");
            var version = LockEntryBuilder.Version(versionText, package.AnchorOf("version"), name, diagnostics);
            var artifacts = new List<ArtifactReference>();
            if (package.GetTable("sdist") is { } sdist && Artifact(sdist) is { } sdistArtifact)
            {
                artifacts.Add(sdistArtifact);
            }

            artifacts.AddRange(package.GetTables("wheels").Select(Artifact).OfType<ArtifactReference>());
            var (kind, location) = package.GetTable("vcs") is { } vcs ? (PinSourceKind.Git, vcs.GetString("url") ?? vcs.GetString("path"))
                : package.GetTable("directory") is { } dir ? (dir.GetBoolean("editable") == true ? PinSourceKind.Editable : PinSourceKind.Directory, dir.GetString("path"))
                : package.GetTable("archive") is { } archive ? (PinSourceKind.Url, archive.GetString("url") ?? archive.GetString("path"))
                : (PinSourceKind.Registry, package.GetString("index"));
            entries.Add(new DependencyEntry(name, versionText, version, null, InputKind.PylockToml, kind, location, artifacts,
                artifacts.Select(a => a.Hash).OfType<string>().ToList(), [], package.GetString("marker"), anchor));
        }

        var requiresPython = LockEntryBuilder.RequiresPython(root.Get("requires-python") as TomlScalar, diagnostics);
        return new DependencyFile(path, InputKind.PylockToml, entries, diagnostics, requiresPython);
    }

    private static ArtifactReference? Artifact(TomlTableNode table)
    {
        var url = table.GetString("url");
        var localPath = table.GetString("path");
        var fileName = table.GetString("name") ?? (url ?? localPath) switch
        {
            null => null,
            var location => LockEntryBuilder.FileNameOf(location),
        };
        if (string.IsNullOrEmpty(fileName))
        {
            return null;
        }

        var hashes = table.GetTable("hashes");
        var hash = hashes?.Keys.FirstOrDefault() is { } algorithm ? $"{algorithm}:{hashes.GetString(algorithm)}" : null;
        return LockEntryBuilder.Artifact(fileName, url ?? localPath, hash, table.Anchor);
    }
}
