using System.Reflection;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;

namespace GilScan.Dependencies.Knowledge;

/// <summary>Where an import-name mapping came from.</summary>
public enum ImportNameSource
{
    /// <summary>PEP 794 Import-Name / Import-Namespace in METADATA.</summary>
    ImportNameMetadata,

    /// <summary>setuptools' top_level.txt.</summary>
    TopLevelTxt,

    /// <summary>First path parts of RECORD (what importlib.metadata's packages_distributions() infers).</summary>
    Record,

    /// <summary>The bundled table of well-known mismatches (rules/knowledge/import-names.toml).</summary>
    WellKnownTable,

    /// <summary>The import name itself, normalised, taken as the distribution name (the common case).</summary>
    SameName,
}

public sealed record ImportNameMatch(string Distribution, ImportNameSource Source, string Detail);

/// <summary>
/// Maps import names to the distributions that provide them, many-to-many (namespace packages, cv2 from
/// four OpenCV builds). Built like importlib.metadata's packages_distributions(): Import-Name, else
/// top_level.txt, else RECORD's first path parts; then the bundled table; then the name itself.
/// </summary>
public sealed class ImportNameMap
{
    private readonly Dictionary<string, List<ImportNameMatch>> _byImport = new(StringComparer.Ordinal);

    private ImportNameMap()
    {
    }

    /// <summary>The bundled well-known table only.</summary>
    public static ImportNameMap LoadBundled()
    {
        var map = new ImportNameMap();
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("GilScan.Dependencies.import-names.toml")
                           ?? throw new InvalidOperationException("the bundled import-names.toml is missing from the assembly");
        using var reader = new StreamReader(stream);
        map.AddTable(reader.ReadToEnd(), "rules/knowledge/import-names.toml");
        return map;
    }

    /// <summary>The bundled table plus what the given distributions' metadata says (metadata first).</summary>
    public static ImportNameMap Build(IEnumerable<ScannedDistribution> distributions)
    {
        var map = LoadBundled();
        foreach (var distribution in distributions)
        {
            map.AddDistribution(distribution);
        }

        return map;
    }

    public IReadOnlyList<DependencyDiagnostic> Diagnostics { get; private set; } = [];

    private void AddTable(string text, string path)
    {
        var toml = TomlTreeBuilder.Parse(text, path);
        var diagnostics = new List<DependencyDiagnostic>(toml.Diagnostics);
        foreach (var mapping in toml.Root.GetTables("mapping"))
        {
            var import = mapping.GetString("import");
            var source = mapping.GetString("source");
            var distributions = mapping.GetStrings("distributions").Select(s => (string)s.Value).ToList();
            if (import is null || source is null || distributions.Count == 0)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, "mapping needs import, distributions and source", mapping.Anchor));
                continue;
            }

            foreach (var distribution in distributions)
            {
                Add(import, new ImportNameMatch(distribution, ImportNameSource.WellKnownTable, source));
            }
        }

        Diagnostics = diagnostics;
    }

    private void AddDistribution(ScannedDistribution distribution)
    {
        var metadata = distribution.Metadata;
        if (metadata.ImportNames.Count > 0 || metadata.ImportNamespaces.Count > 0)
        {
            foreach (var name in metadata.ImportNames.Concat(metadata.ImportNamespaces))
            {
                // PEP 794 allows "name; private" — only the name matters here.
                Add(name.Split(';')[0].Trim(), new ImportNameMatch(metadata.Name, ImportNameSource.ImportNameMetadata, "Import-Name in METADATA"));
            }

            return;
        }

        if (metadata.TopLevel.Count > 0)
        {
            foreach (var name in metadata.TopLevel)
            {
                Add(name.Replace('/', '.'), new ImportNameMatch(metadata.Name, ImportNameSource.TopLevelTxt, "top_level.txt"));
            }

            return;
        }

        foreach (var path in metadata.RecordPaths)
        {
            var first = path.Replace('\\', '/').Split('/')[0];
            var name = path.Contains('/') ? first : ModuleNameOfFile(first);
            if (name is not null && !name.Contains('.') && name.Length > 0 && name != "..")
            {
                Add(name, new ImportNameMatch(metadata.Name, ImportNameSource.Record, "RECORD"));
            }
        }
    }

    /// <summary>"six.py" → "six", "_cffi_backend.cpython-311-x86_64-linux-gnu.so" → "_cffi_backend" (inspect.getmodulename).</summary>
    private static string? ModuleNameOfFile(string file)
    {
        if (file.EndsWith(".py", StringComparison.Ordinal) || file.EndsWith(".pyc", StringComparison.Ordinal))
        {
            return file[..file.LastIndexOf('.')];
        }

        return Binary.ExtensionFileName.IsCandidate(file) ? Binary.ExtensionFileName.Parse(file).ModuleName : null;
    }

    private void Add(string import, ImportNameMatch match)
    {
        if (!_byImport.TryGetValue(import, out var list))
        {
            _byImport[import] = list = [];
        }

        if (!list.Any(m => DistributionName.Normalize(m.Distribution) == DistributionName.Normalize(match.Distribution)))
        {
            list.Add(match);
        }
    }

    /// <summary>
    /// The distributions that may provide <paramref name="importName"/> ("yaml", "google.protobuf.message"):
    /// the longest mapped dotted prefix wins; with none, the top-level name itself as a distribution name.
    /// </summary>
    public IReadOnlyList<ImportNameMatch> Resolve(string importName)
    {
        var parts = importName.Split('.');
        for (var length = parts.Length; length >= 1; length--)
        {
            if (_byImport.TryGetValue(string.Join('.', parts.Take(length)), out var matches))
            {
                // Metadata from the environment outranks the bundled table.
                return matches.OrderBy(m => m.Source).ToList();
            }
        }

        return [new ImportNameMatch(parts[0], ImportNameSource.SameName, "import name used as distribution name")];
    }
}
