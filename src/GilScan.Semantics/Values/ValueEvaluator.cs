using System.Collections.Concurrent;
using System.Collections.Immutable;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Values;

/// <summary>
/// Resolves what expressions stand for: qualified names through imports, aliases and re-exports
/// (<c>from concurrent.futures import ThreadPoolExecutor as TPE</c> → TPE is
/// "concurrent.futures.ThreadPoolExecutor"; a project name is its defining module's name plus its
/// qualname, so <c>pkg.f</c> re-exported from <c>pkg/impl.py</c> is "pkg.impl.f"), and light type
/// facts (<c>ex = ThreadPoolExecutor()</c>, <c>with Pool() as p</c>, <c>self.pool = …</c> in any method,
/// the catalog's result types such as <c>multiprocessing.get_context()</c>).
/// Flow-insensitive: a name's value is the union of what all its bindings in its scope assign (bindings
/// whose value is unknown add nothing, and augmented assignments are taken to keep the type).
/// Thread-safe; results are cached and deterministic (see <see cref="EvaluationContext"/>).
/// </summary>
public sealed class ValueEvaluator
{
    private readonly ProjectModel _project;
    private readonly ConcurrentDictionary<Symbol, CachedValue> _symbols = new();
    private readonly ConcurrentDictionary<SymbolBinding, CachedValue> _bindings = new();
    private readonly ConcurrentDictionary<string, CachedValue> _qualified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ProjectFunction, CachedValue> _returns = new();
    private readonly ConcurrentDictionary<(ProjectClass, string), CachedValue> _attributes = new();
    private readonly ConcurrentDictionary<string, ValueSet> _externals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ValueSet> _externalMembers = new(StringComparer.Ordinal);

    internal ValueEvaluator(ProjectModel project) => _project = project;

    /// <summary>The possible values of <paramref name="expression"/> in the scope it appears in.</summary>
    public ValueSet Evaluate(Expr expression) => Evaluate(expression, ScopeOf(expression));

    /// <summary>The possible values of <paramref name="expression"/> read in <paramref name="scope"/>.</summary>
    public ValueSet Evaluate(Expr expression, Scope scope)
    {
        var ctx = new EvaluationContext();
        return Finish(ctx, Eval(expression, scope, ctx));
    }

    /// <summary>As <see cref="Evaluate(Expr, Scope)"/>, reusing <paramref name="context"/> (one thread),
    /// with what <paramref name="environment"/> knows of its function's parameters.</summary>
    internal ValueSet Evaluate(Expr expression, Scope scope, EvaluationContext context, Constants.ArgumentEnvironment? environment = null)
    {
        context.Reset();
        context.Environment = environment;
        return Finish(context, Eval(expression, scope, context));
    }

    /// <summary>The possible values of <paramref name="expression"/> read in <paramref name="scope"/> when
    /// its function's parameters are as <paramref name="environment"/> says.</summary>
    public ValueSet Evaluate(Expr expression, Scope scope, Constants.ArgumentEnvironment? environment)
    {
        var ctx = new EvaluationContext { Environment = environment };
        return Finish(ctx, Eval(expression, scope, ctx));
    }

    /// <summary>What an environment says of <c>self.attr</c>: the values the caller stored there before
    /// calling this method on its own <c>self</c>. Such an answer holds for this query only.</summary>
    private static ValueSet? ReceiverAttribute(Attribute attribute, Scope scope, EvaluationContext ctx)
    {
        if (ctx.Environment is not { } env || attribute.Value is not Name { Ctx: ExprContext.Load } receiver) return null;
        var symbol = BoundModule.Lookup(receiver.Id, scope);
        if (symbol is null || env.FactOf(symbol)?.AttributeFact(attribute.Attr) is not { Values.IsUnknown: false } fact) return null;
        ctx.Incomplete++;
        return fact.Values;
    }

    /// <summary>The values an environment gives <paramref name="symbol"/>, if it is one of its parameters
    /// with known values; such an answer holds for this query only (never cached).</summary>
    private static bool FromEnvironment(Symbol symbol, EvaluationContext ctx, out ValueSet values)
    {
        if (ctx.Environment?.FactOf(symbol) is { Values.IsUnknown: false } fact)
        {
            ctx.Incomplete++;
            values = fact.Values;
            return true;
        }
        values = default;
        return false;
    }

    /// <summary>The qualified name <paramref name="expression"/> refers to (a module, function, class or
    /// external thing), when all its possible values agree; null otherwise.</summary>
    public string? QualifiedNameOf(Expr expression) => Evaluate(expression).QualifiedName;

    /// <summary>The qualified type of the instance <paramref name="expression"/> evaluates to, when known
    /// and unique ("concurrent.futures.ThreadPoolExecutor", "builtins.int", "pkg.mod.Service").</summary>
    public string? TypeOf(Expr expression) => TypeOf(Evaluate(expression));

    public static string? TypeOf(ValueSet values)
    {
        string? type = null;
        foreach (var v in values.Items)
        {
            if (v is not InstanceValue instance || (type is not null && type != instance.TypeName)) return null;
            type = instance.TypeName;
        }
        return type;
    }

    /// <summary>What a dotted name denotes, following the project's modules and re-exports.</summary>
    public ValueSet ResolveQualifiedName(string qualifiedName)
    {
        var ctx = new EvaluationContext();
        return Finish(ctx, ResolveQualified(qualifiedName, ctx));
    }

    /// <summary>The union of the values of a symbol's bindings.</summary>
    public ValueSet ValueOf(Symbol symbol)
    {
        var ctx = new EvaluationContext();
        return Finish(ctx, ValueOfSymbol(symbol, ctx));
    }

