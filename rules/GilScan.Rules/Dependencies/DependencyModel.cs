using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Inputs;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// The shared model of GIL401-403 in an engine run (registered in <see cref="ShippedRuleSet.Models"/>):
/// one <see cref="DependencyFindingsBuilder"/> over the project root, fed the imports of every file of the run
/// and completed once, when the first of the three rules asks for it at project end. Each rule then
/// reports its own diagnostics from it, so the audit and the import resolution run once per run.
/// Without a project root (documents that do not come from a folder) there is nothing to audit; without
/// a manifest, lockfile, environment or wheels the audit finds nothing, and no import is even collected.
/// </summary>
public sealed class DependencyModel
{
    private DependencyModel(DependencyAuditOutcome? outcome) => Outcome = outcome;

    /// <summary>The audit, findings and file count of the run; null when the run had no project root.</summary>
    public DependencyAuditOutcome? Outcome { get; }

    /// <summary>Problems of the run: inputs that could not be read, blockers with no place under the root.</summary>
    public IReadOnlyList<ToolNotification> Notifications => Outcome?.Notifications ?? [];

    /// <summary>Builds the model with the default audit (the project's target on Linux x86_64, its .venv if any), as <c>gilscan check</c> runs it.</summary>
    public static DependencyModel Build(ProjectModelInput input) => Build(input, new DependencyAuditOptions());

    /// <summary>Builds the model with the given audit options (<c>gilscan audit</c>'s <c>--target</c>, <c>--python-env</c>, <c>--wheels</c>).</summary>
    public static DependencyModel Build(ProjectModelInput input, DependencyAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (input.ProjectRoot is null)
        {
            return new DependencyModel(null);
        }

        var run = new DependencyFindingsBuilder(ProjectDependencyAudit.Open(input.ProjectRoot, options));
        if (run.Dependencies.HasDependencyInputs)
        {
            Parallel.ForEach(input.Files, file => run.AddFile(file.Path, file.Tree.Root));
            foreach (var path in input.UnparsedFiles)
            {
                // No imports to read, but its module name is still the project's own, not a dependency's.
                run.AddUnparsedFile(path);
            }
        }

        return new DependencyModel(new DependencyAuditOutcome(run.Dependencies, run.Complete(), input.Files.Count + input.UnparsedFiles.Count));
    }

    /// <summary>
    /// Whether <paramref name="projectRoot"/> holds anything an audit could read: a manifest or lockfile,
    /// the given or the project's environment, a wheels directory. Cheap (nothing is parsed), and true
    /// whenever <see cref="ProjectDependencyAudit.HasDependencyInputs"/> would be; when false, GIL401-403
    /// would report nothing, so a driver may leave them out of the run.
    /// </summary>
    public static bool HasInputsToAudit(string projectRoot, DependencyAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PythonEnvironment is not null || options.WheelsDirectory is not null
            || DependencyInputReader.Discover(projectRoot).Count > 0
            || ProjectScopes.DiscoverFolders(projectRoot).Count > 1
            || (options.FindProjectEnvironment && InstalledEnvironmentReader.FindProjectEnvironment(projectRoot) is not null);
    }

    /// <summary>
    /// The audit's inputs for the model registry: whether the root holds any (<see cref="HasInputsToAudit"/>)
    /// and their key (<see cref="DependencyInputsFingerprint"/>), with the same <paramref name="options"/> as the build.
    /// </summary>
    public static ProjectModelInputs Inputs(DependencyAuditOptions options) =>
        new(root => HasInputsToAudit(root, options), root => DependencyInputsFingerprint.Of(root, options));

    /// <summary>The diagnostics of one dependency rule (GIL401, GIL402 or GIL403), in location order.</summary>
    public IEnumerable<Diagnostic> DiagnosticsOf(string ruleId) =>
        Outcome?.Diagnostics.Where(d => d.RuleId == ruleId) ?? [];

    /// <summary>
    /// The project-end action of each of the three rules: its own diagnostics, and the run's
    /// notifications (the engine writes equal notifications of the three rules once).
    /// </summary>
    internal static void Report(ProjectContext project, string ruleId)
    {
        var model = project.GetModel<DependencyModel>();
        foreach (var diagnostic in model.DiagnosticsOf(ruleId))
        {
            project.Report(diagnostic);
        }

        foreach (var notification in model.Notifications)
        {
            project.Notify(notification);
        }
    }
}
