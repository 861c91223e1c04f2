using System.Collections.Immutable;
using RuntimeHelpers = System.Runtime.CompilerServices.RuntimeHelpers;
using GilScan.Semantics.Binding;
using GilScan.Syntax.Ast;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Effects;

/// <summary>
/// Walks one function's own code (not nested defs or lambdas; comprehensions and class bodies
/// included) once, as an abstract interpreter over one <see cref="ArgumentEnvironment"/> (what a call
/// tells about the parameters), and builds its <see cref="EffectSummary"/> from the summaries of the
/// functions it calls:
/// <list type="bullet">
/// <item>a branch whose test the environment decides (<c>if isinstance(config, dict)</c> with a dict,
/// <c>if n &lt; 2</c> with n known, <c>if DEBUG</c> with a constant) is the only one walked;</item>
/// <item>loops count their trips from constants, from the values of their iterable (data read from
/// files, queries, directories: data-dependent), and <c>while</c> loops from their induction variables;</item>
/// <item>calls are summarised for their own arguments (context-sensitive, a few calls deep), and calls
/// back into the same recursive component are either recorded with their arguments (so that a
/// recursion with known arguments can be counted, <see cref="RecursionSolver"/>) or counted as work of
/// unknown size.</item>
/// </list>
/// </summary>
internal sealed class EffectWalker
{
    private sealed class LoopFrame(LoopFact fact)
    {
        public readonly LoopFact Fact = fact;
        public HotSpotCandidate? BestChild;
    }

    private readonly EffectAnalysis _analysis;
    private readonly ProjectModel _project;
    private readonly ProjectFunction _function;
    private readonly ArgumentEnvironment _env;
    private readonly int _specializationBudget;
    private readonly bool _recordRecursion;
    private readonly EffectSummary _summary;
    private readonly List<LoopFact> _loops = [];
    private readonly List<LoopFrame> _open = [];
    private List<(HotSpotCandidate Candidate, LoopFact? Loop)>? _stretches;
    private readonly bool _checkArrays;
    private readonly IReadOnlySet<string> _operatorModules;
    private readonly EvaluationContext _context = new();
    private readonly int[] _ownSites = new int[5];
    private HotSpotCandidate? _best;
    private int _awaits;
    private int _unknownCalls;
    private bool _recursive;
    private bool _recursionInLoop;
    private bool _recursionBeyondParameterWalk;
    private SortedSet<string>? _sensitive;
    private int _handlerDepth;
    private List<RecursiveCall>? _recursiveCalls;

    /// <summary>The function's <c>self</c> (or <c>cls</c>), when it is a method.</summary>
    private readonly Symbol? _receiver;

    /// <summary>What this function's own code stored in attributes of its receiver so far
    /// (<c>self.x = v</c>), with the stored expressions: a method called on <c>self</c> afterwards sees
    /// those facts. A null fact is a store whose value says nothing.</summary>
    private Dictionary<string, (ArgumentFact? Fact, Expr Value)>? _selfStores;

    /// <summary>The current path has ended (a return, raise, break or continue ran on every way here):
    /// the statements after it in the same block do not run.</summary>
    private bool _terminated;

    /// <param name="recordRecursion">Record calls back into the function's recursive component with
    /// their arguments (for the recursion solver) instead of counting them as unknown work.</param>
    /// <param name="defaultsAreArguments">Whether the parameters <paramref name="env"/> gives their
    /// defaults really have them (a call that passes nothing for them). False for the generic walk,
    /// whose callers, the project's or anyone's, may pass other values: there a default sizes loops but
    /// decides no branch.</param>
    public EffectWalker(EffectAnalysis analysis, ProjectFunction function, ArgumentEnvironment env, int specializationBudget, bool recordRecursion = false,
        bool defaultsAreArguments = true)
    {
        _analysis = analysis;
        _project = analysis.Project;
        _function = function;
        _env = env;
        _defaultsAreArguments = defaultsAreArguments;
        _specializationBudget = specializationBudget;
        _recordRecursion = recordRecursion;
        _summary = new EffectSummary(function, env);
        _checkArrays = analysis.ProjectUsesNumpy;
        _operatorModules = analysis.OperatorModulesUsed;
        _receiver = function.ReceiverParameter is { } self ? function.Scope.TryGetSymbol(self.Name) : null;
    }

    /// <summary>The calls back into the recursive component that this walk recorded (with
    /// <c>recordRecursion</c>).</summary>
    public IReadOnlyList<RecursiveCall> RecursiveCalls => (IReadOnlyList<RecursiveCall>?)_recursiveCalls ?? [];

    public EffectSummary Run()
    {
        var work = _function.Node switch
        {
            Module m => Block(m.Body),
            Lambda l => Expr(l.Body),
            _ => Block(FunctionParts.Of(_function.Node)!.Value.Body),
        };
        _summary.Work = work;
        _summary.HotSpot = _best?.Materialise();
        _summary.Loops = _loops;
        _summary.Awaits = _awaits;
        _summary.UnknownCalls = _unknownCalls;
        _summary.IsRecursive = _recursive;
        // Recursion only into the elements of a parameter (`for e in expected: f(e)`) is a walk of the
        // value the caller gave, as long as that value: not a branching recursion.
        _summary.RecursionBranches = _recursive && _recursionBeyondParameterWalk && (work.RecursiveCalls >= 2 || _recursionInLoop);
        _summary.SensitiveParameters = _sensitive is null ? [] : [.. _sensitive];
        if (_function.IsCoroutine) _summary.LongestStretchWithoutAwait = LongestStretch();
        else _summary.Busiest = LongestStretch();
        return _summary;
    }

    /// <summary>The heaviest candidate that runs between two awaits: loops that do not await (and are
    /// not inside one that does not either), and callees and library calls outside such loops. Ranked
    /// by how long the thread is busy, native work included: an event loop waits for both.</summary>
    private HotSpot? LongestStretch()
    {
        HotSpotCandidate? longest = null;
        foreach (var (candidate, loop) in (IReadOnlyList<(HotSpotCandidate Candidate, LoopFact? Loop)>?)_stretches ?? [])
        {
            if (loop is not null && HasAwaitFreeAncestorOrSelf(loop)) continue;
            if (longest is null || candidate.Work.BusyRank > longest.Value.Work.BusyRank) longest = candidate;
        }
        foreach (var loop in _loops)
        {
            if (loop.Awaits || loop.OnErrorPath || (loop.Parent is not null && HasAwaitFreeAncestorOrSelf(loop.Parent))) continue;
            if (longest is null || loop.Total.BusyRank > longest.Value.Work.BusyRank) longest = HotSpotCandidate.ForLoop(loop);
        }
        return longest?.Materialise();
    }

    private static bool HasAwaitFreeAncestorOrSelf(LoopFact loop)
    {
        for (var l = loop; l is not null; l = l.Parent)
            if (!l.Awaits) return true;
        return false;
    }

    private Scope ScopeOf(Node node) => _function.Module.ScopeOf(node);

    /// <summary>The environment applies to reads in this function's own scope only.</summary>
    private ArgumentEnvironment? EnvFor(Scope scope) =>
        ReferenceEquals(_env.Scope, _function.Scope) && !_env.IsEmpty ? _env : null;

    private ValueSet ValuesOf(Expr e)
    {
        var scope = ScopeOf(e);
        return _project.Values.Evaluate(e, scope, _context, EnvFor(scope));
    }

    private readonly bool _defaultsAreArguments;

    /// <summary>The environment a branch test is decided in: none in the generic walk, where a
    /// parameter's default is only what a caller that passes nothing gets.</summary>
    private ArgumentEnvironment? TestEnvFor(Scope scope) => _defaultsAreArguments ? EnvFor(scope) : null;

