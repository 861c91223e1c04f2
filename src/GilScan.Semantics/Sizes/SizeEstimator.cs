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
public sealed class SizeEstimator
{
    public const int MaxDepth = 6;

    /// <summary>Pickled bytes of one item of unknown kind in a container: a lower bound (an opcode and a
    /// memo entry, see Lib/pickle.py).</summary>
    private const double UnknownItemBytes = 8;

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
    }

    /// <summary>The size of <paramref name="expression"/>'s value, or null when the code does not
    /// tell anything about it.</summary>
    public SizeFact? Estimate(Expr expression) => Estimate(expression, 0);

    /// <summary>The size an instance of <paramref name="cls"/> pickles to, through the attributes its
    /// methods assign: the largest attribute, or null when none has a known size.</summary>
    public SizeFact? InstanceSize(ProjectClass cls) => InstanceSize(cls, 0);

    private SizeFact? Estimate(Expr e, int depth)
    {
        if (depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return null;
        SizeFact? best = null;
        foreach (var origin in _origins.Of(e))
        {
            if (origin.UnpackIndex is not null) continue;
            var fact = Terminal(origin.Expression, depth);
            if (fact is null) continue;
            fact = fact.WithTrail(origin.Trail);
            if (origin.ViaParameter) fact = fact with { ViaParameter = true };
            if (best is null || fact.Rank(_largeBytes) > best.Rank(_largeBytes)) best = fact;
        }
        return best;
    }

    private SizeFact? Terminal(Expr e, int depth) => e switch
    {
        Call c => CallSize(c, depth),
        ListComp l => ComprehensionSize(e, "list", [l.Elt], l.Generators),
        SetComp s => ComprehensionSize(e, "set", [s.Elt], s.Generators),
        DictComp d => ComprehensionSize(e, "dict", [d.Key, d.Value], d.Generators),
        List or Tuple or Set => DisplaySize(e, Elements(e), depth),
        Dict d when d.Keys.All(k => k is not null) => DisplaySize(e, d.Keys.Select(k => k!).Concat(d.Values).ToList(), depth),
        BinOp { Op: BinaryOperator.Mult } b => RepeatSize(b, depth),
        Name or Attribute when _project.Values.Evaluate(e).Single is InstanceValue { Class: { } cls } => InstanceSize(cls, depth + 1),
        _ => Folded(e),
    };

    private static IReadOnlyList<Expr> Elements(Expr display) => display switch
    {
        List l => l.Elts,
        Tuple t => t.Elts,
        Set s => s.Elts,
        _ => [],
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

    private SizeFact? CallSize(Call call, int depth)
    {
        var callee = _project.Values.Evaluate(call.Func);
        foreach (var v in callee.Items)
        {
            switch (v)
            {
                case FunctionValue f when f.Function.Kind != FunctionKind.ModuleBody && f.Function.Returns.Count <= 4:
                    return ReturnedSize(f.Function, call, depth);
                case ClassValue c:
                    return InstanceSize(c.Class, depth + 1) is { } instance ? instance with { Origin = call } : null;
            }
        }
        var name = callee.QualifiedName;
        if (_knowledge.SizeProducer(name) is { } producer) return Produced(producer, call, depth);
        if (call.Func is Attribute method)
        {
            if (FileRead(call, method) is { } read) return read;
            if (method.Attr is "copy" or "reshape" or "ravel" or "flatten" or "to_numpy" or "transpose" or "astype" or "tolist"
                && Estimate(method.Value, depth + 1) is { Kind: "numpy.ndarray" or "pandas.DataFrame" or "pandas.Series" } receiver)
                return receiver with { Evidence = $"{receiver.Evidence}, then .{method.Attr}()", Origin = call };
        }
        if (name is "builtins.list" or "builtins.tuple" or "builtins.set" or "builtins.frozenset" or "builtins.sorted"
            && call.Args.Count == 1 && call.Keywords.Count == 0 && call.Args[0] is not Starred)
            return ContainerOf(call, name, depth);
        return Folded(call);
    }

    private SizeFact? ReturnedSize(ProjectFunction function, Call call, int depth)
    {
        SizeFact? best = null;
        foreach (var returned in function.Returns)
        {
            var fact = Estimate(returned, depth + 1);
            if (fact is null) continue;
            fact = fact with { Trail = ImmutableArray.Create<LocatedNode>(call).AddRange(fact.Trail) };
            if (best is null || fact.Rank(_largeBytes) > best.Rank(_largeBytes)) best = fact;
        }
        return best is null ? null : best with { Evidence = $"returned by {function.DisplayName}(): {best.Evidence}" };
    }

    /// <summary><c>list(range(N))</c> holds N ints; <c>list(xs)</c> is about the size of xs.</summary>
    private SizeFact? ContainerOf(Call call, string name, int depth)
    {
        var kind = name.Replace("builtins.", "", StringComparison.Ordinal);
        var argument = call.Args[0];
        if (_project.Constants.Evaluate(argument) is RangeValue range && range.Length is { } n)
            return Fact((double)n * 5 + 8, kind == "sorted" ? "list" : kind,
                $"{ExpressionText.Of(call)}: {SizeFact.Count((double)n)} ints", call);
        var inner = Estimate(argument, depth + 1);
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
            return new SizeFact(null, SizeBasis.FileContents, "file contents",
                $"the whole file {what} read by .{method.Attr}()", call, origin.Trail.Add(opened));
        }
        return null;
    }

    // ---- catalogued producers ---------------------------------------------------------------

    private SizeFact? Produced(SizeProducer producer, Call call, int depth)
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
            case SizeProducerKind.SameAsArgument:
            {
                var argument = Argument(call, producer.Of);
                var inner = argument is null ? null : Estimate(argument, depth + 1);
                if (inner is null) return null;
                var kind = producer.Name.StartsWith("pandas.", StringComparison.Ordinal) ? producer.Name : "numpy.ndarray";
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
                return new SizeFact(null, SizeBasis.FileContents, "file contents",
                    $"the whole file read by {ExpressionText.Of(call)}", call, []);
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

    private SizeFact? ComprehensionSize(Expr comprehension, string kind, IReadOnlyList<Expr> elements, IReadOnlyList<Comprehension> generators)
    {
        BigInteger count = 1;
        foreach (var g in generators)
        {
            if (g.IsAsync != 0 || _project.Constants.LengthOf(g.Iter) is not { } n) return null;
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
    private SizeFact? DisplaySize(Expr display, IReadOnlyList<Expr> elements, int depth)
    {
        if (elements.Any(e => e is Starred)) return null;
        SizeFact? largest = null;
        double total = 8;
        var lowerBound = false;
        foreach (var element in elements)
        {
            var fact = Estimate(element, depth + 1);
            if (fact is not null && (largest is null || fact.Rank(_largeBytes) > largest.Rank(_largeBytes))) largest = fact;
            if (fact?.Bytes is { } b) total += b;
            else
            {
                total += UnknownItemBytes;
                lowerBound = true;
            }
        }
        if (largest is not null && largest.IsLarge(_largeBytes)) return largest;
        var kind = display.PythonTypeName.ToLowerInvariant();
        return Fact(total, kind, $"a {kind} display of {elements.Count} items", display, lowerBound);
    }

    /// <summary><c>[x] * n</c>: n references to the same objects, pickled once each plus a reference per
    /// slot (constants such as <c>[0] * N</c> and <c>b"x" * N</c> fold).</summary>
    private SizeFact? RepeatSize(BinOp product, int depth)
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
        var once = DisplaySize(display, elements, depth);
        if (once is null) return null;
        if (once.IsLarge(_largeBytes) && once.Basis != SizeBasis.Computed) return once;
        var bytes = (once.Bytes ?? 0) + (double)n * elements.Count * 2;
        return Fact(bytes, display is List ? "list" : "tuple",
            $"{ExpressionText.Of(product)}: {SizeFact.Count((double)n * elements.Count)} references to {once.Describe()}", product, once.IsLowerBound);
    }

    // ---- instances --------------------------------------------------------------------------

    private SizeFact? InstanceSize(ProjectClass cls, int depth)
    {
        if (depth > MaxDepth) return null;
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
                    var fact = Estimate(assignment.Value, depth + 1);
                    if (fact is null || !fact.IsLarge(_largeBytes)) continue;
                    fact = fact with
                    {
                        Kind = $"'{cls.DisplayName}' instance",
                        Evidence = $"its attribute 'self.{attribute}' holds {fact.Describe()}",
                        Trail = ImmutableArray.Create<LocatedNode>(assignment.Target).AddRange(fact.Trail),
                    };
                    if (best is null || fact.Rank(_largeBytes) > best.Rank(_largeBytes)) best = fact;
                }
            }
        }
        return best;
    }
}
