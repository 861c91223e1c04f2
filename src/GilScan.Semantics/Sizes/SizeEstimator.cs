using System.Collections.Immutable;
using System.Numerics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Processes;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Sizes;

/// <summary>
/// Estimates the pickled size of the value of an expression from what the code shows, with the
/// evidence: NumPy constructors with a foldable shape and dtype, pandas DataFrames (from their data,
/// or read from a file: normally large, size not shown), containers built from big ranges or
/// comprehensions, file contents, loaded models, large literals and folded constants
/// (<c>b"x" * N</c>, <c>[0] * N</c>, <c>list(range(N))</c>), project functions that return such
/// values, and instances whose attributes hold them. Names, attributes and parameters are followed
/// with <see cref="ValueOrigins"/>; of several possible values the largest is reported.
/// Small values (ints, paths, short strings) get small sizes, so callers never mistake them for
/// large ones. Thread-safe; no caches.
/// </summary>
/// <summary>
/// Estimates the pickled size of the value of an expression from what the code shows, as a magnitude
/// with its evidence (<see cref="SizeBasis"/>): computed sizes (NumPy constructors with a foldable
/// shape and dtype, containers built from big ranges or comprehensions, large literals and folded
/// constants such as <c>b"x" * N</c>, <c>[0] * N</c>, <c>list(range(N))</c>, containers filled a known
/// number of times); kinds that are normally large (images and video frames from readers, DataFrames
/// read from files, loaded models, instances of model and tokenizer types); and data-dependent sizes
/// (the contents of a file, documents used as collections, lists built over a file's lines, sets and
/// dicts filled in loops over a query's rows: <see cref="DataSources"/>). Project functions that return
/// such values, and instances whose attributes hold them (through nested instances), are followed.
/// Names, attributes and parameters are followed with <see cref="ValueOrigins"/>; of several possible
/// values the largest is reported. Small values (ints, paths, short strings) get small sizes, so
/// callers never mistake them for large ones.
/// Every question is bounded: <see cref="MaxDepth"/> nested values, <see cref="MaxSteps"/> origins, and
/// a value already being estimated (a cycle through names, attributes or instances) counts as unknown.
/// Thread-safe; no caches.
/// </summary>
public sealed class SizeEstimator
{
    public const int MaxDepth = 6;
    public const int MaxSteps = 400;

