using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Numerics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Constants;

/// <summary>
/// Folds module and local constants: <c>N = 40_000_000</c>, <c>n // k</c>, <c>10**6</c>,
/// <c>range(N)</c>, <c>len([1, 2, 3])</c>, tuples, <c>[0] * N</c>, <c>b"x" * 4096</c>,
/// <c>os.urandom(n)</c>, <c>str(i).encode()</c> (short). A name folds when its only binding in its
/// scope assigns a foldable value (flow-insensitive: a name assigned twice is not a constant), or
/// when it is a parameter with a value in the given <see cref="ArgumentEnvironment"/>. Names imported
/// from project modules fold to the module's constant. Integers stay below 2^4096; longer strings
/// keep only their length.
/// </summary>
public sealed class ConstantEvaluator
{
    private const int MaxDepth = 48;
    private const int MaxBits = 4096;
    private const int MaxTextLength = 4096;

    private readonly ProjectModel _project;
    private readonly ConcurrentDictionary<Symbol, FoldedValue?> _globals = new();
    private readonly ConcurrentDictionary<Symbol, bool> _changedInPlace = new();

    internal ConstantEvaluator(ProjectModel project) => _project = project;

    /// <summary>The value of <paramref name="expression"/>, read in its own scope, with the parameters
    /// given by <paramref name="arguments"/>; null when not foldable.</summary>
    public FoldedValue? Evaluate(Expr expression, ArgumentEnvironment? arguments = null) =>
        Evaluate(expression, _project.ModuleOf(expression).ScopeOf(expression), arguments);

    public FoldedValue? Evaluate(Expr expression, Scope scope, ArgumentEnvironment? arguments = null)
    {
        var query = new Query(arguments);
        var result = Eval(expression, scope, query);
        return query.Exhausted ? null : result;
    }

    /// <summary>The value of <paramref name="expression"/> when the local <paramref name="symbol"/> holds
    /// <paramref name="value"/> wherever it is read (a loop's induction variable at some iteration).</summary>
    public FoldedValue? EvaluateWith(Expr expression, Scope scope, ArgumentEnvironment? arguments, Symbol symbol, FoldedValue value)
    {
        var query = new Query(arguments) { Override = symbol, OverrideValue = value };
        var result = Eval(expression, scope, query);
        return query.Exhausted ? null : result;
    }

    /// <summary>How many items iterating <paramref name="iterable"/> yields, when known.</summary>
    public BigInteger? LengthOf(Expr iterable, ArgumentEnvironment? arguments = null)
    {
        var scope = _project.ModuleOf(iterable).ScopeOf(iterable);
        var query = new Query(arguments);
        var result = Length(iterable, scope, query);
        return query.Exhausted ? null : result;
    }

    /// <summary>The integer value of <paramref name="expression"/>, when it folds to an int or bool.</summary>
    public BigInteger? IntegerOf(Expr expression, ArgumentEnvironment? arguments = null) => Evaluate(expression, arguments) switch
    {
        IntValue i => i.Value,
        BoolValue b => b.Value ? 1 : 0,
        _ => null,
    };

    private sealed class Query(ArgumentEnvironment? arguments)
    {
        public readonly ArgumentEnvironment? Arguments = arguments;
        private object[]? _active;
        private int _activeCount;
        public int Depth;
        public int Incomplete;
        public bool Exhausted;
        public Symbol? Override;
        public FoldedValue? OverrideValue;

        /// <summary>Marks <paramref name="key"/> (a symbol or one binding of it) as being folded; false
        /// when it already is (a cycle).</summary>
        public bool Push(object key)
        {
            for (var i = 0; i < _activeCount; i++)
                if (ReferenceEquals(_active![i], key)) return false;
            _active ??= new object[8];
            if (_activeCount == _active.Length) Array.Resize(ref _active, _active.Length * 2);
            _active[_activeCount++] = key;
            return true;
        }

        public void Pop() => _active![--_activeCount] = null!;
    }

    // ---- expressions ------------------------------------------------------------------------

