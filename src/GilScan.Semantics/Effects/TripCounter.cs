using System.Numerics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Effects;

/// <summary>Estimates how many times a loop runs: constant-folded iterables (<c>range(N)</c>, literals,
/// <c>len</c>-known sequences), <c>while i &lt; N</c> with a constant step, <c>while True</c>.</summary>
internal static class TripCounter
{
    public static TripCount ForIteration(ProjectModel project, Expr iter, ArgumentEnvironment env)
    {
        if (project.Constants.LengthOf(iter, env) is { } n) return TripCount.Known(n, Describe(project, iter, env));
        return TripCount.Unknown(UnknownReason(project, iter));
    }



    /// <summary>A <c>for</c> statement: the iteration count, unless the body can leave the loop with a
    /// <c>break</c> or <c>return</c> outside error handlers. Such a loop is a search (<c>for name in
    /// candidates: try: ... return</c>) whose usual count is far below its length, so the length is
    /// only an upper bound and the count is unknown.</summary>
    public static TripCount ForLoop(ProjectModel project, Expr iter, IReadOnlyList<Stmt> body, ArgumentEnvironment env)
    {
        var trips = ForIteration(project, iter, env);
        return trips.Kind == TripKind.Known && trips.Count > 1 && LeavesEarly(body)
            ? TripCount.Unknown($"at most {trips.Count:0} ({trips.Reason}), leaves early")
            : trips;
    }

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

    public static TripCount ForComprehension(ProjectModel project, IReadOnlyList<Comprehension> generators, ArgumentEnvironment env)
    {
        BigInteger product = 1;
        foreach (var g in generators.Each())
        {
            var n = project.Constants.LengthOf(g.Iter, env);
            if (n is null) return TripCount.Unknown(UnknownReason(project, g.Iter));
            product *= n.Value;
        }
        return TripCount.Known(product, string.Join(" x ", generators.Select(g => Describe(project, g.Iter, env))));
    }

    public static TripCount ForWhile(ProjectModel project, While loop, ArgumentEnvironment env)
    {
        var test = project.Constants.Evaluate(loop.Test, env);
        var truth = test switch
        {
            BoolValue b => b.Value,
            IntValue i => !i.Value.IsZero,
            _ => (bool?)null,
        };
        if (truth == false) return TripCount.Known(0, "while False");
        if (truth == true)
            return ExitsEarly(loop.Body) ? TripCount.Unknown("while True with a break") : TripCount.Unbounded("while True");
        if (CountingLoop(project, loop, env) is { } counted) return counted;
        return TripCount.Unknown("while condition");
    }

    /// <summary><c>i = I0 ... while i &lt; N: ... i += c</c> (and the mirrored forms), where I0, N and c
    /// fold and the loop is the only place that changes i.</summary>
    private static TripCount? CountingLoop(ProjectModel project, While loop, ArgumentEnvironment env)
    {
        if (loop.Test is not Compare { Ops.Count: 1, Left: Name counter } compare) return null;
        var limit = project.Constants.IntegerOf(compare.Comparators[0], env);
        if (limit is null) return null;
        var module = project.ModuleOf(loop);
        var symbol = BoundModule.Lookup(counter.Id, module.ScopeOf(loop));
        if (symbol is null) return null;
        BigInteger? start = null;
        BigInteger? step = null;
        foreach (var b in symbol.Bindings.Each())
        {
            if (b.Kind == BindingKind.Assignment && !IsInside(b.Site, loop) && start is null && b.Value is not null)
                start = project.Constants.IntegerOf(b.Value, env);
            else if (b.Kind == BindingKind.AugmentedAssignment && IsInside(b.Site, loop) && step is null &&
                     b.Site.Parent is AugAssign { Op: BinaryOperator.Add or BinaryOperator.Sub } aug &&
                     project.Constants.IntegerOf(aug.Value, env) is { } c)
                step = aug.Op == BinaryOperator.Add ? c : -c;
            else
                return null;
        }
        if (start is null || step is null || step.Value.IsZero) return null;
        var (from, to, by) = (start.Value, limit.Value, step.Value);
        BigInteger? trips = compare.Ops[0] switch
        {
            CompareOperator.Lt when by > 0 => to > from ? (to - from + by - 1) / by : 0,
            CompareOperator.LtE when by > 0 => to >= from ? (to - from) / by + 1 : 0,
            CompareOperator.Gt when by < 0 => from > to ? (from - to - by - 1) / -by : 0,
            CompareOperator.GtE when by < 0 => from >= to ? (from - to) / -by + 1 : 0,
            CompareOperator.NotEq when by > 0 && to >= from && (to - from) % by == 0 => (to - from) / by,
            _ => null,
        };
        return trips is null ? null : TripCount.Known(trips.Value, $"{counter.Id} from {from} to {to} by {by}");
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

    private static string Describe(ProjectModel project, Expr iter, ArgumentEnvironment env)
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

    private static string UnknownReason(ProjectModel project, Expr iter)
    {
        if (iter is Name name && BoundModule.Lookup(name.Id, project.ModuleOf(iter).ScopeOf(iter)) is { } symbol &&
            symbol.Has(SymbolFlags.Parameter) && symbol.Scope.IsFunctionLike)
            return $"iterates parameter '{name.Id}'";
        return iter switch
        {
            Name n => $"iterates '{n.Id}'",
            Call { Func: var f } => $"iterates the result of {Dotted(f) ?? "a call"}(...)",
            Attribute a => $"iterates '{Dotted(a) ?? a.Attr}'",
            _ => "iterable of unknown length",
        };
    }

    private static string? Dotted(Expr e) => e switch
    {
        Name n => n.Id,
        Attribute a when Dotted(a.Value) is { } left => left + "." + a.Attr,
        _ => null,
    };
}