    /// <summary>The attribute <paramref name="attribute"/> of a value.</summary>
    public ValueSet MemberOf(ReferentValue value, string attribute)
    {
        var ctx = new EvaluationContext();
        return Finish(ctx, Member(value, attribute, ctx));
    }

    /// <summary>What calling <paramref name="callee"/> at <paramref name="call"/> returns.</summary>
    public ValueSet ResultOf(ReferentValue callee, Call call)
    {
        var ctx = new EvaluationContext();
        return Finish(ctx, CallResult(callee, call, ScopeOf(call), ctx));
    }

    /// <summary>The union of what <paramref name="function"/> returns.</summary>
    public ValueSet ReturnsOf(ProjectFunction function)
    {
        var ctx = new EvaluationContext();
        return Finish(ctx, Returns(function, ctx));
    }

    private static ValueSet Finish(EvaluationContext ctx, ValueSet result) => ctx.Exhausted ? ValueSet.Unknown : result;

    private Scope ScopeOf(Node node) => _project.ModuleOf(node).ScopeOf(node);

    // ---- expressions ------------------------------------------------------------------------

    internal ValueSet Eval(Expr e, Scope scope, EvaluationContext ctx)
    {
        if (!ctx.Enter()) return ValueSet.Unknown;
        try
        {
            return e switch
            {
                Name n => EvalRead(n, scope, ctx),
                Attribute a when ReceiverAttribute(a, scope, ctx) is { } given => given,
                Attribute a => Members(Eval(a.Value, scope, ctx), a.Attr, ctx),
                Subscript { Ctx: ExprContext.Load } s when StoredElements(s.Value, scope) is { } stored => EvalAll(stored, ctx),
                Call { Func: Attribute { Attr: "get" or "pop" or "setdefault" } getter } c when StoredElements(getter.Value, scope) is { } stored =>
                    EvalAll(stored, ctx).Union(c.Args.Count > 1 ? Eval(c.Args[1], scope, ctx) : ValueSet.Unknown),
                Call c => CallResults(Eval(c.Func, scope, ctx), c, scope, ctx),
                Lambda l => _project.FunctionOf(l) is { } f ? ValueSet.Of(new FunctionValue(f)) : ValueSet.Unknown,
                Constant k => Instance(ConstantType(k.Value)),
                JoinedStr => Instance("builtins.str"),
                List or ListComp => Instance("builtins.list"),
                Tuple t => TupleOf(t),
                Dict or DictComp => Instance("builtins.dict"),
                Set or SetComp => Instance("builtins.set"),
                GeneratorExp => Instance("builtins.generator"),
                BinOp b => BinaryResult(Eval(b.Left, scope, ctx), Eval(b.Right, scope, ctx)),
                UnaryOp { Op: UnaryOperator.Not } => Instance("builtins.bool"),
                UnaryOp u => Eval(u.Operand, scope, ctx),
                Compare => Instance("builtins.bool"),
                IfExp i => Eval(i.Body, scope, ctx).Union(Eval(i.Orelse, scope, ctx)),
                BoolOp b => b.Values.Aggregate(ValueSet.Unknown, (acc, v) => acc.Union(Eval(v, scope, ctx))),
                NamedExpr w => Eval(w.Value, scope, ctx),
                Await a => AwaitResult(a, scope, ctx),
                _ => ValueSet.Unknown,
            };
        }
        finally
        {
            ctx.Leave();
        }
    }

    // ---- tuples -------------------------------------------------------------------------------

    /// <summary>A tuple display of a few plain elements keeps them, for unpacking; a longer or starred
    /// one is just a tuple.</summary>
    private static ValueSet TupleOf(Tuple display) =>
        display.Elts.Count is > 0 and <= ValueSet.MaxSize && !display.Elts.Any(e => e is Starred)
            ? ValueSet.Of(new InstanceValue("builtins.tuple", null, display))
            : Instance("builtins.tuple");

    /// <summary>What one target of an unpacking receives: the element at its place of every tuple the
    /// value may be whose elements are known and as many as the targets (any other value would raise, or
    /// tells nothing).</summary>
    private ValueSet Unpack(UnpackedElement unpacked, EvaluationContext ctx)
    {
        var result = ValueSet.Unknown;
        foreach (var v in Eval(unpacked.Source, ScopeOf(unpacked.Source), ctx).Items)
        {
            switch (v)
            {
                case InstanceValue { Elements: Tuple display } when display.Elts.Count == unpacked.Count:
                    var element = display.Elts[unpacked.Index];
                    result = result.Union(Eval(element, ScopeOf(element), ctx));
                    break;
                case InstanceValue { Elements: Subscript { Slice: Tuple annotated } } when annotated.Elts.Count == unpacked.Count:
                    result = result.Union(InstanceOfAnnotation(annotated.Elts[unpacked.Index], ctx));
                    break;
            }
        }
        return result;
    }

    // ---- registries ---------------------------------------------------------------------------

    /// <summary>
    /// The expressions stored into a module-level dict or list that <paramref name="container"/> names: a
    /// registry or dispatch table (<c>HANDLERS = {"a": f}</c>, <c>HANDLERS[name] = fn</c> inside a
    /// registering decorator, <c>PLUGINS.append(cls)</c>). Reading an element (<c>HANDLERS[key]</c>,
    /// <c>HANDLERS.get(key)</c>) gives any of them. Null unless every binding of the name makes an
    /// empty or literal container, so that the stores seen are all there is.
    /// </summary>
    private IReadOnlyList<Expr>? StoredElements(Expr container, Scope scope)
    {
        if (container is not Name { Ctx: ExprContext.Load } name || BoundModule.Lookup(name.Id, scope) is not { } symbol) return null;
        if (symbol.DeclaredTarget is { } declared) symbol = declared;
        if (symbol.Scope.Kind != ScopeKind.Module) return null;
        var stored = _registries.GetOrAdd(symbol, RegistryElements);
        return stored.IsDefaultOrEmpty ? null : stored;
    }