    private FoldedValue? Eval(Expr e, Scope scope, Query q)
    {
        if (q.Depth >= MaxDepth)
        {
            q.Exhausted = true;
            return null;
        }
        q.Depth++;
        try
        {
            return e switch
            {
                Constant c => FromConstant(c.Value),
                Name n => EvalRead(n, scope, q),
                Attribute a => EvalAttribute(a, scope, q),
                BinOp b => Binary(b.Op, Eval(b.Left, scope, q), Eval(b.Right, scope, q)),
                UnaryOp u => Unary(u.Op, Eval(u.Operand, scope, q)),
                Compare c => CompareChain(c, scope, q),
                Tuple t => Display("builtins.tuple", t.Elts, scope, q),
                List l => Display("builtins.list", l.Elts, scope, q),
                Set s => Display("builtins.set", s.Elts, scope, q),
                Dict d => d.Keys.Any(k => k is null) ? null : new SequenceValue("builtins.dict", null, d.Keys.Count),
                Call c => EvalCall(c, scope, q),
                JoinedStr j => JoinedString(j, scope, q),
                IfExp i => Eval(i.Test, scope, q) is { } test && Truth(test) is { } truth
                    ? Eval(truth ? i.Body : i.Orelse, scope, q)
                    : null,
                Subscript s => Index(Eval(s.Value, scope, q), s.Slice is Slice ? null : Eval(s.Slice, scope, q)),
                NamedExpr w => Eval(w.Value, scope, q),
                _ => null,
            };
        }
        finally
        {
            q.Depth--;
        }
    }

    private static FoldedValue? FromConstant(object? value) => value switch
    {
        null => NoneValue.Instance,
        bool b => new BoolValue(b),
        BigInteger i => new IntValue(i),
        double d => new FloatValue(d),
        string s => BufferValue.Str(s),
        byte[] bytes => new BufferValue(true, bytes.Length <= MaxTextLength ? new string(bytes.Select(b => (char)b).ToArray()) : null, bytes.Length, null),
        _ => null,
    };

    private FoldedValue? Display(string type, IReadOnlyList<Expr> elements, Scope scope, Query q)
    {
        if (elements.Any(e => e is Starred)) return null;
        var items = elements.Select(e => Eval(e, scope, q)).ToImmutableArray();
        return new SequenceValue(type, items, elements.Count);
    }

    /// <summary>A read of a local bound more than once folds when every binding that reaches it folds
    /// to the same value (<see cref="Flow.LocalFlow"/>); other names fold by their single binding.</summary>
    private FoldedValue? EvalRead(Name read, Scope scope, Query q)
    {
        if (q.Override is not null && ReferenceEquals(BoundModule.Lookup(read.Id, scope), q.Override)) return q.OverrideValue;
        if (read.Ctx != ExprContext.Load || _project.Flow.ReachingBindings(read) is not { } reaching) return EvalName(read.Id, scope, q);
        if (reaching.IsEmpty) return null;
        FoldedValue? agreed = null;
        foreach (var binding in reaching)
        {
            var value = ReachingBindingValue(binding, q);
            if (value is null || (agreed is not null && !agreed.Equals(value))) return null;
            agreed = value;
        }
        return agreed;
    }

    private FoldedValue? ReachingBindingValue(SymbolBinding binding, Query q)
    {
        if (binding.Kind == BindingKind.Parameter) return q.Arguments?.ValueOf(binding.Symbol);
        if (binding.Kind is not (BindingKind.Assignment or BindingKind.AnnotatedAssignment or BindingKind.NamedExpression) || binding.Value is null)
            return null;
        if (IsChangedContainer(binding)) return null;
        // A binding whose value reads itself again (`n = n // 2` in a loop) is a cycle: not constant.
        if (!q.Push(binding))
        {
            q.Incomplete++;
            return null;
        }
        var value = Eval(binding.Value, _project.ModuleOf(binding.Value).ScopeOf(binding.Value), q);
        q.Pop();
        return value;
    }

    private FoldedValue? EvalName(string name, Scope scope, Query q)
    {
        var symbol = BoundModule.Lookup(name, scope);
        return symbol is null ? null : SymbolValue(symbol, q);
    }

    private FoldedValue? SymbolValue(Symbol symbol, Query q)
    {
        if (q.Arguments?.ValueOf(symbol) is { } argument) return argument;
        var cacheable = symbol.Scope.Kind is ScopeKind.Module or ScopeKind.Class;
        if (cacheable && _globals.TryGetValue(symbol, out var cached)) return cached;
        if (!q.Push(symbol))
        {
            q.Incomplete++;
            return null;
        }
        var before = q.Incomplete;
        var result = BindingValue(symbol, q);
        q.Pop();
        if (cacheable && q.Incomplete == before && !q.Exhausted) _globals.TryAdd(symbol, result);
        return result;
    }

