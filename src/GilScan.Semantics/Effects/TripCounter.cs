using System.Numerics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Effects;

/// <summary>
/// How many times a loop runs: constant-folded iterables (<c>range(N)</c>, literals, sequences of known
/// length), <c>while</c> loops driven by an induction variable (<c>while i * i &lt;= n: i += 2</c>,
/// <c>while n &gt; 0: n -= 1</c>, <c>while n &gt; 1: n //= 2</c>) solved by stepping the variable, and
/// otherwise where the count comes from: data the program reads (the call catalog's data sources: a
/// file's lines, a query's rows, a directory's entries), a caller's value (a parameter), or nothing known.
/// </summary>
internal static class TripCounter
{
    /// <summary>Levels (names, calls, returns, fills) and steps that <see cref="DataOrigin"/> follows for one question.</summary>
    private const int MaxOriginDepth = 10;
    private const int MaxOriginSteps = 300;

    [ThreadStatic] private static int _t_originSteps;

    /// <summary>Steps of an induction variable that are tried before a loop counts as unknown.</summary>
    private const double MaxSimulatedTrips = 1e18;

    public static TripCount ForIteration(ProjectModel project, Expr iter, ArgumentEnvironment env, EvaluationContext context)
    {
        var scope = project.ModuleOf(iter).ScopeOf(iter);
        var local = ReferenceEquals(env.Scope, scope.NearestNonComprehension) || ReferenceEquals(env.Scope, scope) ? env : null;
        if (project.Constants.LengthOf(iter, local) is { } n) return TripCount.Known(n, Describe(project, iter, local));
        return Open(project, iter, local, context);
    }

    /// <summary>A <c>for</c> statement: the iteration count, or an upper bound of it when the body can
    /// leave the loop with a <c>break</c> or <c>return</c> outside error handlers (a search whose usual
    /// count is below its length).</summary>
    public static TripCount ForLoop(ProjectModel project, Expr iter, IReadOnlyList<Stmt> body, ArgumentEnvironment env, EvaluationContext context)
    {
        var trips = ForIteration(project, iter, env, context);
        if (trips.Kind == TripKind.Known && trips.Count > 1 && iter is Call { Func: Name { Id: "range" } } && IsRetryLoop(body))
            return TripCount.Known(1, $"a retry loop of up to {trips.Count:0} attempts ({trips.Reason}): one when the first succeeds");
        return trips.Kind == TripKind.Known && trips.Count > 1 && LeavesEarly(body)
            ? TripCount.Bounded(trips.Count, $"at most {trips.Count:0} ({trips.Reason}), leaves early")
            : trips;
    }

    /// <summary>
    /// A loop over attempts (<c>for attempt in range(10)</c>) that leaves when an attempt succeeds and
    /// backs off before the next: its body either always leaves on the path that does not fail (a
    /// <c>return</c> after the work, inside the <c>try</c>) or sleeps at its top level or in every
    /// <c>except</c> handler, and each <c>continue</c> follows a sleep. When the first attempt succeeds,
    /// which is what the code expects, it runs once.
    /// </summary>
    private static bool IsRetryLoop(IReadOnlyList<Stmt> body) =>
        LeavesEarly(body) && (AlwaysLeaves(body) || BacksOff(body)) && ContinuesOnlyAfterBackOff(body);

    /// <summary>A sleep at the block's top level, or a <c>try</c> whose every handler sleeps.</summary>
    private static bool BacksOff(IReadOnlyList<Stmt> block) => block.Any(s => s switch
    {
        ExprStmt { Value: var value } => IsSleep(value is Await a ? a.Value : value),
        Try t => t.Handlers.Count > 0 && t.Handlers.OfType<ExceptHandler>().All(h => BacksOff(h.Body)) && (AlwaysLeaves(t.Body) || BacksOff(t.Body)),
        _ => false,
    });

    private static bool AlwaysLeaves(IReadOnlyList<Stmt> body)
    {
        foreach (var s in body.Each())
        {
            switch (s)
            {
                case Break or Return or Raise:
                case Try t when AlwaysLeaves(t.Body) || AlwaysLeaves(t.Orelse):
                case With w when AlwaysLeaves(w.Body):
                case AsyncWith aw when AlwaysLeaves(aw.Body):
                case If i when AlwaysLeaves(i.Body) && AlwaysLeaves(i.Orelse):
                    return true;
            }
        }
        return false;
    }

    /// <summary>Every <c>continue</c> of this loop (not of a nested one) follows a sleep in its block.</summary>
    private static bool ContinuesOnlyAfterBackOff(IReadOnlyList<Stmt> block)
    {
        var slept = false;
        foreach (var s in block.Each())
        {
            switch (s)
            {
                case Continue when !slept:
                    return false;
                case ExprStmt { Value: var value } when IsSleep(value is Await a ? a.Value : value):
                    slept = true;
                    break;
                case If i when !ContinuesOnlyAfterBackOff(i.Body) || !ContinuesOnlyAfterBackOff(i.Orelse):
                case With w when !ContinuesOnlyAfterBackOff(w.Body):
                case AsyncWith aw when !ContinuesOnlyAfterBackOff(aw.Body):
                case Try t when !ContinuesOnlyAfterBackOff(t.Body) || !ContinuesOnlyAfterBackOff(t.Orelse) ||
                                t.Handlers.OfType<ExceptHandler>().Any(h => !ContinuesOnlyAfterBackOff(h.Body)):
                    return false;
            }
        }
        return true;
    }

