using System.Collections.Concurrent;
using GilScan.Semantics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// Finds, in one function's own code, the accesses that would race if the state were shared
/// (<see cref="StateAccess"/>): read-modify-writes and check-then-acts of non-local names, attributes and
/// items (GIL501), and iterations and size changes of built-in containers (GIL502). What is atomic under
/// free-threading comes from <see cref="FreeThreadingKnowledge"/>: an augmented assignment that changes a
/// list, dict, set or deque in place (<c>lst += [x]</c>) rebinds the same object and loses nothing; a single
/// call such as <c>d.setdefault(k, [])</c> or <c>lst.append(x)</c> is not a read-modify-write at all.
/// </summary>
public sealed class StateAccessFinder(ProjectModel model, FreeThreadingKnowledge knowledge)
{
    private static readonly HashSet<string> ItemMutators = new(StringComparer.Ordinal)
        { "append", "appendleft", "extend", "extendleft", "add", "update", "insert", "setdefault", "remove", "discard", "pop", "popleft" };

    private readonly ConcurrentDictionary<ProjectFunction, IReadOnlyList<StateAccess>> _byFunction = new();

    /// <summary>The accesses in <paramref name="function"/>'s own code, in source order.</summary>
    public IReadOnlyList<StateAccess> In(ProjectFunction function) => _byFunction.GetOrAdd(function, Find);