    private ValueSet TestValuesOf(Expr e, bool withDefaults)
    {
        var scope = ScopeOf(e);
        return _project.Values.Evaluate(e, scope, _context, withDefaults ? EnvFor(scope) : TestEnvFor(scope));
    }

    // ---- statements -------------------------------------------------------------------------

    private WorkEstimate Block(IReadOnlyList<Stmt> body)
    {
        var work = WorkEstimate.Zero;
        foreach (var s in body.Each())
        {
            if (_terminated) break;
            work = work.Plus(Stmt(s));
        }
        return work;
    }

    /// <summary>A loop's body may run zero times: the path goes on after the loop whatever the body did.</summary>
    private WorkEstimate LoopBody(IReadOnlyList<Stmt> body)
    {
        var work = Block(body);
        _terminated = false;
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
                foreach (var t in a.Targets.Each())
                {
                    work = work.Plus(Store(t));
                    StoreOnSelf(t, a.Value);
                }
                return work;
            }
            case AugAssign a:
                StoreOnSelf(a.Target, null);
                return Expr(a.Value).Plus(Store(a.Target)).Plus(WorkEstimate.Ops(1));
            case AnnAssign a:
                if (a.Value is null) return WorkEstimate.Zero;
                StoreOnSelf(a.Target, a.Value);
                return Expr(a.Value).Plus(Store(a.Target));
            case Return r:
            {
                var work = r.Value is null ? WorkEstimate.Zero : Expr(r.Value);
                _terminated = true;
                return work;
            }
            case Break or Continue:
                _terminated = true;
                return WorkEstimate.Zero;
            case For f:
                return ForLoop(f, f.Target, f.Iter, f.Body, f.Orelse, isAsync: false);
            case AsyncFor f:
                return ForLoop(f, f.Target, f.Iter, f.Body, f.Orelse, isAsync: true);
            case While w:
                return WhileLoop(w);
            case If i when IsErrorTest(i.Test):
            {
                // `if isinstance(result, Exception):` handles a failure, as an except handler does: its
                // work is not counted and its effects are on the error path.
                var test = Expr(i.Test);
                _handlerDepth++;
                Block(i.Body);
                _handlerDepth--;
                _terminated = false;
                return test.Plus(Block(i.Orelse));
            }
            case If i when IsRunOnceGuard(i):
                // Lazy initialisation: the body runs once per object, whatever loop calls this.
                return Branches(i.Test, () => Block(i.Body).Once(), () => Block(i.Orelse));
            case If i:
                return Branches(i.Test, () => Block(i.Body), () => Block(i.Orelse));
            case With w:
            {
                var work = WithItems(w.Items, isAsync: false).Plus(Block(w.Body));
                ExecutorExitEffects(w);
                return work;
            }
            case AsyncWith w:
                return WithItems(w.Items, isAsync: true).Plus(Block(w.Body));
            case Try t:
                return TryBlock(t.Body, t.Handlers, t.Orelse, t.Finalbody);
            case TryStar t:
                return TryBlock(t.Body, t.Handlers, t.Orelse, t.Finalbody);
            case Match m:
            {
                var cases = WorkEstimate.Zero;
                foreach (var c in m.Cases.Each())
                {
                    cases = cases.Max(Block(c.Body).Plus(c.Guard is null ? WorkEstimate.Zero : Expr(c.Guard)).Plus(WorkEstimate.Ops(1)));
                    _terminated = false;
                }
                return Expr(m.Subject).Plus(cases);
            }
            case Raise r:
            {
                var work = (r.Exc is null ? WorkEstimate.Zero : Expr(r.Exc)).Plus(WorkEstimate.Ops(1));
                _terminated = true;
                return work;
            }
            case Assert a:
                return Expr(a.Test);
            case Delete d:
                return WorkEstimate.Ops(d.Targets.Count);
            case FunctionDef or AsyncFunctionDef:
            {
                // Defining a function runs its decorators and defaults here; its body runs when called.
                var parts = FunctionParts.Of(statement)!.Value;
                var work = WorkEstimate.Ops(1);
                foreach (var d in parts.Decorators.Each()) work = work.Plus(Expr(d));
                foreach (var d in parts.Args.Defaults.Each()) work = work.Plus(Expr(d));
                return work;
            }
            case ClassDef c:
            {
                var work = WorkEstimate.Ops(1);
                foreach (var d in c.DecoratorList.Each()) work = work.Plus(Expr(d));
                foreach (var b in c.Bases.Each()) work = work.Plus(Expr(b));
                return work.Plus(Block(c.Body));
            }
            case Import or ImportFrom:
                return WorkEstimate.Ops(1);
            default:
                return WorkEstimate.Zero;
        }
    }

    /// <summary>An <c>if</c> (or a conditional expression): when the test is decided for this call,
    /// only that branch runs; otherwise the heavier branch counts. When the two branches differ in what
    /// they do, the parameters the test reads become sensitive: a caller that decides the test learns
    /// something a specialised summary can use.</summary>
    private WorkEstimate Branches(Expr test, Func<WorkEstimate> whenTrue, Func<WorkEstimate> whenFalse)
    {
        var work = Expr(test);
        var truth = Truth(test);
        if (truth is null && !_defaultsAreArguments && !_summary.BranchesOnDefaults && Truth(test, withDefaults: true) is not null)
            _summary.BranchesOnDefaults = true;
        switch (truth)
        {
            case true:
                CollectParameters(test, 0);
                return work.Plus(whenTrue());
            case false:
                CollectParameters(test, 0);
                return work.Plus(whenFalse());
        }
        var eventsBefore = _summary.Events.Count;
        var body = whenTrue();
        var bodyEnds = _terminated;
        _terminated = false;
        var eventsAfterBody = _summary.Events.Count;
        var orelse = whenFalse();
        var orelseEnds = _terminated;
        _terminated = bodyEnds && orelseEnds;
        // A branch that ends the path decides whether the code after the statement runs at all.
        var differ = bodyEnds != orelseEnds ||
                     eventsAfterBody - eventsBefore != _summary.Events.Count - eventsAfterBody ||
                     body.HasUnknownTrips != orelse.HasUnknownTrips ||
                     Math.Max(body.Busy, orelse.Busy) > 4 * Math.Max(1, Math.Min(body.Busy, orelse.Busy));
        if (differ) CollectParameters(test, 0);
        return work.Plus(body.Max(orelse));
    }

    /// <summary>Records <c>self.x = value</c> (a null value: a store that says nothing, such as
    /// <c>self.x += 1</c>).</summary>
    private void StoreOnSelf(Expr target, Expr? value)
    {
        if (_receiver is null || target is not Attribute { Value: Name receiver } attribute || !IsReceiver(receiver)) return;
        var scope = ScopeOf(target);
        var fact = value is null ? null : _analysis.FactOf(value, scope, EnvFor(scope));
        _selfStores ??= new Dictionary<string, (ArgumentFact?, Expr)>(StringComparer.Ordinal);
        if (_selfStores.TryGetValue(attribute.Attr, out var earlier) && !Equals(earlier.Fact, fact)) fact = null;
        _selfStores[attribute.Attr] = (fact, value ?? target);
    }

    private bool IsReceiver(Name name) => _receiver is not null && ReferenceEquals(BoundModule.Lookup(name.Id, ScopeOf(name)), _receiver);

    /// <summary>What this function knows of its receiver's attributes at this point: what its caller
    /// passed, overlaid with its own stores.</summary>
    private ArgumentFact? ReceiverFact()
    {
        if (_receiver is null) return null;
        var given = _env.FactOf(_receiver);
        var attributes = given?.Attributes ?? System.Collections.Immutable.ImmutableSortedDictionary.Create<string, ArgumentFact>(StringComparer.Ordinal);
        if (_selfStores is not null)
            foreach (var (name, (fact, _)) in _selfStores)
                attributes = fact is null ? attributes.Remove(name) : attributes.SetItem(name, fact);
        if (attributes.Count == 0) return null;
        return new ArgumentFact(null, given?.Values ?? ValueSet.Unknown) { Attributes = attributes };
    }

    private WorkEstimate Store(Expr target) => target switch
    {
        Name => WorkEstimate.Ops(1),
        Attribute a => Expr(a.Value).Plus(WorkEstimate.Ops(1)),
        Subscript s => Expr(s.Value).Plus(Expr(s.Slice)).Plus(WorkEstimate.Ops(1)),
        Tuple t => StoreAll(t.Elts),
        List l => StoreAll(l.Elts),
        Starred s => Store(s.Value),
        _ => WorkEstimate.Zero,
    };

    private WorkEstimate StoreAll(IReadOnlyList<Expr> targets)
    {
        var work = WorkEstimate.Ops(1);
        foreach (var t in targets.Each()) work = work.Plus(Store(t));
        return work;
    }

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

    /// <summary>The body, else and finally blocks; the handlers run only on failure: their work is not
    /// counted and their effects are marked as on the error path.</summary>
    private WorkEstimate TryBlock(IReadOnlyList<Stmt> body, IReadOnlyList<ExceptHandlerBase> handlers, IReadOnlyList<Stmt> orelse, IReadOnlyList<Stmt> finalbody)
    {
        var work = Block(body).Plus(Block(orelse));
        var bodyEnds = _terminated;
        var handlersEnd = true;
        _handlerDepth++;
        foreach (var h in handlers.Each())
        {
            if (h is not ExceptHandler handler) continue;
            _terminated = false;
            Block(handler.Body);
            handlersEnd &= _terminated;
        }
        _handlerDepth--;
        _terminated = false;
        work = work.Plus(Block(finalbody));
        _terminated = _terminated || (bodyEnds && handlersEnd);
        return work;
    }

    // ---- tests ------------------------------------------------------------------------------

    /// <summary>The truth of a branch test for this call, when the environment and the constants decide
    /// it: constants, <c>not</c>/<c>and</c>/<c>or</c>, <c>isinstance</c> of values of known types,
    /// <c>x is None</c> for values that cannot be None; null when not decided.</summary>
    /// <param name="withDefaults">Decide on parameter defaults even in the generic walk (to learn
    /// whether a default would decide the test).</param>
    private bool? Truth(Expr test, bool withDefaults = false)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) return null;
        switch (test)
        {
            case UnaryOp { Op: UnaryOperator.Not } not:
                return Truth(not.Operand, withDefaults) is { } inner ? !inner : null;
            case BoolOp { Op: BoolOperator.And } and:
            {
                var all = true;
                foreach (var v in and.Values)
                {
                    var t = Truth(v, withDefaults);
                    if (t == false) return false;
                    if (t is null) all = false;
                }
                return all ? true : null;
            }
            case BoolOp { Op: BoolOperator.Or } or:
            {
                var none = true;
                foreach (var v in or.Values)
                {
                    var t = Truth(v, withDefaults);
                    if (t == true) return true;
                    if (t is null) none = false;
                }
                return none ? false : null;
            }
            case Call { Args.Count: 2, Keywords.Count: 0 } call when call.Args[0] is not Starred && call.Args[1] is not Starred &&
                                                                   ValuesOf(call.Func).QualifiedName == "builtins.isinstance":
                return TypeTests.IsInstance(TestValuesOf(call.Args[0], withDefaults), TestValuesOf(call.Args[1], withDefaults));
            case Compare { Ops.Count: 1, Ops: [CompareOperator.Is or CompareOperator.IsNot], Comparators: [Constant { Value: null }] } compare
                when TypeTests.IsNone(TestValuesOf(compare.Left, withDefaults), MayBeNone(compare.Left)) is { } isNone:
                return compare.Ops[0] == CompareOperator.Is ? isNone : !isNone;
            case Compare { Ops.Count: 1, Ops: [CompareOperator.Is or CompareOperator.IsNot], Comparators: [Constant { Value: bool }] } compare
                when TypeTests.CannotBeBool(TestValuesOf(compare.Left, withDefaults)):
                // `security is True` where security is a Security object: the branch is for callers that pass the flag.
                return compare.Ops[0] == CompareOperator.IsNot;
        }
        if (test is Name or Attribute && IsUnsetEnvironmentSetting(test)) return false;
        var scope = ScopeOf(test);
        return ConstantEvaluator.Truth(_project.Constants.Evaluate(test, scope, withDefaults ? EnvFor(scope) : TestEnvFor(scope)));
    }

    /// <summary>
    /// A module-level setting read from an environment variable with no default
    /// (<c>LOG_FILE = os.environ.get("APP_LOG")</c>, <c>os.getenv("X", None)</c>, through an alias such as
    /// <c>get_environ = os.environ.get</c>): code under <c>if LOG_FILE:</c> runs only when someone sets
    /// the variable (an opt-in debug log, a profiler). It is judged off, as the program runs by default.
    /// </summary>
    private bool IsUnsetEnvironmentSetting(Expr test)
    {
        Symbol? symbol = null;
        switch (test)
        {
            case Name name:
                symbol = BoundModule.Lookup(name.Id, ScopeOf(name));
                break;
            case Attribute { Value: Name owner } attribute
                when ValuesOf(owner).Single is ModuleValue { IsProject: true } module && _project.ModuleNamed(module.Name) is { } bound:
                bound.GlobalScope.Symbols.TryGetValue(attribute.Attr, out symbol);
                break;
        }

        if (symbol is not { Scope.Kind: ScopeKind.Module } || symbol.Bindings is not [{ Kind: BindingKind.Assignment or BindingKind.AnnotatedAssignment, Value: Call read }])
        {
            return false;
        }

        var callee = _project.CallGraph.SiteOf(read)?.CalleeName ?? _project.Values.QualifiedNameOf(read.Func);
        if (callee is not ("os.environ.get" or "os.getenv") || read.Keywords.Count > 0 || read.Args.Count is 0 or > 2)
        {
            return false;
        }

        return read.Args.Count == 1 || read.Args[1] is Constant { Value: null or "" or false };
    }

    /// <summary><c>isinstance(x, E)</c> where every class of <c>E</c> (a class or a tuple) is an
    /// exception class: the branch handles a failure that was caught or returned (<c>gather(...,
    /// return_exceptions=True)</c>).</summary>
    /// <summary>
    /// A run-once guard: the test reads an attribute of the receiver (<c>if self._table is None</c>,
    /// <c>if not self.loaded</c>, <c>if self.needs_reload</c>) or a module global, and the body stores to
    /// that same attribute or global (itself, or in a method of the receiver it calls), which settles the
    /// test for the next calls: lazy initialisation, a cache fill, a reload that clears its flag.
    /// </summary>
    private bool IsRunOnceGuard(If statement)
    {
        var test = statement.Test switch
        {
            UnaryOp { Op: UnaryOperator.Not } not => not.Operand,
            Compare { Ops.Count: 1, Comparators.Count: 1 } compare when compare.Ops[0] == CompareOperator.Is && compare.Comparators[0] is Constant { Value: null } => compare.Left,
            var plain => plain,
        };
        switch (test)
        {
            case Attribute { Value: Name owner } attribute when IsReceiver(owner):
                return StoresReceiverAttribute(statement.Body, owner.Id, attribute.Attr, followMethods: true);
            case Name global when BoundModule.Lookup(global.Id, ScopeOf(global)) is { Scope.Kind: ScopeKind.Module } symbol &&
                                   !ReferenceEquals(symbol.Scope, ScopeOf(global)):
                return statement.Body.SelectMany(AstWalker.DescendantsAndSelf).OfType<Name>()
                    .Any(n => n.Ctx == ExprContext.Store && n.Id == global.Id && ReferenceEquals(BoundModule.Lookup(n.Id, ScopeOf(n)), symbol));
            default:
                return false;
        }
    }

    /// <summary>A store to <c>receiver.attribute</c> in <paramref name="body"/>, or (one level down) in a
    /// method of the receiver's class that the body calls on it.</summary>
    private bool StoresReceiverAttribute(IEnumerable<Stmt> body, string receiver, string attribute, bool followMethods)
    {
        foreach (var node in body.SelectMany(AstWalker.DescendantsAndSelf))
        {
            switch (node)
            {
                case Attribute { Ctx: ExprContext.Store, Value: Name owner } stored when owner.Id == receiver && stored.Attr == attribute:
                    return true;
                case Call { Func: Attribute { Value: Name owner } method } when followMethods && owner.Id == receiver &&
                                                                               _function.Class?.FindMethod(method.Attr) is { } callee &&
                                                                               callee.ReceiverParameter is { } self &&
                                                                               FunctionParts.Of(callee.Node) is { } parts:
                    if (StoresReceiverAttribute(parts.Body, self.Name, attribute, followMethods: false)) return true;
                    break;
            }
        }
        return false;
    }

    private bool IsErrorTest(Expr test)
    {
        if (test is not Call { Args.Count: 2, Keywords.Count: 0 } call || call.Args[1] is Starred ||
            ValuesOf(call.Func).QualifiedName != "builtins.isinstance")
        {
            return false;
        }

        IReadOnlyList<Expr> classes = call.Args[1] is Tuple tuple ? tuple.Elts : [call.Args[1]];
        return classes.Count > 0 && classes.All(c => ValuesOf(c).QualifiedName is { } name &&
            (name.EndsWith("Exception", StringComparison.Ordinal) || name.EndsWith("Error", StringComparison.Ordinal)));
    }

    /// <summary>True when a binding that reaches <paramref name="e"/> assigns None (the value sets leave
    /// such bindings out beside others, as the "not set yet" of an optional value).</summary>
    private bool MayBeNone(Expr e)
    {
        if (e is not Name name) return e is not (Call or Attribute) ? false : true;
        var reaching = _project.Flow.ReachingBindings(name);
        IEnumerable<SymbolBinding> bindings = reaching is { } r ? r : BoundModule.Lookup(name.Id, ScopeOf(name))?.Bindings ?? [];
        foreach (var b in bindings)
            if (b.Value is Constant { Value: null } || (b.Kind == BindingKind.Parameter && b.Value is Constant { Value: null } && _env.FactOf(b.Symbol) is null))
                return true;
        return false;
    }

    // ---- loops ------------------------------------------------------------------------------

    private WorkEstimate ForLoop(Stmt node, Expr target, Expr iter, IReadOnlyList<Stmt> body, IReadOnlyList<Stmt> orelse, bool isAsync)
    {
        var before = Expr(iter);
        var frame = OpenLoop(node, Sensitive(TripCounter.ForLoop(_project, iter, body, _env, _context), iter));
        if (isAsync) Await();
        IterationEffects(iter);
        var perIteration = Store(target).Plus(LoopBody(body)).Plus(WorkEstimate.Ops(1));
        var total = CloseLoop(frame, perIteration);
        return before.Plus(total).Plus(Block(orelse));
    }

    private WorkEstimate WhileLoop(While w)
    {
        var (trips, counting) = TripCounter.ForWhile(_project, w, _env);
        var frame = OpenLoop(w, Sensitive(trips, w.Test));
        frame.Fact.IsCounting = counting;
        var perIteration = Expr(w.Test).Plus(LoopBody(w.Body)).Plus(WorkEstimate.Ops(1));
        return CloseLoop(frame, perIteration).Plus(Block(w.Orelse));
    }

    private WorkEstimate Comprehension(Expr node, IReadOnlyList<Comprehension> generators, Expr element, Expr? value)
    {
        var before = Expr(generators[0].Iter);
        var trips = TripCounter.ForComprehension(_project, generators, _env, _context);
        foreach (var g in generators.Each()) trips = Sensitive(trips, g.Iter);
        var frame = OpenLoop(node, trips);
        var perIteration = Expr(element).Plus(WorkEstimate.Ops(1));
        if (value is not null) perIteration = perIteration.Plus(Expr(value));
        for (var i = 0; i < generators.Count; i++)
        {
            var g = generators[i];
            if (g.IsAsync != 0) Await();
            if (i > 0) perIteration = perIteration.Plus(Expr(g.Iter));
            IterationEffects(g.Iter);
            foreach (var condition in g.Ifs.Each()) perIteration = perIteration.Plus(Expr(condition));
        }
        return before.Plus(CloseLoop(frame, perIteration));
    }

    private LoopFrame OpenLoop(Node node, TripCount trips)
    {
        var fact = new LoopFact(node, _function, _open.Count > 0 ? _open[^1].Fact : null, trips);
        if (node is AsyncFor) fact.Awaits = true;
        fact.OnErrorPath = _handlerDepth > 0;
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
        if (frame.BestChild is { } child && child.Work.Rank > 0 && child.Work.Rank * 2 >= perIteration.Rank) fact.Dominant = child;
        Offer(HotSpotCandidate.ForLoop(fact));
        return fact.Total;
    }

    /// <summary>Records a contributor to the work: the best one outside loops is the function's hot
    /// spot; inside a loop it competes for that loop's dominant child.</summary>
    private void Offer(HotSpotCandidate candidate)
    {
        if (_handlerDepth > 0) return;
        // A loop being closed has already left _open, so the innermost open loop is its parent.
        if (_open.Count > 0)
        {
            var frame = _open[^1];
            if (frame.BestChild is null || candidate.Work.Rank > frame.BestChild.Value.Work.Rank) frame.BestChild = candidate;
            return;
        }
        if (_best is null || candidate.Work.Rank > _best.Value.Work.Rank) _best = candidate;
    }

    private void OfferStretch(HotSpotCandidate candidate)
    {
        if (_handlerDepth > 0) return;
        (_stretches ??= []).Add((candidate, _open.Count > 0 ? _open[^1].Fact : null));
    }

    /// <summary>Notes the parameters a trip count depends on, so that callers with constant arguments
    /// get a specialised summary.</summary>
    private TripCount Sensitive(TripCount trips, Expr expression)
    {
        // Known trip counts may come from a default value: a caller passing another value changes them.
        if (trips.Kind != TripKind.Unbounded) CollectParameters(expression, 0);
        return trips;
    }

    /// <summary>Adds to the sensitive parameters those <paramref name="expression"/> reads, directly
    /// or through locals assigned from them (<c>half = n // 2</c>).</summary>
    private void CollectParameters(Expr expression, int depth)
    {
        if (depth > 3 || _function.Parameters.Count == 0 || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) return;
        switch (expression)
        {
            case Name { Ctx: ExprContext.Load } name:
            {
                var symbol = BoundModule.Lookup(name.Id, ScopeOf(name));
                if (symbol is null || !ReferenceEquals(symbol.Scope, _function.Scope)) return;
                if (symbol.Has(SymbolFlags.Parameter)) (_sensitive ??= new(StringComparer.Ordinal)).Add(symbol.Name);
                IEnumerable<SymbolBinding> bindings = _project.Flow.ReachingBindings(name) is { } reaching ? reaching : symbol.Bindings;
                foreach (var b in bindings)
                    if (b.Kind != BindingKind.Parameter && b.Value is { } value) CollectParameters(value, depth + 1);
                return;
            }
            case Constant or Lambda:
                return;
            case Attribute a:
                CollectParameters(a.Value, depth);
                return;
            case BinOp b:
                CollectParameters(b.Left, depth);
                CollectParameters(b.Right, depth);
                return;
            case UnaryOp u:
                CollectParameters(u.Operand, depth);
                return;
            case Subscript s:
                CollectParameters(s.Value, depth);
                CollectParameters(s.Slice, depth);
                return;
            case Call c:
                CollectParameters(c.Func, depth);
                foreach (var a in c.Args.Each()) CollectParameters(a, depth);
                foreach (var k in c.Keywords.Each()) CollectParameters(k.Value, depth);
                return;
            default:
            {
                var children = new List<Node>();
                expression.AppendChildren(children);
                foreach (var child in children)
                    if (child is Expr e) CollectParameters(e, depth);
                return;
            }
        }
    }

    /// <summary>
    /// Leaving <c>with ThreadPoolExecutor() as pool:</c> calls <c>pool.shutdown(wait=True)</c>, which waits
    /// for every task the block submitted (<c>pool.submit</c>, <c>pool.map</c>): the thread that runs the
    /// block, an event loop's included, blocks there until they finish. Recorded at the <c>with</c>
    /// statement as the executor type's <c>shutdown</c>.
    /// </summary>
    private void ExecutorExitEffects(With statement)
    {
        foreach (var item in statement.Items.Each())
        {
            if (item.OptionalVars is not Name pool) continue;
            var type = ValueEvaluator.TypeOf(ValuesOf(item.ContextExpr));
            if (type is not ("concurrent.futures.ThreadPoolExecutor" or "concurrent.futures.ProcessPoolExecutor") ||
                _project.Catalog.Find(type + ".shutdown") is not { Category: CallCategory.BlockingIo } entry)
                continue;
            var submits = statement.Body.SelectMany(AstWalker.DescendantsAndSelf).OfType<Call>().Any(call =>
                call.Func is Attribute { Attr: "submit" or "map", Value: Name { Id: var id } } && id == pool.Id &&
                ReferenceEquals(ScopeOf(call), ScopeOf(pool)));
            if (submits) Record(new EffectSite(statement, type + ".shutdown", entry.Category, entry, _open.Count > 0, []));
        }
    }

    /// <summary>Iterating a file object blocks on I/O every iteration (the catalog's
    /// <c>TYPE.__iter__</c> entry for the iterable's type).</summary>
    private void IterationEffects(Expr iter)
    {
        if (iter is Constant or List or Tuple or Call { Func: Name { Id: "range" } }) return;
        var type = ValueEvaluator.TypeOf(ValuesOf(iter));
        if (type is null || _project.Catalog.Find(type + ".__iter__") is not { } entry) return;
        if (entry.Category == CallCategory.BlockingIo && InMemory(iter, 0)) return;
        Record(new EffectSite(iter, type + ".__iter__", entry.Category, entry, _open.Count > 0, []));
    }

    private void Await()
    {
        _awaits++;
        foreach (var frame in _open) frame.Fact.Awaits = true;
    }

    /// <summary>How many times the code at the current point runs per call: the product of the open
    /// loops' trip counts.</summary>
    private TripCount Multiplicity()
    {
        double count = 1;
        foreach (var frame in _open)
        {
            var trips = frame.Fact.Trips;
            if (trips.Kind != TripKind.Known) return trips;
            count *= trips.Count;
        }
        return TripCount.Estimated(count, "loops");
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
                foreach (var x in c.Comparators.Each()) work = work.Plus(Expr(x));
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
                return Branches(i.Test, () => Expr(i.Body), () => Expr(i.Orelse));
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
                foreach (var k in d.Keys.Each()) if (k is not null) work = work.Plus(Expr(k));
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
        foreach (var e in elements.Each()) work = work.Plus(Expr(e));
        return work;
    }

    /// <summary>One operation, except NumPy array arithmetic, which runs in native code with the GIL
    /// released (checked only in projects that import numpy), and an operator of a catalogued library
    /// type (an elliptic-curve point times a scalar), which counts as a call of its method.</summary>
    private WorkEstimate BinaryOperation(BinOp b)
    {
        if (_checkArrays && (IsArray(b.Left) || IsArray(b.Right)))
        {
            if (_project.Catalog.Find("numpy.ndarray.__array_ufunc__") is { } entry)
                Record(new EffectSite(b, "numpy.ndarray", entry.Category, entry, _open.Count > 0, []));
        }
        else if (_operatorModules.Count > 0 && OperatorEntry(b) is { } method)
        {
            return LibraryOperation(b, method.Name, method.Entry);
        }
        return WorkEstimate.Ops(1);
    }

    /// <summary>The catalogued method a binary operation calls: the left operand's <c>__op__</c>, else
    /// the right operand's reflected <c>__rop__</c>, for operands whose type comes from a module of
    /// <see cref="_operatorModules"/>.</summary>
    private (string Name, CatalogEntry Entry)? OperatorEntry(BinOp b)
    {
        if (OperandType(b.Left) is { } left && _project.Catalog.Find($"{left}.{OperatorMethods.Left(b.Op)}") is { } forward)
            return ($"{left}.{OperatorMethods.Left(b.Op)}", forward);
        if (OperandType(b.Right) is { } right && _project.Catalog.Find($"{right}.{OperatorMethods.Right(b.Op)}") is { } reflected)
            return ($"{right}.{OperatorMethods.Right(b.Op)}", reflected);
        return null;
    }

    private string? OperandType(Expr operand)
    {
        if (operand is not (Name or Attribute or Call or BinOp or Subscript)) return null;
        var type = ValueEvaluator.TypeOf(ValuesOf(operand));
        if (type is null) return null;
        var dot = type.IndexOf('.');
        return dot > 0 && _operatorModules.Contains(type[..dot]) ? type : null;
    }

    /// <summary>A catalogued operator method, counted as <see cref="LibraryCall"/> counts a call.</summary>
    private WorkEstimate LibraryOperation(BinOp b, string name, CatalogEntry entry)
    {
        Record(new EffectSite(b, name, entry.Category, entry, _open.Count > 0, []));
        if (entry.Category is not (CallCategory.GilHoldingCpu or CallCategory.GilReleasingNative)) return WorkEstimate.Ops(1);
        var weight = entry.Category == CallCategory.GilHoldingCpu
            ? WorkEstimate.Ops(entry.Weight ?? 10)
            : WorkEstimate.Native(entry.Weight ?? 1);
        var candidate = HotSpotCandidate.ForLibraryCall(b, weight, name);
        if (entry.Category == CallCategory.GilHoldingCpu) Offer(candidate);
        OfferStretch(candidate);
        return weight;
    }

    private bool IsArray(Expr operand) =>
        operand is Name or Attribute or Call or BinOp or Subscript && ValueEvaluator.TypeOf(ValuesOf(operand)) == "numpy.ndarray";

    // ---- calls ------------------------------------------------------------------------------

    private WorkEstimate CallExpression(Call call, bool awaited)
    {
        var work = WorkEstimate.Ops(1);
        if (call.Func is Attribute attribute) work = work.Plus(Expr(attribute.Value)).Plus(WorkEstimate.Ops(1));
        else if (call.Func is not Name) work = work.Plus(Expr(call.Func));
        foreach (var a in call.Args.Each()) work = work.Plus(Expr(a));
        foreach (var k in call.Keywords.Each()) work = work.Plus(Expr(k.Value));
        var site = _project.CallGraph.SiteOf(call);
        if (site is null) return work;
        var targets = TargetsHere(site);
        if (site.HasExternalAlternative)
        {
            // An optional accelerator with a pure-Python fallback: which one runs is not known here.
            _unknownCalls++;
            return work;
        }
        var entry = site.CatalogEntry ?? CatalogEntryHere(site, targets);
        // A catalogued call can also run project callbacks (sorted(key=f)): both count.
        if (entry is not null) work = work.Plus(LibraryCall(site, entry));
        if (targets.Count > 0) work = work.Plus(ProjectCall(site, targets, awaited));
        else if (entry is null) _unknownCalls++;
        return work;
    }

    /// <summary>The project functions the call may run here. The call graph resolved a callee that is a
    /// parameter to whatever any caller passes; where the environment knows what this call's caller
    /// passed, only those of the graph's targets remain.</summary>
    private IReadOnlyList<CallTarget> TargetsHere(CallSite site)
    {
        if (site.Targets.Count < 2 || EnvFor(ScopeOf(site.Call)) is null || site.Call.Func is not Name callee) return site.Targets;
        var symbol = BoundModule.Lookup(callee.Id, ScopeOf(callee));
        if (symbol is null || !symbol.Has(SymbolFlags.Parameter) || _env.FactOf(symbol) is not { Values.IsUnknown: false } fact) return site.Targets;
        var passed = new HashSet<ProjectFunction>();
        foreach (var v in fact.Values.Items)
        {
            switch (v)
            {
                case FunctionValue f:
                    passed.Add(f.Function);
                    break;
                case PartialValue { Callable: FunctionValue pf }:
                    passed.Add(pf.Function);
                    break;
                default:
                    return site.Targets;
            }
        }
        var targets = site.Targets.Where(t => passed.Contains(t.Function)).ToList();
        return targets.Count > 0 ? targets : site.Targets;
    }

    /// <summary>A catalog entry for a call the call graph could not name without this environment (a
    /// parameter of a known type: <c>def f(img): img.resize(...)</c> called with a PIL image).</summary>
    private CatalogEntry? CatalogEntryHere(CallSite site, IReadOnlyList<CallTarget> targets)
    {
        if (targets.Count > 0 || site.CalleeName is not null || EnvFor(ScopeOf(site.Call)) is null) return null;
        var name = ValuesOf(site.Call.Func).QualifiedName;
        return name is null ? null : _project.Catalog.Find(name);
    }

    private WorkEstimate ProjectCall(CallSite site, IReadOnlyList<CallTarget> targets, bool awaited)
    {
        var calleeWork = WorkEstimate.Zero;
        HotSpotCandidate? best = null;
        foreach (var target in targets.Each())
        {
            var callee = target.Function;
            // Calling a coroutine function without awaiting it only makes a coroutine object.
            if (callee.IsAsync && !awaited && !callee.IsGenerator) continue;
            // Calling a generator function only makes a generator: its body runs where it is iterated,
            // which is elsewhere when the generator is handed on (StreamingResponse(gen()) iterates a
            // plain generator on a thread pool, a return). An async generator's body runs on the event
            // loop whoever iterates it, so its effects stay with the coroutine that made it.
            if (callee.IsGenerator && !callee.IsAsync && GeneratorHandedOn(site.Call)) continue;
            if (_analysis.StartsWorker(callee)) continue;
            if (_analysis.InSameComponent(_function, callee))
            {
                calleeWork = calleeWork.Max(RecursiveCallWork(site, target));
                continue;
            }
            // A memoised function does its work once per distinct arguments: a call is a lookup.
            if (_analysis.IsMemoised(callee))
            {
                calleeWork = calleeWork.Max(WorkEstimate.Ops(2));
                continue;
            }
            var onSelf = target.Kind == CallEdgeKind.BoundMethod && site.Call.Func is Attribute { Value: Name receiver } && IsReceiver(receiver);
            var summary = _analysis.SummaryForCall(target, site, _env, _specializationBudget, onSelf ? ReceiverFact() : null);
            if (summary.DependsOnParameters) CollectPassedParameters(site, target, summary);
            if (onSelf && callee.ReceiverParameter is { } calleeSelf && summary.SensitiveParameters.Contains(calleeSelf.Name))
            {
                // The callee's branches read attributes of our self: what we stored there, and what our
                // caller stored before calling us, decide them.
                CollectParameters((Name)((Attribute)site.Call.Func).Value, 0);
                foreach (var (_, value) in _selfStores?.Values ?? Enumerable.Empty<(ArgumentFact?, Expr)>())
                    CollectParameters(value, 0);
            }
            var work = summary.Work;
            if (target.Kind == CallEdgeKind.Callback)
            {
                var trips = site.CatalogEntry?.PerItemOf is { } items && CallGraph.ArgumentExpression(site.Call, items) is { } itemsArg
                    ? TripCounter.ForIteration(_project, itemsArg, _env, _context)
                    : TripCount.Unknown("callback");
                work = work.Times(trips);
            }
            calleeWork = calleeWork.Max(work);
            Inherit(summary, site);
            if (best is null || work.Rank > best.Value.Work.Rank) best = HotSpotCandidate.ForCallee(site, summary, work, false);
            if (!callee.IsCoroutine) OfferStretch(HotSpotCandidate.ForCallee(site, summary, work, true));
            else if (_function.IsCoroutine)
            {
                if (summary.LongestStretchWithoutAwait is { } stretch)
                    OfferStretch(HotSpotCandidate.ForCallee(site, summary, stretch.Work, true));
            }
        }
        if (best is { } winner && winner.Work.Rank > 0) Offer(winner);
        return calleeWork;
    }

    /// <summary>Builtins and methods that iterate an iterable argument to its end (or, for <c>next</c>,
    /// one step) where they are called.</summary>
    private static readonly HashSet<string> ConsumingCalls =
    [
        "list", "tuple", "set", "frozenset", "dict", "sorted", "sum", "min", "max", "any", "all", "next",
        "enumerate", "zip", "map", "filter", "reversed", "iter", "join", "extend", "update", "writelines",
    ];

    /// <summary>Whether a generator made by <paramref name="call"/> leaves this function without being
    /// iterated here: returned, passed to another call, or kept in a local that no loop, comprehension,
    /// <c>yield from</c> or consuming call (<c>list(g)</c>, <c>next(g)</c>) of the function reads.</summary>
    private bool GeneratorHandedOn(Call call)
    {
        var parent = call.Parent;
        if (Consumes(parent, call) || PassedToProjectCode(parent, call)) return false;
        if (parent is Assign { Targets: [Name target] } assign && ReferenceEquals(assign.Value, call))
        {
            var stack = new Stack<Node>();
            stack.Push(_function.Node);
            var children = new List<Node>();
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node is Name { Ctx: ExprContext.Load } use && use.Id == target.Id && (Consumes(use.Parent, use) || PassedToProjectCode(use.Parent, use))) return false;
                children.Clear();
                node.AppendChildren(children);
                foreach (var child in children) stack.Push(child);
            }
            return true;
        }
        // Stored in an attribute, returned, passed to a call that keeps it (a response object), or
        // dropped: not iterated here. Anything else (packed in a tuple, an operand) counts as used here.
        return parent is Return or Call or Keyword or ExprStmt ||
               parent is Assign { Targets: [Attribute] } stored && ReferenceEquals(stored.Value, call);
    }

    /// <summary>Whether <paramref name="value"/> is an argument of a call into the project's own code,
    /// which iterates it (or hands it back) in this function's time: <c>process(gen())</c>.</summary>
    private bool PassedToProjectCode(Node? parent, Expr value)
    {
        var call = parent switch
        {
            Call c when c.Args.Any(a => ReferenceEquals(a, value)) => c,
            Keyword { Parent: Call c } k when ReferenceEquals(k.Value, value) => c,
            _ => null,
        };
        return call is not null && _project.CallGraph.SiteOf(call) is { Targets.Count: > 0 };
    }

    /// <summary>Whether <paramref name="parent"/> iterates its child <paramref name="value"/> here.</summary>
    private static bool Consumes(Node? parent, Expr value) => parent switch
    {
        For f => ReferenceEquals(f.Iter, value),
        AsyncFor f => ReferenceEquals(f.Iter, value),
        Comprehension c => ReferenceEquals(c.Iter, value),
        YieldFrom or GilScan.Syntax.Ast.Await or Starred => true,
        Call { Func: Name { Id: var name } } c => ConsumingCalls.Contains(name) && c.Args.Any(a => ReferenceEquals(a, value)),
        Call { Func: Attribute { Attr: var method } } c => ConsumingCalls.Contains(method) && c.Args.Any(a => ReferenceEquals(a, value)),
        Attribute { Attr: "send" or "__next__" or "close" or "throw" } => true,
        _ => false,
    };

    /// <summary>A loop over one of the function's own parameters whose element the recursive call takes
    /// (<c>for e in expected: f(e)</c>): the recursion descends into the elements of the value it was
    /// given, so its calls add up to the size of that value, not to a tree of calls that grows by itself
    /// with the depth.</summary>
    private bool DescendsIntoParameter(Node loop, Call recursiveCall)
    {
        var (target, iterable) = loop switch
        {
            For f => (f.Target, f.Iter),
            AsyncFor f => (f.Target, f.Iter),
            ListComp c => (c.Generators[0].Target, c.Generators[0].Iter),
            SetComp c => (c.Generators[0].Target, c.Generators[0].Iter),
            DictComp c => (c.Generators[0].Target, c.Generators[0].Iter),
            GeneratorExp c => (c.Generators[0].Target, c.Generators[0].Iter),
            _ => ((Expr?)null, (Expr?)null),
        };
        return target is Name element && iterable is Name { Ctx: ExprContext.Load } name &&
               _function.Parameters.Any(p => p.Name == name.Id) &&
               BoundModule.Lookup(name.Id, _function.Module.ScopeOf(name)) is { } symbol && symbol.Bindings.All(b => b.Kind == BindingKind.Parameter) &&
               recursiveCall.Args.Any(a => a is Name passed && passed.Id == element.Id);
    }

    /// <summary>A call back into this function's recursive component. When recording for the recursion
    /// solver and the call gives the callee's sensitive parameters constant values, it is recorded with
    /// them (the solver adds up the calls); otherwise it counts as work of unknown size.</summary>
    private WorkEstimate RecursiveCallWork(CallSite site, CallTarget target)
    {
        _recursive = true;
        if (_open.Count == 0 || !DescendsIntoParameter(_open[^1].Fact.Node, site.Call)) _recursionBeyondParameterWalk = true;
        if (_open.Count > 0) _recursionInLoop = true;
        if (_recordRecursion && _analysis.RecursiveEnvironment(target, site, _env) is { } calleeEnv)
        {
            (_recursiveCalls ??= []).Add(new RecursiveCall(site, target.Function, calleeEnv, Multiplicity()));
            return new WorkEstimate(0, false, false) { RecursiveCalls = 1 };
        }
        return new WorkEstimate(0, true, false) { RecursiveCalls = 1 };
    }

    /// <summary>This function's parameters that reach the callee's sensitive parameters.</summary>
    private void CollectPassedParameters(CallSite site, CallTarget target, EffectSummary callee)
    {
        var scope = ScopeOf(site.Call);
        foreach (var name in callee.SensitiveParameters)
        {
            if (target.Function.ParameterNamed(name) is not { } parameter) continue;
            // A functools.partial's own arguments may sit in another module: they are not this function's parameters.
            if (ArgumentBinding.ArgumentFor(_project, target, parameter, site.Call.Args, site.Call.Keywords, scope) is { } argument
                && ReferenceEquals(argument.Scope.Module, _function.Module))
                CollectParameters(argument.Expression, 0);
        }
    }

    /// <summary>Links a callee's catalogued effects (listed lazily, with the call site prepended) and
    /// marks the open loops as releasing the GIL or blocking when the callee does.</summary>
    private void Inherit(EffectSummary callee, CallSite site)
    {
        if (callee.HasBlockingIo || callee.HasGilReleasing || callee.HasGilHolding)
        {
            _summary.Events.Add(new EffectEvent(null, site, callee, _open.Count > 0, _handlerDepth > 0));
            _summary.HasBlockingIo |= callee.HasBlockingIo;
            _summary.HasGilReleasing |= callee.HasGilReleasing;
            _summary.HasGilHolding |= callee.HasGilHolding;
        }
        if (callee.HasBlockingIo || callee.HasGilReleasing)
            foreach (var frame in _open)
            {
                frame.Fact.ReleasesGil = true;
                if (callee.HasBlockingIo) frame.Fact.BlocksOnIo = true;
            }
        _unknownCalls += callee.UnknownCalls;
        // The recursion a callee runs: the branching one wins when there are several.
        if (callee.Recursion is { } recursion && (_summary.Recursion is null || (recursion.Branches && !_summary.Recursion.Branches)))
            _summary.Recursion = recursion with { Chain = recursion.Chain.Insert(0, site) };
    }

    private WorkEstimate LibraryCall(CallSite site, CatalogEntry entry)
    {
        var category = CategoryAt(entry, site.Call);
        Record(new EffectSite(site.Call, site.CalleeName ?? entry.Name, category, entry, _open.Count > 0, []));
        if (category is not (CallCategory.GilHoldingCpu or CallCategory.GilReleasingNative)) return WorkEstimate.Zero;
        var weight = category == CallCategory.GilHoldingCpu
            ? WorkEstimate.Ops(entry.Weight ?? 10)
            : WorkEstimate.Native(entry.Weight ?? 1);
        if (entry.PerItemOf is { } items && CallGraph.ArgumentExpression(site.Call, items) is { } itemsArg)
            weight = weight.Times(TripCounter.ForIteration(_project, itemsArg, _env, _context));
        var candidate = HotSpotCandidate.ForLibraryCall(site.Call, weight, site.CalleeName ?? entry.Name);
        if (category == CallCategory.GilHoldingCpu) Offer(candidate);
        OfferStretch(candidate);
        return weight;
    }

    /// <summary>An integer file descriptor (<c>sock.detach()</c>, <c>f.fileno()</c>, <c>os.open(...)</c>,
    /// <c>os.dup(fd)</c>, an <c>int</c>): <c>open(fd)</c> wraps a descriptor that is already open and
    /// opens no path.</summary>
    private bool IsFileDescriptor(Expr argument) =>
        argument is Call { Func: Attribute { Attr: "detach" or "fileno" } } ||
        (argument is Call opened && _project.CallGraph.SiteOf(opened)?.CalleeName is "os.open" or "os.dup" or "os.dup2" or "os.memfd_create") ||
        ValueEvaluator.TypeOf(ValuesOf(argument)) == "builtins.int";

    /// <summary>The entry's category at this call: a buffer-size condition (hashlib's 2048 bytes) picks
    /// <see cref="CatalogEntry.Otherwise"/> when the buffer is known to be smaller; an unknown size
    /// counts as releasing.</summary>
    private CallCategory CategoryAt(CatalogEntry entry, Call call)
    {
        if (entry.Category == CallCategory.BlockingIo && OnInMemoryBuffer(entry, call)) return CallCategory.Cheap;
        if (entry.Name is "builtins.open" or "io.open" && call.Args.Count > 0 && IsFileDescriptor(call.Args[0])) return CallCategory.Cheap;
        if (entry.BlocksWhen is { } blocking) return BlocksAt(blocking, call) ? entry.Category : entry.Otherwise ?? CallCategory.Cheap;
        if (entry.ReleasesGilWhen is not { } condition) return entry.Category;
        var buffer = CallGraph.ArgumentExpression(call, condition.Argument);
        if (buffer is null) return call.Args.Count == 0 && call.Keywords.Count == 0 ? CallCategory.Cheap : entry.Category;
        var scope = ScopeOf(buffer);
        var size = _project.Constants.Evaluate(buffer, scope, EnvFor(scope))?.MaxLength;
        CollectParameters(buffer, 0);
        return size is { } bytes && bytes < condition.MinBytes ? entry.Otherwise ?? CallCategory.GilHoldingCpu : entry.Category;
    }

    /// <summary>Whether a blocking call works on memory only: an argument of
    /// <see cref="CatalogEntry.InMemoryWith"/> is an in-memory buffer, or the call is a method of an
    /// object made over one (<c>zf.open(name)</c> where <c>zf = zipfile.ZipFile(io.BytesIO(data))</c>)
    /// that does not reach the file system by a path.</summary>
    private bool OnInMemoryBuffer(CatalogEntry entry, Call call)
    {
        foreach (var argument in entry.InMemoryWith)
            if (CallGraph.ArgumentExpression(call, argument) is { } buffer && InMemory(buffer, 0)) return true;
        return !entry.LocalFile && call.Func is Attribute method && InMemory(method.Value, 0);
    }

    private const int MaxInMemoryDepth = 4;

    /// <summary>Whether <paramref name="e"/> is an in-memory buffer (<c>io.BytesIO(...)</c>,
    /// <c>io.StringIO(...)</c>) or an object the catalog says works on one, directly or through the
    /// local names every reaching binding of which holds one (bounded in depth).</summary>
    private bool InMemory(Expr e, int depth)
    {
        if (depth > MaxInMemoryDepth) return false;
        switch (e)
        {
            case Call call:
            {
                var site = _project.CallGraph.SiteOf(call);
                if (site?.CalleeName is "io.BytesIO" or "io.StringIO") return true;
                if (site?.CatalogEntry is not { } entry) return false;
                foreach (var argument in entry.InMemoryWith)
                    if (CallGraph.ArgumentExpression(call, argument) is { } buffer && InMemory(buffer, depth + 1)) return true;
                return entry.Category == CallCategory.BlockingIo && !entry.LocalFile && call.Func is Attribute method && InMemory(method.Value, depth + 1);
            }
            case Attribute { Value: Name owner } attribute when IsReceiver(owner) && _function.Class is { } cls:
            {
                // `self.db` where every assignment of the attribute in the class makes an in-memory object.
                var any = false;
                foreach (var c in cls.Mro.Each())
                {
                    if (!c.InstanceAttributes.TryGetValue(attribute.Attr, out var assignments)) continue;
                    foreach (var assignment in assignments)
                    {
                        if (assignment.Value is not { } value || !InMemory(value, depth + 1)) return false;
                        any = true;
                    }
                }
                return any;
            }
            case Constant { Value: ":memory:" }:
                // SQLite's name for a database held in memory (https://www.sqlite.org/inmemorydb.html).
                return true;
            case Name { Ctx: ExprContext.Load } name:
            {
                IEnumerable<SymbolBinding> bindings = _project.Flow.ReachingBindings(name) is { } reaching
                    ? reaching
                    : BoundModule.Lookup(name.Id, ScopeOf(name))?.Bindings ?? [];
                var any = false;
                foreach (var binding in bindings)
                {
                    if (binding.Kind is not (BindingKind.Assignment or BindingKind.AnnotatedAssignment or BindingKind.WithTarget) ||
                        binding.Value is not { } value || !InMemory(value, depth + 1))
                        return false;
                    any = true;
                }
                return any;
            }
            default:
                return false;
        }
    }

    /// <summary>Whether a call with a <see cref="BlockingCondition"/> blocks: an argument that is a
    /// constant None, 0 or False does not; any other value (a parameter, a variable) counts as blocking.</summary>
    private bool BlocksAt(BlockingCondition condition, Call call)
    {
        var argument = CallGraph.ArgumentExpression(call, condition.Argument);
        if (argument is null) return condition.AbsentBlocks;
        var scope = ScopeOf(argument);
        CollectParameters(argument, 0);
        if (condition.UnlessFlag is { } flag) return !IncludesFlag(argument, flag, depth: 0);
        return _project.Constants.Evaluate(argument, scope, EnvFor(scope)) switch
        {
            NoneValue => false,
            BoolValue { Value: false } => false,
            IntValue { Value.IsZero: true } => false,
            FloatValue { Value: 0 } => false,
            _ => true,
        };
    }

    /// <summary>
    /// Whether a bit mask names <paramref name="flag"/>: the flag itself, an <c>|</c> of parts one of
    /// which does, or a name whose only binding is such a mask (<c>_NUMERIC_ONLY = socket.AI_NUMERICHOST
    /// | socket.AI_NUMERICSERV</c>). Flag values differ between platforms, so the test is by name, not
    /// by folding the mask to a number.
    /// </summary>
    private bool IncludesFlag(Expr mask, string flag, int depth)
    {
        if (depth > 8) return false;
        switch (mask)
        {
            case BinOp { Op: BinaryOperator.BitOr } or:
                return IncludesFlag(or.Left, flag, depth + 1) || IncludesFlag(or.Right, flag, depth + 1);
            case Attribute or Name when ValuesOf(mask).QualifiedName == flag:
                return true;
            case Name name when BoundModule.Lookup(name.Id, ScopeOf(name))?.Bindings is [{ Value: { } value }]:
                return IncludesFlag(value, flag, depth + 1);
            default:
                return false;
        }
    }

    private void Record(EffectSite site)
    {
        switch (site.Category)
        {
            case CallCategory.BlockingIo:
                _summary.HasBlockingIo = true;
                foreach (var frame in _open)
                {
                    frame.Fact.BlocksOnIo = true;
                    frame.Fact.ReleasesGil = true;
                }
                break;
            case CallCategory.GilReleasingNative:
                _summary.HasGilReleasing = true;
                foreach (var frame in _open) frame.Fact.ReleasesGil = true;
                break;
            case CallCategory.GilHoldingCpu:
                _summary.HasGilHolding = true;
                break;
            default:
                return;
        }
        // Enough own sites of each kind are kept to fill its list; more would never be shown.
        if (_ownSites[(int)site.Category]++ < EffectSummary.MaxSitesPerKind)
            _summary.Events.Add(new EffectEvent(site with { OnErrorPath = _handlerDepth > 0 }, null, null, site.InLoop, _handlerDepth > 0));
    }
}

/// <summary>A call back into the caller's recursive component, with the callee's parameter facts and
/// how many times the call runs per call of the caller.</summary>
internal sealed record RecursiveCall(CallSite Site, ProjectFunction Callee, ArgumentEnvironment Environment, TripCount Multiplicity);
