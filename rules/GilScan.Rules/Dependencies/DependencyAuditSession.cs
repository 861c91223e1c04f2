using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// One dependency audit of one project, done once and shared: the inputs read, the verdicts, and the
/// import-name map. Immutable after <see cref="Open"/>, so a driver may call <see cref="CollectImports"/>
/// from many threads (one call per parsed file) and <see cref="Report"/> once at the end.
/// </summary>
public sealed class DependencyAuditSession
{
    private DependencyAuditSession(ProjectLocations locations, DependencyAuditOptions options, DependencyInputs inputs, AuditResult audit, ImportNameMap importNames)
    {
        Locations = locations;
        Options = options;
        Inputs = inputs;
        Audit = audit;
        ImportNames = importNames;
    }

    /// <summary>The project root as a full path, and the mapping of input anchors to project locations.</summary>
    public ProjectLocations Locations { get; }

    public string ProjectRoot => Locations.Root;

    public DependencyAuditOptions Options { get; }

    public DependencyInputs Inputs { get; }

    public AuditResult Audit { get; }

    public ImportNameMap ImportNames { get; }

    public FreeThreadedTarget Target => Audit.Target;

    /// <summary>Whether there is anything to audit: a manifest, a lockfile, an environment or wheels (`check` runs GIL401-403 only then).</summary>
    public bool HasDependencyInputs => Inputs.Files.Count > 0 || Inputs.Environments.Count > 0 || Inputs.Wheels.Count > 0;

    /// <summary>Reads the project's dependency inputs and audits them for <see cref="DependencyAuditOptions.Target"/>.</summary>
    public static DependencyAuditSession Open(string projectRoot, DependencyAuditOptions? options = null)
    {
        options ??= new DependencyAuditOptions();
        var locations = new ProjectLocations(projectRoot);
        var inputs = ProjectInputs.Load(locations.Root, options.PythonEnvironment, options.WheelsDirectory, options.FindProjectEnvironment);
        var audit = DependencyAuditor.Audit(inputs, options.Target, options.Knowledge);
        var importNames = ImportNameMap.Build(inputs.Environments.SelectMany(e => e.Distributions).Concat(inputs.Wheels));
        return new DependencyAuditSession(locations, options, inputs, audit, importNames);
    }

    /// <summary>The absolute imports of one parsed file (thread-safe; <paramref name="relativePath"/> is relative to the root).</summary>
    public IReadOnlyList<ImportSite> CollectImports(string relativePath, Module root) => ImportSiteCollector.Collect(relativePath, root);

    /// <summary>
    /// Links the imports to audited distributions and builds every diagnostic. <paramref name="projectFiles"/>
    /// are the project's Python files relative to the root: imports of their top-level names are the project's own.
    /// </summary>
    public DependencyFindingSet Report(IEnumerable<ImportSite> importSites, IEnumerable<string> projectFiles)
    {
        ArgumentNullException.ThrowIfNull(importSites);
        ArgumentNullException.ThrowIfNull(projectFiles);
        var imports = Resolve(importSites, ProjectModules.TopLevelNames(projectFiles));
        var sitesByDistribution = imports.ToLookup(i => i.Verdict.NormalizedName, i => i.Site, StringComparer.Ordinal);
        var notifications = new List<ToolNotification>(InputNotifications());
        var diagnostics = new List<Diagnostic>();
        var dependencyLocations = new Dictionary<string, Location>(StringComparer.Ordinal);
        var fallback = Inputs.Files.Select(f => Locations.RelativePath(f.Path)).OfType<string>().Select(Location.StartOf).FirstOrDefault();
        foreach (var verdict in Audit.Blockers)
        {
            var finding = DependencyFindings.ForVerdict(verdict, Locations, [.. sitesByDistribution[verdict.NormalizedName]], fallback);
            if (finding is null)
            {
                notifications.Add(new ToolNotification(RuleLevel.Warning,
                    $"'{VerdictWords.Display(verdict)}' blocks free-threading on {Target.Name} ({verdict.RuleId}), but none of its inputs lies under the project root; it is in the audit report only."));
                continue;
            }

            diagnostics.Add(finding);
            dependencyLocations[verdict.NormalizedName] = finding.Location;
        }

        foreach (var import in imports.Where(i => i.Verdict.IsBlocker))
        {
            diagnostics.Add(DependencyFindings.ForImport(import.Site, import.Verdict, dependencyLocations.GetValueOrDefault(import.Verdict.NormalizedName)));
        }

        return new DependencyFindingSet([.. diagnostics.Order(DiagnosticLocationOrder.Instance)], imports, notifications);
    }

    /// <summary>Every import that resolves to an audited distribution, in location order.</summary>
    public IReadOnlyList<ResolvedImport> Resolve(IEnumerable<ImportSite> importSites, IReadOnlySet<string> projectModules)
    {
        var resolved = new List<ResolvedImport>();
        foreach (var site in importSites)
        {
            if (projectModules.Contains(site.TopLevel))
            {
                continue;
            }

            var distributions = new HashSet<string>(StringComparer.Ordinal);
            foreach (var match in ImportNames.Resolve(site.Module))
            {
                if (Audit.For(match.Distribution) is { } verdict && distributions.Add(verdict.NormalizedName))
                {
                    resolved.Add(new ResolvedImport(site, verdict, match));
                }
            }
        }

        return [.. resolved.OrderBy(r => r.Site.Location, DiagnosticLocationOrder.Locations).ThenBy(r => r.Verdict.NormalizedName, StringComparer.Ordinal)];
    }

    private IEnumerable<ToolNotification> InputNotifications() =>
        Audit.Diagnostics.Concat(ImportNames.Diagnostics).Select(problem =>
        {
            var level = problem.Severity == DiagnosticSeverity.Error ? RuleLevel.Error : RuleLevel.Warning;
            return Locations.Of(problem.Location) is { } location
                ? new ToolNotification(level, Locations.Relativize(problem.Message)) { Path = location.Path, Span = location.Span }
                : new ToolNotification(level, $"{problem.Location}: {problem.Message}");
        });
}
