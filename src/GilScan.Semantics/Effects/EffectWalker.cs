using System.Collections.Immutable;
using RuntimeHelpers = System.Runtime.CompilerServices.RuntimeHelpers;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Effects;

/// <summary>
/// Walks one function's own code (not nested defs or lambdas; comprehensions and class bodies
/// included) once, with the parameter values of one <see cref="ArgumentEnvironment"/>, and builds its
/// <see cref="EffectSummary"/> from the summaries of the functions it calls.
/// </summary>
internal sealed class EffectWalker
{
    private sealed class LoopFrame(LoopFact fact)
    {
        public readonly LoopFact Fact = fact;
        public HotSpot? BestChild;
    }

    private readonly EffectAnalysis _analysis;
    private readonly ProjectModel _project;
    private readonly ProjectFunction _function;
    private readonly ArgumentEnvironment _env;
    private readonly int _specializationBudget;
    private readonly EffectSummary _summary;
    private readonly List<LoopFact> _loops = [];
    private readonly List<LoopFrame> _open = [];
    private readonly List<EffectSite> _blocking = [];
    private readonly List<EffectSite> _releasing = [];
    private readonly List<EffectSite> _holding = [];
    private readonly List<(HotSpot Spot, LoopFact? Loop)> _stretches = [];
    private readonly bool _checkArrays;
    private HotSpot? _best;
    private int _awaits;
    private int _unknownCalls;
    private bool _recursive;

    public EffectWalker(EffectAnalysis analysis, ProjectFunction function, ArgumentEnvironment env, int specializationBudget)
    {
        _analysis = analysis;
        _project = analysis.Project;
        _function = function;
        _env = env;
        _specializationBudget = specializationBudget;
        _summary = new EffectSummary(function, env);
        _checkArrays = analysis.ProjectUsesNumpy;
    }

    public EffectSummary Run()
    {
        var work = _function.Node switch
        {
            Module m => Block(m.Body),
            Lambda l => Expr(l.Body),
            _ => Block(FunctionParts.Of(_function.Node)!.Value.Body),
        };
        _summary.Work = work;
        _summary.HotSpot = _best;
        _summary.Loops = _loops;
        _summary.BlockingIo = _blocking;
        _summary.GilReleasing = _releasing;
        _summary.GilHolding = _holding;
        _summary.Awaits = _awaits;
        _summary.UnknownCalls = _unknownCalls;
        _summary.IsRecursive = _recursive;
        if (_function.IsCoroutine)
        {
            HotSpot? longest = null;
            foreach (var (spot, loop) in _stretches)
            {
                // A candidate inside a loop that never awaits is part of that loop's own stretch.
                if (loop is not null && HasAwaitFreeAncestorOrSelf(loop)) continue;
                if (longest is null || spot.Work.Rank > longest.Work.Rank) longest = spot;
            }
            foreach (var loop in _loops)
            {
                if (loop.Awaits || (loop.Parent is not null && HasAwaitFreeAncestorOrSelf(loop.Parent))) continue;
                var spot = new HotSpot(loop.Node, loop.Total, loop, [], InnerOf(loop));
                if (longest is null || spot.Work.Rank > longest.Work.Rank) longest = spot;
            }
            _summary.LongestStretchWithoutAwait = longest;
        }
        return _summary;
    }

    private readonly Dictionary<LoopFact, HotSpot?> _inner = new(ReferenceEqualityComparer.Instance);

    private HotSpot? InnerOf(LoopFact loop) => _inner.GetValueOrDefault(loop);

    private static bool HasAwaitFreeAncestorOrSelf(LoopFact loop)
    {
        for (var l = loop; l is not null; l = l.Parent)
            if (!l.Awaits) return true;
        return false;
    }

    // ---- statements -------------------------------------------------------------------------

    private WorkEstimate Block(IReadOnlyList<Stmt> body)
    {
        var work = WorkEstimate.Zero;
        foreach (var s in body) work = work.Plus(Stmt(s));
        return work;
    }

