using System.Collections.Immutable;
using GilScan.Analysis.Configuration;

namespace GilScan.Analysis.Rules;

/// <summary>What a shared project model is built from: every parsed file of the run and the options.</summary>
public sealed record ProjectModelInput(IReadOnlyList<ProjectFile> Files, AnalysisOptions Options)
{
    /// <summary>
    /// The full path of the folder the files' paths are relative to (SARIF's SRCROOT), for models that
    /// also read inputs that are not Python files, such as the lockfiles of the dependency audit; null
    /// when the run's documents do not come from a folder (<see cref="Engine.AnalysisDriverOptions.ProjectRoot"/>).
    /// </summary>
    public string? ProjectRoot { get; init; }

    /// <summary>The project-relative paths of the run's files that could not be read or parsed (GIL001/GIL002), in ordinal order: they have no tree, but they exist.</summary>
    public IReadOnlyList<string> UnparsedFiles { get; init; } = [];

    /// <summary>How many threads a model may build on (the run's <c>--jobs</c>).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// The extension point for models that many rules share and that are built once per run from the
/// whole project, such as the semantic model (GilScan.Semantics' <c>ProjectModel</c>): the layer that
/// owns a model registers how to build it, and rules ask for it with
/// <see cref="ProjectContext.GetModel{TModel}"/>. Nothing is built unless a rule asks; what is built
/// is built once, by the first rule that asks, and shared. GilScan.Analysis does not depend on the
/// layers that provide models. Immutable: <see cref="With{TModel}"/> returns a new registry.
/// </summary>
/// <example><c>ProjectModelRegistry.Empty.With(input =&gt; ProjectModel.Build(layout, files(input)))</c></example>
public sealed class ProjectModelRegistry
{
    private readonly ImmutableDictionary<Type, Func<ProjectModelInput, object>> builders;

    private ProjectModelRegistry(ImmutableDictionary<Type, Func<ProjectModelInput, object>> builders) => this.builders = builders;

    public static ProjectModelRegistry Empty { get; } = new(ImmutableDictionary<Type, Func<ProjectModelInput, object>>.Empty);

    /// <summary>The model types that can be asked for.</summary>
    public IEnumerable<Type> ModelTypes => builders.Keys.OrderBy(type => type.FullName, StringComparer.Ordinal);

    /// <summary>Registers how to build <typeparamref name="TModel"/>; replaces an earlier registration of the same type.</summary>
    public ProjectModelRegistry With<TModel>(Func<ProjectModelInput, TModel> build)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(build);
        return new ProjectModelRegistry(builders.SetItem(typeof(TModel), input => build(input)));
    }

    internal bool TryGetBuilder(Type modelType, out Func<ProjectModelInput, object> build) =>
        builders.TryGetValue(modelType, out build!);
}