    private static bool IsSleep(Expr e) => e is Call { Func: Name { Id: "sleep" } or Attribute { Attr: "sleep" } };

    public static TripCount ForComprehension(ProjectModel project, IReadOnlyList<Comprehension> generators, ArgumentEnvironment env, EvaluationContext context)
    {
        BigInteger product = 1;
        foreach (var g in generators.Each())
        {
            var trips = ForIteration(project, g.Iter, env, context);
            if (trips.Kind != TripKind.Known) return trips;
            product *= trips.Count >= TripCount.Saturation ? new BigInteger(TripCount.Saturation) : new BigInteger(trips.Count);
        }
        var scope = project.ModuleOf(generators[0].Iter).ScopeOf(generators[0].Iter);
        var local = ReferenceEquals(env.Scope, scope) ? env : null;
        return TripCount.Known(product, string.Join(" x ", generators.Select(g => Describe(project, g.Iter, local))));
    }

    /// <summary>A <c>while</c> loop's trips, and whether it counts an integer towards a bound.</summary>
    public static (TripCount Trips, bool Counting) ForWhile(ProjectModel project, While loop, ArgumentEnvironment env)
    {
        var scope = project.ModuleOf(loop).ScopeOf(loop);
        var local = ReferenceEquals(env.Scope, scope) ? env : null;
        var truth = ConstantEvaluator.Truth(project.Constants.Evaluate(loop.Test, scope, local));
        if (truth == false) return (TripCount.Known(0, "while False"), false);
        if (truth == true)
        {
            if (!ExitsEarly(loop.Body)) return (TripCount.Unbounded("while True"), false);
            return StreamRead(project, loop) is { } stream
                ? (TripCount.DataDependent($"while True reading {stream}, one pass per chunk", stream), false)
                : (TripCount.Unknown("while True with a break"), false);
        }
        if (Induction.Find(project, loop, scope) is not { } induction)
            return (CollectionLoop(project, loop, local) ?? TripCount.Unknown("while condition"), false);
        var trips = induction.Solve(project, loop, scope, local);
        if (trips.Kind == TripKind.Known && trips.Count > 1 && ExitsEarly(loop.Body))
            trips = TripCount.Bounded(trips.Count, $"at most {trips.Count:0} ({trips.Reason}), leaves early");
        return (trips, true);
    }

    /// <summary>
    /// An induction variable of a <c>while</c> loop: a local read by the test, changed once per pass by
    /// one unconditional statement of the body (<c>i += c</c>, <c>i -= c</c>, <c>i *= c</c>,
    /// <c>i //= c</c>, <c>i &gt;&gt;= c</c>, <c>i = i + c</c>, ...) with a step that does not change in the
    /// loop, while every other name of the test keeps its value during the loop.
    /// </summary>
    private sealed record Induction(Symbol Variable, Name Read, BinaryOperator Op, Expr Step)
    {
        public static Induction? Find(ProjectModel project, While loop, Scope scope)
        {
            Induction? found = null;
            foreach (var read in Reads(loop.Test))
            {
                // Builtins and names of other scopes cannot change in the loop's own code.
                var symbol = BoundModule.Lookup(read.Id, scope);
                if (symbol is null || !ReferenceEquals(symbol.Scope, scope)) continue;
                var inside = symbol.Bindings.Where(b => IsInside(b.Site, loop)).ToList();
                if (inside.Count == 0) continue;
                if (inside.Count != 1 || found is not null && !ReferenceEquals(found.Variable, symbol)) return null;
                if (Update(inside[0]) is not { } update || !IsTopLevel(inside[0].Site, loop)) return null;
                if (Reads(update.Step).Any(n => BoundModule.Lookup(n.Id, scope) is { } s && s.Bindings.Any(b => IsInside(b.Site, loop)))) return null;
                found = new Induction(symbol, read, update.Op, update.Step);
            }
            return found;
        }