    private FoldedValue? BindingValue(Symbol symbol, Query q)
    {
        var binding = symbol.SingleBinding;
        if (binding is null || symbol.Bindings.Count(b => b.Kind != BindingKind.AnnotationOnly) != 1) return null;
        switch (binding.Kind)
        {
            case BindingKind.Assignment or BindingKind.AnnotatedAssignment or BindingKind.NamedExpression:
                return binding.Value is null || IsChangedContainer(binding) ? null : Eval(binding.Value, _project.ModuleOf(binding.Value).ScopeOf(binding.Value), q);
            case BindingKind.ImportFrom when binding.Import?.QualifiedName is { } qualified:
                return ImportedConstant(qualified, q);
            default:
                return null;
        }
    }

    /// <summary>
    /// True when a binding makes a list, set or dict display that the code may change in place later:
    /// <c>out = []</c> followed by <c>out.append(x)</c> is not the empty list at <c>len(out)</c>.
    /// A method call other than a reading one (<c>out.append</c>) or an item store or delete
    /// (<c>out[k] = v</c>) changes it. An empty display is an accumulator: handed to a call other than a
    /// built-in that only reads it (<c>collect(rows)</c>), or read from a nested function, it is taken to
    /// be filled there too; a display with items handed to a call (<c>pool.map(work, SIZES)</c>) is data.
    /// </summary>
    private bool IsChangedContainer(SymbolBinding binding) =>
        binding.Value is List or Set or Dict &&
        _changedInPlace.GetOrAdd(binding.Symbol, symbol =>
        {
            var empty = binding.Value is List { Elts.Count: 0 } or Set { Elts.Count: 0 } or Dict { Keys.Count: 0 };
            return (empty && symbol.IsCaptured) || symbol.References.Any(reference => MayChange(reference, empty));
        });

    private static readonly HashSet<string> ReadingBuiltins = new(StringComparer.Ordinal)
    {
        "len", "bool", "list", "tuple", "set", "frozenset", "dict", "sorted", "reversed", "str", "repr", "print",
        "isinstance", "iter", "enumerate", "zip", "sum", "min", "max", "any", "all", "hash", "id", "type",
    };

    /// <summary>Methods of list, set and dict that only read the container.</summary>
    private static readonly HashSet<string> ReadingMethods = new(StringComparer.Ordinal)
    {
        "items", "keys", "values", "get", "count", "index", "copy", "union", "intersection", "difference",
        "symmetric_difference", "issubset", "issuperset", "isdisjoint",
    };

    private static bool MayChange(Name reference, bool accumulator) => reference.Parent switch
    {
        Attribute attribute => !ReadingMethods.Contains(attribute.Attr),
        Subscript { Ctx: ExprContext.Store or ExprContext.Del } subscript => ReferenceEquals(subscript.Value, reference),
        Call call when ReferenceEquals(call.Func, reference) => false,
        Call call => accumulator && (call.Func is not Name { Id: var function } || !ReadingBuiltins.Contains(function)),
        Keyword or Starred => accumulator,
        _ => false,
    };

    /// <summary>A constant a project module defines at top level ("config.N").</summary>
    private FoldedValue? ImportedConstant(string qualifiedName, Query q)
    {
        var entry = _project.Index.FindLongestPrefix(qualifiedName, out var rest);
        if (entry is null || rest.Length == 0 || rest.Contains('.')) return null;
        var symbol = _project.ModuleNamed(entry.Name)?.GlobalScope.TryGetSymbol(rest);
        return symbol is null || !symbol.IsLocal ? null : SymbolValue(symbol, q);
    }

    private FoldedValue? EvalAttribute(Attribute a, Scope scope, Query q)
    {
        // self.attr with what the caller stored there (see ArgumentFact.Attributes).
        if (q.Arguments is { } env && a.Value is Name { Ctx: ExprContext.Load } receiver &&
            BoundModule.Lookup(receiver.Id, scope) is { } symbol && env.FactOf(symbol)?.AttributeFact(a.Attr)?.Constant is { } stored)
            return stored;
        // module.CONSTANT for a project module.
        if (_project.Values.Evaluate(a.Value, scope).Single is ModuleValue { IsProject: true } module)
            return ImportedConstant(module.Name + "." + a.Attr, q);
        return null;
    }

    // ---- operators --------------------------------------------------------------------------

