using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Flow;

/// <summary>
/// Which bindings of a local name can reach each read of it, computed over one function's code in
/// execution order: straight-line code replaces a name's binding, <c>if</c>/<c>match</c>/<c>and</c>/
/// <c>or</c>/conditional expressions join the branches, loops run to a fixed point (their body may run
/// zero, one or more times; <c>break</c> and <c>continue</c> go where Python sends them), <c>return</c>
/// and <c>raise</c> end a path, and an <c>except</c> handler starts from every state its <c>try</c>
/// body passed through. Only names with two or more bindings, all made by this function's own code,
/// are tracked (a name bound once has one answer anyway; one rebound by a nested function's
/// <c>nonlocal</c> or from elsewhere by <c>global</c> can change at any call); other reads keep the
/// flow-insensitive answer (every binding). Nested function and lambda bodies run later, so their reads
/// of this function's names are not tracked either.
/// </summary>
internal sealed class ReachingDefinitions
{
    /// <summary>A name with more bindings than this is not tracked (a state is one 64-bit set per name).</summary>
    private const int MaxBindingsPerName = 64;

    /// <summary>Passes over a loop body before the loop's state is taken as settled; the sets only grow,
    /// so a body settles in as many passes as it has nested loops plus one, rarely more than three.</summary>
    private const int MaxLoopPasses = 8;

    private readonly BoundModule _module;
    private readonly Symbol[] _tracked;
    private readonly Dictionary<string, int> _trackedByName;
    private readonly Dictionary<Node, (int Symbol, int Bit)> _sites = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Name, ulong> _reads = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<LoopTargets> _loops = new();
    private readonly Stack<ulong[]> _tryBodies = new();
    private bool _tooDeep;

    private sealed class LoopTargets
    {
        public ulong[]? Breaks;
        public ulong[]? Continues;
    }

