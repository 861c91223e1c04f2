using System.Collections.Immutable;

namespace GilScan.Analysis.Confirmation;

/// <summary>
/// What <c>--confirm</c> can measure for one finding, as the rule that reported it knows it: the rule
/// attaches a request to its <see cref="Diagnostics.Diagnostic"/> and the Confirmation project plans the
/// measurement from it alone (no rule ids, no re-reading of the finding's SARIF properties, no second parse
/// of the sources). A finding without a request has nothing to measure.
/// </summary>
/// <remarks>The results cache keeps requests with their findings (Caching/ResultSetJson), so a cached run
/// confirms exactly as a fresh one.</remarks>
public abstract record ConfirmationRequest
{
    private protected ConfirmationRequest()
    {
    }
}

/// <summary>
/// Call a function of the project and measure it: on threads (<see cref="ConfirmationKind.ThreadWork"/>),
/// on an event loop (<see cref="ConfirmationKind.CoroutineWork"/>), or on threads while reading the shared
/// state it updates (<see cref="ConfirmationKind.LostUpdates"/>).
/// </summary>
public sealed record CallableConfirmationRequest : ConfirmationRequest
{
    public required ConfirmationKind Kind
    {
        get;
        init => field = value == ConfirmationKind.ImportProbe
            ? throw new ArgumentException("An import probe is an ImportProbeRequest, not a call.", nameof(Kind))
            : value;
    }

    /// <summary>The module as the semantic model names it (<c>app.jobs</c>).</summary>
    public required string Module { get; init; }

    /// <summary>The callable's qualified name inside the module (<c>crunch</c>, <c>Jobs.crunch</c>).</summary>
    public required string Function { get; init; }

    /// <summary>
    /// The project-relative folder (with '/') to put on <c>sys.path</c> so that <see cref="Module"/> imports
    /// under that name: "" for the project root, <c>src</c> for a src layout; found by the engine's module
    /// resolver when the rule ran. Null for a module of an installed package, which imports as installed.
    /// </summary>
    public required string? ImportRoot { get; init; }

    /// <summary>The call site's arguments when every one of them folded to a constant; null otherwise.</summary>
    public FoldedCall? Arguments { get; init; }

    /// <summary>Whether the definition can be called with no arguments (the harness's instance counts as given
    /// for a method whose receiver it makes).</summary>
    public required ParameterNeed Parameters { get; init; }

    /// <summary>The state a lost-update measurement reads before and after; set for <see cref="ConfirmationKind.LostUpdates"/> only.</summary>
    public SharedState? State { get; init; }

    /// <summary>The key of <c>[tool.gilscan.confirm."module:function"]</c>.</summary>
    public string Key => $"{Module}:{Function}";
}

/// <summary>
/// Import a module under each free-threaded interpreter and see whether the GIL comes back on. The rule
/// names the module when it knows one; otherwise only the distribution, and the probe is not run.
/// </summary>
public sealed record ImportProbeRequest : ConfirmationRequest
{
    /// <summary>The dotted module to import; null when no module of <see cref="Distribution"/> is known.</summary>
    public string? Module { get; init; }

    /// <summary>The distribution the module belongs to, for messages; null when unknown.</summary>
    public string? Distribution { get; init; }
}

/// <summary>A call's constant-folded arguments, as the harness will pass them.</summary>
public sealed record FoldedCall
{
    public FoldedCall(ImmutableArray<PythonValue> positional, ImmutableSortedDictionary<string, PythonValue> keywords)
    {
        Positional = positional.IsDefault || positional.Any(a => a is null)
            ? throw new ArgumentException("Arguments must be initialised and hold no nulls.", nameof(positional))
            : positional;
        Keywords = (keywords ?? throw new ArgumentNullException(nameof(keywords))).WithComparers(StringComparer.Ordinal);
    }

    public ImmutableArray<PythonValue> Positional { get; }

    public ImmutableSortedDictionary<string, PythonValue> Keywords { get; }

    public bool Equals(FoldedCall? other) =>
        other is not null && Positional.SequenceEqual(other.Positional) && Keywords.SequenceEqual(other.Keywords);

    public override int GetHashCode() => Positional.Aggregate(Keywords.Count, (hash, value) => HashCode.Combine(hash, value));
}

/// <summary>Whether a callable can be called without arguments, as its definition says.</summary>
public enum ParameterNeed
{
    /// <summary>Every parameter has a default (or there are none).</summary>
    None,

    /// <summary>At least one parameter must be given (a method's <c>self</c> counts unless the harness makes the instance).</summary>
    Required,

    /// <summary>The definition cannot be reached by its qualified name (a function nested in another).</summary>
    Unknown,
}
