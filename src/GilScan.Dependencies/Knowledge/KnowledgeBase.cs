using System.Reflection;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Knowledge;

/// <summary>What the knowledge base says about a package version on a target.</summary>
public enum KnownStatus
{
    /// <summary>Its extension modules declare <c>Py_MOD_GIL_NOT_USED</c>.</summary>
    Declares,

    /// <summary>Free-threaded builds exist but at least one module does not declare: importing it re-enables the GIL.</summary>
    ReenablesGil,

    /// <summary>No free-threaded wheel was published for these versions.</summary>
    NoFreeThreadedWheel,

    /// <summary>Only abi3 wheels, which 3.13t/3.14t cannot install.</summary>
    Abi3Only,

    /// <summary>No free-threaded wheel, but a py3-none-any wheel installs (a slower pure-Python backend).</summary>
    PurePythonFallback,

    /// <summary>Compiled code is loaded through ctypes/cffi (py3-none-platform wheels): no GIL question.</summary>
    NoExtensionModules,

    /// <summary>Free-threaded wheels exist; whether they declare is not verified.</summary>
    Unverified,
}

/// <summary>One knowledge-base entry: a package, a version range, the targets it holds for, a status and its source.</summary>
public sealed record KnowledgeEntry(
    string Package,
    VersionSpecifierSet Versions,
    IReadOnlyList<string> Targets,
    KnownStatus Status,
    string Source,
    string? Note,
    SourceAnchor Location);

/// <summary>
/// The bundled package knowledge base (rules/knowledge/packages.toml, embedded in the assembly), keyed
/// by (package, version range, target) because "supports 3.13t" and "supports 3.14t" are separate facts.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, List<KnowledgeEntry>> _byPackage;
    private readonly Dictionary<string, (string Use, string Source)> _alternatives;

    private KnowledgeBase(List<KnowledgeEntry> entries, Dictionary<string, (string, string)> alternatives, List<DependencyDiagnostic> diagnostics)
    {
        Entries = entries;
        _byPackage = entries.GroupBy(e => DistributionName.Normalize(e.Package)).ToDictionary(g => g.Key, g => g.ToList());
        _alternatives = alternatives;
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>Problems in the data file itself (a test keeps the bundled file free of them).</summary>
    public IReadOnlyList<DependencyDiagnostic> Diagnostics { get; }

    public static KnowledgeBase LoadBundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("GilScan.Dependencies.packages.toml")
                           ?? throw new InvalidOperationException("the bundled packages.toml is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "rules/knowledge/packages.toml");
    }

    public static KnowledgeBase Parse(string text, string path)
    {
        var toml = TomlTreeBuilder.Parse(text, path);
        var diagnostics = new List<DependencyDiagnostic>(toml.Diagnostics);
        var entries = new List<KnowledgeEntry>();
        foreach (var table in toml.Root.GetTables("entry"))
        {
            var package = table.GetString("package");
            var source = table.GetString("source");
            var statusText = table.GetString("status");
            var targets = table.GetStrings("targets").Select(s => (string)s.Value).ToList();
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(package))
            {
                problems.Add("no package");
            }

            if (string.IsNullOrWhiteSpace(source))
            {
                problems.Add("no source");
            }

            if (targets.Count == 0 || targets.Any(t => !FreeThreadedTarget.TryParse(t, out _)))
            {
                problems.Add("targets must list free-threaded versions such as \"3.14t\"");
            }

            if (!VersionSpecifierSet.TryParse(table.GetString("versions") ?? "", out var versions, out var versionError))
            {
                problems.Add(versionError!);
            }

            KnownStatus? status = statusText switch
            {
                "declares" => KnownStatus.Declares,
                "reenables-gil" => KnownStatus.ReenablesGil,
                "no-free-threaded-wheel" => KnownStatus.NoFreeThreadedWheel,
                "abi3-only" => KnownStatus.Abi3Only,
                "pure-python-fallback" => KnownStatus.PurePythonFallback,
                "no-extension-modules" => KnownStatus.NoExtensionModules,
                "unverified" => KnownStatus.Unverified,
                _ => null,
            };
            if (status is null)
            {
                problems.Add($"unknown status '{statusText}'");
            }

            if (problems.Count > 0)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error,
                    $"knowledge entry skipped: {string.Join("; ", problems)}", table.Anchor));
                continue;
            }

            entries.Add(new KnowledgeEntry(package!, versions, targets.Select(t => t.ToLowerInvariant()).ToList(), status!.Value,
                source!, table.GetString("note"), table.AnchorOf("package")));
        }

        var alternatives = new Dictionary<string, (string, string)>();
        foreach (var table in toml.Root.GetTables("alternative"))
        {
            if (table.GetString("package") is { } package && table.GetString("use") is { } use && table.GetString("source") is { } source)
            {
                alternatives[DistributionName.Normalize(package)] = (use, source);
            }
            else
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, "alternative needs package, use and source", table.Anchor));
            }
        }

        return new KnowledgeBase(entries, alternatives, diagnostics);
    }

    public bool Knows(string package) => _byPackage.ContainsKey(DistributionName.Normalize(package));

    /// <summary>
    /// The entries for a package on a target that cover <paramref name="version"/>; with no version (an
    /// unpinned requirement), the entries only when they all agree, since the answer would depend on it.
    /// </summary>
    public KnowledgeEntry? Lookup(string package, Pep440Version? version, FreeThreadedTarget target)
    {
        if (!_byPackage.TryGetValue(DistributionName.Normalize(package), out var entries))
        {
            return null;
        }

        var forTarget = entries.Where(e => e.Targets.Contains(target.Name)).ToList();
        if (version is not null)
        {
            return forTarget.FirstOrDefault(e => e.Versions.Contains(version, includePreReleases: true));
        }

        return forTarget.Count > 0 && forTarget.All(e => e.Status == forTarget[0].Status) ? forTarget[0] : null;
    }

    /// <summary>The lowest version from which the package declares on the target (the fix), with the entry that says so.</summary>
    public (Pep440Version Version, KnowledgeEntry Entry)? MinimumDeclaringVersion(string package, FreeThreadedTarget target)
    {
        if (!_byPackage.TryGetValue(DistributionName.Normalize(package), out var entries))
        {
            return null;
        }

        return entries
            .Where(e => e.Status == KnownStatus.Declares && e.Targets.Contains(target.Name))
            .SelectMany(e => e.Versions.Clauses.Where(c => c.Operator is ">=" or "==" or "~=" && c.Version is not null)
                .Select(c => (Version: c.Version!, Entry: e)))
            .OrderBy(x => x.Version)
            .Select(x => ((Pep440Version, KnowledgeEntry)?)x)
            .FirstOrDefault();
    }

    public (string Use, string Source)? Alternative(string package) =>
        _alternatives.TryGetValue(DistributionName.Normalize(package), out var alternative) ? alternative : null;
}