    private readonly ConcurrentDictionary<Symbol, ImmutableArray<Expr>> _registries = new();

    private static ImmutableArray<Expr> RegistryElements(Symbol symbol)
    {
        var elements = ImmutableArray.CreateBuilder<Expr>();
        var bound = false;
        foreach (var binding in symbol.Bindings)
        {
            if (binding.Kind == BindingKind.AnnotationOnly) continue;
            if (binding.Kind is not (BindingKind.Assignment or BindingKind.AnnotatedAssignment)) return [];
            switch (binding.Value)
            {
                case Dict d:
                    for (var i = 0; i < d.Values.Count; i++)
                        if (d.Keys[i] is not null) elements.Add(d.Values[i]);
                    break;
                case List l:
                    elements.AddRange(l.Elts.Where(e => e is not Starred));
                    break;
                case Tuple t:
                    elements.AddRange(t.Elts.Where(e => e is not Starred));
                    break;
                case Call { Func: Name { Id: "dict" or "list" or "OrderedDict" }, Args.Count: 0, Keywords.Count: 0 }:
                    break;
                default:
                    return [];
            }
            bound = true;
        }
        if (!bound) return [];
        foreach (var read in symbol.References)
        {
            switch (read.Parent)
            {
                case Subscript { Ctx: ExprContext.Store } store when ReferenceEquals(store.Value, read) &&
                                                                    store.Parent is Assign assign && assign.Targets.Contains(store):
                    elements.Add(assign.Value);
                    break;
                case Attribute { Attr: "append" or "add" } method when method.Parent is Call { Args.Count: 1 } call && ReferenceEquals(call.Func, method):
                    elements.Add(call.Args[0]);
                    break;
                case Attribute { Attr: "setdefault" or "insert" } method when method.Parent is Call { Args.Count: 2 } call && ReferenceEquals(call.Func, method):
                    elements.Add(call.Args[1]);
                    break;
            }
        }
        return elements.ToImmutable();
    }

    private ValueSet EvalAll(IReadOnlyList<Expr> expressions, EvaluationContext ctx)
    {
        var result = ValueSet.Unknown;
        foreach (var e in expressions) result = result.Union(Eval(e, ScopeOf(e), ctx));
        return result;
    }

    private ValueSet Members(ValueSet values, string attribute, EvaluationContext ctx)
    {
        if (values.Single is { } single) return Member(single, attribute, ctx);
        var result = ValueSet.Unknown;
        foreach (var v in values.Items)
        {
            // `x.attr` on None raises, so a read that goes on runs with the other values: an Optional
            // parameter or attribute (`T | None`) is a T wherever its members are used.
            if (v is InstanceValue { TypeName: "builtins.NoneType" }) continue;
            result = result.Union(Member(v, attribute, ctx));
        }
        return result;
    }

    private ValueSet CallResults(ValueSet callees, Call call, Scope scope, EvaluationContext ctx)
    {
        if (callees.Single is { } single) return CallResult(single, call, scope, ctx);
        var result = ValueSet.Unknown;
        foreach (var v in callees.Items) result = result.Union(CallResult(v, call, scope, ctx));
        return result;
    }

    private static ValueSet Instance(string? type) => type is null ? ValueSet.Unknown : ValueSet.Of(new InstanceValue(type));

    private static string? ConstantType(object? value) => value switch
    {
        null => "builtins.NoneType",
        bool => "builtins.bool",
        string => "builtins.str",
        byte[] => "builtins.bytes",
        System.Numerics.BigInteger => "builtins.int",
        double => "builtins.float",
        System.Numerics.Complex => "builtins.complex",
        _ => null,
    };

    private static ValueSet BinaryResult(ValueSet left, ValueSet right)
    {
        var l = TypeOf(left);
        var r = TypeOf(right);
        if (l == "numpy.ndarray" || r == "numpy.ndarray") return Instance("numpy.ndarray");
        // `path / "name"` (the only binary operator a path supports, PurePath.__truediv__) is a path.
        if (l is "pathlib.Path" or "pathlib.PurePath" or "pathlib.PosixPath" or "pathlib.WindowsPath") return Instance(l);
        if (l is not null && l == r && l is "builtins.int" or "builtins.float" or "builtins.str" or "builtins.bytes" or "builtins.list" or "builtins.tuple")
            return Instance(l);
        if (l is "builtins.int" or "builtins.float" && r is "builtins.int" or "builtins.float") return Instance("builtins.float");
        return ValueSet.Unknown;
    }

    private ValueSet AwaitResult(Await a, Scope scope, EvaluationContext ctx)
    {
        if (a.Value is not Call call) return ValueSet.Unknown;
        var result = ValueSet.Unknown;
        foreach (var v in Eval(call.Func, scope, ctx).Items)
            if (v is FunctionValue { Function.IsCoroutine: true } f) result = result.Union(Returns(f.Function, ctx));
        return result;
    }

    /// <summary>A read of a name: a local bound more than once has the values of the bindings that
    /// reach this read (<see cref="Flow.LocalFlow"/>); any other name the values of all its bindings.</summary>
    private ValueSet EvalRead(Name read, Scope scope, EvaluationContext ctx)
    {
        if (read.Ctx != ExprContext.Load || _project.Flow.ReachingBindings(read) is not { } reaching) return EvalName(read.Id, scope, ctx);
        var result = ValueSet.Unknown;
        SymbolBinding? noneBinding = null;
        foreach (var binding in reaching)
        {
            // As for the whole symbol: `x = None` beside other bindings is the "not yet" of an optional value.
            if (binding.Kind == BindingKind.Assignment && binding.Value is Constant { Value: null })
            {
                noneBinding ??= binding;
                continue;
            }
            result = result.Union(ValueOfBinding(binding, ctx));
        }
        return result.IsUnknown && noneBinding is not null ? Instance("builtins.NoneType") : result;
    }