    private WorkEstimate Stmt(Stmt statement)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) return WorkEstimate.Zero;
        switch (statement)
        {
            case ExprStmt e:
                return Expr(e.Value);
            case Assign a:
            {
                var work = Expr(a.Value);
                foreach (var t in a.Targets) work = work.Plus(Store(t));
                return work;
            }
            case AugAssign a:
                return Expr(a.Value).Plus(Store(a.Target)).Plus(WorkEstimate.Ops(1));
            case AnnAssign a:
                return a.Value is null ? WorkEstimate.Zero : Expr(a.Value).Plus(Store(a.Target));
            case Return r:
                return r.Value is null ? WorkEstimate.Zero : Expr(r.Value);
            case For f:
                return ForLoop(f, f.Target, f.Iter, f.Body, f.Orelse, isAsync: false);
            case AsyncFor f:
                return ForLoop(f, f.Target, f.Iter, f.Body, f.Orelse, isAsync: true);
            case While w:
                return WhileLoop(w);
            case If i:
                return Expr(i.Test).Plus(Block(i.Body).Max(Block(i.Orelse)));
            case With w:
                return WithItems(w.Items, isAsync: false).Plus(Block(w.Body));
            case AsyncWith w:
                return WithItems(w.Items, isAsync: true).Plus(Block(w.Body));
            case Try t:
                return TryBlock(t.Body, t.Handlers, t.Orelse, t.Finalbody);
            case TryStar t:
                return TryBlock(t.Body, t.Handlers, t.Orelse, t.Finalbody);
            case Match m:
            {
                var cases = WorkEstimate.Zero;
                foreach (var c in m.Cases)
                    cases = cases.Max(Block(c.Body).Plus(c.Guard is null ? WorkEstimate.Zero : Expr(c.Guard)).Plus(WorkEstimate.Ops(1)));
                return Expr(m.Subject).Plus(cases);
            }
            case Raise r:
                return (r.Exc is null ? WorkEstimate.Zero : Expr(r.Exc)).Plus(WorkEstimate.Ops(1));
            case Assert a:
                return Expr(a.Test);
            case Delete d:
                return WorkEstimate.Ops(d.Targets.Count);
            case FunctionDef or AsyncFunctionDef:
            {
                // Defining a function runs its decorators and defaults here; its body runs when called.
                var parts = FunctionParts.Of(statement)!.Value;
                var work = WorkEstimate.Ops(1);
                foreach (var d in parts.Decorators) work = work.Plus(Expr(d));
                foreach (var d in parts.Args.Defaults) work = work.Plus(Expr(d));
                return work;
            }
            case ClassDef c:
            {
                var work = WorkEstimate.Ops(1);
                foreach (var d in c.DecoratorList) work = work.Plus(Expr(d));
                foreach (var b in c.Bases) work = work.Plus(Expr(b));
                return work.Plus(Block(c.Body));
            }
            case Import or ImportFrom:
                return WorkEstimate.Ops(1);
            default:
                return WorkEstimate.Zero;
        }
    }

    private WorkEstimate Store(Expr target) => target switch
    {
        Name => WorkEstimate.Ops(1),
        Attribute a => Expr(a.Value).Plus(WorkEstimate.Ops(1)),
        Subscript s => Expr(s.Value).Plus(Expr(s.Slice)).Plus(WorkEstimate.Ops(1)),
        Tuple t => t.Elts.Aggregate(WorkEstimate.Ops(1), (w, e) => w.Plus(Store(e))),
        List l => l.Elts.Aggregate(WorkEstimate.Ops(1), (w, e) => w.Plus(Store(e))),
        Starred s => Store(s.Value),
        _ => WorkEstimate.Zero,
    };

    private WorkEstimate WithItems(IReadOnlyList<WithItem> items, bool isAsync)
    {
        if (isAsync) Await();
        var work = WorkEstimate.Zero;
        foreach (var item in items)
        {
            work = work.Plus(Expr(item.ContextExpr)).Plus(WorkEstimate.Ops(2));
            if (item.OptionalVars is not null) work = work.Plus(Store(item.OptionalVars));
        }
        return work;
    }

    private WorkEstimate TryBlock(IReadOnlyList<Stmt> body, IReadOnlyList<ExceptHandlerBase> handlers, IReadOnlyList<Stmt> orelse, IReadOnlyList<Stmt> finalbody)
    {
        var handlerWork = WorkEstimate.Zero;
        foreach (var h in handlers)
            if (h is ExceptHandler handler) handlerWork = handlerWork.Max(Block(handler.Body));
        return Block(body).Plus(handlerWork).Plus(Block(orelse)).Plus(Block(finalbody));
    }

    // ---- loops ------------------------------------------------------------------------------

    private WorkEstimate ForLoop(Stmt node, Expr target, Expr iter, IReadOnlyList<Stmt> body, IReadOnlyList<Stmt> orelse, bool isAsync)
    {
        var before = Expr(iter);
        var frame = OpenLoop(node, TripCounter.ForIteration(_project, iter, _env));
        if (isAsync) Await();
        IterationEffects(iter);
        var perIteration = Store(target).Plus(Block(body)).Plus(WorkEstimate.Ops(1));
        var total = CloseLoop(frame, perIteration);
        return before.Plus(total).Plus(Block(orelse));
    }

    private WorkEstimate WhileLoop(While w)
    {
        var frame = OpenLoop(w, TripCounter.ForWhile(_project, w, _env));
        var perIteration = Expr(w.Test).Plus(Block(w.Body)).Plus(WorkEstimate.Ops(1));
        return CloseLoop(frame, perIteration).Plus(Block(w.Orelse));
    }

    private WorkEstimate Comprehension(Expr node, IReadOnlyList<Comprehension> generators, Expr element, Expr? value)
    {
        var before = Expr(generators[0].Iter);
        var frame = OpenLoop(node, TripCounter.ForComprehension(_project, generators, _env));
        var perIteration = Expr(element).Plus(WorkEstimate.Ops(1));
        if (value is not null) perIteration = perIteration.Plus(Expr(value));
        for (var i = 0; i < generators.Count; i++)
        {
            var g = generators[i];
            if (g.IsAsync != 0) Await();
            if (i > 0) perIteration = perIteration.Plus(Expr(g.Iter));
            IterationEffects(g.Iter);
            foreach (var condition in g.Ifs) perIteration = perIteration.Plus(Expr(condition));
        }
        return before.Plus(CloseLoop(frame, perIteration));
    }

    private LoopFrame OpenLoop(Node node, TripCount trips)
    {
        var fact = new LoopFact(node, _function, _open.Count > 0 ? _open[^1].Fact : null, trips);
        if (node is AsyncFor) fact.Awaits = true;
        _loops.Add(fact);
        var frame = new LoopFrame(fact);
        _open.Add(frame);
        return frame;
    }

    private WorkEstimate CloseLoop(LoopFrame frame, WorkEstimate perIteration)
    {
        _open.RemoveAt(_open.Count - 1);
        var fact = frame.Fact;
        fact.PerIteration = perIteration;
        fact.Total = perIteration.Times(fact.Trips);
        var inner = frame.BestChild is { } child && child.Work.Rank * 2 >= perIteration.Rank && child.Work.Rank > 0 ? child : null;
        _inner[fact] = inner;
        Offer(new HotSpot(fact.Node, fact.Total, fact, [], inner));
        return fact.Total;
    }

    /// <summary>Records a contributor to the work: the best one outside loops is the function's hot
    /// spot; inside a loop it competes for that loop's dominant child.</summary>
    private void Offer(HotSpot spot)
    {
        // The loop being closed has already left _open, so the innermost open loop is its parent.
        if (_open.Count > 0)
        {
            var frame = _open[^1];
            if (frame.BestChild is null || spot.Work.Rank > frame.BestChild.Work.Rank) frame.BestChild = spot;
            return;
        }
        if (_best is null || spot.Work.Rank > _best.Work.Rank) _best = spot;
    }

    /// <summary>Iterating a file object blocks on I/O every iteration (the catalog's
    /// <c>TYPE.__iter__</c> entry for the iterable's type).</summary>
    private void IterationEffects(Expr iter)
    {
        if (iter is Constant or List or Tuple or Call { Func: Name { Id: "range" } }) return;
        var type = ValueEvaluator.TypeOf(_project.Values.Evaluate(iter));
        if (type is null || _project.Catalog.Find(type + ".__iter__") is not { } entry) return;
        Record(new EffectSite(iter, type + ".__iter__", entry.Category, entry, _open.Count > 0, []));
    }

    private void Await()
    {
        _awaits++;
        foreach (var frame in _open) frame.Fact.Awaits = true;
    }

    // ---- expressions ------------------------------------------------------------------------

    private WorkEstimate Expr(Expr e)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) return WorkEstimate.Zero;
        switch (e)
        {
            case Name or Constant:
                return WorkEstimate.Zero;
            case Attribute a:
                return Expr(a.Value).Plus(WorkEstimate.Ops(1));
            case Call c:
                return CallExpression(c, awaited: false);
            case Await a:
            {
                Await();
                return a.Value is Call awaitedCall ? CallExpression(awaitedCall, awaited: true) : Expr(a.Value);
            }
            case BinOp b:
                return Expr(b.Left).Plus(Expr(b.Right)).Plus(BinaryOperation(b));
            case UnaryOp u:
                return Expr(u.Operand).Plus(WorkEstimate.Ops(1));
            case Compare c:
            {
                var work = Expr(c.Left).Plus(WorkEstimate.Ops(c.Ops.Count));
                foreach (var x in c.Comparators) work = work.Plus(Expr(x));
                return work;
            }
            case BoolOp b:
            {
                var work = WorkEstimate.Ops(b.Values.Count - 1);
                foreach (var v in b.Values) work = work.Plus(Expr(v));
                return work;
            }
            case Subscript s:
                return Expr(s.Value).Plus(Expr(s.Slice)).Plus(WorkEstimate.Ops(1));
            case Slice s:
                return (s.Lower is null ? WorkEstimate.Zero : Expr(s.Lower)).Plus(s.Upper is null ? WorkEstimate.Zero : Expr(s.Upper))
                    .Plus(s.Step is null ? WorkEstimate.Zero : Expr(s.Step));
            case IfExp i:
                return Expr(i.Test).Plus(Expr(i.Body).Max(Expr(i.Orelse)));
            case ListComp c:
                return Comprehension(c, c.Generators, c.Elt, null);
            case SetComp c:
                return Comprehension(c, c.Generators, c.Elt, null);
            case GeneratorExp c:
                return Comprehension(c, c.Generators, c.Elt, null);
            case DictComp c:
                return Comprehension(c, c.Generators, c.Key, c.Value);
            case Tuple t:
                return Elements(t.Elts);
            case List l:
                return Elements(l.Elts);
            case Set s:
                return Elements(s.Elts);
            case Dict d:
            {
                var work = WorkEstimate.Ops(1);
                foreach (var k in d.Keys) if (k is not null) work = work.Plus(Expr(k));
                foreach (var v in d.Values) work = work.Plus(Expr(v));
                return work;
            }
            case JoinedStr j:
            {
                var work = WorkEstimate.Ops(1);
                foreach (var v in j.Values) work = work.Plus(Expr(v));
                return work;
            }
            case FormattedValue f:
                return Expr(f.Value).Plus(WorkEstimate.Ops(1));
            case NamedExpr n:
                return Expr(n.Value).Plus(WorkEstimate.Ops(1));
            case Starred s:
                return Expr(s.Value);
            case Yield y:
                return (y.Value is null ? WorkEstimate.Zero : Expr(y.Value)).Plus(WorkEstimate.Ops(1));
            case YieldFrom y:
                return Expr(y.Value).Plus(WorkEstimate.Ops(1));
            case Lambda:
                return WorkEstimate.Ops(1);
            default:
                return WorkEstimate.Zero;
        }
    }

    private WorkEstimate Elements(IReadOnlyList<Expr> elements)
    {
        var work = WorkEstimate.Ops(1);
        foreach (var e in elements) work = work.Plus(Expr(e));
        return work;
    }

    /// <summary>One operation, except NumPy array arithmetic, which runs in native code with the GIL
    /// released (checked only in projects that import numpy).</summary>
    private WorkEstimate BinaryOperation(BinOp b)
    {
        if (_checkArrays && (IsArray(b.Left) || IsArray(b.Right)))
        {
            if (_project.Catalog.Find("numpy.ndarray.__array_ufunc__") is { } entry)
                Record(new EffectSite(b, "numpy.ndarray", entry.Category, entry, _open.Count > 0, []));
        }
        return WorkEstimate.Ops(1);
    }

    private bool IsArray(Expr operand) =>
        operand is not (Constant or Compare) && ValueEvaluator.TypeOf(_project.Values.Evaluate(operand)) == "numpy.ndarray";

    // ---- calls ------------------------------------------------------------------------------

    private WorkEstimate CallExpression(Call call, bool awaited)
    {
        var work = WorkEstimate.Ops(1);
        if (call.Func is Attribute attribute) work = work.Plus(Expr(attribute.Value)).Plus(WorkEstimate.Ops(1));
        else if (call.Func is not Name) work = work.Plus(Expr(call.Func));
        foreach (var a in call.Args) work = work.Plus(Expr(a));
        foreach (var k in call.Keywords) work = work.Plus(Expr(k.Value));
        var site = _project.CallGraph.SiteOf(call);
        if (site is null) return work;
        // A catalogued call can also run project callbacks (sorted(key=f)): both count.
        if (site.CatalogEntry is not null) work = work.Plus(LibraryCall(site));
        if (site.Targets.Count > 0) work = work.Plus(ProjectCall(site, awaited));
        else if (site.CatalogEntry is null) _unknownCalls++;
        return work;
    }

    private WorkEstimate ProjectCall(CallSite site, bool awaited)
    {
        var calleeWork = WorkEstimate.Zero;
        HotSpot? best = null;
        foreach (var target in site.Targets)
        {
            var callee = target.Function;
            // Calling a coroutine function without awaiting it only makes a coroutine object.
            if (callee.IsAsync && !awaited && !callee.IsGenerator) continue;
            if (_analysis.InSameComponent(_function, callee))
            {
                _recursive = true;
                calleeWork = calleeWork.Max(new WorkEstimate(0, true, false));
                continue;
            }
            var summary = _analysis.SummaryForCall(target, site, _env, _specializationBudget);
            var work = summary.Work;
            if (target.Kind == CallEdgeKind.Callback)
            {
                var trips = site.CatalogEntry?.PerItemOf is { } items && CallGraph.ArgumentExpression(site.Call, items) is { } itemsArg
                    ? TripCounter.ForIteration(_project, itemsArg, _env)
                    : TripCount.Unknown("callback");
                work = work.Times(trips);
            }
            calleeWork = calleeWork.Max(work);
            Inherit(summary, site);
            var spot = summary.HotSpot?.Through(site) ?? new HotSpot(site.Call, work, null, [site]);
            spot = spot with { Work = work };
            if (best is null || spot.Work.Rank > best.Work.Rank) best = spot;
            if (_function.IsCoroutine)
            {
                var stretch = callee.IsCoroutine
                    ? summary.LongestStretchWithoutAwait?.Through(site)
                    : spot;
                if (stretch is not null) _stretches.Add((stretch, _open.Count > 0 ? _open[^1].Fact : null));
            }
        }
        if (best is not null && best.Work.Rank > 0) Offer(best);
        return calleeWork;
    }

    /// <summary>Takes over a callee's catalogued effects (with the call site prepended) and marks the
    /// open loops as releasing the GIL or blocking when the callee does.</summary>
    private void Inherit(EffectSummary callee, CallSite site)
    {
        foreach (var s in callee.BlockingIo) Add(_blocking, s.Through(site) with { InLoop = s.InLoop || _open.Count > 0 });
        foreach (var s in callee.GilReleasing) Add(_releasing, s.Through(site) with { InLoop = s.InLoop || _open.Count > 0 });
        foreach (var s in callee.GilHolding) Add(_holding, s.Through(site) with { InLoop = s.InLoop || _open.Count > 0 });
        if (callee.BlockingIo.Count > 0 || callee.GilReleasing.Count > 0)
            foreach (var frame in _open)
            {
                frame.Fact.ReleasesGil = true;
                if (callee.BlockingIo.Count > 0) frame.Fact.BlocksOnIo = true;
            }
        _unknownCalls += callee.UnknownCalls;
    }

    private WorkEstimate LibraryCall(CallSite site)
    {
        var entry = site.CatalogEntry!;
        var category = CategoryAt(entry, site.Call);
        Record(new EffectSite(site.Call, site.CalleeName ?? entry.Name, category, entry, _open.Count > 0, []));
        if (category != CallCategory.GilHoldingCpu) return WorkEstimate.Zero;
        var weight = WorkEstimate.Ops(entry.Weight ?? 10);
        if (entry.PerItemOf is { } items && CallGraph.ArgumentExpression(site.Call, items) is { } itemsArg)
            weight = weight.Times(TripCounter.ForIteration(_project, itemsArg, _env));
        var spot = new HotSpot(site.Call, weight, null, []);
        Offer(spot);
        if (_function.IsCoroutine) _stretches.Add((spot, _open.Count > 0 ? _open[^1].Fact : null));
        return weight;
    }

    /// <summary>The entry's category at this call: a buffer-size condition (hashlib's 2048 bytes) picks
    /// <see cref="CatalogEntry.Otherwise"/> when the buffer is known to be smaller; an unknown size
    /// counts as releasing.</summary>
    private CallCategory CategoryAt(CatalogEntry entry, Call call)
    {
        if (entry.ReleasesGilWhen is not { } condition) return entry.Category;
        var buffer = CallGraph.ArgumentExpression(call, condition.Argument);
        if (buffer is null) return call.Args.Count == 0 && call.Keywords.Count == 0 ? CallCategory.Cheap : entry.Category;
        var size = _project.Constants.Evaluate(buffer, _env.Scope == _function.Scope ? _env : null)?.MaxLength;
        return size is { } bytes && bytes < condition.MinBytes ? entry.Otherwise ?? CallCategory.GilHoldingCpu : entry.Category;
    }

    private void Record(EffectSite site)
    {
        switch (site.Category)
        {
            case CallCategory.BlockingIo:
                Add(_blocking, site);
                foreach (var frame in _open)
                {
                    frame.Fact.BlocksOnIo = true;
                    frame.Fact.ReleasesGil = true;
                }
                break;
            case CallCategory.GilReleasingNative:
                Add(_releasing, site);
                foreach (var frame in _open) frame.Fact.ReleasesGil = true;
                break;
            case CallCategory.GilHoldingCpu:
                Add(_holding, site);
                break;
        }
    }

    private static void Add(List<EffectSite> list, EffectSite site)
    {
        if (list.Count < EffectSummary.MaxSitesPerKind && !list.Contains(site)) list.Add(site);
    }
}