        /// <summary>Solves the loop by stepping the variable from its value before the loop until the
        /// test fails (doubling, then bisecting the number of steps).</summary>
        public TripCount Solve(ProjectModel project, While loop, Scope scope, ArgumentEnvironment? env)
        {
            var describe = $"{Variable.Name} {Verb()} until the loop test fails";
            var start = Initial(project, loop, env);
            var step = project.Constants.Evaluate(Step, scope, env) switch
            {
                IntValue i => i.Value,
                BoolValue b => b.Value ? BigInteger.One : BigInteger.Zero,
                _ => (BigInteger?)null,
            };
            if (start is null || step is null) return Open(Variable.Name, loop, project, scope, env);
            bool? Holds(BigInteger k) => After(start.Value, step.Value, k) is { } value
                ? ConstantEvaluator.Truth(project.Constants.EvaluateWith(loop.Test, scope, env, Variable, new IntValue(value)))
                : false;
            var first = Holds(0);
            if (first is null) return Open(Variable.Name, loop, project, scope, env);
            if (first == false) return TripCount.Known(0, describe);
            BigInteger low = 0, high = 1;
            while (true)
            {
                var h = Holds(high);
                if (h is null) return Open(Variable.Name, loop, project, scope, env);
                if (h == false) break;
                low = high;
                high *= 2;
                if ((double)high > MaxSimulatedTrips) return TripCount.Unknown($"{Variable.Name} {Verb()}: more than 1e18 passes");
            }
            // The test holds after `low` steps and fails after `high`: bisect for the first failure.
            while (high - low > 1)
            {
                var middle = (low + high) / 2;
                var h = Holds(middle);
                if (h is null) return Open(Variable.Name, loop, project, scope, env);
                if (h == true) low = middle;
                else high = middle;
            }
            return TripCount.Known(high, $"{Variable.Name} from {start} {Verb()}");
        }

        private string Verb() => Op switch
        {
            BinaryOperator.Add => "counting up by " + Render(Step),
            BinaryOperator.Sub => "counting down by " + Render(Step),
            BinaryOperator.Mult or BinaryOperator.LShift => "growing geometrically",
            _ => "shrinking geometrically",
        };

        private static string Render(Expr e) => e switch
        {
            Constant { Value: { } v } => v.ToString() ?? "?",
            Name n => n.Id,
            _ => "a step",
        };

        /// <summary>The value after <paramref name="k"/> passes; null where it no longer changes the test
        /// (a geometric sequence that reached zero or overflowed the folding bound).</summary>
        private BigInteger? After(BigInteger start, BigInteger step, BigInteger k)
        {
            switch (Op)
            {
                case BinaryOperator.Add: return start + step * k;
                case BinaryOperator.Sub: return start - step * k;
                case BinaryOperator.Mult:
                    if (BigInteger.Abs(step) < 2 || k > 4096) return k > 4096 ? null : start * BigInteger.Pow(step, (int)k);
                    return start * BigInteger.Pow(step, (int)k);
                case BinaryOperator.FloorDiv:
                    if (step < 2) return start;
                    return k > 4096 ? 0 : start / BigInteger.Pow(step, (int)k);
                case BinaryOperator.RShift: return k * step > 4096 ? 0 : start >> (int)(k * step);
                case BinaryOperator.LShift: return k * step > 4096 ? null : start << (int)(k * step);
                default: return null;
            }
        }

        /// <summary>The variable's value when the loop starts: every binding reaching the test from
        /// outside the loop must fold to the same integer.</summary>
        private BigInteger? Initial(ProjectModel project, While loop, ArgumentEnvironment? env)
        {
            IEnumerable<SymbolBinding> reaching = project.Flow.ReachingBindings(Read) is { } r ? r : Variable.Bindings;
            BigInteger? value = null;
            foreach (var b in reaching)
            {
                if (IsInside(b.Site, loop)) continue;
                BigInteger? v = b.Kind switch
                {
                    BindingKind.Parameter => env?.ValueOf(Variable) is IntValue p ? p.Value : null,
                    BindingKind.Assignment or BindingKind.AnnotatedAssignment when b.Value is not null =>
                        project.Constants.Evaluate(b.Value, project.ModuleOf(b.Value).ScopeOf(b.Value), env) switch
                        {
                            IntValue i => i.Value,
                            BoolValue bv => bv.Value ? 1 : 0,
                            _ => null,
                        },
                    _ => null,
                };
                if (v is null || (value is not null && value != v)) return null;
                value = v;
            }
            return value;
        }

        private static (BinaryOperator Op, Expr Step)? Update(SymbolBinding binding)
        {
            switch (binding.Site.Parent)
            {
                case AugAssign { Op: BinaryOperator.Add or BinaryOperator.Sub or BinaryOperator.Mult or BinaryOperator.FloorDiv or BinaryOperator.RShift or BinaryOperator.LShift } aug
                    when ReferenceEquals(aug.Target, binding.Site):
                    return (aug.Op, aug.Value);
                case Assign { Targets.Count: 1, Value: BinOp { Op: BinaryOperator.Add or BinaryOperator.Sub or BinaryOperator.Mult or BinaryOperator.FloorDiv } value } assign
                    when ReferenceEquals(assign.Targets[0], binding.Site) && value.Left is Name left && left.Id == binding.Symbol.Name:
                    return (value.Op, value.Right);
                case Assign { Targets.Count: 1, Value: BinOp { Op: BinaryOperator.Add or BinaryOperator.Mult } value } assign
                    when ReferenceEquals(assign.Targets[0], binding.Site) && value.Right is Name right && right.Id == binding.Symbol.Name:
                    return (value.Op, value.Left);
                default:
                    return null;
            }
        }