    private ValueSet ValueOfBinding(SymbolBinding binding, EvaluationContext ctx)
    {
        if (binding.Kind == BindingKind.Parameter && FromEnvironment(binding.Symbol, ctx, out var given)) return given;
        if (TryHit(_bindings, binding, ctx, out var hit)) return hit;
        if (!Begin(binding, ctx, out var frame)) return ValueSet.Unknown;
        return End(_bindings, binding, ctx, frame, BindingValue(binding, ctx));
    }

    private ValueSet EvalName(string name, Scope scope, EvaluationContext ctx)
    {
        var symbol = BoundModule.Lookup(name, scope);
        if (symbol is not null) return ValueOfSymbol(symbol, ctx);
        var global = GlobalOf(scope);
        foreach (var module in global.StarImports)
        {
            var fromStar = StarImported(module, name, ctx);
            if (!fromStar.IsUnknown) return fromStar;
        }
        return Builtins.Contains(name) ? ValueSet.Of(new ExternalValue("builtins." + name)) : ValueSet.Unknown;
    }

    private static Scope GlobalOf(Scope scope)
    {
        var s = scope;
        while (s.Parent is not null) s = s.Parent;
        return s;
    }

    /// <summary>The public name <paramref name="name"/> that <c>from module import *</c> brings,
    /// following the module's own star imports (cycles among them are cut).</summary>
    private ValueSet StarImported(string module, string name, EvaluationContext ctx)
    {
        var bound = _project.ModuleNamed(module);
        if (bound is null || name.StartsWith('_')) return ValueSet.Unknown;
        var symbol = bound.GlobalScope.TryGetSymbol(name);
        if (symbol is not null && symbol.IsLocal) return ValueOfSymbol(symbol, ctx);
        var key = new StarImportKey(module);
        if (!ctx.Push(key))
        {
            ctx.Incomplete++;
            return ValueSet.Unknown;
        }
        var result = ValueSet.Unknown;
        foreach (var inner in bound.GlobalScope.StarImports)
        {
            result = StarImported(inner, name, ctx);
            if (!result.IsUnknown) break;
        }
        ctx.Pop();
        return result;
    }

    private readonly record struct StarImportKey(string Module);

    // ---- symbols ----------------------------------------------------------------------------

    private ValueSet ValueOfSymbol(Symbol symbol, EvaluationContext ctx)
    {
        if (symbol.Bindings.Count == 1 && symbol.Has(SymbolFlags.Parameter) && FromEnvironment(symbol, ctx, out var given)) return given;
        if (TryHit(_symbols, symbol, ctx, out var hit)) return hit;
        if (!Begin(symbol, ctx, out var frame)) return ValueSet.Unknown;
        return End(_symbols, symbol, ctx, frame, ComputeSymbol(symbol, ctx));
    }

    private ValueSet ComputeSymbol(Symbol symbol, EvaluationContext ctx)
    {
        var result = ValueSet.Unknown;
        SymbolBinding? noneBinding = null;
        var bindings = symbol.Bindings;
        for (var i = 0; i < bindings.Count; i++)
        {
            var binding = bindings[i];
            if (binding.Kind == BindingKind.Assignment && binding.Value is Constant { Value: null })
            {
                noneBinding ??= binding;
                continue;
            }
            result = result.Union(BindingValue(binding, ctx));
        }
        return result.IsUnknown && noneBinding is not null ? Instance("builtins.NoneType") : result;
    }

    private ValueSet BindingValue(SymbolBinding binding, EvaluationContext ctx)
    {
        switch (binding.Kind)
        {
            case BindingKind.Import:
                return binding.Import?.QualifiedName is { } module
                    ? ValueSet.Of(new ModuleValue(module, _project.Index.TryGetModule(module, out _) || _project.Index.IsNamespacePackage(module)))
                    : ValueSet.Unknown;
            case BindingKind.ImportFrom:
                return binding.Import?.QualifiedName is { } name ? ResolveQualified(name, ctx) : ValueSet.Unknown;
            case BindingKind.FunctionDefinition:
                return _project.FunctionOf(binding.Site) is { } f ? ValueSet.Of(new FunctionValue(f)) : ValueSet.Unknown;
            case BindingKind.ClassDefinition:
                return _project.ClassOf(binding.Site) is { } c ? ValueSet.Of(new ClassValue(c)) : ValueSet.Unknown;
            case BindingKind.Assignment when binding.Unpacked is { } unpacked:
                return Unpack(unpacked, ctx);
            case BindingKind.Assignment or BindingKind.AnnotatedAssignment or BindingKind.NamedExpression or BindingKind.TypeAlias:
                return binding.Value is null ? ValueSet.Unknown : Eval(binding.Value, ScopeOf(binding.Value), ctx);
            case BindingKind.WithTarget:
                return binding.Value is null ? ValueSet.Unknown
                    : EnteredAll(Eval(binding.Value, ScopeOf(binding.Value), ctx), ctx);
            case BindingKind.ForTarget or BindingKind.ComprehensionTarget:
                if (binding.Value is Call { Func: Name { Id: "range" } } rangeCall && binding.Site is Name
                    && EvalName("range", ScopeOf(rangeCall), ctx).QualifiedName == "builtins.range")
                    return Instance("builtins.int");
                return binding.Site is Name && binding.Value is not null ? ItemsOf(binding.Value, ctx) : ValueSet.Unknown;
            case BindingKind.Parameter:
                return ParameterValueOf(binding, ctx);
            default:
                return ValueSet.Unknown;
        }
    }