    private static FoldedValue? Binary(BinaryOperator op, FoldedValue? left, FoldedValue? right)
    {
        if (left is null || right is null) return null;
        if (AsInteger(left) is { } l && AsInteger(right) is { } r) return IntegerBinary(op, l, r);
        if (AsNumber(left) is { } lf && AsNumber(right) is { } rf) return FloatBinary(op, lf, rf);
        return SequenceBinary(op, left, right);
    }

    private static BigInteger? AsInteger(FoldedValue v) => v switch
    {
        IntValue i => i.Value,
        BoolValue b => b.Value ? 1 : 0,
        _ => null,
    };

    private static double? AsNumber(FoldedValue v) => v switch
    {
        FloatValue f => f.Value,
        _ => AsInteger(v) is { } i ? (double)i : null,
    };

    private static FoldedValue? IntegerBinary(BinaryOperator op, BigInteger l, BigInteger r)
    {
        BigInteger? result = op switch
        {
            BinaryOperator.Add => l + r,
            BinaryOperator.Sub => l - r,
            BinaryOperator.Mult => Bits(l) + Bits(r) <= MaxBits ? l * r : null,
            BinaryOperator.FloorDiv => r.IsZero ? null : FloorDiv(l, r),
            BinaryOperator.Mod => r.IsZero ? null : l - r * FloorDiv(l, r),
            BinaryOperator.Pow when r.Sign < 0 => null,
            BinaryOperator.Pow => r <= MaxBits && (double)r * Math.Max(1, Bits(l)) <= MaxBits ? BigInteger.Pow(l, (int)r) : null,
            BinaryOperator.LShift => r.Sign >= 0 && r + Bits(l) <= MaxBits ? l << (int)r : null,
            BinaryOperator.RShift => r.Sign < 0 ? null : r > MaxBits ? (l.Sign < 0 ? -1 : 0) : l >> (int)r,
            BinaryOperator.BitAnd => l & r,
            BinaryOperator.BitOr => l | r,
            BinaryOperator.BitXor => l ^ r,
            _ => null,
        };
        if (result is not null) return new IntValue(result.Value);
        if (op == BinaryOperator.Div && !r.IsZero) return new FloatValue((double)l / (double)r);
        return null;
    }

    private static long Bits(BigInteger v) => v.IsZero ? 0 : (long)v.GetBitLength();

    private static BigInteger FloorDiv(BigInteger l, BigInteger r)
    {
        var q = BigInteger.DivRem(l, r, out var rem);
        return !rem.IsZero && (rem.Sign < 0) != (r.Sign < 0) ? q - 1 : q;
    }

    private static FoldedValue? FloatBinary(BinaryOperator op, double l, double r) => op switch
    {
        BinaryOperator.Add => new FloatValue(l + r),
        BinaryOperator.Sub => new FloatValue(l - r),
        BinaryOperator.Mult => new FloatValue(l * r),
        BinaryOperator.Div when r != 0 => new FloatValue(l / r),
        BinaryOperator.FloorDiv when r != 0 => new FloatValue(Math.Floor(l / r)),
        BinaryOperator.Pow => new FloatValue(Math.Pow(l, r)),
        _ => null,
    };

    private static FoldedValue? SequenceBinary(BinaryOperator op, FoldedValue left, FoldedValue right)
    {
        switch (op)
        {
            case BinaryOperator.Mult when AsInteger(right) is { } n:
                return Repeat(left, n);
            case BinaryOperator.Mult when AsInteger(left) is { } n:
                return Repeat(right, n);
            case BinaryOperator.Add when left is BufferValue a && right is BufferValue b && a.IsBytes == b.IsBytes:
                if (a.Text is not null && b.Text is not null && a.Text.Length + b.Text.Length <= MaxTextLength)
                    return a with { Text = a.Text + b.Text, KnownLength = null, Bound = null };
                return new BufferValue(a.IsBytes, null, a.Length + b.Length, a.MaxLength + b.MaxLength);
            case BinaryOperator.Add when left is SequenceValue a && right is SequenceValue b && a.TypeName == b.TypeName:
                return new SequenceValue(a.TypeName, a.Items is { } ai && b.Items is { } bi ? ai.AddRange(bi) : null, a.KnownLength + b.KnownLength);
            case BinaryOperator.Mod when left is BufferValue { IsBytes: false } format:
                return new BufferValue(false, null, null, format.Text is null ? null : format.Text.Length + 64);
            default:
                return null;
        }
    }