        /// <summary>The binding runs on every pass: a statement of the loop body itself, or of a
        /// <c>with</c> or <c>try</c> body directly in it.</summary>
        private static bool IsTopLevel(Node site, While loop)
        {
            Node? statement = site;
            while (statement is not null && statement is not Stmt) statement = statement.Parent;
            for (var n = statement; n is not null; n = n.Parent)
            {
                if (ReferenceEquals(n.Parent, loop)) return loop.Body.Contains(n);
                if (n.Parent is not (With or AsyncWith or Try or TryStar)) return false;
                if (n.Parent is Try t && !t.Body.Contains(n)) return false;
            }
            return false;
        }
    }

    /// <summary>
    /// A <c>while</c> loop whose passes follow a collection that its body changes on every pass: one that
    /// grows until its length reaches a bound (<c>while len(out) &lt; len(data): out += block(...)</c>, a
    /// stream cipher's key stream), or a worklist drained one item a pass (<c>while stack: node =
    /// stack.pop()</c>, a tree walk or a graph search that pushes what it finds). Its passes grow with
    /// the data when the bound or the worklist comes from data, and a worklist the loop refills follows
    /// the structure it walks; null when the loop is not of either shape.
    /// </summary>
    private static TripCount? CollectionLoop(ProjectModel project, While loop, ArgumentEnvironment? env)
    {
        var context = new EvaluationContext();
        switch (loop.Test)
        {
            case Compare { Ops: [var op], Comparators: [var right] } compare:
            {
                var (grown, bound) = op switch
                {
                    CompareOperator.Lt or CompareOperator.LtE when LengthOf(compare.Left) is { } x => (x, right),
                    CompareOperator.Gt or CompareOperator.GtE when LengthOf(right) is { } y => (y, compare.Left),
                    _ => (null, null),
                };
                if (grown is not null && bound is not null && Dotted(grown) is { } name && Grows(loop.Body, name))
                {
                    foreach (var read in AstWalker.DescendantsAndSelf(bound).OfType<Expr>())
                        if (read is Name or Attribute && DataOrigin(project, read, env, context, 0) is { } origin)
                            return TripCount.DataDependent(origin.Reason, origin.Source);
                    return null;
                }
                // while len(stack) > 0, while len(stack) != 0, while len(stack) >= 1
                if (op is CompareOperator.Gt or CompareOperator.NotEq or CompareOperator.GtE && LengthOf(compare.Left) is { } drained &&
                    right is Constant { Value: var v } && v is not bool && v?.ToString() is "0" or "1")
                    return Worklist(project, loop, drained, env, context);
                return null;
            }
            case Name or Attribute:
                return Worklist(project, loop, loop.Test, env, context);
            case Call call when LengthOf(call) is { } counted:
                return Worklist(project, loop, counted, env, context);
            default:
                return null;
        }
    }

    private static TripCount? Worklist(ProjectModel project, While loop, Expr collection, ArgumentEnvironment? env, EvaluationContext context)
    {
        if (Dotted(collection) is not { } name || !Drains(loop.Body, name)) return null;
        if (DataOrigin(project, collection, env, context, 0) is { } origin)
            return TripCount.DataDependent(origin.Reason, origin.Source);
        return AstWalker.DescendantsAndSelf(loop).Any(n => n is Call { Func: Attribute { Attr: var method } target } && Dotted(target.Value) == name &&
                                                            (FillingMethods.Contains(method) || ExtendingMethods.Contains(method)))
            ? TripCount.DataDependent($"the items the worklist {name} reaches")
            : null;
    }

    /// <summary>X of <c>len(X)</c>.</summary>
    private static Expr? LengthOf(Expr e) => e is Call { Func: Name { Id: "len" }, Args: [var x], Keywords.Count: 0 } ? x : null;

    /// <summary>True when a statement at the top of <paramref name="body"/> adds to the collection
    /// <paramref name="name"/> on every pass: <c>x += …</c>, <c>x = x + …</c>, <c>x.append(…)</c>,
    /// <c>x.extend(…)</c>.</summary>
    private static bool Grows(IReadOnlyList<Stmt> body, string name) => body.Any(statement => statement switch
    {
        AugAssign { Op: BinaryOperator.Add, Target: var target } => Dotted(target) == name,
        Assign { Targets: [var target], Value: BinOp { Op: BinaryOperator.Add, Left: var left } } => Dotted(target) == name && Dotted(left) == name,
        ExprStmt { Value: Call { Func: Attribute { Attr: var method } callee } } => Dotted(callee.Value) == name && (FillingMethods.Contains(method) || ExtendingMethods.Contains(method)),
        _ => false,
    });

    /// <summary>True when a statement at the top of <paramref name="body"/> takes an item off the
    /// collection <paramref name="name"/> on every pass: <c>x.pop()</c>, <c>x.popleft()</c>,
    /// <c>heapq.heappop(x)</c>, as a statement or an assignment's value.</summary>
    private static bool Drains(IReadOnlyList<Stmt> body, string name) => body.Any(statement =>
        (statement switch
        {
            ExprStmt e => e.Value,
            Assign a => a.Value,
            AnnAssign a => a.Value,
            _ => null,
        }) switch
        {
            Call { Func: Attribute { Attr: "pop" or "popleft" or "popitem" or "pop_front" } callee } => Dotted(callee.Value) == name,
            Call { Func: Attribute { Attr: "heappop" } or Name { Id: "heappop" }, Args: [var heap, ..] } => Dotted(heap) == name,
            _ => false,
        });

