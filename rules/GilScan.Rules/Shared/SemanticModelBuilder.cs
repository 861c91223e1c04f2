using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Dependencies.Environments;
using GilScan.Semantics;
using GilScan.Semantics.Project;

namespace GilScan.Rules.Shared;

/// <summary>
/// How a run's semantic model (<see cref="ProjectModel"/>) is built from the engine's parsed files:
/// the layout (flat, or src/ when the files show one) is read from their paths, the call catalog is
/// the bundled one, and the installed pure-Python packages the project imports are read from its
/// environment (<see cref="InstalledPackageSources"/>) so that calls into them are followed.
/// Registered once in <see cref="ShippedRuleSet.Models"/> so that every rule of a run shares one model.
/// </summary>
public static class SemanticModelBuilder
{
    public static ProjectModel Build(ProjectModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var files = input.Files.Select(file => new SourceFile(file.Path, file.Tree.Root)).ToList();
        var layout = ProjectLayout.Detect(files.Select(file => file.RelativePath));
        var environment = InstalledPackageSources.EnvironmentOf(input.ProjectRoot, input.Options.PythonEnvironment);
        if (input.ProjectRoot is not { } root || environment is null)
        {
            return ProjectModel.Build(layout, files, jobs: input.Jobs);
        }

        var own = ModuleIndex.Build(layout, files.Select(file => file.RelativePath)).TopLevelNames;
        InstalledPackageSources.Result installed;
        IEnumerable<string> libraryRoots;
        try
        {
            installed = InstalledPackageSources.Read(root, environment, files, own);
            // Each site-packages folder is where its modules' names start, as it is on sys.path.
            libraryRoots = InstalledEnvironmentReader.FindSitePackages(environment)
                .Select(folder => Path.GetRelativePath(root, folder).Replace('\\', '/')).ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // An environment that cannot be read is left out: the analysis stops at the project's boundary.
            return ProjectModel.Build(layout, files, jobs: input.Jobs,
                notes: [$"the installed packages of {environment} could not be read ({error.Message}); calls into them count as unknown"]);
        }

        if (installed.Files.Count == 0)
        {
            return ProjectModel.Build(layout, files, jobs: input.Jobs);
        }

        var withLibraries = ProjectLayout.WithRoots(layout.SourceRoots.Concat(libraryRoots));
        return ProjectModel.Build(withLibraries, [.. files, .. installed.Files], jobs: input.Jobs,
            notes: installed.CapNote is { } cap ? [cap] : null);
    }

    /// <summary>Passes the model's notes on as warnings of the run (equal ones are written once, whichever
    /// rules pass them).</summary>
    public static void NotifyNotes(ProjectContext project, ProjectModel model)
    {
        foreach (var note in model.Notes)
        {
            project.Notify(new ToolNotification(RuleLevel.Warning, note));
        }
    }

    /// <summary>What the model reads besides the run's files: the packages installed in the project's
    /// environment, keyed by their names and versions so that cached results follow an upgrade.</summary>
    public static ProjectModelInputs Inputs { get; } = new(
        root => InstalledPackageSources.EnvironmentOf(root, null) is not null,
        root => InstalledPackageSources.Fingerprint(InstalledPackageSources.EnvironmentOf(root, null)));
}
