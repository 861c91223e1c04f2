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

/// <summary>
/// One knowledge-base entry: a package, a version range, the targets it holds for, a status, and the
/// public page that states it (<see cref="Source"/>, an https URL) with the date it states it for.
/// </summary>
public sealed record KnowledgeEntry(
    string Package,
    VersionSpecifierSet Versions,
    IReadOnlyList<string> Targets,
    KnownStatus Status,
    string Source,
    string? Note,
    SourceAnchor Location)
{
    /// <summary>The date the source states the fact for (a release, a commit, or the day a tracking page was read), "YYYY-MM-DD".</summary>
    public string Date { get; init; } = "";

    /// <summary>Further public pages that support the entry.</summary>
    public IReadOnlyList<string> SeeAlso { get; init; } = [];
}

/// <summary>
/// A package whose compiled part is optional: it selects a pure-Python fallback at import time when its
/// extension modules (<see cref="Modules"/>) cannot be imported or built (<see cref="Fallback"/> says how,
/// <see cref="Source"/> where that is written). Without a free-threaded build it works, more slowly.
/// </summary>
public sealed record OptionalCompiledPart(
    string Package, VersionSpecifierSet Versions, IReadOnlyList<string> Modules, string Fallback, string Source, string Date, SourceAnchor Location)
{
    /// <summary>Further public pages that support the entry.</summary>
    public IReadOnlyList<string> SeeAlso { get; init; } = [];
}

/// <summary>
/// The bundled package knowledge base (rules/knowledge/packages.toml, embedded in the assembly), keyed
/// by (package, version range, target) because "supports 3.13t" and "supports 3.14t" are separate facts.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, List<KnowledgeEntry>> _byPackage;
    private readonly Dictionary<string, (string Use, string Source)> _alternatives;
    private readonly Dictionary<string, List<OptionalCompiledPart>> _optional;

    private KnowledgeBase(List<KnowledgeEntry> entries, Dictionary<string, (string, string)> alternatives, List<OptionalCompiledPart> optional, List<DependencyDiagnostic> diagnostics)
    {
        Entries = entries;
        _byPackage = entries.GroupBy(e => DistributionName.Normalize(e.Package)).ToDictionary(g => g.Key, g => g.ToList());
        _alternatives = alternatives;
        OptionalCompiledParts = optional;
        _optional = optional.GroupBy(o => DistributionName.Normalize(o.Package)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>Packages whose compiled part is optional (<c>[[optional-compiled]]</c>).</summary>
    public IReadOnlyList<OptionalCompiledPart> OptionalCompiledParts { get; }

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

            var date = table.GetString("date");
            CheckSource(source, date, problems);

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
                source!, table.GetString("note"), table.AnchorOf("package"))
            {
                Date = date!,
                SeeAlso = [.. table.GetStrings("see-also").Select(s => (string)s.Value)],
            });
        }

        var alternatives = new Dictionary<string, (string, string)>();
        foreach (var table in toml.Root.GetTables("alternative"))
        {
            var problems = new List<string>();
            var package = table.GetString("package");
            var use = table.GetString("use");
            var source = table.GetString("source");
            if (package is null || use is null)
            {
                problems.Add("needs package and use");
            }

            CheckSource(source, table.GetString("date"), problems);
            if (problems.Count > 0)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"alternative skipped: {string.Join("; ", problems)}", table.Anchor));
                continue;
            }

            alternatives[DistributionName.Normalize(package!)] = (use!, source!);
        }

        var optional = new List<OptionalCompiledPart>();
        foreach (var table in toml.Root.GetTables("optional-compiled"))
        {
            var problems = new List<string>();
            var package = table.GetString("package");
            var modules = table.GetStrings("modules").Select(m => (string)m.Value).ToList();
            var fallback = table.GetString("fallback");
            var source = table.GetString("source");
            var date = table.GetString("date");
            if (string.IsNullOrWhiteSpace(package) || modules.Count == 0 || string.IsNullOrWhiteSpace(fallback))
            {
                problems.Add("needs package, modules and fallback");
            }

            CheckSource(source, date, problems);
            if (!VersionSpecifierSet.TryParse(table.GetString("versions") ?? "", out var versions, out var versionError))
            {
                problems.Add(versionError!);
            }

            if (problems.Count > 0)
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"optional-compiled entry skipped: {string.Join("; ", problems)}", table.Anchor));
                continue;
            }

            optional.Add(new OptionalCompiledPart(package!, versions, modules, fallback!, source!, date!, table.AnchorOf("package"))
            {
                SeeAlso = [.. table.GetStrings("see-also").Select(s => (string)s.Value)],
            });
        }

        return new KnowledgeBase(entries, alternatives, optional, diagnostics);
    }

    // Every fact names the public page that states it (not a file of ours) and the date it holds for.
    private static void CheckSource(string? source, string? date, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add("no source");
        }
        else if (!source.StartsWith("https://", StringComparison.Ordinal) || !Uri.TryCreate(source, UriKind.Absolute, out _) || source.Contains(' ', StringComparison.Ordinal))
        {
            problems.Add($"source '{source}' is not a public https URL");
        }

        if (string.IsNullOrWhiteSpace(date))
        {
            problems.Add("no date");
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            problems.Add($"date '{date}' is not YYYY-MM-DD");
        }
    }

    /// <summary>
    /// The optional compiled part of a package at <paramref name="version"/>, when the knowledge base knows
    /// it runs a pure-Python fallback there; with no version, only when the entry covers every version.
    /// </summary>
    public OptionalCompiledPart? OptionalCompiled(string package, Pep440Version? version) =>
        _optional.GetValueOrDefault(DistributionName.Normalize(package))?
            .FirstOrDefault(o => version is null ? o.Versions.Clauses.Count == 0 : o.Versions.Contains(version, includePreReleases: true));

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
