using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Processes;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Sizes;

/// <summary>External data a value holds or an iteration walks: the call catalog's data source (a
/// file's lines, a query's rows) and the call that reads it.</summary>
public sealed record DataEvidence(string Source, Expr ReadAt);

/// <summary>
/// Follows a value back to the external data it holds, with the call catalog's <c>dataSource</c>
/// entries as the ground truth: through names, parameters (to what callers pass), attributes
/// (<see cref="ValueOrigins"/>), the usual wrappers (<c>enumerate</c>, <c>zip</c>, <c>sorted</c>,
/// <c>tqdm</c>, <c>itertools</c>), <c>.items()</c>/<c>.split()</c>, slices, concatenation,
/// comprehensions, and project functions (their returns, and for generators what they loop over or
/// <c>yield from</c>). Iterating a file object yields its lines (the catalog's <c>TYPE.__iter__</c>
/// entries). A parameter that no caller in the project fills is no evidence: nothing is reported for it.
/// Bounded by <see cref="MaxDepth"/> levels and <see cref="MaxSteps"/> origins per question.
/// </summary>
public sealed class DataSources
{
    public const int MaxDepth = 6;
    public const int MaxSteps = 200;

    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal)
    {
        "builtins.enumerate", "builtins.zip", "builtins.sorted", "builtins.reversed", "builtins.list", "builtins.tuple",
        "builtins.set", "builtins.frozenset", "builtins.iter", "builtins.filter", "builtins.map", "builtins.dict",
        "itertools.chain", "itertools.chain.from_iterable", "itertools.islice", "itertools.product", "itertools.combinations",
        "itertools.permutations", "itertools.zip_longest", "itertools.groupby", "itertools.batched",
        "tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.std.tqdm", "tqdm.notebook.tqdm", "random.sample", "copy.copy", "copy.deepcopy",
    };

    private static readonly HashSet<string> ReceiverViews = new(StringComparer.Ordinal)
    {
        "items", "keys", "values", "split", "splitlines", "readlines", "copy", "strip", "lower", "tolist", "to_dict", "to_list",
        "iterrows", "itertuples",
    };

    private readonly ProjectModel _project;
    private readonly ValueOrigins _origins;

    public DataSources(ProjectModel project, ValueOrigins origins)
    {
        _project = project;
        _origins = origins;
    }

    /// <summary>The data that iterating <paramref name="iterable"/> walks, or null.</summary>
    public DataEvidence? OfIteration(Expr iterable) => Find(iterable, iterated: true, new Walk());

    /// <summary>The data the value of <paramref name="value"/> holds (a call whose result is external
    /// data, or a collection built over such data), or null.</summary>
    public DataEvidence? OfValue(Expr value) => Find(value, iterated: false, new Walk());

    private sealed class Walk
    {
        public int Steps;
        public int Depth;
        public readonly HashSet<Node> Seen = new(ReferenceEqualityComparer.Instance);
    }

    private DataEvidence? Find(Expr e, bool iterated, Walk walk)
    {
        if (walk.Depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return null;
        walk.Depth++;
        try
        {
            foreach (var origin in _origins.Of(e))
            {
                if (++walk.Steps > MaxSteps) return null;
                if (origin.UnpackIndex is not null || !walk.Seen.Add(origin.Expression)) continue;
                if (Terminal(origin.Expression, iterated, walk) is { } found) return found;
            }
            return null;
        }
        finally
        {
            walk.Depth--;
        }
    }

    private DataEvidence? Terminal(Expr e, bool iterated, Walk walk)
    {
        switch (e)
        {
            case Call call:
                return FromCall(call, iterated, walk);
            case ListComp or SetComp or GeneratorExp or DictComp:
                foreach (var g in Generators(e))
                    if (Find(g.Iter, iterated: true, walk) is { } inner) return inner;
                return null;
            case BinOp { Op: BinaryOperator.Add } sum:
                return Find(sum.Left, iterated, walk) ?? Find(sum.Right, iterated, walk);
            case Subscript { Slice: Slice } slice:
                return Find(slice.Value, iterated, walk);
            case Subscript element when iterated:
                // Iterating a part of a document or record (`for turn in sample["turns"]`).
                return Find(element.Value, iterated: false, walk);
            case Starred starred:
                return Find(starred.Value, iterated, walk);
            default:
                return null;
        }
    }

    private DataEvidence? FromCall(Call call, bool iterated, Walk walk)
    {
        var site = _project.CallGraph.SiteOf(call);
        if (site?.CatalogEntry is { DataSource: { } source }) return new DataEvidence(source, call);
        if (iterated && ValueEvaluator.TypeOf(_project.Values.Evaluate(call)) is { } type &&
            _project.Catalog.Find(type + ".__iter__") is { DataSource: { } lines })
            return new DataEvidence(lines, call);
        var callee = site?.CalleeName ?? _project.Values.QualifiedNameOf(call.Func);
        if (callee is not null && Wrappers.Contains(callee))
        {
            var skip = callee is "builtins.map" or "builtins.filter" ? 1 : 0;
            foreach (var a in call.Args.Skip(skip))
                if (Find(a is Starred s ? s.Value : a, iterated: true, walk) is { } inner) return inner;
            return null;
        }
        if (call.Func is Attribute method && ReceiverViews.Contains(method.Attr))
            return Find(method.Value, iterated: method.Attr is not ("copy" or "strip" or "lower"), walk) is { } viewed ? viewed : null;
        if (site is not null && site.CatalogEntry is null)
        {
            foreach (var target in site.Targets.Take(2))
                if (FromFunction(target.Function, iterated, walk) is { } produced) return produced;
        }
        return null;
    }

    /// <summary>What a project function's result holds: its returns' data, or for a generator the data
    /// its loops walk and what it yields from.</summary>
    private DataEvidence? FromFunction(ProjectFunction function, bool iterated, Walk walk)
    {
        if (function.Kind == FunctionKind.ModuleBody) return null;
        foreach (var returned in function.Returns.Take(4))
            if (Find(returned, iterated, walk) is { } inner) return inner;
        if (!function.IsGenerator) return null;
        foreach (var node in OwnNodes(function))
        {
            var walked = node switch
            {
                YieldFrom y => y.Value,
                For f => f.Iter,
                AsyncFor f => f.Iter,
                _ => null,
            };
            if (walked is not null && Find(walked, iterated: true, walk) is { } inner) return inner;
        }
        return null;
    }

    /// <summary>The nodes of a function's own body, not those of functions, lambdas and classes nested in it.</summary>
    internal static IEnumerable<Node> OwnNodes(ProjectFunction function)
    {
        var stack = new Stack<Node>();
        var children = new List<Node>();
        stack.Push(function.Node);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!ReferenceEquals(node, function.Node) && node is FunctionDef or AsyncFunctionDef or Lambda or ClassDef) continue;
            yield return node;
            children.Clear();
            node.AppendChildren(children);
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    internal static IReadOnlyList<Comprehension> Generators(Expr comprehension) => comprehension switch
    {
        ListComp l => l.Generators,
        SetComp s => s.Generators,
        DictComp d => d.Generators,
        GeneratorExp g => g.Generators,
        _ => [],
    };
}