    /// <summary>The items iterating an expression gives, when the call catalog says: an attribute with
    /// <c>yields</c> (<c>for page in reader.pages</c>), or an instance whose type's <c>__iter__</c> entry
    /// names its items.</summary>
    private ValueSet ItemsOf(Expr iterable, EvaluationContext ctx)
    {
        var scope = ScopeOf(iterable);
        if (iterable is Attribute attribute)
            return CatalogAttribute(attribute, scope, ctx) is { Yields: { } attributeItems } ? Instance(attributeItems) : ValueSet.Unknown;
        // A catalogued call whose result iterates over known items (`for path in folder.iterdir()`).
        if (iterable is Call call && Eval(call.Func, scope, ctx).Single is ExternalValue callee &&
            _project.Catalog.Find(callee.Name) is { Yields: { } callItems, IsAttribute: false })
            return Instance(callItems);
        var result = ValueSet.Unknown;
        foreach (var v in Eval(iterable, scope, ctx).Items)
        {
            var yields = v switch
            {
                ExternalValue x => _project.Catalog.Find(x.Name)?.Yields,
                InstanceValue { Class: null } i => _project.Catalog.Find(i.TypeName + ".__iter__")?.Yields,
                _ => null,
            };
            if (yields is null) return ValueSet.Unknown;
            result = result.Union(Instance(yields));
        }
        return result;
    }

    /// <summary>The catalog's entry for an attribute read on an external instance (<c>reader.pages</c>
    /// with <c>reader</c> a <c>pypdf.PdfReader</c>): the value alone loses the name, since a catalogued
    /// property evaluates to an instance of its type.</summary>
    public CatalogEntry? CatalogAttribute(Attribute attribute, Scope scope) =>
        CatalogAttributeOf(Evaluate(attribute.Value, scope), attribute.Attr);

    private CatalogEntry? CatalogAttribute(Attribute attribute, Scope scope, EvaluationContext ctx) =>
        CatalogAttributeOf(Eval(attribute.Value, scope, ctx), attribute.Attr);

    private CatalogEntry? CatalogAttributeOf(ValueSet receiver, string name)
    {
        foreach (var v in receiver.Items)
        {
            var owner = v switch { InstanceValue { Class: null } i => i.TypeName, _ => null };
            if (owner is not null && _project.Catalog.Find(owner + "." + name) is { IsAttribute: true } entry)
                return entry;
        }
        return null;
    }

    /// <summary>What <c>with v as x</c> binds: the result of a project class's <c>__enter__</c>, else the
    /// instance itself (what executors, pools, files, locks and sockets return).</summary>
    private ValueSet EnteredAll(ValueSet values, EvaluationContext ctx)
    {
        var result = ValueSet.Unknown;
        foreach (var v in values.Items) result = result.Union(Entered(v, ctx));
        return result;
    }

    private ValueSet Entered(ReferentValue value, EvaluationContext ctx)
    {
        if (value is InstanceValue { Class: { } cls } && cls.FindMethod("__enter__") is { } enter)
        {
            var returned = Returns(enter, ctx);
            return returned.IsUnknown ? ValueSet.Of(value) : returned;
        }
        return ValueSet.Of(value);
    }

    private ValueSet ParameterValueOf(SymbolBinding binding, EvaluationContext ctx)
    {
        if (binding.Site is not Arg arg) return ValueSet.Unknown;
        var function = _project.FunctionOf(binding.Symbol.Scope.Node);
        var parameter = function?.ParameterNamed(arg.Name);
        if (function is null || parameter is null) return ValueSet.Unknown;
        if (ReferenceEquals(function.ReceiverParameter, parameter) && function.Class is { } cls)
        {
            return function.MethodKind == MethodKind.Class
                ? ValueSet.Of(new ClassValue(cls))
                : ValueSet.Of(new InstanceValue(cls.QualifiedName, cls));
        }
        if (arg.Annotation is not null)
        {
            var annotated = InstanceOfAnnotation(arg.Annotation, ctx);
            if (!annotated.IsUnknown) return annotated;
        }
        return ValueSet.Of(new ParameterValue(function, parameter));
    }

    /// <summary>A forward reference (<c>'Network'</c>, <c>"Image.Image"</c>, <c>'Optional[Model]'</c>):
    /// a dotted name, resolved in the annotation's scope as the name itself would be, optionally inside
    /// <c>Optional[...]</c> or with <c>| None</c>. Anything else in the string is left unknown.</summary>
    private ValueSet InstanceOfStringAnnotation(string text, Scope scope, EvaluationContext ctx)
    {
        var name = text.Trim();
        var optional = false;
        if (name.EndsWith("| None", StringComparison.Ordinal))
        {
            name = name[..^"| None".Length].Trim();
            optional = true;
        }
        else if ((name.StartsWith("Optional[", StringComparison.Ordinal) || name.StartsWith("typing.Optional[", StringComparison.Ordinal)) &&
                 name.EndsWith(']'))
        {
            name = name[(name.IndexOf('[') + 1)..^1].Trim();
            optional = true;
        }

        var parts = name.Split('.');
        if (parts.Length == 0 || parts.Any(part => part.Length == 0 || !part.All(c => char.IsLetterOrDigit(c) || c == '_') || char.IsDigit(part[0])))
        {
            return ValueSet.Unknown;
        }

        var values = EvalName(parts[0], scope, ctx);
        foreach (var part in parts.Skip(1))
        {
            if (values.IsUnknown) return values;
            values = Members(values, part, ctx);
        }

        var instances = ValueSet.Unknown;
        foreach (var v in values.Items)
        {
            instances = instances.Union(v switch
            {
                ClassValue c => ValueSet.Of(new InstanceValue(c.Class.QualifiedName, c.Class)),
                ExternalValue { ReceiverType: null } x when LooksLikeClass(x.Name) || BuiltinTypes.Contains(x.Name) => Instance(x.Name),
                _ => ValueSet.Unknown,
            });
        }

        return optional && !instances.IsUnknown ? instances.Union(Instance("builtins.NoneType")) : instances;
    }