    /// <summary>The names a test reads.</summary>
    private static IEnumerable<Name> Reads(Expr e) =>
        AstWalker.DescendantsAndSelf(e).OfType<Name>().Where(n => n.Ctx == ExprContext.Load);

    /// <summary>A counting loop whose start or bound is not a constant: data-dependent when the names
    /// involved come from the function's parameters or from data.</summary>
    private static TripCount Open(string variable, While loop, ProjectModel project, Scope scope, ArgumentEnvironment? env)
    {
        foreach (var read in Reads(loop.Test))
            if (DataOrigin(project, read, env, new EvaluationContext(), 0) is { } origin)
                return origin.Source is { } source
                    ? TripCount.DataDependent($"counting loop of {variable} bounded by {source}", source)
                    : TripCount.DataDependent($"counting loop of {variable} bounded by {origin.Reason}");
        return TripCount.Unknown($"counting loop of {variable}");
    }

    /// <summary>An iterable of no constant length: where its length comes from.</summary>
    private static TripCount Open(ProjectModel project, Expr iter, ArgumentEnvironment? env, EvaluationContext context)
    {
        if (DataOrigin(project, iter, env, context, 0) is { } origin)
            return TripCount.DataDependent(origin.Reason, origin.Source);
        return TripCount.Unknown(UnknownReason(project, iter));
    }

    /// <summary>The iterable a <c>for</c> or comprehension target unpacks <paramref name="site"/> from.</summary>
    private static Expr? UnpackedFrom(Node site)
    {
        Node child = site;
        for (var n = site.Parent; n is Tuple or List or Starred or For or AsyncFor or Comprehension; n = n.Parent)
        {
            switch (n)
            {
                case For f when ReferenceEquals(f.Target, child):
                    return f.Iter;
                case AsyncFor f when ReferenceEquals(f.Target, child):
                    return f.Iter;
                case Comprehension c when ReferenceEquals(c.Target, child):
                    return c.Iter;
                case For or AsyncFor or Comprehension:
                    return null;
            }
            child = n;
        }
        return null;
    }