    private IReadOnlyList<StateAccess> Find(ProjectFunction function)
    {
        var found = new List<StateAccess>();
        var nodes = CodeShapes.OwnNodes(function).ToList();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case AugAssign augmented:
                    AugmentedAssignment(function, augmented, found);
                    break;
                case Assign assign:
                    Assignment(function, assign, found);
                    break;
                case If test:
                    CheckThenAct(function, test, nodes, found);
                    break;
                case While loop when NonEmptyTest(loop.Test) is { } drained && loop.Body.Any(s => PopsFrom(s, drained)) && ContainerKindOf(drained) is not null:
                    found.Add(new StateAccess(AccessKind.CheckThenAct, loop, drained, $"while {CodeShapes.Render(loop.Test)}: ...pop()",
                        null, "check-then-act (pop if not empty)"));
                    break;
                case Delete delete:
                    foreach (var target in delete.Targets)
                    {
                        if (target is Subscript { Value: var container } && ContainerKindOf(container) is not null)
                        {
                            found.Add(new StateAccess(AccessKind.SizeChange, delete, container, $"del {CodeShapes.Render(target)}", null, "deletion"));
                        }
                    }

                    break;
                case For loop:
                    Iteration(loop, loop.Iter, found);
                    break;
                case AsyncFor loop:
                    Iteration(loop, loop.Iter, found);
                    break;
                case Comprehension generator:
                    Iteration(generator, generator.Iter, found);
                    break;
                case Call call:
                    Call(call, found);
                    break;
                case Subscript { Ctx: ExprContext.Load, Value: var container } read
                    when ContainerKindOf(container)?.TypeName == "collections.defaultdict" && read.Parent is not (AugAssign or Delete):
                    found.Add(new StateAccess(AccessKind.SizeChange, read, container, CodeShapes.Render(read),
                        read.Slice, "defaultdict read (inserts a missing key)"));
                    break;
            }
        }

        return found;
    }

    private void AugmentedAssignment(ProjectFunction function, AugAssign augmented, List<StateAccess> found)
    {
        if (!IsStateTarget(function, augmented.Target))
        {
            return;
        }

        var op = CodeShapes.Operator(augmented.Op);
        var type = TypeOf(augmented.Target);
        if (knowledge.IsInPlace(type, op))
        {
            // In place on a container: no update is lost, but the container changes size.
            if (ContainerKindOf(augmented.Target) is not null)
            {
                found.Add(new StateAccess(AccessKind.SizeChange, augmented, augmented.Target, CodeShapes.Text(augmented), null, "in-place update"));
            }

            return;
        }

        if (type is null && op is "+=" or "|=" && augmented.Value is List or ListComp or Set or SetComp or Dict or DictComp)
        {
            return;
        }

        if (type is not null && knowledge.ThreadSafe.Contains(type))
        {
            return;
        }

        found.Add(new StateAccess(AccessKind.ReadModifyWrite, augmented, augmented.Target, CodeShapes.Text(augmented),
            (augmented.Target as Subscript)?.Slice, "augmented assignment"));
    }

    private void Assignment(ProjectFunction function, Assign assign, List<StateAccess> found)
    {
        foreach (var target in assign.Targets)
        {
            if (target is Subscript { Value: var container } item && ContainerKindOf(container) is { Kind: "dict" })
            {
                found.Add(new StateAccess(AccessKind.SizeChange, assign, container, CodeShapes.Text(assign), item.Slice, "item assignment"));
            }
        }

        if (assign.Targets.Count != 1 || !IsStateTarget(function, assign.Targets[0]) || !Combines(assign.Value, assign.Targets[0], 0))
        {
            return;
        }

        var state = assign.Targets[0];
        found.Add(new StateAccess(AccessKind.ReadModifyWrite, assign, state, CodeShapes.Text(assign), (state as Subscript)?.Slice, "read-modify-write"));
    }

    /// <summary>Whether <paramref name="value"/> computes the new value from the old one: an operand of an
    /// arithmetic or concatenation (<c>x + 1</c>), <c>d.get(k, 0)</c> for <c>d[k]</c>, or an argument of <c>max</c>/<c>min</c>.</summary>
    private static bool Combines(Expr value, Expr target, int depth)
    {
        if (depth > 6)
        {
            return false;
        }

        return value switch
        {
            BinOp b => Operand(b.Left, target, depth) || Operand(b.Right, target, depth),
            IfExp i => Combines(i.Body, target, depth + 1) || Combines(i.Orelse, target, depth + 1),
            Call { Func: Name { Id: "max" or "min" } } c => c.Args.Any(a => Operand(a, target, depth)),
            _ => false,
        };
    }

    private static bool Operand(Expr operand, Expr target, int depth) =>
        CodeShapes.Same(operand, target) || IsLookup(operand, target) || Combines(operand, target, depth + 1);

    /// <summary><c>d.get(k, ...)</c> or <c>d.setdefault(k, ...)</c> reading the item <c>d[k]</c>.</summary>
    private static bool IsLookup(Expr expression, Expr target) =>
        target is Subscript item && expression is Call { Func: Attribute { Attr: "get" or "setdefault", Value: var container }, Args: [var key, ..] } &&
        CodeShapes.Same(container, item.Value) && CodeShapes.Same(key, item.Slice);

    /// <summary>A name that is not local to the function (global or nonlocal), an attribute, or an item.</summary>
    private static bool IsStateTarget(ProjectFunction function, Expr target) => target switch
    {
        Name name => CodeShapes.SymbolOf(function.Module, name) is { } symbol && !ReferenceEquals(symbol.Scope, function.Scope),
        Attribute => true,
        Subscript { Slice: not Slice } => true,
        _ => false,
    };

    private void CheckThenAct(ProjectFunction function, If test, IReadOnlyList<Node> nodes, List<StateAccess> found)
    {
        // if k (not) in d: d[k] = [...] ... d[k].append(v): two threads both create d[k]; one list, with its items, is lost.
        if (Membership(test.Test) is var (key, container, present))
        {
            var created = AssignmentsIn(test).FirstOrDefault(a => a.Targets is [Subscript s] && CodeShapes.Same(s.Value, container) &&
                                                                  CodeShapes.Same(s.Slice, key) && DuplicateMatters(a.Value, container));
            if (created is not null && IsStateTarget(function, container) &&
                (!CodeShapes.IsFreshContainer(created.Value) || nodes.Any(n => !CodeShapes.IsWithin(n, created) && MutatesItem(n, container, key))))
            {
                found.Add(new StateAccess(AccessKind.CheckThenAct, test, container, $"if {CodeShapes.Render(test.Test)}: {CodeShapes.Text(created)}",
                    key, "check-then-act (create if missing)"));
                return;
            }

            // if k in d: del d[k] / d.pop(k): another thread may delete it first (KeyError).
            if (present && test.Body.Any(s => DeletesItem(s, container, key)))
            {
                found.Add(new StateAccess(AccessKind.CheckThenAct, test, container, $"if {CodeShapes.Render(test.Test)}: del ...",
                    key, "check-then-act (delete if present)"));
            }

            return;
        }

        // if q: q.pop(): another thread may empty it first (IndexError).
        if (NonEmptyTest(test.Test) is { } checkedContainer && test.Body.Any(s => PopsFrom(s, checkedContainer)) &&
            ContainerKindOf(checkedContainer) is not null)
        {
            found.Add(new StateAccess(AccessKind.CheckThenAct, test, checkedContainer, $"if {CodeShapes.Render(test.Test)}: ...pop()",
                null, "check-then-act (pop if not empty)"));
        }
    }

    /// <summary>Whether two threads that both create the item leave a visible difference: a container that is filled
    /// afterwards (one thread's items go to the list that is then replaced), a lock (two threads hold different
    /// locks for one key), or a value computed from the container (<c>len(d)</c>: two keys get one id).</summary>
    private bool DuplicateMatters(Expr value, Expr container) =>
        CodeShapes.IsFreshContainer(value) ||
        value is Call call && model.Values.QualifiedNameOf(call.Func) is { } callee && knowledge.Locks.Contains(callee) ||
        value is Call { Func: Name { Id: "len" }, Args: [var measured] } && CodeShapes.Same(measured, container);

    /// <summary><c>k in d</c>, <c>k not in d</c>, <c>not k in d</c>, <c>d.get(k) is None</c>: the key, the container, and whether
    /// the test is true when the key is present.</summary>
    private static (Expr Key, Expr Container, bool Present)? Membership(Expr test) => test switch
    {
        Compare { Ops: [CompareOperator.In], Comparators: [var c], Left: var k } => (k, c, true),
        Compare { Ops: [CompareOperator.NotIn], Comparators: [var c], Left: var k } => (k, c, false),
        UnaryOp { Op: UnaryOperator.Not, Operand: Compare { Ops: [CompareOperator.In], Comparators: [var c], Left: var k } } => (k, c, false),
        Compare { Left: Call { Func: Attribute { Attr: "get", Value: var c }, Args: [var k] }, Ops: [CompareOperator.Is], Comparators: [Constant { Value: null }] } => (k, c, false),
        _ => null,
    };

    private static IEnumerable<Assign> AssignmentsIn(If test) =>
        test.Body.Concat(test.Orelse).SelectMany(s => GilScan.Syntax.Ast.AstWalker.DescendantsAndSelf(s)).OfType<Assign>();

    private static bool MutatesItem(Node node, Expr container, Expr key)
    {
        bool IsItem(Expr e) => e is Subscript s && CodeShapes.Same(s.Value, container) && CodeShapes.Same(s.Slice, key);
        return node switch
        {
            Call { Func: Attribute { Value: var receiver, Attr: var method } } => ItemMutators.Contains(method) && IsItem(receiver),
            AugAssign a => IsItem(a.Target) || a.Target is Subscript inner && IsItem(inner.Value),
            Assign a => a.Targets.Any(t => t is Subscript inner && IsItem(inner.Value) || t is Attribute at && IsItem(at.Value)),
            _ => false,
        };
    }

    private static bool DeletesItem(Stmt statement, Expr container, Expr key) => statement switch
    {
        Delete d => d.Targets.Any(t => t is Subscript s && CodeShapes.Same(s.Value, container) && CodeShapes.Same(s.Slice, key)),
        _ => GilScan.Syntax.Ast.AstWalker.DescendantsAndSelf(statement).OfType<Call>().Any(c =>
            c.Func is Attribute { Attr: "pop", Value: var v } && CodeShapes.Same(v, container) && c.Args is [var k] && CodeShapes.Same(k, key)),
    };

    /// <summary><c>q</c>, <c>len(q)</c>, <c>len(q) &gt; 0</c>, <c>len(q) != 0</c> as a test: the container.</summary>
    private static Expr? NonEmptyTest(Expr test) => test switch
    {
        Name or Attribute => test,
        Call { Func: Name { Id: "len" }, Args: [var c] } => c,
        Compare { Left: Call { Func: Name { Id: "len" }, Args: [var c] }, Ops: [CompareOperator.Gt or CompareOperator.NotEq], Comparators: [Constant { Value: System.Numerics.BigInteger zero }] }
            when zero.IsZero => c,
        _ => null,
    };

    private static bool PopsFrom(Stmt statement, Expr container) =>
        GilScan.Syntax.Ast.AstWalker.DescendantsAndSelf(statement).OfType<Call>().Any(c =>
            c.Func is Attribute { Attr: "pop" or "popleft" or "popitem", Value: var v } && CodeShapes.Same(v, container) &&
            (c.Args.Count == 0 || c.Args is [Constant { Value: System.Numerics.BigInteger index }] && (index.IsZero || index == -1) || c.Args is [UnaryOp { Op: UnaryOperator.USub }]));

    private void Iteration(Node loop, Expr iterable, List<StateAccess> found)
    {
        if (IteratedContainer(iterable, 0) is { } container)
        {
            found.Add(new StateAccess(AccessKind.Iteration, loop, container, CodeShapes.Text(loop), null, "iteration"));
        }
    }

    /// <summary>The container a loop iterates live (not a copy): <c>d</c>, <c>d.items()</c>, <c>enumerate(lst)</c>.</summary>
    private Expr? IteratedContainer(Expr iterable, int depth)
    {
        if (depth > 3)
        {
            return null;
        }

        switch (iterable)
        {
            case Call { Func: Attribute { Attr: var method, Value: var container }, Args.Count: 0 } when ContainerKindOf(container) is { } kind && kind.Views.Contains(method):
                return container;
            case Call { Func: Name { Id: "enumerate" or "reversed" or "iter" }, Args: [var inner, ..] } call when IsBuiltin(call):
                return IteratedContainer(inner, depth + 1);
            case Name or Attribute or Subscript when ContainerKindOf(iterable) is not null:
                return iterable;
            default:
                return null;
        }
    }

    private void Call(Call call, List<StateAccess> found)
    {
        if (call.Func is Name && call.Args is [var argument] && model.Values.QualifiedNameOf(call.Func) is { } callee && knowledge.Consumers.Contains(callee))
        {
            Iteration(call, argument, found);
            return;
        }

        // d.update({k: d.get(k, 0) + 1}) / d.update(k=d["k"] + 1): reads the item, then writes it.
        if (call.Func is Attribute { Attr: "update", Value: var updated } && UpdatedFromItself(call, updated) is { } key)
        {
            found.Add(new StateAccess(AccessKind.ReadModifyWrite, call, updated, CodeShapes.Render(call), key, "read-modify-write"));
        }

        if (call.Func is Attribute { Attr: var method, Value: var container } && ContainerKindOf(container) is { } kind && kind.Changes(method))
        {
            found.Add(new StateAccess(AccessKind.SizeChange, call, container, CodeShapes.Render(call), null, method));
        }
    }

    /// <summary>The key of an item that <c>d.update({k: d.get(k, 0) + 1})</c> writes from its own old value.</summary>
    private static Expr? UpdatedFromItself(Call call, Expr container)
    {
        if (call.Args is not [Dict dict])
        {
            return null;
        }

        for (var i = 0; i < dict.Keys.Count; i++)
        {
            if (dict.Keys[i] is { } key && ReadsItem(dict.Values[i], container, key, 0))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> combines <c>container[key]</c> (or <c>container.get(key, ...)</c>) with something.</summary>
    private static bool ReadsItem(Expr value, Expr container, Expr key, int depth) =>
        depth <= 6 && value is BinOp b && new[] { b.Left, b.Right }.Any(operand =>
            operand is Subscript s && CodeShapes.Same(s.Value, container) && CodeShapes.Same(s.Slice, key) ||
            operand is Call { Func: Attribute { Attr: "get" or "setdefault", Value: var c }, Args: [var k, ..] } && CodeShapes.Same(c, container) && CodeShapes.Same(k, key) ||
            ReadsItem(operand, container, key, depth + 1));

    private bool IsBuiltin(Call call) => model.Values.QualifiedNameOf(call.Func)?.StartsWith("builtins.", StringComparison.Ordinal) == true;

    /// <summary>The type of a value (<see cref="ValueTypes"/>).</summary>
    public string? TypeOf(Expr expression) => ValueTypes.TypeOf(model, expression);

    /// <summary>The container entry of an expression's type, if it is a known container.</summary>
    public ContainerKind? ContainerKindOf(Expr expression) => knowledge.ContainerOf(TypeOf(expression));
}