    private static readonly HashSet<string> BuiltinTypes = new(StringComparer.Ordinal)
    {
        "builtins.int", "builtins.float", "builtins.complex", "builtins.bool", "builtins.str", "builtins.bytes", "builtins.bytearray",
        "builtins.list", "builtins.dict", "builtins.set", "builtins.frozenset", "builtins.tuple",
    };

    /// <summary>The instances an annotation describes: <c>T</c>, <c>T[...]</c> (a generic: its origin),
    /// <c>A | B</c>, <c>Optional[T]</c>, <c>Union[A, B]</c>, a string annotation left out.</summary>
    private ValueSet InstanceOfAnnotation(Expr annotation, EvaluationContext ctx)
    {
        switch (annotation)
        {
            case BinOp { Op: BinaryOperator.BitOr } union:
            {
                var left = InstanceOfAnnotation(union.Left, ctx);
                var right = InstanceOfAnnotation(union.Right, ctx);
                return left.IsUnknown || right.IsUnknown ? ValueSet.Unknown : left.Union(right);
            }
            case Constant { Value: null }:
                return Instance("builtins.NoneType");
            case Constant { Value: string text }:
                return InstanceOfStringAnnotation(text, ScopeOf(annotation), ctx);
            case Subscript subscript:
            {
                var origin = Eval(subscript.Value, ScopeOf(subscript.Value), ctx).QualifiedName;
                var arguments = subscript.Slice is Tuple t ? t.Elts : [subscript.Slice];
                switch (origin)
                {
                    case "typing.Optional" when arguments.Count == 1:
                    {
                        var inner = InstanceOfAnnotation(arguments[0], ctx);
                        return inner.IsUnknown ? inner : inner.Union(Instance("builtins.NoneType"));
                    }
                    case "typing.Union":
                    {
                        var result = ValueSet.Unknown;
                        foreach (var a in arguments)
                        {
                            var one = InstanceOfAnnotation(a, ctx);
                            if (one.IsUnknown) return ValueSet.Unknown;
                            result = result.Union(one);
                        }
                        return result;
                    }
                    case "typing.Annotated" when arguments.Count >= 1:
                        return InstanceOfAnnotation(arguments[0], ctx);
                    case "typing.List":
                        return Instance("builtins.list");
                    case "typing.Dict":
                        return Instance("builtins.dict");
                    case "typing.Set":
                        return Instance("builtins.set");
                    case "typing.Tuple" or "builtins.tuple":
                        return arguments.Count is > 0 and <= ValueSet.MaxSize && !arguments.Any(a => a is Constant { Value: EllipsisValue })
                            ? ValueSet.Of(new InstanceValue("builtins.tuple", null, subscript))
                            : Instance("builtins.tuple");
                    default:
                        return InstanceOfAnnotation(subscript.Value, ctx);
                }
            }
        }
        var values = ValueSet.Unknown;
        foreach (var v in Eval(annotation, ScopeOf(annotation), ctx).Items)
        {
            values = values.Union(v switch
            {
                ClassValue c => ValueSet.Of(new InstanceValue(c.Class.QualifiedName, c.Class)),
                ExternalValue { ReceiverType: null } x when LooksLikeClass(x.Name) || BuiltinTypes.Contains(x.Name) => Instance(x.Name),
                _ => ValueSet.Unknown,
            });
        }
        return values;
    }

    // ---- attributes -------------------------------------------------------------------------

    private ValueSet Member(ReferentValue value, string attribute, EvaluationContext ctx)
    {
        switch (value)
        {
            case ModuleValue { IsProject: true } m:
                return ResolveQualified(m.Name + "." + attribute, ctx);
            case ModuleValue m:
                return External(m.Name, attribute, null);
            case ExternalValue { ReceiverType: null } x:
                return External(x.Name, attribute, null);
            case ClassValue c:
                return ClassMember(c.Class, attribute, null, ctx);
            case InstanceValue { Class: { } cls } instance:
                return InstanceMember(cls, instance, attribute, ctx);
            case InstanceValue instance:
                return External(instance.TypeName, attribute, instance.TypeName);
            case SuperValue super:
                return SuperMember(super, attribute, ctx);
            default:
                return ValueSet.Unknown;
        }
    }

    private ValueSet SuperMember(SuperValue super, string attribute, EvaluationContext ctx)
    {
        var receiver = super.Receiver as InstanceValue;
        foreach (var c in super.Class.Mro.Skip(1))
        {
            if (c.Methods.TryGetValue(attribute, out var method))
            {
                return method.MethodKind switch
                {
                    MethodKind.Static => ValueSet.Of(new FunctionValue(method)),
                    MethodKind.Class => ValueSet.Of(new FunctionValue(method, super.Receiver, 1)),
                    _ when receiver is not null => ValueSet.Of(new FunctionValue(method, receiver, 1)),
                    _ => ValueSet.Of(new FunctionValue(method)),
                };
            }
        }
        foreach (var external in super.Class.ExternalBases.Each())
            return External(external, attribute, receiver is null ? null : external);
        return ValueSet.Unknown;
    }

