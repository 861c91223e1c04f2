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
        if (iterated && callee == "builtins.range" && call.Args.Count is 1 or 2 or 3 && call.Args.All(a => a is not Starred))
            return CountFrom(call.Args[call.Args.Count == 1 ? 0 : 1], walk);
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

    /// <summary>Where a count (a range's end) comes from, when it is data: the length of external
    /// data (<c>len(rows)</c>), a number given on the command line (<c>int(sys.argv[1])</c>, an
    /// attribute of <c>argparse</c>'s parsed arguments), a number typed on standard input, or a catalog
    /// data source; through <c>int()</c>/<c>float()</c>/<c>round()</c>/<c>abs()</c>, <c>math.ceil</c>/<c>floor</c>
    /// and arithmetic. Constants and unfilled parameters are no evidence.</summary>
    private DataEvidence? CountFrom(Expr count, Walk walk)
    {
        if (walk.Depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return null;
        walk.Depth++;
        try
        {
            foreach (var origin in _origins.Of(count))
            {
                if (++walk.Steps > MaxSteps) return null;
                if (origin.UnpackIndex is not null || !walk.Seen.Add(origin.Expression)) continue;
                if (CountTerminal(origin.Expression, walk) is { } found) return found;
            }
            return null;
        }
        finally
        {
            walk.Depth--;
        }
    }

    private DataEvidence? CountTerminal(Expr e, Walk walk)
    {
        switch (e)
        {
            case BinOp { Op: BinaryOperator.Add or BinaryOperator.Sub or BinaryOperator.Mult or BinaryOperator.FloorDiv or BinaryOperator.Div or BinaryOperator.Pow } arithmetic:
                return CountFrom(arithmetic.Left, walk) ?? CountFrom(arithmetic.Right, walk);
            case Subscript { Value: var argv } when _project.Values.QualifiedNameOf(argv) == "sys.argv":
                return new DataEvidence("a number given on the command line", e);
            case Attribute { Value: var parsed } option
                when ValueEvaluator.TypeOf(_project.Values.Evaluate(parsed)) == "argparse.Namespace":
                return new DataEvidence($"a number given on the command line (`{ExpressionText.Of(option)}`)", e);
            case Call call:
            {
                var callee = _project.CallGraph.SiteOf(call)?.CalleeName ?? _project.Values.QualifiedNameOf(call.Func);
                var argument = call.Args.Count >= 1 && call.Args[0] is not Starred ? call.Args[0] : null;
                switch (callee)
                {
                    case "builtins.input":
                        return new DataEvidence("a number typed on standard input", call);
                    case "builtins.int" or "builtins.float" or "builtins.round" or "builtins.abs" or "math.ceil" or "math.floor" when argument is not null:
                        return CountFrom(argument, walk);
                    case "builtins.len" when argument is not null:
                        return Find(argument, iterated: false, walk) is { } data
                            ? new DataEvidence($"the length of {data.Source}", data.ReadAt)
                            : null;
                }
                return _project.CallGraph.SiteOf(call)?.CatalogEntry is { DataSource: { } source } ? new DataEvidence(source, call) : null;
            }
            default:
                return null;
        }
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
