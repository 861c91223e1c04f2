using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Building;

/// <summary>Which statement a target stands in; it decides CPython's wording of the error.</summary>
internal enum TargetKind
{
    /// <summary>`x = ...`, `for x in`, `with ... as x`, comprehension `for x in`.</summary>
    Assign,
    /// <summary>`del x`.</summary>
    Delete,
}

/// <summary>
/// The parser reads assignment targets as ordinary expressions (one rule for both, which keeps the
/// grammar fast); this turns such an expression into a target the way CPython's
/// <c>_PyPegen_set_expr_context</c> does — Store/Del context on names, attributes, subscripts,
/// starred items and the tuples/lists holding them — and rejects what CPython's grammar would not
/// accept as a target, with CPython's message and location.
/// </summary>
internal static class TargetContext
{
    public static void Apply(Expr target, TargetKind kind)
    {
        var context = kind == TargetKind.Delete ? ExprContext.Del : ExprContext.Store;
        // Iterative over nested tuples/lists so that deep targets cannot overflow the stack.
        var pending = new Stack<Expr>();
        pending.Push(target);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            switch (node)
            {
                case Name name: name.Ctx = context; break;
                case Attribute attribute: attribute.Ctx = context; break;
                case Subscript subscript: subscript.Ctx = context; break;
                case Starred starred when kind == TargetKind.Assign:
                    starred.Ctx = context;
                    pending.Push(starred.Value);
                    break;
                case Tuple tuple:
                    tuple.Ctx = context;
                    for (var i = tuple.Elts.Count - 1; i >= 0; i--) pending.Push(tuple.Elts[i]);
                    break;
                case List list:
                    list.Ctx = context;
                    for (var i = list.Elts.Count - 1; i >= 0; i--) pending.Push(list.Elts[i]);
                    break;
                default:
                    throw Invalid(node, kind);
            }
        }
    }

    /// <summary>True when <paramref name="target"/> could be assigned to (no exception, no change).</summary>
    public static bool IsValid(Expr target, TargetKind kind) => FindInvalid(target, kind) is null;

    public static Expr? FindInvalid(Expr target, TargetKind kind)
    {
        var pending = new Stack<Expr>();
        pending.Push(target);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case Name or Attribute or Subscript: break;
                case Starred starred when kind == TargetKind.Assign: pending.Push(starred.Value); break;
                case Tuple tuple: foreach (var e in tuple.Elts) pending.Push(e); break;
                case List list: foreach (var e in list.Elts) pending.Push(e); break;
                case var invalid: return invalid;
            }
        }
        return null;
    }

    public static PythonSyntaxException Invalid(Expr node, TargetKind kind) => node switch
    {
        Yield or YieldFrom when kind == TargetKind.Assign =>
            new("assignment to yield expression not possible", node.Range),
        _ => new(kind == TargetKind.Delete
                ? $"cannot delete {ExpressionNames.Describe(node)}"
                : $"cannot assign to {ExpressionNames.Describe(node)}", node.Range),
    };

    /// <summary>The target of an augmented assignment (`x += 1`): a single name, attribute or subscript.</summary>
    public static void ApplyAugmented(Expr target)
    {
        switch (target)
        {
            case Name or Attribute or Subscript:
                Apply(target, TargetKind.Assign);
                break;
            default:
                throw new PythonSyntaxException(
                    $"'{ExpressionNames.Describe(target)}' is an illegal expression for augmented assignment", target.Range);
        }
    }
}