    private static FoldedValue? Repeat(FoldedValue value, BigInteger count)
    {
        if (count.Sign < 0) count = 0;
        switch (value)
        {
            case BufferValue b when b.Length is { } length:
                var total = length * count;
                if (b.Text is not null && total <= MaxTextLength)
                    return b with { Text = string.Concat(Enumerable.Repeat(b.Text, (int)count)), KnownLength = null, Bound = null };
                return new BufferValue(b.IsBytes, null, total, null);
            case SequenceValue s when s.TypeName is "builtins.list" or "builtins.tuple":
                var n = s.KnownLength * count;
                return new SequenceValue(s.TypeName, s.Items is { } items && n <= 64 ? Enumerable.Repeat(items, (int)count).SelectMany(x => x).ToImmutableArray() : null, n);
            default:
                return null;
        }
    }

    private static FoldedValue? Unary(UnaryOperator op, FoldedValue? operand)
    {
        if (operand is null) return null;
        if (operand is IntValue or BoolValue)
        {
            var v = AsInteger(operand)!.Value;
            return op switch
            {
                UnaryOperator.USub => new IntValue(-v),
                UnaryOperator.UAdd => new IntValue(v),
                UnaryOperator.Invert => new IntValue(-v - 1),
                UnaryOperator.Not => new BoolValue(v.IsZero),
                _ => null,
            };
        }
        if (operand is FloatValue f)
            return op switch { UnaryOperator.USub => new FloatValue(-f.Value), UnaryOperator.UAdd => f, UnaryOperator.Not => new BoolValue(f.Value == 0), _ => null };
        if (op == UnaryOperator.Not && Truth(operand) is { } t) return new BoolValue(!t);
        return null;
    }

    private FoldedValue? CompareChain(Compare c, Scope scope, Query q)
    {
        var left = Eval(c.Left, scope, q);
        for (var i = 0; i < c.Ops.Count; i++)
        {
            var right = Eval(c.Comparators[i], scope, q);
            if (left is null || right is null) return null;
            int order;
            if (AsInteger(left) is { } li && AsInteger(right) is { } ri) order = li.CompareTo(ri);
            else if (AsNumber(left) is { } lf && AsNumber(right) is { } rf) order = lf.CompareTo(rf);
            else if (left is BufferValue { Text: { } lt } lb && right is BufferValue { Text: { } rt } rb && lb.IsBytes == rb.IsBytes)
                order = string.CompareOrdinal(lt, rt);
            else return null;
            bool? holds = c.Ops[i] switch
            {
                CompareOperator.Eq => order == 0,
                CompareOperator.NotEq => order != 0,
                CompareOperator.Lt => order < 0,
                CompareOperator.LtE => order <= 0,
                CompareOperator.Gt => order > 0,
                CompareOperator.GtE => order >= 0,
                _ => null,
            };
            if (holds is null) return null;
            if (!holds.Value) return new BoolValue(false);
            left = right;
        }
        return new BoolValue(true);
    }

    /// <summary>Python's truth of a folded value; null when not known (or no value).</summary>
    public static bool? Truth(FoldedValue? v) => v switch
    {
        null => null,
        _ => TruthOf(v),
    };

    private static bool? TruthOf(FoldedValue v) => v switch
    {
        BoolValue b => b.Value,
        IntValue i => !i.Value.IsZero,
        FloatValue f => f.Value != 0,
        NoneValue => false,
        _ => v.Length is { } length ? !length.IsZero : null,
    };

    private static FoldedValue? Index(FoldedValue? container, FoldedValue? index)
    {
        if (container is not SequenceValue { Items: { } items } || index is null || AsInteger(index) is not { } i) return null;
        if (i.Sign < 0) i += items.Length;
        return i >= 0 && i < items.Length ? items[(int)i] : null;
    }

    private FoldedValue? JoinedString(JoinedStr j, Scope scope, Query q)
    {
        var text = new System.Text.StringBuilder();
        BigInteger bound = 0;
        var exact = true;
        foreach (var part in j.Values)
        {
            switch (part)
            {
                case Constant { Value: string s }:
                    text.Append(s);
                    bound += s.Length;
                    break;
                case FormattedValue f when f.FormatSpec is null && Eval(f.Value, scope, q) is { } v && Render(v) is { } rendered:
                    text.Append(rendered);
                    bound += rendered.Length;
                    break;
                case FormattedValue f when ShortScalar(f.Value, scope):
                    exact = false;
                    bound += 32;
                    break;
                default:
                    return null;
            }
        }
        return exact && text.Length <= MaxTextLength ? BufferValue.Str(text.ToString()) : new BufferValue(false, null, null, bound);
    }