    /// <summary>Where a value's size comes from, followed through locals, element access, the usual
    /// wrappers (<c>enumerate</c>, <c>zip</c>, <c>sorted</c>, <c>range(len(x))</c>, <c>.items()</c>,
    /// <c>.split()</c>) and comprehensions: a catalogued data source (strongest), or a parameter or an
    /// attribute whose value callers supply.</summary>
    internal static (string Reason, string? Source)? DataOrigin(ProjectModel project, Expr e, ArgumentEnvironment? env, EvaluationContext context, int depth)
    {
        // Bounded in depth and in steps per question: the walk branches over bindings, returns and fills.
        if (depth == 0) _t_originSteps = 0;
        if (depth > MaxOriginDepth || ++_t_originSteps > MaxOriginSteps) return null;
        var scope = project.ModuleOf(e).ScopeOf(e);
        switch (e)
        {
            case Call call:
            {
                var site = project.CallGraph.SiteOf(call);
                if (site?.CatalogEntry is { DataSource: { } source }) return (source, source);
                if (call.Func is Attribute { Attr: "items" or "keys" or "values" or "split" or "splitlines" or "readlines" or "copy" } method && call.Args.Count <= 1)
                    return DataOrigin(project, method.Value, env, context, depth + 1);
                var callee = site?.CalleeName;
                if (callee is "builtins.enumerate" or "builtins.zip" or "builtins.sorted" or "builtins.reversed" or "builtins.list" or "builtins.tuple" or
                    "builtins.set" or "builtins.iter" or "builtins.filter" or "builtins.map" or "builtins.len" or "itertools.product" or
                    "itertools.combinations" or "itertools.permutations" or "itertools.chain" or "builtins.range" or "builtins.int" or "builtins.dict")
                {
                    // range's length grows with its stop only: a start or step from the data makes it
                    // shorter, not longer.
                    var sized = callee == "builtins.range" && call.Args.Count >= 2 && call.Args.All(a => a is not Starred) ? [call.Args[1]] : call.Args;
                    foreach (var a in sized)
                        if (DataOrigin(project, a is Starred st ? st.Value : a, env, context, depth + 1) is { } inner) return inner;
                    return null;
                }
                if (site is not null && site.CatalogEntry is null && site.Targets.Count > 0)
                {
                    // A project function's result: its returns' origins, or for a generator what the
                    // loops around its yields walk.
                    foreach (var target in site.Targets.Take(2))
                    {
                        foreach (var r in target.Function.Returns.Take(4))
                            if (DataOrigin(project, r, null, context, depth + 1) is { } returned) return returned;
                        if (target.Function.IsGenerator && GeneratedFrom(project, target.Function, context, depth + 1) is { } generated)
                            return generated;
                    }
                }
                return null;
            }
            case Name { Ctx: ExprContext.Load } name:
            {
                var symbol = BoundModule.Lookup(name.Id, scope);
                if (symbol is null) return null;
                IEnumerable<SymbolBinding> bindings = project.Flow.ReachingBindings(name) is { } r ? r : symbol.Bindings;
                foreach (var b in bindings)
                {
                    if (b.Kind == BindingKind.Parameter)
                    {
                        if (env?.FactOf(symbol) is { Constant: not null }) continue;
                        if (symbol.Scope.IsFunctionLike && b.Site is Arg arg && !IsReceiver(project, symbol, arg))
                            return ($"the values of parameter '{name.Id}'", null);
                        continue;
                    }
                    // A name unpacked from the items of data (`for key, rows in groups.items()`) holds a
                    // part of that data: iterating it walks data too.
                    if (b.Value is null && b.Kind is BindingKind.ForTarget or BindingKind.ComprehensionTarget &&
                        UnpackedFrom(b.Site) is { } unpackedFrom && DataOrigin(project, unpackedFrom, env, context, depth + 1) is { } whole)
                        return whole;
                    if (b.Value is { } value && b.Kind is BindingKind.Assignment or BindingKind.AnnotatedAssignment or BindingKind.ForTarget or
                            BindingKind.WithTarget or BindingKind.ComprehensionTarget or BindingKind.NamedExpression &&
                        DataOrigin(project, value, env, context, depth + 1) is { } origin)
                        return origin;
                    if (b.Value is { } empty && b.Kind is BindingKind.Assignment or BindingKind.AnnotatedAssignment && IsEmptyCollection(project, empty) &&
                        FilledFrom(project, symbol, env, context, depth + 1) is { } filled)
                        return filled;
                }
                return null;
            }
            case Attribute attribute when project.Values.CatalogAttribute(attribute, scope) is { DataSource: { } attributeSource }:
                return (attributeSource, attributeSource);
            case Attribute attribute when attribute.Value is Name { Id: "self" or "cls" }:
                // A class attribute that no instance assignment replaces (`extensions = ('.whl', '.zip')`
                // in the class body) is the class's own value, not something callers supply.
                if (ClassLevelValue(project, attribute, scope) is { } classValue)
                    return DataOrigin(project, classValue, null, context, depth + 1);
                return ($"the values of attribute 'self.{attribute.Attr}'", null);
            case Subscript subscript:
                return DataOrigin(project, subscript.Value, env, context, depth + 1);
            case Attribute { Value: Name { Ctx: ExprContext.Load } item } when IsItemOfLoop(project, item, scope):
                // A part of an item of data (`for epoch in epochs: for segment in epoch.segments`) is data
                // as the item is, as an element of it is.
                return DataOrigin(project, item, env, context, depth + 1);
            case ListComp or SetComp or GeneratorExp or DictComp:
            {
                var generators = e switch
                {
                    ListComp c => c.Generators,
                    SetComp c => c.Generators,
                    GeneratorExp c => c.Generators,
                    _ => ((DictComp)e).Generators,
                };
                foreach (var g in generators)
                    if (DataOrigin(project, g.Iter, env, context, depth + 1) is { } inner) return inner;
                return null;
            }
            case BinOp b:
                return DataOrigin(project, b.Left, env, context, depth + 1) ?? DataOrigin(project, b.Right, env, context, depth + 1);
            default:
                return null;
        }
    }

    /// <summary>A name bound only by loops (<c>for item in ...</c>, comprehension targets): an item of
    /// what the loop walks.</summary>
    private static bool IsItemOfLoop(ProjectModel project, Name name, Scope scope)
    {
        var bindings = project.Flow.ReachingBindings(name) ?? BoundModule.Lookup(name.Id, scope)?.Bindings;
        if (bindings is null) return false;
        var any = false;
        foreach (var b in bindings)
        {
            if (b.Kind is not (BindingKind.ForTarget or BindingKind.ComprehensionTarget)) return false;
            any = true;
        }
        return any;
    }

    private static readonly HashSet<string> FillingMethods = new(StringComparer.Ordinal) { "append", "add", "insert", "appendleft", "setdefault" };

    private static readonly HashSet<string> ExtendingMethods = new(StringComparer.Ordinal) { "extend", "update", "extendleft" };

    /// <summary>An empty list, dict or set (a literal, <c>list()</c>, <c>dict()</c>, <c>set()</c>,
    /// <c>defaultdict(list)</c>, <c>deque()</c>) that the code fills afterwards.</summary>
    private static bool IsEmptyCollection(ProjectModel project, Expr value) => value switch
    {
        List { Elts.Count: 0 } or Dict { Keys.Count: 0 } => true,
        Call { Args.Count: 0, Keywords.Count: 0 } call => project.CallGraph.SiteOf(call)?.CalleeName is "builtins.list" or "builtins.dict" or "builtins.set" or
            "collections.OrderedDict" or "collections.deque" or "collections.defaultdict",
        Call { Args.Count: 1, Keywords.Count: 0 } call => project.CallGraph.SiteOf(call)?.CalleeName == "collections.defaultdict",
        _ => false,
    };

