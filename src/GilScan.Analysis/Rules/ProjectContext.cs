using System.Collections.Concurrent;
using System.Collections.Immutable;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;

namespace GilScan.Analysis.Rules;

/// <summary>
/// The whole run, as one rule sees it: every file that parsed (sorted by path), the options, and the
/// shared models. What the rule reports here is recomputed whenever any file of the project changes.
/// </summary>
public sealed class ProjectContext
{
    private readonly Rule _rule;
    private readonly ProjectState _state;

    internal ProjectContext(Rule rule, ProjectState state)
    {
        _rule = rule;
        _state = state;
    }

    /// <summary>Every file of the run that parsed, in ordinal path order.</summary>
    public IReadOnlyList<ProjectFile> Files => _state.Files;

    public AnalysisOptions Options => _state.Options;

    /// <summary>The parsed file at a project-relative path, or null.</summary>
    public ProjectFile? FindFile(string path) => _state.FindFile(path);

    /// <summary>
    /// The shared model of type <typeparamref name="TModel"/>, built on first use from the whole
    /// project by the builder registered in <see cref="ProjectModelRegistry"/>, then shared by every
    /// rule of the run. Thread-safe.
    /// </summary>
    /// <exception cref="InvalidOperationException">No builder is registered for <typeparamref name="TModel"/>.</exception>
    public TModel GetModel<TModel>()
        where TModel : class => _state.GetModel<TModel>();

    /// <summary>Reports a finding of this rule, anywhere in the project (a Python file, or a manifest such as pyproject.toml).</summary>
    public void Report(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _state.Sink.Report(_rule, diagnostic);
    }

    /// <summary>
    /// Reports a problem of the run rather than of the code, such as a lockfile that does not parse, as
    /// a tool notification. Notifications are project results; equal ones from several rules (which
    /// read them from one shared model) are written once.
    /// </summary>
    public void Notify(ToolNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        _state.Sink.Notify(notification);
    }
}

/// <summary>What every rule's <see cref="ProjectContext"/> of one run shares.</summary>
internal sealed class ProjectState
{
    private readonly Dictionary<string, ProjectFile> _byPath;
    private readonly ProjectModelRegistry _models;
    private readonly ConcurrentDictionary<Type, Lazy<object>> _built = new();

    private readonly ProjectModelInput _modelInput;

    public ProjectState(IReadOnlyList<ProjectFile> files, AnalysisOptions options, ProjectModelRegistry models, IReportSink sink, string? projectRoot = null, IReadOnlyList<string>? unparsedFiles = null, int jobs = 0)
    {
        Files = files;
        Options = options;
        Sink = sink;
        _models = models;
        _byPath = files.ToDictionary(file => file.Path, StringComparer.Ordinal);
        _modelInput = new ProjectModelInput(files, options)
        {
            ProjectRoot = projectRoot,
            UnparsedFiles = unparsedFiles ?? [],
            Jobs = jobs >= 1 ? jobs : Environment.ProcessorCount,
        };
    }

    public IReadOnlyList<ProjectFile> Files { get; }

    public AnalysisOptions Options { get; }

    public IReportSink Sink { get; }

    public ProjectFile? FindFile(string path) => _byPath.GetValueOrDefault(path);

    public TModel GetModel<TModel>()
        where TModel : class
    {
        if (!_models.TryGetBuilder(typeof(TModel), out var build))
        {
            throw new InvalidOperationException(
                $"No project model of type {typeof(TModel).FullName} is registered; register its builder in the ProjectModelRegistry given to the driver.");
        }

        var lazy = _built.GetOrAdd(
            typeof(TModel),
            _ => new Lazy<object>(() => build(_modelInput), LazyThreadSafetyMode.ExecutionAndPublication));
        return (TModel)lazy.Value;
    }

    /// <summary>The models built so far: those a rule asked for whose builder finished (a failed build is not one).</summary>
    public BuiltModels Built() => new(_built
        .Where(entry => entry.Value.IsValueCreated)
        .ToImmutableDictionary(entry => entry.Key, entry => entry.Value.Value));
}
