using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Project;

namespace GilScan.Rules.Shared;

/// <summary>
/// How a run's semantic model (<see cref="ProjectModel"/>) is built from the engine's parsed files:
/// the layout (flat, or src/ when the files show one) is read from their paths, the call catalog is
/// the bundled one. Registered once in <see cref="ShippedRuleSet.Models"/> so that every rule of a
/// run shares one model.
/// </summary>
public static class SemanticModelBuilder
{
    public static ProjectModel Build(ProjectModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var files = input.Files.Select(file => new SourceFile(file.Path, file.Tree.Root)).ToList();
        return ProjectModel.Build(ProjectLayout.Detect(files.Select(file => file.RelativePath)), files, jobs: input.Jobs);
    }
}