    /// <summary>
    /// A collection that starts empty and is filled in a loop (<c>rows.append(x)</c>, <c>groups[k] = v</c>,
    /// <c>groups[k].append(v)</c> inside <c>for item in data</c>) or extended with data
    /// (<c>rows.extend(data)</c>) holds as many items as that data: its size is the data's.
    /// </summary>
    private static (string Reason, string? Source)? FilledFrom(ProjectModel project, Symbol symbol, ArgumentEnvironment? env, EvaluationContext context, int depth)
    {
        if (depth > MaxOriginDepth) return null;
        var scopeNode = symbol.Scope.Node;
        foreach (var reference in symbol.References.Take(32))
        {
            Node filler = reference;
            while (filler.Parent is Subscript { } element && ReferenceEquals(element.Value, filler)) filler = element;
            Expr? added = null;
            switch (filler.Parent)
            {
                case Attribute { Attr: var method } attribute when attribute.Parent is Call call && ReferenceEquals(call.Func, attribute) &&
                                                                    (FillingMethods.Contains(method) || ExtendingMethods.Contains(method)):
                    if (ExtendingMethods.Contains(method) && call.Args.Count == 1) added = call.Args[0];
                    break;
                case Assign assign when !ReferenceEquals(filler, reference) && assign.Targets.Contains(filler):
                case AugAssign augmented when !ReferenceEquals(filler, reference) && ReferenceEquals(augmented.Target, filler):
                    break;
                default:
                    continue;
            }

            if (added is not null && DataOrigin(project, added, env, context, depth + 1) is { } extended) return extended;
            for (var n = filler.Parent; n is not null && !ReferenceEquals(n, scopeNode); n = n.Parent)
            {
                if (n is FunctionDef or AsyncFunctionDef or Lambda or ClassDef) break;
                var origin = n switch
                {
                    For f when !IsInside(filler, f.Iter) => DataOrigin(project, f.Iter, env, context, depth + 1),
                    AsyncFor f when !IsInside(filler, f.Iter) => DataOrigin(project, f.Iter, env, context, depth + 1),
                    While w when StreamRead(project, w) is { } stream => ($"the chunks of {stream}", stream),
                    _ => null,
                };
                if (origin is not null) return origin;
            }
        }
        return null;
    }

    /// <summary>Where a generator's items come from: a generator yields once per pass of the loop around
    /// its <c>yield</c>, so its item count is that loop's (the data a <c>for</c> walks, the chunks a
    /// reading <c>while True</c> loop reads) or what it yields from.</summary>
    private static (string Reason, string? Source)? GeneratedFrom(ProjectModel project, Declarations.ProjectFunction generator, EvaluationContext context, int depth)
    {
        foreach (var node in Sizes.DataSources.OwnNodes(generator))
        {
            if (node is YieldFrom yieldFrom)
            {
                if (DataOrigin(project, yieldFrom.Value, null, context, depth + 1) is { } inner) return inner;
                continue;
            }

            if (node is not Yield yield) continue;
            for (var n = yield.Parent; n is not null && !ReferenceEquals(n, generator.Node); n = n.Parent)
            {
                var origin = n switch
                {
                    For f when !IsInside(yield, f.Iter) => DataOrigin(project, f.Iter, null, context, depth + 1),
                    AsyncFor f when !IsInside(yield, f.Iter) => DataOrigin(project, f.Iter, null, context, depth + 1),
                    While w when StreamRead(project, w) is { } stream => ($"the chunks of {stream}", stream),
                    _ => null,
                };
                if (origin is not null) return origin;
            }
        }
        return null;
    }

    /// <summary>The data a <c>while True</c> loop reads a piece of on every pass (<c>data = f.read(n)</c>,
    /// <c>row = cursor.fetchone()</c>): a call of its own body, outside nested functions and error
    /// handlers, that the call catalog names a data source. Such a loop runs once per chunk of the data.</summary>
    private static string? StreamRead(ProjectModel project, While loop)
    {
        foreach (var statement in loop.Body)
        {
            foreach (var node in AstWalker.DescendantsAndSelf(statement))
            {
                if (node is Call call && project.CallGraph.SiteOf(call)?.CatalogEntry is { DataSource: { } source } &&
                    !InNestedScopeOrHandler(call, loop))
                    return source;
            }
        }
        return null;
    }

    private static bool InNestedScopeOrHandler(Node node, Node loop)
    {
        for (var n = node.Parent; n is not null && !ReferenceEquals(n, loop); n = n.Parent)
            if (n is FunctionDef or AsyncFunctionDef or Lambda or ClassDef or ExceptHandler) return true;
        return false;
    }

    /// <summary>The class-body value of <c>self.attr</c>, when some class of the method's MRO in the
    /// project assigns it in its body once and no class of it assigns it through an instance.</summary>
    private static Expr? ClassLevelValue(ProjectModel project, Attribute attribute, Scope scope)
    {
        if (project.FunctionOf(scope.NearestNonComprehension.Node) is not { Class: { } cls }) return null;
        foreach (var c in cls.Mro.Count > 0 ? cls.Mro : [cls])
        {
            if (c.InstanceAttributes.ContainsKey(attribute.Attr)) return null;
            if (c.Scope.Symbols.TryGetValue(attribute.Attr, out var symbol))
                return symbol.Bindings is [{ Kind: BindingKind.Assignment or BindingKind.AnnotatedAssignment, Value: { } value }] ? value : null;
        }
        return null;
    }

