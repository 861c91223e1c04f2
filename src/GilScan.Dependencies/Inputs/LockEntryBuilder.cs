using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;
using GilScan.Dependencies.Versions;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Inputs;

/// <summary>What every TOML lockfile reader needs: names, versions and artifacts read with diagnostics.</summary>
internal static class LockEntryBuilder
{
    public static ArtifactReference Artifact(string fileName, string? url, string? hash, SourceAnchor? anchor) =>
        new(fileName, url, hash, WheelFilename.TryParse(fileName), anchor);

    /// <summary>The last path segment of a URL or path, percent-decoded (how uv names wheels by URL).</summary>
    public static string FileNameOf(string urlOrPath)
    {
        var clean = urlOrPath.Split('#')[0].Split('?')[0].Replace('\\', '/');
        return Uri.UnescapeDataString(clean[(clean.LastIndexOf('/') + 1)..]);
    }

    public static Pep440Version? Version(string? text, SourceAnchor anchor, string name, List<DependencyDiagnostic> diagnostics)
    {
        if (text is null)
        {
            return null;
        }

        if (Pep440Version.TryParse(text, out var version))
        {
            return version;
        }

        diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
            $"version '{text}' of '{name}' is not a PEP 440 version; version-based knowledge will not apply", anchor));
        return null;
    }

    /// <summary>The "name" of a lockfile package table, or a diagnostic when it is missing or invalid.</summary>
    public static bool TryName(TomlTableNode package, string what, List<DependencyDiagnostic> diagnostics, out string name, out SourceAnchor anchor)
    {
        anchor = package.Get("name") is TomlScalar scalar ? scalar.ContentAnchor : package.Anchor;
        name = package.GetString("name") ?? "";
        if (name.Length == 0)
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"{what} entry without a 'name'; skipped", package.Anchor));
            return false;
        }

        if (!DistributionName.IsValid(name))
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"{what} entry has an invalid name '{name}'; skipped", anchor));
            return false;
        }

        return true;
    }

    public static VersionSpecifierSet? RequiresPython(TomlScalar? node, List<DependencyDiagnostic> diagnostics, bool poetryStyle = false)
    {
        if (node is not { Value: string text })
        {
            return null;
        }

        if (poetryStyle ? PoetryConstraint.TryConvert(text, out var poetrySet) : VersionSpecifierSet.TryParse(text, out poetrySet, out _))
        {
            return poetrySet;
        }

        diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning, $"Python constraint '{text}' is not understood", node.ContentAnchor));
        return null;
    }

    /// <summary>Reads "files = [{file = …, hash = …} | {url = …, hash = …}]" (poetry, pdm).</summary>
    public static List<ArtifactReference> FileList(TomlNode? node)
    {
        var artifacts = new List<ArtifactReference>();
        if (node is not TomlArrayNode array)
        {
            return artifacts;
        }

        foreach (var file in array.Items.OfType<TomlTableNode>())
        {
            var url = file.GetString("url");
            var fileName = file.GetString("file") ?? (url is null ? null : FileNameOf(url));
            if (fileName is not null)
            {
                artifacts.Add(Artifact(fileName, url, file.GetString("hash"), file.Anchor));
            }
        }

        return artifacts;
    }
}
