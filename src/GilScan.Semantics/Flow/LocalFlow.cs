using System.Collections.Immutable;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Flow;

/// <summary>
/// Flow-sensitive facts about local names, for the whole project: for a read of a local that is bound
/// more than once, the bindings that can reach that read (see <see cref="ReachingDefinitions"/>). Built
/// once, in parallel over every function, when the model is built; read-only afterwards.
/// </summary>
public sealed class LocalFlow
{
    private readonly Dictionary<Name, ImmutableArray<SymbolBinding>> _reaching;

    private LocalFlow(Dictionary<Name, ImmutableArray<SymbolBinding>> reaching) => _reaching = reaching;

    /// <summary>No flow facts: every read sees every binding.</summary>
    public static LocalFlow None { get; } = new(new Dictionary<Name, ImmutableArray<SymbolBinding>>(ReferenceEqualityComparer.Instance));

    /// <summary>The number of reads with flow facts.</summary>
    public int TrackedReads => _reaching.Count;

    internal static LocalFlow Build(IReadOnlyList<ProjectFunction> functions, ParallelOptions parallel)
    {
        var perFunction = new IReadOnlyDictionary<Name, ImmutableArray<SymbolBinding>>[functions.Count];
        Parallel.For(0, functions.Count, parallel, i => perFunction[i] = ReachingDefinitions.Analyse(functions[i]));
        var reaching = new Dictionary<Name, ImmutableArray<SymbolBinding>>(perFunction.Sum(p => p.Count), ReferenceEqualityComparer.Instance);
        foreach (var facts in perFunction)
            foreach (var (name, bindings) in facts) reaching[name] = bindings;
        return new LocalFlow(reaching);
    }

    /// <summary>The bindings of <paramref name="read"/>'s symbol that can reach it (empty when none can:
    /// the name is unbound there), or null when the read is not tracked and every binding counts.</summary>
    public ImmutableArray<SymbolBinding>? ReachingBindings(Name read) =>
        _reaching.TryGetValue(read, out var bindings) ? bindings : null;
}