    private static bool IsReceiver(ProjectModel project, Symbol symbol, Arg arg) =>
        project.FunctionOf(symbol.Scope.Node) is { ReceiverParameter: { } receiver } && ReferenceEquals(receiver.Node, arg);

    /// <summary>A <c>break</c> or <c>return</c> of this loop (not of a nested loop or function), outside
    /// <c>except</c> handlers.</summary>
    private static bool LeavesEarly(IReadOnlyList<Stmt> body)
    {
        foreach (var s in body.Each())
        {
            switch (s)
            {
                case Break or Return:
                case If i when LeavesEarly(i.Body) || LeavesEarly(i.Orelse):
                case With w when LeavesEarly(w.Body):
                case AsyncWith aw when LeavesEarly(aw.Body):
                case Try t when LeavesEarly(t.Body) || LeavesEarly(t.Orelse) || LeavesEarly(t.Finalbody):
                case TryStar ts when LeavesEarly(ts.Body) || LeavesEarly(ts.Orelse) || LeavesEarly(ts.Finalbody):
                case Match m when m.Cases.Any(c => LeavesEarly(c.Body)):
                case For f when ReturnsFrom(f.Body) || LeavesEarly(f.Orelse):
                case AsyncFor af when ReturnsFrom(af.Body) || LeavesEarly(af.Orelse):
                case While wl when ReturnsFrom(wl.Body) || LeavesEarly(wl.Orelse):
                    return true;
            }
        }
        return false;
    }

    /// <summary>A <c>return</c> anywhere in a nested loop's body (a <c>break</c> there only leaves that loop).</summary>
    private static bool ReturnsFrom(IReadOnlyList<Stmt> body)
    {
        foreach (var s in body.Each())
        {
            switch (s)
            {
                case Return:
                case If i when ReturnsFrom(i.Body) || ReturnsFrom(i.Orelse):
                case With w when ReturnsFrom(w.Body):
                case AsyncWith aw when ReturnsFrom(aw.Body):
                case Try t when ReturnsFrom(t.Body) || ReturnsFrom(t.Orelse) || ReturnsFrom(t.Finalbody):
                case For f when ReturnsFrom(f.Body) || ReturnsFrom(f.Orelse):
                case While wl when ReturnsFrom(wl.Body) || ReturnsFrom(wl.Orelse):
                case Match m when m.Cases.Any(c => ReturnsFrom(c.Body)):
                    return true;
            }
        }
        return false;
    }

    private static bool IsInside(Node node, Node ancestor)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
            if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    /// <summary>True when the loop body has a break, return or raise of its own (not one of a nested
    /// loop or function).</summary>
    private static bool ExitsEarly(IReadOnlyList<Stmt> body)
    {
        foreach (var s in body.Each())
        {
            switch (s)
            {
                case Break or Return or Raise:
                    return true;
                case If i when ExitsEarly(i.Body) || ExitsEarly(i.Orelse):
                    return true;
                case With w when ExitsEarly(w.Body):
                    return true;
                case AsyncWith w when ExitsEarly(w.Body):
                    return true;
                case Try t when ExitsEarly(t.Body) || ExitsEarly(t.Orelse) || ExitsEarly(t.Finalbody) ||
                                t.Handlers.OfType<ExceptHandler>().Any(h => ExitsEarly(h.Body)):
                    return true;
                case Match m when m.Cases.Any(c => ExitsEarly(c.Body)):
                    return true;
                case For f when ExitsEarly(f.Orelse):
                    return true;
                case While w when ExitsEarly(w.Orelse):
                    return true;
            }
        }
        return false;
    }

    private static string Describe(ProjectModel project, Expr iter, ArgumentEnvironment? env)
    {
        if (project.Constants.Evaluate(iter, env) is RangeValue r)
            return r.Start.IsZero && r.Step.IsOne ? $"range({r.Stop})" : $"range({r.Start}, {r.Stop}, {r.Step})";
        return iter switch
        {
            Name n => $"'{n.Id}'",
            Call { Func: var f } => $"{Dotted(f) ?? "call"}(...)",
            List or Tuple or Set or Dict => "a literal",
            Constant => "a literal",
            _ => "an iterable",
        };
    }

    private static string UnknownReason(ProjectModel project, Expr iter) => iter switch
    {
        Name n => $"iterates '{n.Id}'",
        Call { Func: var f } => $"iterates the result of {Dotted(f) ?? "a call"}(...)",
        Attribute a => $"iterates '{Dotted(a) ?? a.Attr}'",
        _ => "iterable of unknown length",
    };

    private static string? Dotted(Expr e) => e switch
    {
        Name n => n.Id,
        Attribute a when Dotted(a.Value) is { } left => left + "." + a.Attr,
        _ => null,
    };
}
