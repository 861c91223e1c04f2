using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Processes;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>Questions about the shape of code that the free-threading analysis asks of the AST.</summary>
public static class CodeShapes
{
    /// <summary>Every node of <paramref name="function"/>'s own code, in source order: its body with
    /// comprehensions and nested class bodies, without the bodies of nested functions and lambdas.</summary>
    public static IEnumerable<Node> OwnNodes(ProjectFunction function)
    {
        IEnumerable<Node> roots = function.Node switch
        {
            FunctionDef f => f.Body,
            AsyncFunctionDef f => f.Body,
            Lambda l => [l.Body],
            Module m => m.Body,
            _ => [],
        };
        var stack = new Stack<Node>(roots.Reverse());
        var children = new List<Node>();
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (node is FunctionDef or AsyncFunctionDef or Lambda)
            {
                continue;
            }

            children.Clear();
            node.AppendChildren(children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>True when <paramref name="node"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(Node node, Node ancestor)
    {
        for (Node? n = node; n is not null; n = n.Parent)
        {
            if (ReferenceEquals(n, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost loop (for, while, comprehension) whose body runs <paramref name="node"/>
    /// repeatedly, below <paramref name="stop"/> (the function's node); null when it runs once per call.
    /// A <c>for</c> over a one-element display is not a loop.</summary>
    public static Node? InnermostLoop(Node node, Node stop)
    {
        Node? below2 = null;
        var below = node;
        for (var p = node.Parent; p is not null && !ReferenceEquals(p, stop); below2 = below, below = p, p = p.Parent)
        {
            switch (p)
            {
                case For f when !ReferenceEquals(below, f.Iter) && !Holds(f.Orelse, below) && !IsSingleItem(f.Iter):
                case AsyncFor af when !ReferenceEquals(below, af.Iter) && !Holds(af.Orelse, below):
                case While w when !Holds(w.Orelse, below):
                    return p;
                case ListComp or SetComp or DictComp or GeneratorExp when !IsFirstIterable(p, below, below2):
                    return p;
                case FunctionDef or AsyncFunctionDef or Lambda or ClassDef:
                    return null;
            }
        }

        return null;
    }

    private static bool Holds(IReadOnlyList<Stmt> statements, Node node) => statements.Any(s => ReferenceEquals(s, node));

    private static bool IsSingleItem(Expr iterable) => iterable is List { Elts.Count: 1 } or Tuple { Elts.Count: 1 };

    /// <summary>The first iterable of a comprehension is evaluated once, before the loop.</summary>
    private static bool IsFirstIterable(Node comprehension, Node below, Node? below2) =>
        below is Comprehension generator && ReferenceEquals(below2, generator.Iter) && comprehension switch
        {
            ListComp c => ReferenceEquals(c.Generators[0], generator),
            SetComp c => ReferenceEquals(c.Generators[0], generator),
            DictComp c => ReferenceEquals(c.Generators[0], generator),
            GeneratorExp c => ReferenceEquals(c.Generators[0], generator),
            _ => false,
        };

    /// <summary>The same variable, attribute or item written the same way (<c>self.total</c>, <c>counts[w]</c>,
    /// <c>d["hits"]</c>): names, attribute chains and subscripts with such keys or constants.</summary>
    public static bool Same(Expr? a, Expr? b) => (a, b) switch
    {
        (Name x, Name y) => x.Id == y.Id,
        (Attribute x, Attribute y) => x.Attr == y.Attr && Same(x.Value, y.Value),
        (Subscript x, Subscript y) => Same(x.Value, y.Value) && Same(x.Slice, y.Slice),
        (Constant x, Constant y) => Equals(x.Value, y.Value),
        (Tuple x, Tuple y) => x.Elts.Count == y.Elts.Count && x.Elts.Zip(y.Elts).All(p => Same(p.First, p.Second)),
        (UnaryOp x, UnaryOp y) => x.Op == y.Op && Same(x.Operand, y.Operand),
        _ => false,
    };

    /// <summary>The text of an augmented operator: "+=".</summary>
    public static string Operator(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+=",
        BinaryOperator.Sub => "-=",
        BinaryOperator.Mult => "*=",
        BinaryOperator.MatMult => "@=",
        BinaryOperator.Div => "/=",
        BinaryOperator.Mod => "%=",
        BinaryOperator.Pow => "**=",
        BinaryOperator.LShift => "<<=",
        BinaryOperator.RShift => ">>=",
        BinaryOperator.BitOr => "|=",
        BinaryOperator.BitXor => "^=",
        BinaryOperator.BitAnd => "&=",
        BinaryOperator.FloorDiv => "//=",
        _ => "?=",
    };

    /// <summary>A short rendering of a statement for messages ("hits += 1", "counts[w] = counts.get(w, 0) + 1").</summary>
    public static string Text(Node node) => node switch
    {
        AugAssign a => $"{Render(a.Target)} {Operator(a.Op)} {Render(a.Value)}",
        Assign a => $"{string.Join(" = ", a.Targets.Select(t => Render(t)))} = {Render(a.Value)}",
        If i => $"if {Render(i.Test)}: ...",
        For f => $"for {Target(f.Target)} in {Render(f.Iter)}",
        AsyncFor f => $"async for {Target(f.Target)} in {Render(f.Iter)}",
        Comprehension c => $"for {Target(c.Target)} in {Render(c.Iter)}",
        Expr e => Render(e),
        _ => node.GetType().Name,
    };

    private static string Target(Expr target) => target is Tuple t ? string.Join(", ", t.Elts.Select(e => Render(e))) : Render(target);

    /// <summary>An expression as Python source, close to what was written; long or deep parts become "…".</summary>
    public static string Render(Expr expression)
    {
        var text = Render(expression, 0);
        return text.Length <= 80 ? text : text[..79] + "…";
    }

    private static string Render(Expr e, int depth)
    {
        if (depth > 6)
        {
            return "…";
        }

        string R(Expr x) => Render(x, depth + 1);
        return e switch
        {
            Name n => n.Id,
            Attribute a => $"{R(a.Value)}.{a.Attr}",
            Subscript s => $"{R(s.Value)}[{(s.Slice is Tuple t && t.Elts.Count > 0 ? string.Join(", ", t.Elts.Select(R)) : R(s.Slice))}]",
            Slice sl => $"{(sl.Lower is null ? "" : R(sl.Lower))}:{(sl.Upper is null ? "" : R(sl.Upper))}",
            Call c => $"{R(c.Func)}({string.Join(", ", c.Args.Select(R).Concat(c.Keywords.Select(k => (k.Arg is null ? "**" : k.Arg + "=") + R(k.Value))))})",
            BinOp b => $"{R(b.Left)} {Operator(b.Op)[..^1]} {R(b.Right)}",
            Compare c => R(c.Left) + string.Concat(c.Ops.Zip(c.Comparators).Select(p => $" {Comparison(p.First)} {R(p.Second)}")),
            UnaryOp { Op: UnaryOperator.Not } u => $"not {R(u.Operand)}",
            UnaryOp { Op: UnaryOperator.USub } u => $"-{R(u.Operand)}",
            Tuple t => $"({string.Join(", ", t.Elts.Select(R))}{(t.Elts.Count == 1 ? "," : "")})",
            List l => $"[{string.Join(", ", l.Elts.Select(R))}]",
            Set st => $"{{{string.Join(", ", st.Elts.Select(R))}}}",
            Dict { Keys.Count: 0 } => "{}",
            Starred st => $"*{R(st.Value)}",
            IfExp i => $"{R(i.Body)} if {R(i.Test)} else {R(i.Orelse)}",
            Constant => ExpressionText.Of(e),
            _ => ExpressionText.Of(e),
        };
    }

    private static string Comparison(CompareOperator op) => op switch
    {
        CompareOperator.Eq => "==",
        CompareOperator.NotEq => "!=",
        CompareOperator.Lt => "<",
        CompareOperator.LtE => "<=",
        CompareOperator.Gt => ">",
        CompareOperator.GtE => ">=",
        CompareOperator.Is => "is",
        CompareOperator.IsNot => "is not",
        CompareOperator.In => "in",
        CompareOperator.NotIn => "not in",
        _ => "?",
    };

    /// <summary>The last identifier of a name, attribute chain or call ("self._lock" → "_lock", "get_lock()" → "get_lock").</summary>
    public static string? LastIdentifier(Expr expression) => expression switch
    {
        Name n => n.Id,
        Attribute a => a.Attr,
        Call c => LastIdentifier(c.Func),
        Subscript s => LastIdentifier(s.Value),
        _ => null,
    };

    /// <summary>A fresh, empty or literal mutable container: <c>[]</c>, <c>{}</c>, <c>set()</c>, <c>list()</c>, <c>defaultdict(int)</c>.</summary>
    public static bool IsFreshContainer(Expr value) => value switch
    {
        List or Dict or Set or ListComp or DictComp or SetComp => true,
        Call { Func: Name { Id: "list" or "dict" or "set" or "bytearray" } } => true,
        Call { Func: Name { Id: "defaultdict" or "deque" or "Counter" or "OrderedDict" } } => true,
        Call { Func: Attribute { Attr: "defaultdict" or "deque" or "Counter" or "OrderedDict", Value: Name { Id: "collections" } } } => true,
        _ => false,
    };

    /// <summary>The symbol a Name reads or binds, following <c>global</c>/<c>nonlocal</c> declarations.</summary>
    public static Symbol? SymbolOf(BoundModule module, Name name) => module.Resolve(name);
}