    private ReachingDefinitions(BoundModule module, List<Symbol> tracked)
    {
        _module = module;
        _tracked = [.. tracked];
        _trackedByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _tracked.Length; i++)
        {
            _trackedByName[_tracked[i].Name] = i;
            var bindings = _tracked[i].Bindings;
            for (var b = 0; b < bindings.Count; b++) _sites[bindings[b].Site] = (i, b);
        }
    }

    /// <summary>The bindings that reach each tracked read of <paramref name="function"/>'s own code;
    /// empty when nothing is tracked or the code is nested too deeply to walk.</summary>
    public static IReadOnlyDictionary<Name, ImmutableArray<SymbolBinding>> Analyse(ProjectFunction function)
    {
        var tracked = TrackedSymbols(function.Scope);
        if (tracked.Count == 0) return ImmutableDictionary<Name, ImmutableArray<SymbolBinding>>.Empty;
        var walker = new ReachingDefinitions(function.Module, tracked);
        var entry = walker.Entry(function);
        switch (function.Node)
        {
            case Module m:
                walker.Block(m.Body, entry);
                break;
            case Lambda l:
                walker.Expr(l.Body, entry);
                break;
            default:
                walker.Block(FunctionParts.Of(function.Node)!.Value.Body, entry);
                break;
        }
        if (walker._tooDeep) return ImmutableDictionary<Name, ImmutableArray<SymbolBinding>>.Empty;
        var result = new Dictionary<Name, ImmutableArray<SymbolBinding>>(walker._reads.Count, ReferenceEqualityComparer.Instance);
        foreach (var (name, bits) in walker._reads)
        {
            var symbol = walker._tracked[walker._trackedByName[name.Id]];
            var bindings = ImmutableArray.CreateBuilder<SymbolBinding>(BitOperations.PopCount(bits));
            for (var rest = bits; rest != 0; rest &= rest - 1) bindings.Add(symbol.Bindings[BitOperations.TrailingZeroCount(rest)]);
            result[name] = bindings.MoveToImmutable();
        }
        return result;
    }

    /// <summary>Locals of <paramref name="scope"/> with at least two bindings, every one of them made by
    /// the scope's own code (comprehensions included).</summary>
    private static List<Symbol> TrackedSymbols(Scope scope)
    {
        var tracked = new List<Symbol>();
        foreach (var symbol in scope.Symbols.Values)
        {
            if (!symbol.IsLocal || symbol.Bindings.Count is < 2 or > MaxBindingsPerName) continue;
            var own = true;
            var values = 0;
            foreach (var b in symbol.Bindings)
            {
                if (!ReferenceEquals(b.ExecutingScope.NearestNonComprehension, scope)) own = false;
                if (b.Kind is not (BindingKind.AnnotationOnly or BindingKind.Deletion)) values++;
            }
            if (own && values >= 2) tracked.Add(symbol);
        }
        tracked.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return tracked;
    }

    private ulong[] Entry(ProjectFunction function)
    {
        var state = new ulong[_tracked.Length];
        foreach (var p in function.Parameters)
            if (p.Node is { } arg && _sites.TryGetValue(arg, out var site)) state[site.Symbol] = 1UL << site.Bit;
        return state;
    }

    // ---- states: one bit set per tracked name; null is "this point is never reached" ------------

    private static ulong[]? Join(ulong[]? a, ulong[]? b)
    {
        if (a is null) return b is null ? null : (ulong[])b.Clone();
        if (b is null) return (ulong[])a.Clone();
        var joined = (ulong[])a.Clone();
        for (var i = 0; i < joined.Length; i++) joined[i] |= b[i];
        return joined;
    }

    private static void JoinInto(ref ulong[]? target, ulong[]? state)
    {
        if (state is null) return;
        if (target is null)
        {
            target = (ulong[])state.Clone();
            return;
        }
        for (var i = 0; i < target.Length; i++) target[i] |= state[i];
    }

    private static bool Same(ulong[]? a, ulong[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static ulong[]? Copy(ulong[]? state) => (ulong[]?)state?.Clone();

    /// <summary>Applies the binding made at <paramref name="site"/>, if it binds a tracked name.</summary>
    private void Bind(Node site, ulong[]? state)
    {
        if (state is null || !_sites.TryGetValue(site, out var s)) return;
        var binding = _tracked[s.Symbol].Bindings[s.Bit];
        state[s.Symbol] = binding.Kind == BindingKind.Deletion ? 0 : 1UL << s.Bit;
        // Whatever a try body binds may have happened when one of its handlers starts.
        foreach (var body in _tryBodies) body[s.Symbol] |= state[s.Symbol];
    }

    private void Read(Name name, ulong[]? state)
    {
        if (state is null || !_trackedByName.TryGetValue(name.Id, out var index)) return;
        // The same spelling may be a comprehension variable or a name of an inner scope.
        if (!ReferenceEquals(BoundModule.Lookup(name.Id, _module.ScopeOf(name)), _tracked[index])) return;
        _reads[name] = _reads.GetValueOrDefault(name) | state[index];
    }

    // ---- statements -------------------------------------------------------------------------

    private ulong[]? Block(IReadOnlyList<Stmt> body, ulong[]? state)
    {
        foreach (var s in body.Each())
        {
            if (state is null) break;
            state = Stmt(s, state);
        }
        return state;
    }

    private ulong[]? Stmt(Stmt statement, ulong[] state)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _tooDeep = true;
            return state;
        }
        switch (statement)
        {
            case ExprStmt e:
                return Expr(e.Value, state);
            case Assign a:
            {
                var s = Expr(a.Value, state);
                foreach (var t in a.Targets.Each()) s = Store(t, s);
                return s;
            }
            case AugAssign a:
            {
                var s = Expr(a.Value, state);
                if (a.Target is Name target)
                {
                    Read(target, s);
                    Bind(target, s);
                    return s;
                }
                return Store(a.Target, s);
            }
            case AnnAssign a:
                return a.Value is null ? state : Store(a.Target, Expr(a.Value, state));
            case Return r:
                if (r.Value is not null) Expr(r.Value, state);
                return null;
            case Raise r:
                if (r.Exc is not null) state = Expr(r.Exc, state) ?? state;
                if (r.Cause is not null) Expr(r.Cause, state);
                return null;
            case Delete d:
            {
                ulong[]? s = state;
                foreach (var t in d.Targets.Each()) s = Store(t, s);
                return s;
            }
            case Assert a:
            {
                var s = Expr(a.Test, state);
                if (a.Msg is not null) Expr(a.Msg, Copy(s));
                return s;
            }
            case If i:
            {
                var s = Expr(i.Test, state);
                return Join(Block(i.Body, Copy(s)), Block(i.Orelse, s));
            }
            case For f:
                return ForLoop(f.Target, f.Iter, f.Body, f.Orelse, state);
            case AsyncFor f:
                return ForLoop(f.Target, f.Iter, f.Body, f.Orelse, state);
            case While w:
                return WhileLoop(w, state);
            case With w:
                return Block(w.Body, WithItems(w.Items, state));
            case AsyncWith w:
                return Block(w.Body, WithItems(w.Items, state));
            case Try t:
                return TryBlock(t.Body, t.Handlers, t.Orelse, t.Finalbody, state);
            case TryStar t:
                return TryBlock(t.Body, t.Handlers, t.Orelse, t.Finalbody, state);
            case Match m:
            {
                var s = Expr(m.Subject, state);
                if (s is null) return null;
                var after = Copy(s);
                foreach (var c in m.Cases.Each())
                {
                    var branch = Pattern(c.Pattern, Copy(s));
                    if (c.Guard is not null) branch = Expr(c.Guard, branch);
                    JoinInto(ref after, Block(c.Body, branch));
                }
                return after;
            }
            case FunctionDef or AsyncFunctionDef:
            {
                var parts = FunctionParts.Of(statement)!.Value;
                ulong[]? s = state;
                foreach (var d in parts.Decorators.Each()) s = Expr(d, s);
                foreach (var d in parts.Args.Defaults.Each()) s = Expr(d, s);
                foreach (var d in parts.Args.KwDefaults.Each()) if (d is not null) s = Expr(d, s);
                Bind(statement, s);
                return s;
            }
            case ClassDef c:
            {
                ulong[]? s = state;
                foreach (var d in c.DecoratorList.Each()) s = Expr(d, s);
                foreach (var b in c.Bases.Each()) s = Expr(b, s);
                foreach (var k in c.Keywords.Each()) s = Expr(k.Value, s);
                // The class body runs now; its own names are the class's, its reads of ours see this state.
                s = Block(c.Body, s) ?? s;
                Bind(c, s);
                return s;
            }
            case Import import:
                foreach (var alias in import.Names.Each()) Bind(alias, state);
                return state;
            case ImportFrom from:
                foreach (var alias in from.Names.Each()) Bind(alias, state);
                return state;
            case TypeAlias alias:
                Bind(alias, state);
                return state;
            case Break:
                if (_loops.TryPeek(out var breakLoop)) JoinInto(ref breakLoop.Breaks, state);
                return null;
            case Continue:
                if (_loops.TryPeek(out var continueLoop)) JoinInto(ref continueLoop.Continues, state);
                return null;
            default:
                return state;
        }
    }

    private ulong[]? WithItems(IReadOnlyList<WithItem> items, ulong[]? state)
    {
        foreach (var item in items)
        {
            state = Expr(item.ContextExpr, state);
            if (item.OptionalVars is not null) state = Store(item.OptionalVars, state);
        }
        return state;
    }

    /// <summary><c>for</c>: the iterable once, then the body any number of times, each pass starting
    /// from the state before the loop or at the end of a pass (or a <c>continue</c>); the <c>else</c>
    /// block runs when the iterable is exhausted, and <c>break</c> skips it.</summary>
    private ulong[]? ForLoop(Expr target, Expr iter, IReadOnlyList<Stmt> body, IReadOnlyList<Stmt> orelse, ulong[] state)
    {
        var entry = Expr(iter, state);
        if (entry is null) return null;
        var (head, breaks) = Loop(entry, head => Block(body, Store(target, Copy(head))));
        return Join(Block(orelse, head), breaks);
    }

    private ulong[]? WhileLoop(While loop, ulong[] state)
    {
        var (head, breaks) = Loop(state, head => Block(loop.Body, Expr(loop.Test, Copy(head))));
        // The test runs once more when the loop ends, then the else block; `while True` ends only by break.
        var exhausted = IsAlwaysTrue(loop.Test) ? null : Block(loop.Orelse, Expr(loop.Test, head));
        return Join(exhausted, breaks);
    }

    private static bool IsAlwaysTrue(Expr test) =>
        test is Constant { Value: true } || test is Constant { Value: System.Numerics.BigInteger n } && !n.IsZero;

    /// <summary>Runs <paramref name="pass"/> until the state at the loop head stops growing; returns
    /// that state and the join of the states at its <c>break</c>s.</summary>
    private (ulong[]? Head, ulong[]? Breaks) Loop(ulong[] entry, Func<ulong[], ulong[]?> pass)
    {
        var head = Copy(entry)!;
        var targets = new LoopTargets();
        _loops.Push(targets);
        for (var i = 0; i < MaxLoopPasses; i++)
        {
            targets.Breaks = null;
            targets.Continues = null;
            var end = pass(head);
            var next = Join(Join(head, end), targets.Continues)!;
            if (Same(next, head)) break;
            head = next;
        }
        _loops.Pop();
        return (head, targets.Breaks);
    }

    private ulong[]? TryBlock(IReadOnlyList<Stmt> body, IReadOnlyList<ExceptHandlerBase> handlers, IReadOnlyList<Stmt> orelse,
        IReadOnlyList<Stmt> finalbody, ulong[] state)
    {
        // A handler may start before any statement of the body ran, or after any of them.
        var handlerEntry = Copy(state)!;
        _tryBodies.Push(handlerEntry);
        var afterBody = Block(body, Copy(state));
        _tryBodies.Pop();
        var after = Block(orelse, afterBody);
        foreach (var h in handlers.Each())
        {
            if (h is not ExceptHandler handler) continue;
            var s = Copy(handlerEntry);
            if (handler.Type is not null) s = Expr(handler.Type, s);
            Bind(handler, s);
            JoinInto(ref after, Block(handler.Body, s));
        }
        if (finalbody.Count == 0) return after;
        // The finally block also runs on the way out of an exception or a return: its reads see those
        // states too, but only the normal exit continues after the statement.
        Block(finalbody, Join(after, handlerEntry));
        return Block(finalbody, after);
    }

    private ulong[]? Pattern(Pattern pattern, ulong[]? state)
    {
        switch (pattern)
        {
            case MatchValue v:
                return Expr(v.Value, state);
            case MatchSequence s:
                foreach (var p in s.Patterns.Each()) state = Pattern(p, state);
                return state;
            case MatchMapping m:
                foreach (var k in m.Keys.Each()) state = Expr(k, state);
                foreach (var p in m.Patterns.Each()) state = Pattern(p, state);
                if (m.Rest is not null) Bind(m, state);
                return state;
            case MatchClass c:
                state = Expr(c.Cls, state);
                foreach (var p in c.Patterns.Each()) state = Pattern(p, state);
                foreach (var p in c.KwdPatterns.Each()) state = Pattern(p, state);
                return state;
            case MatchStar s:
                Bind(s, state);
                return state;
            case MatchAs a:
                if (a.Pattern is not null) state = Pattern(a.Pattern, state);
                Bind(a, state);
                return state;
            case MatchOr o:
            {
                ulong[]? joined = null;
                foreach (var p in o.Patterns.Each()) JoinInto(ref joined, Pattern(p, Copy(state)));
                return joined;
            }
            default:
                return state;
        }
    }

    // ---- targets and expressions ------------------------------------------------------------

    private ulong[]? Store(Expr target, ulong[]? state)
    {
        switch (target)
        {
            case Name n:
                Bind(n, state);
                return state;
            case Tuple t:
                foreach (var e in t.Elts.Each()) state = Store(e, state);
                return state;
            case List l:
                foreach (var e in l.Elts.Each()) state = Store(e, state);
                return state;
            case Starred s:
                return Store(s.Value, state);
            case Attribute a:
                return Expr(a.Value, state);
            case Subscript s:
                return Expr(s.Slice, Expr(s.Value, state));
            default:
                return Expr(target, state);
        }
    }

    private ulong[]? Expr(Expr e, ulong[]? state)
    {
        if (state is null) return null;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _tooDeep = true;
            return state;
        }
        switch (e)
        {
            case Name n:
                if (n.Ctx == ExprContext.Load) Read(n, state);
                else Bind(n, state);
                return state;
            case Constant:
                return state;
            case Lambda l:
                foreach (var d in l.Args.Defaults.Each()) state = Expr(d, state);
                foreach (var d in l.Args.KwDefaults.Each()) if (d is not null) state = Expr(d, state);
                return state;
            case NamedExpr w:
                state = Expr(w.Value, state);
                if (w.Target is Name target) Bind(target, state);
                return state;
            case BoolOp b:
            {
                // Every operand after the first may not run.
                state = Expr(b.Values[0], state);
                var after = Copy(state);
                for (var i = 1; i < b.Values.Count; i++)
                {
                    state = Expr(b.Values[i], state);
                    JoinInto(ref after, state);
                }
                return after;
            }
            case IfExp i:
            {
                var s = Expr(i.Test, state);
                return Join(Expr(i.Body, Copy(s)), Expr(i.Orelse, s));
            }
            case ListComp c:
                return Comprehension(c.Generators, c.Elt, null, state);
            case SetComp c:
                return Comprehension(c.Generators, c.Elt, null, state);
            case GeneratorExp c:
                return Comprehension(c.Generators, c.Elt, null, state);
            case DictComp c:
                return Comprehension(c.Generators, c.Key, c.Value, state);
            case Dict d:
                for (var i = 0; i < d.Values.Count; i++)
                {
                    if (d.Keys[i] is { } key) state = Expr(key, state);
                    state = Expr(d.Values[i], state);
                }
                return state;
            default:
            {
                var children = e.GetChildren();
                foreach (var child in children)
                {
                    switch (child)
                    {
                        case Expr ce:
                            state = Expr(ce, state);
                            break;
                        case Keyword k:
                            state = Expr(k.Value, state);
                            break;
                    }
                }
                return state;
            }
        }
    }

    /// <summary>A comprehension runs inline: its first iterable once, the rest as a loop (a walrus in it
    /// binds this function's name).</summary>
    private ulong[]? Comprehension(IReadOnlyList<Comprehension> generators, Expr first, Expr? second, ulong[] state)
    {
        var entry = Expr(generators[0].Iter, state);
        if (entry is null) return null;
        var (head, _) = Loop(entry, head =>
        {
            ulong[]? s = Copy(head);
            for (var i = 0; i < generators.Count; i++)
            {
                if (i > 0) s = Expr(generators[i].Iter, s);
                foreach (var condition in generators[i].Ifs.Each()) s = Expr(condition, s);
            }
            s = Expr(first, s);
            return second is null ? s : Expr(second, s);
        });
        return head;
    }
}