    private static string? Render(FoldedValue v) => v switch
    {
        IntValue i => i.Value.ToString(),
        BufferValue { IsBytes: false, Text: { } t } => t,
        BoolValue b => b.Value ? "True" : "False",
        NoneValue => "None",
        _ => null,
    };

    /// <summary>True for an int, float or bool by the type facts: its text is short (at most 32
    /// characters for any value a loop counter or measurement takes).</summary>
    private bool ShortScalar(Expr e, Scope scope) =>
        ValueEvaluator.TypeOf(_project.Values.Evaluate(e, scope)) is "builtins.int" or "builtins.float" or "builtins.bool";

    // ---- calls ------------------------------------------------------------------------------

    private FoldedValue? EvalCall(Call call, Scope scope, Query q)
    {
        if (call.Keywords.Count > 0 && call.Func is not Attribute { Attr: "encode" }) return null;
        if (call.Func is Attribute { Attr: "encode" } encode)
        {
            var receiver = Eval(encode.Value, scope, q);
            return receiver is BufferValue { IsBytes: false } s
                ? s.Text is { } text
                    ? new BufferValue(true, null, System.Text.Encoding.UTF8.GetByteCount(text), null)
                    : new BufferValue(true, null, null, s.MaxLength * 4)
                : null;
        }
        var callee = _project.Values.Evaluate(call.Func, scope).QualifiedName;
        var args = call.Args;
        switch (callee)
        {
            case "builtins.len" when args.Count == 1:
                return Length(args[0], scope, q) is { } length ? new IntValue(length) : null;
            case "builtins.range" when args.Count is >= 1 and <= 3:
            {
                var values = Integers(args, scope, q);
                if (values is null) return null;
                return args.Count switch
                {
                    1 => new RangeValue(0, values[0], 1),
                    2 => new RangeValue(values[0], values[1], 1),
                    _ => values[2].IsZero ? null : new RangeValue(values[0], values[1], values[2]),
                };
            }
            case "builtins.int" when args.Count == 1:
                return Eval(args[0], scope, q) switch
                {
                    IntValue i => i,
                    BoolValue b => new IntValue(b.Value ? 1 : 0),
                    FloatValue f when double.IsFinite(f.Value) => new IntValue(new BigInteger(Math.Truncate(f.Value))),
                    BufferValue { IsBytes: false, Text: { } t } when BigInteger.TryParse(t.Replace("_", ""), out var parsed) => new IntValue(parsed),
                    _ => null,
                };
            case "builtins.float" when args.Count == 1:
                return Eval(args[0], scope, q) is { } fv && AsNumber(fv) is { } number ? new FloatValue(number) : null;
            case "math.sqrt" or "math.log" or "math.log2" or "math.log10" or "math.exp" when args.Count == 1:
                return Eval(args[0], scope, q) is { } mv && AsNumber(mv) is { } x && x >= 0
                    ? new FloatValue(callee switch
                    {
                        "math.sqrt" => Math.Sqrt(x),
                        "math.log" => Math.Log(x),
                        "math.log2" => Math.Log2(x),
                        "math.log10" => Math.Log10(x),
                        _ => Math.Exp(x),
                    })
                    : null;
            case "math.isqrt" when args.Count == 1:
                return Eval(args[0], scope, q) is { } iv && AsInteger(iv) is { } radicand && radicand.Sign >= 0
                    ? new IntValue(IntegerSquareRoot(radicand))
                    : null;
            case "math.ceil" or "math.floor" or "builtins.round" when args.Count == 1:
                return Eval(args[0], scope, q) switch
                {
                    IntValue i => i,
                    FloatValue f when double.IsFinite(f.Value) => new IntValue(new BigInteger(callee switch
                    {
                        "math.ceil" => Math.Ceiling(f.Value),
                        "math.floor" => Math.Floor(f.Value),
                        _ => Math.Round(f.Value, MidpointRounding.ToEven),
                    })),
                    _ => null,
                };
            case "builtins.pow" when args.Count == 2:
                return Binary(BinaryOperator.Pow, Eval(args[0], scope, q), Eval(args[1], scope, q));
            case "builtins.abs" when args.Count == 1:
                return Eval(args[0], scope, q) switch
                {
                    IntValue i => new IntValue(BigInteger.Abs(i.Value)),
                    FloatValue f => new FloatValue(Math.Abs(f.Value)),
                    _ => null,
                };
            case "builtins.min" or "builtins.max" when args.Count >= 2:
            {
                var values = Integers(args, scope, q);
                if (values is null) return null;
                return new IntValue(callee == "builtins.min" ? values.Min() : values.Max());
            }
            case "builtins.str" when args.Count == 1:
            {
                var v = Eval(args[0], scope, q);
                if (v is not null && Render(v) is { } rendered) return BufferValue.Str(rendered);
                return ShortScalar(args[0], scope) ? new BufferValue(false, null, null, 32) : null;
            }
            case "builtins.bytes" or "builtins.bytearray" when args.Count == 1:
            {
                var v = Eval(args[0], scope, q);
                if (v is not null && AsInteger(v) is { } size) return BufferValue.Bytes(size);
                return Length(args[0], scope, q) is { } n ? BufferValue.Bytes(n) : null;
            }
            case "os.urandom" or "secrets.token_bytes" when args.Count == 1:
                return Eval(args[0], scope, q) is { } nv && AsInteger(nv) is { } count ? BufferValue.Bytes(count) : null;
            case "builtins.list" or "builtins.tuple" when args.Count == 1:
                return Length(args[0], scope, q) is { } items ? new SequenceValue(callee, null, items) : null;
            default:
                return null;
        }
    }

