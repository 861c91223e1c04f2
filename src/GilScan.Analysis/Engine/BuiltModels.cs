using System.Collections.Immutable;
using GilScan.Analysis.Rules;

namespace GilScan.Analysis.Engine;

/// <summary>
/// The shared models a run built (<see cref="ProjectModelRegistry"/>), by type: only those a rule asked
/// for, and only those whose builder finished. A command that reports on a model as well as on the
/// findings (<c>gilscan audit</c> on the dependency audit and the semantic model) takes the instance the
/// rules used from here instead of building it a second time.
/// </summary>
public sealed class BuiltModels
{
    private readonly ImmutableDictionary<Type, object> _models;

    internal BuiltModels(ImmutableDictionary<Type, object> models) => _models = models;

    /// <summary>A run that built no model: no project rule ran, or every result came from the cache.</summary>
    public static BuiltModels None { get; } = new(ImmutableDictionary<Type, object>.Empty);

    /// <summary>The types of the models built, in full-name order.</summary>
    public IEnumerable<Type> Types => _models.Keys.OrderBy(type => type.FullName, StringComparer.Ordinal);

    /// <summary>The model of type <typeparamref name="TModel"/> the run built, or null when no rule asked for it (or its builder failed).</summary>
    public TModel? Find<TModel>()
        where TModel : class => _models.TryGetValue(typeof(TModel), out var model) ? (TModel)model : null;
}
