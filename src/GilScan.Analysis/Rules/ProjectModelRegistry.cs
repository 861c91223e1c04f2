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
/// What a shared model reads besides the run's Python files, under the project root (the dependency audit:
/// manifests, lockfiles, environments): whether the root holds any, and a key that changes when they change.
/// A caller of the engine keys the cached project results with the key
/// (<see cref="Engine.AnalysisDriverOptions.ProjectInputsKey"/>) and may leave out the rules that report on
/// the model's inputs (<see cref="Rule.ReportsOnInputsOf"/>) where there are none.
/// </summary>
/// <param name="ExistUnder">Whether the project root holds anything the model reads; cheap (nothing parsed).</param>
/// <param name="KeyOf">A key of those inputs under the project root.</param>
public sealed record ProjectModelInputs(Func<string, bool> ExistUnder, Func<string, string> KeyOf);

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
    private readonly ImmutableDictionary<Type, Func<ProjectModelInput, object>> _builders;
    private readonly ImmutableDictionary<Type, ProjectModelInputs> _inputs;

    private ProjectModelRegistry(ImmutableDictionary<Type, Func<ProjectModelInput, object>> builders, ImmutableDictionary<Type, ProjectModelInputs> inputs)
    {
        _builders = builders;
        _inputs = inputs;
    }

    public static ProjectModelRegistry Empty { get; } = new(ImmutableDictionary<Type, Func<ProjectModelInput, object>>.Empty, ImmutableDictionary<Type, ProjectModelInputs>.Empty);

    /// <summary>The model types that can be asked for.</summary>
    public IEnumerable<Type> ModelTypes => _builders.Keys.OrderBy(type => type.FullName, StringComparer.Ordinal);

    /// <summary>
    /// Registers how to build <typeparamref name="TModel"/> and, for a model that reads more than the Python
    /// files, its <paramref name="inputs"/>; replaces an earlier registration of the same type, inputs included.
    /// </summary>
    public ProjectModelRegistry With<TModel>(Func<ProjectModelInput, TModel> build, ProjectModelInputs? inputs = null)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(build);
        return new ProjectModelRegistry(
            _builders.SetItem(typeof(TModel), input => build(input)),
            inputs is null ? _inputs.Remove(typeof(TModel)) : _inputs.SetItem(typeof(TModel), inputs));
    }

    /// <summary>The inputs registered with <paramref name="modelType"/>, or null when it reads only the Python files.</summary>
    public ProjectModelInputs? InputsOf(Type modelType) => _inputs.GetValueOrDefault(modelType);

    internal bool TryGetBuilder(Type modelType, out Func<ProjectModelInput, object> build) =>
        _builders.TryGetValue(modelType, out build!);
}