    private static BigInteger IntegerSquareRoot(BigInteger n)
    {
        if (n < 2) return n;
        var x = (BigInteger)Math.Sqrt((double)n);
        while (x * x > n) x--;
        while ((x + 1) * (x + 1) <= n) x++;
        return x;
    }

    private static IReadOnlyList<Comprehension>? Generators(Expr comprehension) => comprehension switch
    {
        ListComp c => c.Generators,
        SetComp c => c.Generators,
        GeneratorExp c => c.Generators,
        _ => null,
    };

    private BigInteger[]? Integers(IReadOnlyList<Expr> args, Scope scope, Query q)
    {
        var values = new BigInteger[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            if (Eval(args[i], scope, q) is not { } v || AsInteger(v) is not { } n) return null;
            values[i] = n;
        }
        return values;
    }

    // ---- lengths ----------------------------------------------------------------------------

    private BigInteger? Length(Expr iterable, Scope scope, Query q)
    {
        // A comprehension without filters yields one item per combination of its generators' items.
        if (iterable is ListComp or SetComp or GeneratorExp && Generators(iterable) is { } generators && generators.All(g => g.Ifs.Count == 0 && g.IsAsync == 0))
        {
            BigInteger product = 1;
            var module = _project.ModuleOf(iterable);
            foreach (var g in generators)
            {
                if (Length(g.Iter, module.ScopeOf(g.Iter), q) is not { } n) return null;
                product *= n;
                if (product.GetBitLength() > MaxBits) return null;
            }
            return product;
        }
        if (iterable is Call call && call.Keywords.Count == 0)
        {
            var callee = call.Func is Attribute { Attr: "items" or "keys" or "values" } view && call.Args.Count == 0
                ? "dict-view"
                : _project.Values.Evaluate(call.Func, scope).QualifiedName;
            switch (callee)
            {
                case "dict-view":
                    return Eval(((Attribute)call.Func).Value, scope, q)?.Length;
                case "builtins.enumerate" or "builtins.reversed" or "builtins.sorted" or "builtins.list" or "builtins.tuple" or "builtins.iter"
                    when call.Args.Count >= 1:
                    return Length(call.Args[0], scope, q);
                case "builtins.zip" when call.Args.Count >= 1:
                {
                    BigInteger? shortest = null;
                    foreach (var a in call.Args.Each())
                    {
                        var n = Length(a, scope, q);
                        if (n is null) return null;
                        shortest = shortest is null ? n : BigInteger.Min(shortest.Value, n.Value);
                    }
                    return shortest;
                }
                case "itertools.product" when call.Args.Count >= 1:
                {
                    BigInteger product = 1;
                    foreach (var a in call.Args.Each())
                    {
                        if (Length(a, scope, q) is not { } n) return null;
                        product *= n;
                    }
                    return product;
                }
            }
        }
        return Eval(iterable, scope, q)?.Length;
    }
}