    private ValueSet ClassMember(ProjectClass cls, string attribute, InstanceValue? receiver, EvaluationContext ctx)
    {
        var mro = cls.Mro;
        for (var i = 0; i < mro.Count; i++)
        {
            var c = mro[i];
            if (c.Methods.TryGetValue(attribute, out var method))
            {
                return method.MethodKind switch
                {
                    MethodKind.Static => ValueSet.Of(new FunctionValue(method)),
                    MethodKind.Class => ValueSet.Of(new FunctionValue(method, new ClassValue(cls), 1)),
                    MethodKind.Property when receiver is not null => Returns(method, ctx),
                    _ when receiver is not null => ValueSet.Of(new FunctionValue(method, receiver, 1)),
                    _ => ValueSet.Of(new FunctionValue(method)),
                };
            }
            var symbol = c.Scope.TryGetSymbol(attribute);
            if (symbol is not null && symbol.IsLocal) return ValueOfSymbol(symbol, ctx);
        }
        foreach (var external in cls.ExternalBases.Each())
            return External(external, attribute, receiver is null ? null : external);
        return ValueSet.Unknown;
    }

    /// <summary>The external value "<paramref name="prefix"/>.<paramref name="attribute"/>", one shared
    /// instance per name (call sites keep these, and the standard library reaches the same few
    /// thousand names hundreds of thousands of times).</summary>
    private ValueSet External(string prefix, string attribute, string? receiverType)
    {
        var table = receiverType is null ? _externals : _externalMembers;
        var length = prefix.Length + 1 + attribute.Length;
        if (length <= 512)
        {
            Span<char> buffer = stackalloc char[length];
            prefix.AsSpan().CopyTo(buffer);
            buffer[prefix.Length] = '.';
            attribute.AsSpan().CopyTo(buffer[(prefix.Length + 1)..]);
            if (table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(buffer, out var found)) return found;
        }
        var name = string.Concat(prefix, ".", attribute);
        // Made once per name: a member of an instance that the catalog lists as a property (path.parent)
        // has the property's type; anything else is the member by name.
        return table.GetOrAdd(name, static (n, state) =>
            state.Receiver is not null && state.Catalog.Find(n) is { IsAttribute: true, Returns: { } type }
                ? Instance(type)
                : ValueSet.Of(new ExternalValue(n, state.Receiver)), (Receiver: receiverType, _project.Catalog));
    }

    private ValueSet InstanceMember(ProjectClass cls, InstanceValue receiver, string attribute, EvaluationContext ctx)
    {
        var key = (cls, attribute);
        ValueSet assigned;
        if (!TryHit(_attributes, key, ctx, out assigned))
        {
            if (!Begin(key, ctx, out var frame)) return ValueSet.Unknown;
            assigned = End(_attributes, key, ctx, frame, AssignedAttribute(cls, attribute, ctx));
        }
        return assigned.IsUnknown ? ClassMember(cls, attribute, receiver, ctx) : assigned;
    }

    private ValueSet AssignedAttribute(ProjectClass cls, string attribute, EvaluationContext ctx)
    {
        var result = ValueSet.Unknown;
        foreach (var c in cls.Mro.Each())
        {
            if (!c.InstanceAttributes.TryGetValue(attribute, out var assignments)) continue;
            foreach (var a in assignments)
            {
                if (a.Unpacked is { } unpacked)
                {
                    result = result.Union(Unpack(unpacked, ctx));
                    continue;
                }
                if (a.Value is null || a.Kind == BindingKind.AugmentedAssignment) continue;
                var v = Eval(a.Value, ScopeOf(a.Value), ctx);
                if (a.Kind == BindingKind.WithTarget) v = EnteredAll(v, ctx);
                result = result.Union(v);
            }
        }
        return result;
    }

    // ---- calls ------------------------------------------------------------------------------

    private ValueSet CallResult(ReferentValue callee, Call call, Scope scope, EvaluationContext ctx)
    {
        switch (callee)
        {
            case ClassValue c:
                return ValueSet.Of(new InstanceValue(c.Class.QualifiedName, c.Class));
            case ExternalValue { Name: "builtins.super" } when call.Args.Count == 0:
                return SuperOf(scope, ctx);
            case ExternalValue { Name: "functools.partial" } when call.Args.Count > 0 && call.Args[0] is not Starred:
                return Partial(call, scope, ctx);
            case ExternalValue x:
            {
                var entry = _project.Catalog.Find(x.Name);
                if (entry?.EntersArgument is { } entered && EnteredArgument(call, entered) is { } argument)
                    return EnteredAll(Eval(argument, scope, ctx), ctx);
                if (entry?.Returns is { } returns) return Instance(returns);
                return x.ReceiverType is null && LooksLikeClass(x.Name) ? Instance(x.Name) : ValueSet.Unknown;
            }
            case FunctionValue f:
                return FunctionResult(f.Function, ctx);
            case PartialValue p:
                return CallResult(p.Callable, call, scope, ctx);
            default:
                return ValueSet.Unknown;
        }
    }

    /// <summary>The argument a call enters and returns the entered value of (the catalog's
    /// <c>entersArgument</c>), when the call passes it plainly.</summary>
    public static Expr? EnteredArgument(Call call, ArgumentRef entered)
    {
        if (entered.Keyword is { } keyword && call.Keywords.FirstOrDefault(k => k.Arg == keyword) is { } named) return named.Value;
        if (entered.Position is not { } position || call.Args.Take(position + 1).Any(a => a is Starred)) return null;
        return position < call.Args.Count ? call.Args[position] : null;
    }

    private ValueSet Partial(Call call, Scope scope, EvaluationContext ctx)
    {
        var keywords = call.Keywords.Where(k => k.Arg is not null).Select(k => k.Arg!).ToImmutableArray();
        var result = ValueSet.Unknown;
        foreach (var v in Eval(call.Args[0], scope, ctx).Items)
            result = result.Union(ValueSet.Of(new PartialValue(v, call.Args.Count - 1, keywords, call)));
        return result;
    }

