using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;
using GilScan.Semantics.Project;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// The audit of one project's dependencies, done once before any Python file is read and shared: the
/// inputs read, the verdicts, and the import-name map. Immutable after <see cref="Open"/>, so a driver may call <see cref="CollectImports"/>
/// from many threads (one call per parsed file) and <see cref="Report"/> once at the end.
/// </summary>
public sealed class ProjectDependencyAudit
{
    private ProjectDependencyAudit(ProjectLocations locations, DependencyAuditOptions options, DependencyInputs inputs, TargetChoice choice, AuditResult audit, ImportNameMap importNames)
    {
        Locations = locations;
        Options = options;
        Inputs = inputs;
        TargetChoice = choice;
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

    /// <summary>The target and why it was chosen (given, or from the project's requires-python).</summary>
    public TargetChoice TargetChoice { get; }

    /// <summary>The project folders whose inputs were read: the root, and nested projects with their own lockfile.</summary>
    public IReadOnlyList<ProjectScope> Scopes => Inputs.Scopes;

    /// <summary>Whether there is anything to audit: a manifest, a lockfile, an environment or wheels (`check` runs GIL401-403 only then).</summary>
    public bool HasDependencyInputs => Inputs.Files.Count > 0 || Inputs.Environments.Count > 0 || Inputs.Wheels.Count > 0;

    /// <summary>Reads the project's dependency inputs and audits them for <see cref="DependencyAuditOptions.Target"/>.</summary>
    public static ProjectDependencyAudit Open(string projectRoot, DependencyAuditOptions? options = null)
    {
        options ??= new DependencyAuditOptions();
        var locations = new ProjectLocations(projectRoot);
        var inputs = ProjectInputs.Load(locations.Root, options.PythonEnvironment, options.WheelsDirectory, options.FindProjectEnvironment);
        var choice = options.Target is { } given
            ? TargetChoice.Given(given with { Platform = options.Platform })
            : TargetChoice.ForProject(inputs.Scopes, options.Platform);
        var audit = DependencyAuditor.Audit(inputs, choice.Target, options.Knowledge);
        var importNames = ImportNameMap.Build(inputs.Environments.SelectMany(e => e.Distributions).Concat(inputs.Wheels));
        return new ProjectDependencyAudit(locations, options, inputs, choice, audit, importNames);
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
        var paths = projectFiles.ToList();
        var imports = Resolve(importSites, ModuleIndex.Build(ProjectLayout.Detect(paths), paths).TopLevelNames);
        var sitesByVerdict = imports.ToLookup(i => i.Verdict, i => i.Site, ReferenceEqualityComparer.Instance);
        var notifications = new List<ToolNotification>(InputNotifications());
        var diagnostics = new List<Diagnostic>();
        var dependencyLocations = new Dictionary<DistributionVerdict, Location>(ReferenceEqualityComparer.Instance);
        var fallback = Inputs.Files.Select(f => Locations.RelativePath(f.Path)).OfType<string>().Select(Location.StartOf).FirstOrDefault();
        var versionsByName = Audit.Verdicts.GroupBy(v => (v.Scope, v.NormalizedName)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var verdict in Audit.Blockers)
        {
            var context = new VerdictContext(
                [.. sitesByVerdict[verdict]],
                DirectDeclaration(verdict),
                versionsByName[(verdict.Scope, verdict.NormalizedName)] > 1);
            var finding = DependencyFindings.ForVerdict(verdict, Locations, context, fallback);
            if (finding is null)
            {
                notifications.Add(new ToolNotification(RuleLevel.Warning,
                    $"'{VerdictWords.Display(verdict)}' blocks free-threading on {Target.Name} ({verdict.RuleId}), but none of its inputs lies under the project root; it is in the audit report only."));
                continue;
            }

            diagnostics.Add(finding);
            dependencyLocations[verdict] = finding.Location;
        }

        foreach (var import in imports.Where(i => i.Verdict.IsBlocker))
        {
            diagnostics.Add(DependencyFindings.ForImport(import.Site, import.Verdict, dependencyLocations.GetValueOrDefault(import.Verdict)));
        }

        return new DependencyFindingSet([.. diagnostics.Order(DiagnosticLocationOrder.Instance)], imports, notifications);
    }

    /// <summary>For a transitive dependency, where the project declares the direct dependency that pulls it in.</summary>
    private (string Name, SourceAnchor Anchor)? DirectDeclaration(DistributionVerdict verdict)
    {
        if (verdict.IsDirect)
        {
            return null;
        }

        var direct = Audit.For(verdict.PulledInBy[0], verdict.Scope);
        var anchor = direct?.Declarations.FirstOrDefault() ?? direct?.Pins.FirstOrDefault();
        return anchor is null ? null : (direct!.Name, anchor);
    }

    /// <summary>
    /// Every import that resolves to a distribution audited in the scope that governs the importing file
    /// (the deepest project folder with its own inputs that holds it), in location order. When a scope
    /// pins two versions of one name, the import links the blocking one.
    /// </summary>
    public IReadOnlyList<ResolvedImport> Resolve(IEnumerable<ImportSite> importSites, IReadOnlySet<string> projectModules)
    {
        var resolved = new List<ResolvedImport>();
        var verdicts = Audit.Verdicts.ToLookup(v => (v.Scope, v.NormalizedName));
        foreach (var site in importSites)
        {
            if (projectModules.Contains(site.TopLevel))
            {
                continue;
            }

            var scope = Scopes.Count == 0 ? "" : ProjectScopes.ScopeOf(Scopes, ProjectRoot, site.Location.Path).RelativeFolder;
            var distributions = new HashSet<string>(StringComparer.Ordinal);
            foreach (var match in ImportNames.Resolve(site.Module))
            {
                var normalized = DistributionName.Normalize(match.Distribution);
                if (verdicts[(scope, normalized)].OrderBy(v => v.IsBlocker ? 0 : 1).FirstOrDefault() is { } verdict && distributions.Add(normalized))
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
