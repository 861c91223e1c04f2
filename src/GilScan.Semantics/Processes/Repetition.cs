using GilScan.Semantics.Effects;

namespace GilScan.Semantics.Processes;

/// <summary>
/// How many times a call runs for one run of its function: the loops and comprehensions around it in
/// the function's own code (a loop's <c>else</c>, its iterable, and a comprehension's first iterable
/// run once). <see cref="Trips"/> multiplies their trip counts (constant-folded where possible).
/// </summary>
public sealed record Repetition(TripCount Trips, IReadOnlyList<LocatedNode> Loops)
{
    public static Repetition Once { get; } = new(TripCount.Known(1, "not in a loop"), []);

    /// <summary>In a loop that may run more than once (an unknown trip count counts).</summary>
    public bool IsRepeated => Loops.Count > 0 && !(Trips.Kind == TripKind.Known && Trips.Count < 2);

    /// <summary>The trip count when known.</summary>
    public double? Count => Trips.Kind == TripKind.Known ? Trips.Count : null;

    /// <summary>The loops around <paramref name="call"/> in its function, innermost last.</summary>
    public static Repetition Around(ProjectModel project, Expr call)
    {
        var function = project.EnclosingFunction(call);
        var env = project.Effects.DefaultEnvironment(function);
        var context = new Values.EvaluationContext();
        var loops = new List<(LocatedNode Loop, TripCount Trips)>();
        Node below = call;
        for (var p = call.Parent; p is not null; below = p, p = p.Parent)
        {
            if (p is FunctionDef or AsyncFunctionDef or Lambda or Module or ClassDef) break;
            switch (p)
            {
                case For f when f.Body.Contains(below):
                    loops.Add((f, TripCounter.ForIteration(project, f.Iter, env, context)));
                    break;
                case AsyncFor f when f.Body.Contains(below):
                    loops.Add((f, TripCounter.ForIteration(project, f.Iter, env, context)));
                    break;
                case While w when w.Body.Contains(below):
                    loops.Add((w, TripCounter.ForWhile(project, w, env).Trips));
                    break;
                case ListComp or SetComp or DictComp or GeneratorExp:
                    var generators = Generators((Expr)p);
                    var repeated = RepeatedGenerators(generators, below, call);
                    if (repeated > 0)
                        loops.Add(((LocatedNode)p, TripCounter.ForComprehension(project, generators.Take(repeated).ToList(), env, context)));
                    break;
            }
        }
        if (loops.Count == 0) return Once;
        loops.Reverse();
        return new Repetition(Multiply(loops.Select(l => l.Trips)), loops.Select(l => l.Loop).ToList());
    }

    private static IReadOnlyList<Comprehension> Generators(Expr comprehension) => comprehension switch
    {
        ListComp l => l.Generators,
        SetComp s => s.Generators,
        DictComp d => d.Generators,
        GeneratorExp g => g.Generators,
        _ => [],
    };

    /// <summary>How many of the generators run around <paramref name="call"/>, which lies under
    /// <paramref name="child"/>: all of them for the element; for a generator's iterable the ones before
    /// it (the first iterable runs once), for its conditions that generator too.</summary>
    private static int RepeatedGenerators(IReadOnlyList<Comprehension> generators, Node child, Node call)
    {
        for (var i = 0; i < generators.Count; i++)
        {
            if (!ReferenceEquals(generators[i], child)) continue;
            for (var n = call; n is not null && !ReferenceEquals(n, child); n = n.Parent)
                if (ReferenceEquals(n, generators[i].Iter)) return i;
            return i + 1;
        }
        return generators.Count;
    }

    private static TripCount Multiply(IEnumerable<TripCount> trips)
    {
        var product = 1.0;
        var reasons = new List<string>();
        foreach (var t in trips)
        {
            if (t.Kind != TripKind.Known) return t;
            product = Math.Min(product * t.Count, TripCount.Saturation);
            reasons.Add(t.Reason);
        }
        return new TripCount(TripKind.Known, product, string.Join(" x ", reasons));
    }
}