    /// <summary><c>super()</c> with no arguments: the class of the method whose code runs here (Python's
    /// <c>__class__</c> cell) and its first parameter.</summary>
    private ValueSet SuperOf(Scope scope, EvaluationContext ctx)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Kind != ScopeKind.Function) continue;
            var method = _project.FunctionOf(s.Node);
            if (method?.Class is not { } cls) continue;
            ReferentValue receiver = method.MethodKind == MethodKind.Class
                ? new ClassValue(cls)
                : new InstanceValue(cls.QualifiedName, cls);
            return ValueSet.Of(new SuperValue(cls, receiver));
        }
        return ValueSet.Unknown;
    }

    private ValueSet FunctionResult(ProjectFunction function, EvaluationContext ctx)
    {
        if (function.IsGenerator) return Instance(function.IsAsync ? "builtins.async_generator" : "builtins.generator");
        if (function.IsCoroutine) return Instance("builtins.coroutine");
        if (FunctionParts.Of(function.Node)?.Returns is { } annotation)
        {
            var annotated = InstanceOfAnnotation(annotation, ctx);
            if (!annotated.IsUnknown) return annotated;
        }
        return Returns(function, ctx);
    }

    private ValueSet Returns(ProjectFunction function, EvaluationContext ctx)
    {
        if (TryHit(_returns, function, ctx, out var hit)) return hit;
        if (!Begin(function, ctx, out var frame)) return ValueSet.Unknown;
        var result = ValueSet.Unknown;
        var returns = function.Returns;
        for (var i = 0; i < returns.Count; i++) result = result.Union(Eval(returns[i], ScopeOf(returns[i]), ctx));
        return End(_returns, function, ctx, frame, result);
    }

    /// <summary>A name whose last part starts with a capital and is not all capitals (a constant) is
    /// taken for a class: calling it makes an instance of that type.</summary>
    internal static bool LooksLikeClass(string qualifiedName)
    {
        var last = qualifiedName[(qualifiedName.LastIndexOf('.') + 1)..];
        return last.Length > 0 && char.IsUpper(last[0]) && last.Any(char.IsLower);
    }

    // ---- qualified names --------------------------------------------------------------------

    private ValueSet ResolveQualified(string qualifiedName, EvaluationContext ctx)
    {
        if (TryHit(_qualified, qualifiedName, ctx, out var hit)) return hit;
        if (!Begin(qualifiedName, ctx, out var frame)) return ValueSet.Unknown;
        return End(_qualified, qualifiedName, ctx, frame, ComputeQualified(qualifiedName, ctx));
    }

    private ValueSet ComputeQualified(string qualifiedName, EvaluationContext ctx)
    {
        var index = _project.Index;
        if (index.IsNamespacePackage(qualifiedName)) return ValueSet.Of(new ModuleValue(qualifiedName, true));
        var entry = index.FindLongestPrefix(qualifiedName, out var rest);
        if (entry is null) return ValueSet.Of(new ExternalValue(qualifiedName));
        if (rest.Length == 0) return ValueSet.Of(new ModuleValue(entry.Name, true));
        var module = _project.ModuleNamed(entry.Name)!;
        var parts = rest.Split('.');
        var value = ModuleMember(module, parts[0], ctx);
        for (var i = 1; i < parts.Length && !value.IsUnknown; i++)
        {
            var part = parts[i];
            value = Members(value, part, ctx);
        }
        // A name the module does not define statically (a module __getattr__, a dynamic export) keeps
        // the dotted name it was reached by.
        return value.IsUnknown ? ValueSet.Of(new ExternalValue(qualifiedName)) : value;
    }

    private ValueSet ModuleMember(BoundModule module, string name, EvaluationContext ctx)
    {
        var symbol = module.GlobalScope.TryGetSymbol(name);
        if (symbol is not null && symbol.IsLocal) return ValueOfSymbol(symbol, ctx);
        foreach (var star in module.GlobalScope.StarImports)
        {
            var v = StarImported(star, name, ctx);
            if (!v.IsUnknown) return v;
        }
        return ValueSet.Unknown;
    }

    // ---- caching ----------------------------------------------------------------------------

    /// <summary>A cached value, charged to the query as if computed again (steps and depth).</summary>
    private static bool TryHit<TKey>(ConcurrentDictionary<TKey, CachedValue> cache, TKey key, EvaluationContext ctx, out ValueSet value)
        where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var hit))
        {
            value = default;
            return false;
        }
        ctx.Steps += hit.Steps;
        if (ctx.Steps > EvaluationContext.MaxSteps || ctx.Depth + hit.Height > EvaluationContext.MaxDepth)
        {
            ctx.Exhausted = true;
            ctx.Incomplete++;
            value = ValueSet.Unknown;
            return true;
        }
        if (ctx.Depth + hit.Height > ctx.Peak) ctx.Peak = ctx.Depth + hit.Height;
        value = hit.Value;
        return true;
    }

    /// <summary>Starts computing <paramref name="key"/>; false (and the query incomplete) when it is
    /// already being computed further up: a cycle.</summary>
    private static bool Begin(object key, EvaluationContext ctx, out CacheFrame frame)
    {
        if (!ctx.Push(key))
        {
            ctx.Incomplete++;
            frame = default;
            return false;
        }
        frame = new CacheFrame(ctx.Incomplete, ctx.Steps, ctx.Depth, ctx.Peak);
        ctx.Peak = ctx.Depth;
        return true;
    }

    private static ValueSet End<TKey>(ConcurrentDictionary<TKey, CachedValue> cache, TKey key, EvaluationContext ctx, CacheFrame frame, ValueSet result)
        where TKey : notnull
    {
        var height = ctx.Peak - frame.Depth;
        ctx.Peak = Math.Max(frame.Peak, ctx.Peak);
        ctx.Pop();
        if (ctx.Incomplete == frame.Incomplete) cache.TryAdd(key, new CachedValue(result, ctx.Steps - frame.Steps, height));
        return result;
    }

    private readonly record struct CacheFrame(int Incomplete, int Steps, int Depth, int Peak);
}
