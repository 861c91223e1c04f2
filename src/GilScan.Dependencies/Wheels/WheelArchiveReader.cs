using System.IO.Compression;
using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Wheels;

/// <summary>The result of reading wheel files: the distributions read, and the problems met.</summary>
public sealed record WheelSet(IReadOnlyList<ScannedDistribution> Distributions, IReadOnlyList<DependencyDiagnostic> Diagnostics);

/// <summary>
/// Opens <c>.whl</c> files (zip archives), reads their <c>.dist-info</c> and scans every extension module
/// member. A damaged archive or member becomes a diagnostic; the other wheels are still read.
/// </summary>
public static class WheelArchiveReader
{
    /// <summary>Members larger than this are not scanned (a 2 GB CUDA library is not a module to audit byte by byte).</summary>
    public const long MaxScannedMemberBytes = 512L * 1024 * 1024;

    public static WheelSet ReadDirectory(string directory)
    {
        var distributions = new List<ScannedDistribution>();
        var diagnostics = new List<DependencyDiagnostic>();
        if (!Directory.Exists(directory))
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"wheel directory '{directory}' does not exist", SourceAnchor.File(directory)));
            return new WheelSet(distributions, diagnostics);
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.whl").Order(StringComparer.Ordinal))
        {
            if (Read(path, diagnostics) is { } distribution)
            {
                distributions.Add(distribution);
            }
        }

        return new WheelSet(distributions, diagnostics);
    }

    public static ScannedDistribution? Read(string path, List<DependencyDiagnostic> diagnostics)
    {
        var anchor = SourceAnchor.File(path);
        if (!WheelFilename.TryParse(Path.GetFileName(path), out var wheelName, out var nameError))
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, nameError!, anchor));
            return null;
        }

        try
        {
            using var archive = ZipFile.OpenRead(path);
            var distInfoDirectory = archive.Entries
                .Select(e => e.FullName.Split('/')[0])
                .Where(d => d.EndsWith(".dist-info", StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(d => DistributionName.Normalize(d.Split('-')[0]) == wheelName.NormalizedName ? 0 : 1)
                .FirstOrDefault();
            if (distInfoDirectory is null)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, "wheel has no .dist-info directory", anchor));
                return null;
            }

            string? ReadMember(string member)
            {
                var entry = archive.GetEntry($"{distInfoDirectory}/{member}");
                if (entry is null)
                {
                    return null;
                }

                using var reader = new StreamReader(entry.Open());
                return reader.ReadToEnd();
            }

            var metadata = DistInfo.Read($"{path}!{distInfoDirectory}/METADATA", ReadMember, wheelName.Distribution, diagnostics);
            var modules = new List<ExtensionModuleScan>();
            foreach (var entry in archive.Entries.Where(e => ExtensionFileName.IsCandidate(e.FullName)).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.Length > MaxScannedMemberBytes)
                {
                    diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                        $"'{entry.FullName}' is {entry.Length} bytes; not scanned", anchor));
                    continue;
                }

                using var stream = entry.Open();
                using var buffer = new MemoryStream((int)entry.Length);
                stream.CopyTo(buffer);
                modules.Add(ExtensionScanner.Scan(entry.FullName, buffer.ToArray()));
            }

            var artifact = new ArtifactReference(wheelName.FileName, path, null, wheelName, anchor);
            var dependency = new DependencyEntry(metadata.Name, metadata.VersionText ?? wheelName.VersionText,
                metadata.Version ?? wheelName.Version, null, InputKind.WheelFile, PinSourceKind.Path, path, [artifact], [], [], null, anchor);
            return new ScannedDistribution(dependency, metadata, modules, path);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"cannot read wheel: {exception.Message}", anchor));
            return null;
        }
    }
}