    /// <summary>Pickled bytes of one item of unknown kind in a container: a lower bound (an opcode and a
    /// memo entry, see Lib/pickle.py).</summary>
    private const double UnknownItemBytes = 8;

    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "append", "add", "extend", "update", "insert", "appendleft", "extendleft", "setdefault",
    };

    private static readonly HashSet<string> EmptyContainers = new(StringComparer.Ordinal)
    {
        "builtins.list", "builtins.dict", "builtins.set", "collections.defaultdict", "collections.OrderedDict",
        "collections.deque", "collections.Counter",
    };

    private readonly ProjectModel _project;
    private readonly ProcessKnowledge _knowledge;
    private readonly ValueOrigins _origins;
    private readonly double _largeBytes;

    /// <param name="largeBytes">The size from which a value counts as large (for choosing among
    /// several possible values).</param>
    public SizeEstimator(ProjectModel project, ProcessKnowledge knowledge, ValueOrigins origins, double largeBytes)
    {
        _project = project;
        _knowledge = knowledge;
        _origins = origins;
        _largeBytes = largeBytes;
        Data = new DataSources(project, origins);
    }

    /// <summary>Where values get their external data from (shared with the rules for item counts).</summary>
    public DataSources Data { get; }

    /// <summary>The size of <paramref name="expression"/>'s value, or null when the code does not
    /// tell anything about it.</summary>
    public SizeFact? Estimate(Expr expression) => Estimate(expression, new Query());

    /// <summary>The size an instance of <paramref name="cls"/> pickles to, through the attributes its
    /// methods assign: the largest attribute that is or may be large, or null when none is.</summary>
    public SizeFact? InstanceSize(ProjectClass cls) => InstanceSize(cls, new Query());

    /// <summary>The parts of every item of <paramref name="iterable"/> that are large on their own
    /// (an image decoded per item, an 80 MB array per item), found in a comprehension's element, the
    /// items appended to a list in a loop, or a display's elements.</summary>
    public IReadOnlyList<(Expr Part, SizeFact Fact)> LargeItemParts(Expr iterable)
    {
        var query = new Query();
        var result = new List<(Expr, SizeFact)>();
        foreach (var origin in _origins.Of(iterable))
        {
            IEnumerable<Expr> parts = origin.Expression switch
            {
                ListComp l => Leaves(l.Elt),
                GeneratorExp g => Leaves(g.Elt),
                SetComp s => Leaves(s.Elt),
                List { Elts.Count: > 0 } l => l.Elts.SelectMany(Leaves),
                Tuple { Elts.Count: > 0 } t => t.Elts.SelectMany(Leaves),
                List or Call when origin.Trail.Length > 0 && IsEmptyContainer(origin.Expression) =>
                    Mutations(origin.Trail[^1]).Where(m => m.Item is not null && m.Adds == 1).SelectMany(m => Leaves(m.Item!)),
                _ => [],
            };
            foreach (var part in parts)
            {
                if (part is Starred) continue;
                if (Estimate(part, query) is { } fact && fact.IsLarge(_largeBytes) && !result.Any(r => ReferenceEquals(r.Item1, part)))
                    result.Add((part, fact));
            }
        }
        return result;
    }

    private static IEnumerable<Expr> Leaves(Expr element) => element is Tuple t ? t.Elts.SelectMany(Leaves) : [element];

    /// <summary>The state of one question: how deep and how long it has gone, and what it is estimating
    /// now (a value met again below itself is a cycle: unknown).</summary>
    private sealed class Query
    {
        public int Depth;
        public int Steps;
        public readonly HashSet<Node> Active = new(ReferenceEqualityComparer.Instance);
        public readonly HashSet<ProjectClass> Instances = [];
    }

    private SizeFact? Estimate(Expr e, Query query)
    {
        if (query.Depth > MaxDepth || ++query.Steps > MaxSteps || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return null;
        if (!query.Active.Add(e)) return null;
        query.Depth++;
        try
        {
            SizeFact? best = null;
            foreach (var origin in _origins.Of(e))
            {
                var fact = origin.UnpackIndex is { } index
                    ? ElementOf(origin.Expression, index, query)
                    : Terminal(origin.Expression, origin.Trail.Length > 0 ? origin.Trail[^1] : null, query);
                if (fact is null) continue;
                fact = fact.WithTrail(origin.Trail);
                if (origin.ViaParameter) fact = fact with { ViaParameter = true };
                if (best is null || fact.Rank(_largeBytes) > best.Rank(_largeBytes)) best = fact;
            }
            return best;
        }
        finally
        {
            query.Depth--;
            query.Active.Remove(e);
        }
    }

    /// <param name="holder">The node that bound the value (a name or attribute target), when the
    /// value was reached through a binding: a container filled later is found through it.</param>
    private SizeFact? Terminal(Expr e, LocatedNode? holder, Query query) => e switch
    {
        List or Dict or Set or Call when holder is not null && IsEmptyContainer(e) => FilledContainer(e, holder, query),
        Call c => CallSize(c, holder, query),
        ListComp l => ComprehensionSize(e, "list", [l.Elt], l.Generators, query),
        SetComp s => ComprehensionSize(e, "set", [s.Elt], s.Generators, query),
        DictComp d => ComprehensionSize(e, "dict", [d.Key, d.Value], d.Generators, query),
        List or Tuple or Set => DisplaySize(e, Elements(e), query),
        Dict d when d.Keys.All(k => k is not null) => DisplaySize(e, d.Keys.Select(k => k!).Concat(d.Values).ToList(), query),
        BinOp { Op: BinaryOperator.Mult } b => RepeatSize(b, query),
        BinOp { Op: BinaryOperator.Add } b => Concatenation(b, query),
        Subscript { Slice: Slice } slice => Estimate(slice.Value, query) is { } whole && whole.Basis != SizeBasis.Computed ? whole : null,
        Subscript { Value: Call produced, Slice: var index } when _project.Constants.IntegerOf(index) is { } i && i >= 0 && i < 16 => ElementOf(produced, (int)i, query),
        Name or Attribute when _project.Values.Evaluate(e).Single is InstanceValue { Class: { } cls } => InstanceSize(cls, query),
        _ => Folded(e),
    };

    private static IReadOnlyList<Expr> Elements(Expr display) => display switch
    {
        List l => l.Elts,
        Tuple t => t.Elts,
        Set s => s.Elts,
        _ => [],
    };

    /// <summary><c>[]</c>, <c>{}</c>, <c>set()</c>, <c>dict()</c>, <c>collections.defaultdict(list)</c>:
    /// a container that starts empty.</summary>
    private bool IsEmptyContainer(Expr e) => e switch
    {
        List { Elts.Count: 0 } or Set { Elts.Count: 0 } or Dict { Keys.Count: 0 } => true,
        Call { Args.Count: <= 1, Keywords.Count: 0 } c => _project.Values.QualifiedNameOf(c.Func) is { } name && EmptyContainers.Contains(name)
            && (c.Args.Count == 0 || name is "collections.defaultdict"),
        _ => false,
    };

    // ---- folded constants -------------------------------------------------------------------

    private SizeFact? Folded(Expr e)
    {
        var value = _project.Constants.Evaluate(e);
        return value is null ? null : FromFolded(value, e);
    }

    private static SizeFact? FromFolded(FoldedValue value, Expr e)
    {
        switch (value)
        {
            case BufferValue b when b.Length is { } length:
                var kind = b.IsBytes ? "bytes" : "str";
                var noun = b.IsBytes ? "bytes" : "characters";
                return Fact((double)length + 5, kind, $"{ExpressionText.Of(e)}: a {kind} of {SizeFact.Count((double)length)} {noun}", e);
            case BufferValue b when b.MaxLength is { } bound:
                return Fact((double)bound + 5, b.IsBytes ? "bytes" : "str", $"{ExpressionText.Of(e)}: at most {SizeFact.Count((double)bound)} characters", e);
            case SequenceValue s:
                var perItem = s.Items is { Length: > 0 } items ? items.Average(i => i is null ? UnknownItemBytes : FoldedItemBytes(i)) : UnknownItemBytes;
                var shortName = s.TypeName.Replace("builtins.", "", StringComparison.Ordinal);
                return Fact((double)s.KnownLength * perItem + 8, shortName,
                    $"{ExpressionText.Of(e)}: a {shortName} of {SizeFact.Count((double)s.KnownLength)} items", e, isLowerBound: s.Items is null);
            case RangeValue:
                return Fact(40, "range", $"{ExpressionText.Of(e)}: a range pickles as its three numbers", e);
            case IntValue or FloatValue or BoolValue or NoneValue:
                return Fact(9, "number", $"{ExpressionText.Of(e)}: a number", e);
            default:
                return null;
        }
    }

    /// <summary>Pickled bytes of one folded item: BININT/BINFLOAT opcodes, SHORT_BINUNICODE plus memo.</summary>
    private static double FoldedItemBytes(FoldedValue item) => item switch
    {
        IntValue i when i.Value >= 0 && i.Value < 256 => 2,
        IntValue => 5,
        FloatValue => 9,
        BoolValue or NoneValue => 1,
        BufferValue b when b.Length is { } n => (double)n + 3,
        SequenceValue s => (double)s.KnownLength * UnknownItemBytes + 3,
        _ => UnknownItemBytes,
    };

    private static SizeFact Fact(double bytes, string kind, string evidence, LocatedNode origin, bool isLowerBound = false) =>
        new(bytes, SizeBasis.Computed, kind, evidence, origin, [], isLowerBound);

    // ---- calls ------------------------------------------------------------------------------

    private SizeFact? CallSize(Call call, LocatedNode? holder, Query query)
    {
        var callee = _project.Values.Evaluate(call.Func);
        foreach (var v in callee.Items)
        {
            switch (v)
            {
                case FunctionValue f when f.Function.Kind != FunctionKind.ModuleBody && f.Function.Returns.Count <= 4:
                    return ReturnedSize(f.Function, call, query);
                case ClassValue c:
                    // The data stays where it was made (an __init__ that loads it runs at this call: the
                    // call is on the trail).
                    return InstanceSize(c.Class, query) is { } instance
                        ? instance with { Trail = ImmutableArray.Create<LocatedNode>(call).AddRange(instance.Trail) }
                        : null;
            }
        }
        var name = callee.QualifiedName;
        if (_knowledge.SizeProducer(name) is { } producer) return Produced(producer, call, holder, query);
        if (ValueEvaluator.TypeOf(_project.Values.Evaluate(call)) is { } type && _knowledge.LargeTypeOf(type) is { } large)
            return new SizeFact(null, SizeBasis.TypicallyLarge, "model", $"{large.Noun} ({type}) made by {ExpressionText.Of(call)}", call, []);
        if (call.Func is Attribute method)
        {
            if (FileRead(call, method) is { } read) return read;
            if (method.Attr is "copy" or "reshape" or "ravel" or "flatten" or "to_numpy" or "transpose" or "astype" or "tolist" or "convert" or "rotate" or "filter"
                && Estimate(method.Value, query) is { Kind: "numpy.ndarray" or "pandas.DataFrame" or "pandas.Series" or "image" } receiver)
                return receiver with { Evidence = $"{receiver.Evidence}, then .{method.Attr}()", Origin = call };
        }
        if (_project.CallGraph.SiteOf(call)?.CatalogEntry is { DataSource: { } source })
            return DataFact(call, "data", $"the result of {ExpressionText.Of(call)}: {source}", source);
        if (name is "builtins.list" or "builtins.tuple" or "builtins.set" or "builtins.frozenset" or "builtins.sorted"
            && call.Args.Count == 1 && call.Keywords.Count == 0 && call.Args[0] is not Starred)
            return ContainerOf(call, name, query);
        return Folded(call);
    }

    private static SizeFact DataFact(LocatedNode origin, string kind, string evidence, string source) =>
        new(null, SizeBasis.DataDependent, kind, evidence, origin, []) { DataSource = source };

    private SizeFact? ReturnedSize(ProjectFunction function, Call call, Query query)
    {
        SizeFact? best = null;
        foreach (var returned in function.Returns)
        {
            var fact = Estimate(returned, query);
            if (fact is null) continue;
            fact = fact with { Trail = ImmutableArray.Create<LocatedNode>(call).AddRange(fact.Trail) };
            if (best is null || fact.Rank(_largeBytes) > best.Rank(_largeBytes)) best = fact;
        }
        return best is null ? null : best with { Evidence = $"returned by {function.DisplayName}(): {best.Evidence}" };
    }

    /// <summary><c>list(range(N))</c> holds N ints; <c>list(xs)</c> is about the size of xs.</summary>
    private SizeFact? ContainerOf(Call call, string name, Query query)
    {
        var kind = name.Replace("builtins.", "", StringComparison.Ordinal);
        var argument = call.Args[0];
        if (_project.Constants.Evaluate(argument) is RangeValue range && range.Length is { } n)
            return Fact((double)n * 5 + 8, kind == "sorted" ? "list" : kind,
                $"{ExpressionText.Of(call)}: {SizeFact.Count((double)n)} ints", call);
        var inner = Estimate(argument, query);
        if (inner is null && Data.OfIteration(argument) is { } data)
            return DataFact(call, kind == "sorted" ? "list" : kind, $"a {kind} of {data.Source} ({ExpressionText.Of(data.ReadAt)})", data.Source);
        return inner is null ? Folded(call) : inner with { Kind = kind == "sorted" ? "list" : kind, Evidence = $"{kind}() of {inner.Evidence}", Origin = call };
    }

    /// <summary><c>f.read()</c>, <c>f.readlines()</c> of a file opened in the code: the whole file (or
    /// <c>read(n)</c>: n bytes).</summary>
    private SizeFact? FileRead(Call call, Attribute method)
    {
        if (method.Attr is not ("read" or "readlines")) return null;
        foreach (var origin in _origins.Of(method.Value))
        {
            if (origin.Expression is not Call opened) continue;
            var opener = _project.Values.Evaluate(opened.Func).QualifiedName;
            if (opener is not ("builtins.open" or "io.open" or "gzip.open" or "bz2.open" or "lzma.open" or "codecs.open" or "pathlib.Path.open")) continue;
            if (method.Attr == "read" && call.Args.Count == 1 && _project.Constants.IntegerOf(call.Args[0]) is { } n && n >= 0)
                return Fact((double)n + 5, "bytes", $"{ExpressionText.Of(call)}: {SizeFact.Count((double)n)} bytes of a file", call);
            var what = opened.Args.Count > 0 ? ExpressionText.Of(opened.Args[0]) : "a file";
            var source = method.Attr == "read" ? "the contents of a file" : "the lines of a file";
            return new SizeFact(null, SizeBasis.DataDependent, "file contents",
                $"the whole file {what} read by .{method.Attr}()", call, origin.Trail.Add(opened))
            {
                DataSource = source,
            };
        }
        return null;
    }

    /// <summary>One element of a call's tuple result (<c>ok, frame = capture.read()</c>,
    /// <c>capture.read()[1]</c>): sized when the size entry names that element.</summary>
    private SizeFact? ElementOf(Expr e, int index, Query query)
    {
        if (e is not Call call) return null;
        var producer = _knowledge.SizeProducer(_project.Values.QualifiedNameOf(call.Func));
        return producer?.Element == index ? Produced(producer, call, null, query) : null;
    }

    /// <summary><c>a + b</c> of two containers: both sizes when computed, else the one that may be
    /// large (with its own origin: the data was made there, not at the sum).</summary>
    private SizeFact? Concatenation(BinOp sum, Query query)
    {
        var left = Estimate(sum.Left, query);
        var right = Estimate(sum.Right, query);
        if (left is null || right is null) return Folded(sum) ?? MaybeLarger(left, right);
        if (left.Basis == SizeBasis.Computed && right.Basis == SizeBasis.Computed && left.Bytes is { } l && right.Bytes is { } r)
            return Fact(l + r, left.Kind, $"{ExpressionText.Of(sum)}: {left.Describe()} and {right.Describe()}", sum, left.IsLowerBound || right.IsLowerBound);
        return MaybeLarger(left, right);
    }

    private SizeFact? MaybeLarger(SizeFact? a, SizeFact? b)
    {
        var best = a is null || (b is not null && b.Rank(_largeBytes) > a.Rank(_largeBytes)) ? b : a;
        return best is not null && best.MayBeLarge(_largeBytes) ? best : null;
    }

    // ---- catalogued producers ---------------------------------------------------------------

    private SizeFact? Produced(SizeProducer producer, Call call, LocatedNode? holder, Query query)
    {
        switch (producer.Kind)
        {
            case SizeProducerKind.Shape:
            {
                var shape = Argument(call, producer.Shape);
                var dims = shape is null ? null : Dimensions(shape);
                return dims is null ? null : ArrayFact(call, dims, Dtype(call, producer));
            }
            case SizeProducerKind.Dimensions:
            {
                if (call.Args.Any(a => a is Starred) || call.Args.Count == 0) return null;
                var dims = new List<BigInteger>();
                foreach (var a in call.Args)
                {
                    if (_project.Constants.IntegerOf(a) is not { } d) return null;
                    dims.Add(d);
                }
                return ArrayFact(call, dims, (8, "float64"));
            }
            case SizeProducerKind.Arange:
                return ArangeFact(call, producer);
            case SizeProducerKind.Linspace:
            {
                var countArgument = Argument(call, producer.Count);
                BigInteger? count = countArgument is null ? producer.DefaultCount : _project.Constants.IntegerOf(countArgument);
                return count is null ? null : ArrayFact(call, [count.Value], (8, "float64"));
            }
            case SizeProducerKind.Eye:
            {
                var n = Argument(call, new Catalog.ArgumentRef(0, "N")) is { } first ? _project.Constants.IntegerOf(first) : null;
                if (n is null) return null;
                var mArgument = Argument(call, new Catalog.ArgumentRef(1, "M"));
                var m = mArgument is null || mArgument is Constant { Value: null } ? n : _project.Constants.IntegerOf(mArgument);
                return m is null ? null : ArrayFact(call, [n.Value, m.Value], Dtype(call, producer));
            }
            case SizeProducerKind.Parts:
            {
                // The parts together hold the argument's data, of its kind.
                var argument = Argument(call, producer.Of);
                var inner = argument is null ? null : Estimate(argument, query);
                return inner is null ? null : inner with { Evidence = $"the parts made by {ExpressionText.Dotted(call.Func) ?? producer.Name}() of {inner.Evidence}" };
            }
            case SizeProducerKind.SameAsArgument:
            {
                var argument = Argument(call, producer.Of);
                var inner = argument is null ? null : Estimate(argument, query);
                if (inner is null) return null;
                var kind = producer.Name.StartsWith("pandas.", StringComparison.Ordinal) ? producer.Name : inner.Kind == "image" ? "image" : "numpy.ndarray";
                return inner with { Kind = kind, Evidence = $"{ExpressionText.Dotted(call.Func) ?? producer.Name}() of {inner.Evidence}", Origin = call };
            }
            case SizeProducerKind.DataFrameFromFile:
            {
                if (Argument(call, producer.Rows) is { } rowsArgument && _project.Constants.IntegerOf(rowsArgument) is { } rows)
                    return Fact((double)rows * 8, "pandas.DataFrame",
                        $"{ExpressionText.Of(call)}: at least {SizeFact.Count((double)rows)} rows of 8 bytes", call, isLowerBound: true);
                return new SizeFact(null, SizeBasis.TypicallyLarge, "pandas.DataFrame",
                    $"a DataFrame with the whole input of {ExpressionText.Of(call)}", call, []);
            }
            case SizeProducerKind.LoadedObject:
                return new SizeFact(null, SizeBasis.TypicallyLarge, "loaded object",
                    $"an object loaded by {ExpressionText.Of(call)}", call, []);
            case SizeProducerKind.FileContents:
                return DataFact(call, "file contents", $"the whole file read by {ExpressionText.Of(call)}", "the contents of a file");
            case SizeProducerKind.Image:
                return new SizeFact(null, SizeBasis.TypicallyLarge, "image", producer.Element is null
                    ? $"an image decoded by {ExpressionText.Of(call)}"
                    : $"a frame decoded by {ExpressionText.Of(call)}", call, []);
            case SizeProducerKind.Model:
                return new SizeFact(null, SizeBasis.TypicallyLarge, "model", $"a model loaded by {ExpressionText.Of(call)}", call, []);
            case SizeProducerKind.Document:
                // A parsed document is data when the program treats it as a collection; a document read
                // only by constant keys is most likely a small configuration.
                return holder is not null && UsedAsCollection(holder)
                    ? DataFact(call, "document", $"a document parsed by {ExpressionText.Of(call)} and used as a collection",
                        _project.CallGraph.SiteOf(call)?.CatalogEntry?.DataSource ?? "a parsed document")
                    : null;
            default:
                return null;
        }
    }

    private static Expr? Argument(Call call, Catalog.ArgumentRef? reference) =>
        reference is null ? null : CallGraph.ArgumentExpression(call, reference);

    /// <summary>A shape: an int or a tuple/list of ints.</summary>
    private List<BigInteger>? Dimensions(Expr shape)
    {
        switch (_project.Constants.Evaluate(shape))
        {
            case IntValue i:
                return [i.Value];
            case SequenceValue { Items: { } items } when items.All(x => x is IntValue):
                return items.Select(x => ((IntValue)x!).Value).ToList();
            default:
                return null;
        }
    }

    private SizeFact ArrayFact(Call call, IReadOnlyList<BigInteger> dims, (int Bytes, string Name) dtype)
    {
        BigInteger count = 1;
        foreach (var d in dims) count *= BigInteger.Max(d, 0);
        var items = (double)count;
        var shape = dims.Count == 1 ? dims[0].ToString() : "(" + string.Join(", ", dims) + ")";
        return Fact(items * dtype.Bytes + 128, "numpy.ndarray",
            $"{ExpressionText.Dotted(call.Func) ?? "array"}() of shape {shape} and dtype {dtype.Name}: {SizeFact.Count(items)} items of {dtype.Bytes} bytes",
            call);
    }

    private SizeFact? ArangeFact(Call call, SizeProducer producer)
    {
        if (call.Args.Count is < 1 or > 3 || call.Args.Any(a => a is Starred)) return null;
        var values = new List<double>();
        var allIntegers = true;
        foreach (var a in call.Args)
        {
            switch (_project.Constants.Evaluate(a))
            {
                case IntValue i:
                    values.Add((double)i.Value);
                    break;
                case FloatValue f:
                    values.Add(f.Value);
                    allIntegers = false;
                    break;
                default:
                    return null;
            }
        }
        var (start, stop, step) = values.Count switch
        {
            1 => (0.0, values[0], 1.0),
            2 => (values[0], values[1], 1.0),
            _ => (values[0], values[1], values[2]),
        };
        if (step == 0) return null;
        var count = Math.Max(0, Math.Ceiling((stop - start) / step));
        var dtype = Argument(call, producer.Dtype) is { } explicitType ? DtypeOf(explicitType) : allIntegers ? (8, "int64") : (8, "float64");
        return ArrayFact(call, [new BigInteger(count)], dtype);
    }

    private (int Bytes, string Name) Dtype(Call call, SizeProducer producer) =>
        Argument(call, producer.Dtype) is { } expression
            ? DtypeOf(expression)
            : (_knowledge.ItemSize(producer.DefaultDtype) ?? 8, producer.DefaultDtype);

    /// <summary>The item size of a dtype argument: "float32", np.float32, float, np.dtype("f4").</summary>
    private (int Bytes, string Name) DtypeOf(Expr expression)
    {
        string? name = expression switch
        {
            Constant { Value: string s } => s.TrimStart('<', '>', '=', '|'),
            Call { Args.Count: 1 } c when _project.Values.Evaluate(c.Func).QualifiedName == "numpy.dtype" => null,
            _ => _project.Values.Evaluate(expression).QualifiedName switch
            {
                { } q when q.StartsWith("numpy.", StringComparison.Ordinal) => q["numpy.".Length..],
                { } q when q.StartsWith("builtins.", StringComparison.Ordinal) => q["builtins.".Length..],
                _ => null,
            },
        };
        if (name is null && expression is Call { Args.Count: 1 } dtypeCall) return DtypeOf(dtypeCall.Args[0]);
        return name is not null && _knowledge.ItemSize(name) is { } size ? (size, name) : (8, "of unknown size (counted as 8 bytes)");
    }

    // ---- containers -------------------------------------------------------------------------

    private SizeFact? ComprehensionSize(Expr comprehension, string kind, IReadOnlyList<Expr> elements, IReadOnlyList<Comprehension> generators, Query query)
    {
        BigInteger count = 1;
        foreach (var g in generators)
        {
            if (g.IsAsync != 0) return null;
            if (_project.Constants.LengthOf(g.Iter) is not { } n)
                return Data.OfIteration(g.Iter) is { } data
                    ? DataFact(comprehension, kind, $"a {kind} built over {data.Source} ({ExpressionText.Of(data.ReadAt)})", data.Source)
                    : null;
            count *= n;
        }
        var filtered = generators.Any(g => g.Ifs.Count > 0);
        var (perItem, lowerBound) = elements.Aggregate((0.0, false), (acc, e) =>
        {
            var (bytes, lower) = ItemBytes(e);
            return (acc.Item1 + bytes, acc.Item2 || lower);
        });
        var items = (double)count;
        var iterables = string.Join(" x ", generators.Select(g => ExpressionText.Of(g.Iter)));
        return Fact(items * perItem + 8, kind,
            $"a {kind} {(filtered ? "of up to" : "of")} {SizeFact.Count(items)} items built over {iterables}, about {SizeFact.Count(perItem)} bytes each",
            comprehension, isLowerBound: lowerBound && !filtered);
    }

    /// <summary>Pickled bytes of one element built by <paramref name="element"/> (an int, a float, a
    /// short str, a tuple of those), and whether it is only a lower bound.</summary>
    private (double Bytes, bool LowerBound) ItemBytes(Expr element)
    {
        if (element is Tuple t)
        {
            var total = 3.0;
            var lower = false;
            foreach (var e in t.Elts)
            {
                var (b, l) = ItemBytes(e);
                total += b;
                lower |= l;
            }
            return (total, lower);
        }
        var folded = _project.Constants.Evaluate(element);
        if (folded is BufferValue { Length: null, MaxLength: { } bound } && bound <= 64) return (11, false);
        if (folded is not null && folded is not SequenceValue) return (FoldedItemBytes(folded), false);
        return ValueEvaluator.TypeOf(_project.Values.Evaluate(element)) switch
        {
            "builtins.int" => (5, false),
            "builtins.float" => (9, false),
            "builtins.bool" or "builtins.NoneType" => (1, false),
            "builtins.str" or "builtins.bytes" => (11, true),
            _ => (UnknownItemBytes, true),
        };
    }

    /// <summary>A display: the sum of its elements; a large element (a DataFrame in a tuple) is the fact.</summary>
    private SizeFact? DisplaySize(Expr display, IReadOnlyList<Expr> elements, Query query)
    {
        if (elements.Any(e => e is Starred)) return null;
        SizeFact? largest = null;
        double total = 8;
        var lowerBound = false;
        foreach (var element in elements)
        {
            var fact = Estimate(element, query);
            if (fact is not null && (largest is null || fact.Rank(_largeBytes) > largest.Rank(_largeBytes))) largest = fact;
            if (fact?.Bytes is { } b) total += b;
            else
            {
                total += UnknownItemBytes;
                lowerBound = true;
            }
        }
        if (largest is not null && largest.MayBeLarge(_largeBytes)) return largest;
        var kind = display.PythonTypeName.ToLowerInvariant();
        return Fact(total, kind, $"a {kind} display of {elements.Count} items", display, lowerBound);
    }

    /// <summary><c>[x] * n</c>: n references to the same objects, pickled once each plus a reference per
    /// slot (constants such as <c>[0] * N</c> and <c>b"x" * N</c> fold).</summary>
    private SizeFact? RepeatSize(BinOp product, Query query)
    {
        var (display, times) = product.Left is List or Tuple ? (product.Left, product.Right) : (product.Right, product.Left);
        if (display is not (List or Tuple) || _project.Constants.IntegerOf(times) is not { } n) return Folded(product);
        var elements = Elements(display);
        var folded = elements.Select(e => _project.Constants.Evaluate(e)).ToList();
        if (folded.All(f => f is IntValue or FloatValue or BoolValue or NoneValue or BufferValue))
        {
            var perRepeat = folded.Sum(f => FoldedItemBytes(f!));
            return Fact((double)n * perRepeat + 8, display is List ? "list" : "tuple",
                $"{ExpressionText.Of(product)}: a {(display is List ? "list" : "tuple")} of {SizeFact.Count((double)n * elements.Count)} items", product);
        }
        var once = DisplaySize(display, elements, query);
        if (once is null) return null;
        if (once.MayBeLarge(_largeBytes) && once.Basis != SizeBasis.Computed) return once;
        var bytes = (once.Bytes ?? 0) + (double)n * elements.Count * 2;
        return Fact(bytes, display is List ? "list" : "tuple",
            $"{ExpressionText.Of(product)}: {SizeFact.Count((double)n * elements.Count)} references to {once.Describe()}", product, once.IsLowerBound);
    }

    /// <summary>A change that adds to a container: <c>xs.append(x)</c>, <c>s.add(x)</c>,
    /// <c>d[k] = v</c>, <c>xs.extend(ys)</c>, <c>xs += ys</c>. <paramref name="Adds"/> is the number of
    /// items one run adds (1, or 0 when unknown: extend, update, +=); <paramref name="Item"/> the value
    /// added when it is one item.</summary>
    private sealed record Mutation(Expr Site, int Adds, Expr? Item);

    /// <summary>The changes that add to the container bound at <paramref name="holder"/>: for a local
    /// name, its references; for <c>self.x</c>, the uses of <c>self.x</c> in the methods of the class
    /// that assigns it.</summary>
    private IEnumerable<Mutation> Mutations(LocatedNode holder)
    {
        IEnumerable<Expr> uses;
        switch (holder)
        {
            case Name { Ctx: ExprContext.Store } stored:
            {
                var symbol = Binding.BoundModule.Lookup(stored.Id, _project.ModuleOf(stored).ScopeOf(stored));
                if (symbol is null) yield break;
                uses = symbol.References;
                foreach (var binding in symbol.Bindings)
                    if (binding.Kind == Binding.BindingKind.AugmentedAssignment && binding.Site is Expr augmented)
                        yield return new Mutation(augmented, 0, null);
                break;
            }
            case Attribute { Value: Name owner } target when _project.EnclosingFunction(target) is { Class: { } cls }:
                uses = AttributeUses(cls, owner.Id, target.Attr);
                break;
            default:
                yield break;
        }
        foreach (var use in uses)
        {
            switch (use.Parent)
            {
                case Attribute { Attr: var method } access when ReferenceEquals(access.Value, use) && Mutators.Contains(method)
                                                                 && access.Parent is Call call && ReferenceEquals(call.Func, access):
                    var one = method is "append" or "add" or "appendleft" or "insert" or "setdefault";
                    yield return new Mutation(call, one ? 1 : 0, one && call.Args.Count > 0 ? call.Args[^1] : null);
                    break;
                case Subscript { Ctx: ExprContext.Store } store when ReferenceEquals(store.Value, use):
                    yield return new Mutation(store, 1, store.Parent is Assign assign ? assign.Value : null);
                    break;
                case AugAssign augmented when ReferenceEquals(augmented.Target, use):
                    yield return new Mutation(use, 0, null);
                    break;
            }
        }
    }

    /// <summary>The loads of <c>self.attribute</c> in the methods of <paramref name="cls"/> (and its
    /// project bases), <c>self</c> being each method's receiver parameter.</summary>
    private static IEnumerable<Expr> AttributeUses(ProjectClass cls, string owner, string attribute)
    {
        foreach (var c in cls.Mro)
        {
            foreach (var method in c.Methods.Values)
            {
                var receiver = method.ReceiverParameter?.Name ?? owner;
                foreach (var node in DataSources.OwnNodes(method))
                    if (node is Attribute { Ctx: ExprContext.Load, Value: Name self } access && self.Id == receiver && access.Attr == attribute)
                        yield return access;
            }
        }
    }

    /// <summary>A container that starts empty (<c>[]</c>, <c>set()</c>, <c>defaultdict(list)</c>) and is
    /// filled later: as many items as the loops around its changes run (a known count), or growing with
    /// the data those loops walk (the lines of a file, the rows of a query).</summary>
    private SizeFact? FilledContainer(Expr empty, LocatedNode holder, Query query)
    {
        var kind = empty switch
        {
            List => "list",
            Set => "set",
            Dict => "dict",
            Call c => (_project.Values.QualifiedNameOf(c.Func) ?? "container").Replace("builtins.", "", StringComparison.Ordinal)
                .Replace("collections.", "", StringComparison.Ordinal),
            _ => "container",
        };
        double items = 0;
        var lowerBound = false;
        var repeated = false;
        SizeFact? largestItem = null;
        foreach (var mutation in Mutations(holder).Take(16))
        {
            if (++query.Steps > MaxSteps) break;
            var repetition = Repetition.Around(_project, mutation.Site);
            if (!repetition.IsRepeated)
            {
                items += Math.Max(mutation.Adds, 1);
                lowerBound |= mutation.Adds == 0;
                continue;
            }
            repeated = true;
            if (mutation.Item is { } item && Estimate(item, query) is { } each && each.IsLarge(_largeBytes)
                && (largestItem is null || each.Rank(_largeBytes) > largestItem.Rank(_largeBytes)))
                largestItem = each;
            foreach (var loop in repetition.Loops.Reverse())
            {
                var walked = loop switch
                {
                    For f => f.Iter,
                    AsyncFor f => f.Iter,
                    ListComp or SetComp or DictComp or GeneratorExp => DataSources.Generators((Expr)loop)[0].Iter,
                    _ => null,
                };
                if (walked is not null && Data.OfIteration(walked) is { } data)
                    return DataFact(empty, kind, $"a {kind} filled in a loop over {data.Source} ({ExpressionText.Of(mutation.Site)})", data.Source);
            }
            if (repetition.Trips is { Kind: Effects.TripKind.DataDependent, Source: { } source })
                return DataFact(empty, kind, $"a {kind} filled in a loop over {source} ({ExpressionText.Of(mutation.Site)})", source);
            if (repetition.Count is { } count)
            {
                items += count * Math.Max(mutation.Adds, 1);
                lowerBound |= mutation.Adds == 0;
            }
        }
        if (largestItem is not null && repeated)
            return largestItem with { Evidence = $"a {kind} of items each holding {largestItem.Describe()}", Kind = kind };
        if (items == 0) return null;
        return Fact(items * UnknownItemBytes + 8, kind, $"a {kind} filled with {SizeFact.Count(items)} items", empty, isLowerBound: true);
    }

    /// <summary>True when the program treats the value bound at <paramref name="holder"/> as a collection
    /// somewhere: iterates it, takes its length, looks it up with a computed key or tests membership.</summary>
    private bool UsedAsCollection(LocatedNode holder)
    {
        IEnumerable<Expr> uses = holder switch
        {
            Name { Ctx: ExprContext.Store } stored when Binding.BoundModule.Lookup(stored.Id, _project.ModuleOf(stored).ScopeOf(stored)) is { } symbol => symbol.References,
            Attribute { Value: Name owner } target when _project.EnclosingFunction(target) is { Class: { } cls } => AttributeUses(cls, owner.Id, target.Attr),
            _ => [],
        };
        foreach (var use in uses.Take(64))
        {
            switch (use.Parent)
            {
                case For f when ReferenceEquals(f.Iter, use):
                case AsyncFor af when ReferenceEquals(af.Iter, use):
                case Comprehension g when ReferenceEquals(g.Iter, use):
                case Compare c when c.Ops.Any(o => o is CompareOperator.In or CompareOperator.NotIn) && !ReferenceEquals(c.Left, use):
                case Subscript s when ReferenceEquals(s.Value, use) && s.Slice is not Constant:
                    return true;
                case Call call when call.Args.Any(a => ReferenceEquals(a, use)) &&
                                    _project.Values.QualifiedNameOf(call.Func) is "builtins.len" or "builtins.sorted" or "builtins.enumerate" or "builtins.zip" or "random.choice" or "random.sample" or "random.shuffle":
                    return true;
                case Attribute { Attr: "items" or "values" or "keys" } view when ReferenceEquals(view.Value, use):
                    return true;
            }
        }
        return false;
    }

    // ---- instances --------------------------------------------------------------------------

    private SizeFact? InstanceSize(ProjectClass cls, Query query)
    {
        if (query.Depth > MaxDepth || !query.Instances.Add(cls)) return null;
        try
        {
            SizeFact? best = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in cls.Mro)
            {
                foreach (var (attribute, assignments) in c.InstanceAttributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!seen.Add(attribute)) continue;
                    foreach (var assignment in assignments)
                    {
                        if (assignment.Value is null || assignment.Kind == Binding.BindingKind.AugmentedAssignment) continue;
                        var fact = IsEmptyContainer(assignment.Value)
                            ? FilledContainer(assignment.Value, assignment.Target, query)
                            : Estimate(assignment.Value, query);
                        if (fact is null || !fact.MayBeLarge(_largeBytes)) continue;
                        var held = fact.Kind.EndsWith("' instance", StringComparison.Ordinal) ? $"a {fact.Kind}: {fact.Evidence}"
                            : fact.Basis == SizeBasis.Computed ? fact.Describe() : fact.Evidence;
                        fact = fact with
                        {
                            Kind = $"'{cls.DisplayName}' instance",
                            Evidence = $"its attribute 'self.{attribute}' holds {held}",
                            Trail = ImmutableArray.Create<LocatedNode>(assignment.Target).AddRange(fact.Trail),
                        };
                        if (best is null || fact.Rank(_largeBytes) > best.Rank(_largeBytes)) best = fact;
                    }
                }
            }
            return best;
        }
        finally
        {
            query.Instances.Remove(cls);
        }
    }
}
