using Antlr4.Runtime;
using GilScan.Syntax.Ast;
using static GilScan.Syntax.Generated.PythonParser;
using AstContext = GilScan.Syntax.Ast.ExprContext;
using ExprRule = GilScan.Syntax.Generated.PythonParser.ExprContext;

namespace GilScan.Syntax.Building;

internal sealed partial class AstBuilder
{
    private Expr StarExpressions(Star_expressionsContext expressions)
    {
        var items = expressions.star_expression();
        if (items.Length == 1 && expressions.COMMA().Length == 0) return StarExpression(items[0]);
        return new Tuple(items.Select(StarExpression).ToList(), AstContext.Load, Range(expressions));
    }

    private Expr StarExpression(Star_expressionContext expression) =>
        expression.STAR() is not null
            ? new Starred(Expr(expression.expr()), AstContext.Load, Range(expression))
            : Expression(expression.expression());

    private Expr StarNamedExpression(Star_named_expressionContext expression) =>
        expression.STAR() is not null
            ? new Starred(Expr(expression.expr()), AstContext.Load, Range(expression))
            : NamedExpression(expression.named_expression());

    private Expr NamedExpression(Named_expressionContext expression)
    {
        var parts = expression.expression();
        if (expression.COLONEQUAL() is null) return Expression(parts[0]);
        return Walrus(Expression(parts[0]), Expression(parts[1]), Range(expression));
    }

    private static NamedExpr Walrus(Expr target, Expr value, SourceRange range)
    {
        if (target is not Name name)
            throw new PythonSyntaxException($"cannot use assignment expressions with {ExpressionNames.Describe(target)}", target.Range);
        name.Ctx = AstContext.Store;
        return new NamedExpr(name, value, range);
    }

    private Expr Expression(ExpressionContext expression)
    {
        Descend();
        try
        {
            return BuildExpression(expression);
        }
        finally
        {
            Ascend();
        }
    }

    private Expr BuildExpression(ExpressionContext expression)
    {
        if (expression.lambdef() is { } lambda)
            return new Lambda(lambda.lambda_parameters() is { } parameters ? LambdaParameters(parameters) : EmptyArguments(),
                Expression(lambda.expression()), Range(lambda));
        var operands = expression.bool_expr();
        if (expression.IF() is null) return BoolExpression(operands[0]);
        return new IfExp(BoolExpression(operands[1]), BoolExpression(operands[0]), Expression(expression.expression()), Range(expression));
    }

    private Expr YieldExpression(Yield_exprContext yield)
    {
        if (yield.FROM() is not null) return new YieldFrom(Expression(yield.expression()), Range(yield));
        return new Yield(yield.star_expressions() is { } value ? StarExpressions(value) : null, Range(yield));
    }

    // ----- not / and / or / comparisons --------------------------------------------------------

    private Expr BoolExpression(Bool_exprContext expression)
    {
        switch (expression)
        {
            case NotExprContext not:
                return new UnaryOp(UnaryOperator.Not, BoolExpression(not.bool_expr()), Range(not));
            case ComparisonContext comparison:
                return Comparison(comparison);
            case AndExprContext or OrExprContext:
                return BooleanChain(expression);
            default:
                throw Error("invalid syntax", expression);
        }
    }

    /// <summary>`a and b and c` is one BoolOp with three values; the parse tree nests to the left,
    /// so the chain is unrolled with a loop. A parenthesised inner chain stays a node of its own.</summary>
    private Expr BooleanChain(Bool_exprContext top)
    {
        var isAnd = top is AndExprContext;
        var rights = new List<Bool_exprContext>();
        var current = top;
        while (isAnd ? current is AndExprContext : current is OrExprContext)
        {
            var operands = current is AndExprContext and ? and.bool_expr() : ((OrExprContext)current).bool_expr();
            rights.Add(operands[1]);
            current = operands[0];
        }
        var values = new List<Expr>(rights.Count + 1) { BoolExpression(current) };
        for (var i = rights.Count - 1; i >= 0; i--) values.Add(BoolExpression(rights[i]));
        return new BoolOp(isAnd ? BoolOperator.And : BoolOperator.Or, values, Range(top));
    }

    private Expr Comparison(ComparisonContext comparison)
    {
        var operands = comparison.expr();
        if (operands.Length == 1) return Expr(operands[0]);
        var ops = comparison.comp_op().Select(CompareOperatorOf).ToList();
        return new Compare(Expr(operands[0]), ops, operands.Skip(1).Select(Expr).ToList(), Range(comparison));
    }

    private static CompareOperator CompareOperatorOf(Comp_opContext op) => op.Start.Type switch
    {
        LESS => CompareOperator.Lt,
        GREATER => CompareOperator.Gt,
        EQEQUAL => CompareOperator.Eq,
        GREATEREQUAL => CompareOperator.GtE,
        LESSEQUAL => CompareOperator.LtE,
        NOTEQUAL => CompareOperator.NotEq,
        IN => CompareOperator.In,
        NOT => CompareOperator.NotIn,
        IS => op.ChildCount > 1 ? CompareOperator.IsNot : CompareOperator.Is,
        _ => throw new InvalidOperationException($"not a comparison token: {op.Start.Type}"),
    };

    // ----- the `expr` rule: operators, primaries and atoms -------------------------------------

    /// <summary>Builds an `expr`: the left-recursive alternatives (attribute, call, subscript and binary
    /// operators) are unrolled along their left operands with a loop, then folded back up.</summary>
    private Expr Expr(ExprRule expression)
    {
        Descend();
        try
        {
            return BuildExpr(expression);
        }
        finally
        {
            Ascend();
        }
    }

    private Expr BuildExpr(ExprRule expression)
    {
        var chain = new List<ExprRule>();
        var current = expression;
        while (LeftOperand(current) is { } left)
        {
            chain.Add(current);
            current = left;
        }
        var result = Primary(current);
        for (var i = chain.Count - 1; i >= 0; i--) result = Extend(chain[i], result);
        return result;
    }

    private static ExprRule? LeftOperand(ExprRule expression) => expression switch
    {
        AttributeExprContext a => a.expr(),
        CallExprContext c => c.expr(),
        SubscriptExprContext s => s.expr(),
        PowerExprContext p => p.expr(0),
        TermExprContext t => t.expr(0),
        SumExprContext s => s.expr(0),
        ShiftExprContext s => s.expr(0),
        BitAndExprContext b => b.expr(0),
        BitXorExprContext b => b.expr(0),
        BitOrExprContext b => b.expr(0),
        _ => null,
    };

    private Expr Extend(ExprRule expression, Expr left)
    {
        var range = Range(expression);
        switch (expression)
        {
            case AttributeExprContext a: return new Attribute(left, Identifier(a.attr), AstContext.Load, range);
            case CallExprContext c:
            {
                var (args, keywords) = c.arguments() is { } arguments
                    ? CallArguments(arguments, c.LPAR().Symbol, c.RPAR().Symbol)
                    : ([], []);
                return new Call(left, args, keywords, range);
            }
            case SubscriptExprContext s: return new Subscript(left, Slices(s.slices()), AstContext.Load, range);
            case PowerExprContext p: return new BinOp(left, BinaryOperator.Pow, Expr(p.expr(1)), range);
            case TermExprContext t: return new BinOp(left, BinaryOperatorOf(t.op.Type), Expr(t.expr(1)), range);
            case SumExprContext s: return new BinOp(left, BinaryOperatorOf(s.op.Type), Expr(s.expr(1)), range);
            case ShiftExprContext s: return new BinOp(left, BinaryOperatorOf(s.op.Type), Expr(s.expr(1)), range);
            case BitAndExprContext b: return new BinOp(left, BinaryOperator.BitAnd, Expr(b.expr(1)), range);
            case BitXorExprContext b: return new BinOp(left, BinaryOperator.BitXor, Expr(b.expr(1)), range);
            case BitOrExprContext b: return new BinOp(left, BinaryOperator.BitOr, Expr(b.expr(1)), range);
            default: throw Error("invalid syntax", expression);
        }
    }

    private static BinaryOperator BinaryOperatorOf(int tokenType) => tokenType switch
    {
        STAR => BinaryOperator.Mult,
        SLASH => BinaryOperator.Div,
        DOUBLESLASH => BinaryOperator.FloorDiv,
        PERCENT => BinaryOperator.Mod,
        AT => BinaryOperator.MatMult,
        PLUS => BinaryOperator.Add,
        MINUS => BinaryOperator.Sub,
        LEFTSHIFT => BinaryOperator.LShift,
        RIGHTSHIFT => BinaryOperator.RShift,
        _ => throw new InvalidOperationException($"not a binary operator token: {tokenType}"),
    };

    private Expr Primary(ExprRule expression)
    {
        var range = Range(expression);
        switch (expression)
        {
            case AwaitExprContext a: return new Await(Expr(a.expr()), range);
            case UnaryExprContext u:
                var op = u.op.Type switch { PLUS => UnaryOperator.UAdd, MINUS => UnaryOperator.USub, _ => UnaryOperator.Invert };
                return new UnaryOp(op, Expr(u.expr()), range);
            case NameAtomContext n: return new Name(Identifier(n.Start), AstContext.Load, range);
            case NumberAtomContext n: return NumberConstant(n.Start);
            case StringAtomContext s: return Strings(s.strings());
            case SingletonAtomContext s:
                return new Constant(s.Start.Type switch { TRUE => true, FALSE => false, _ => null }, null, range);
            case EllipsisAtomContext: return new Constant(EllipsisValue.Instance, null, range);
            case ParenAtomContext p:
                if (p.yield_expr() is { } yield) return YieldExpression(yield);
                if (p.testlist_comp() is not { } inner) return new Tuple([], AstContext.Load, range);
                return ParenthesisedContents(inner, range);
            case ListAtomContext l:
                if (l.testlist_comp() is not { } items) return new List([], AstContext.Load, range);
                if (items.comp_for() is { } listFor)
                    return new ListComp(ComprehensionElement(items.star_named_expression(0)), Comprehensions(listFor), range);
                return new List(items.star_named_expression().Select(StarNamedExpression).ToList(), AstContext.Load, range);
            case DictOrSetAtomContext d:
                return d.dict_or_set() is { } contents ? DictOrSet(contents, range) : new Dict([], [], range);
            default:
                throw Error("invalid syntax", expression);
        }
    }

    private Expr ParenthesisedContents(Testlist_compContext inner, SourceRange parenthesesRange)
    {
        var items = inner.star_named_expression();
        if (inner.comp_for() is { } comprehension)
            return new GeneratorExp(ComprehensionElement(items[0]), Comprehensions(comprehension), parenthesesRange);
        if (items.Length == 1 && inner.COMMA().Length == 0)
        {
            var single = StarNamedExpression(items[0]);
            if (single is Starred) throw Error("cannot use starred expression here", single.Range);
            return single;
        }
        return new Tuple(items.Select(StarNamedExpression).ToList(), AstContext.Load, parenthesesRange);
    }

    private Expr ComprehensionElement(Star_named_expressionContext element)
    {
        var value = StarNamedExpression(element);
        if (value is Starred) throw Error("iterable unpacking cannot be used in comprehension", value.Range);
        return value;
    }

    private Expr DictOrSet(Dict_or_setContext contents, SourceRange range)
    {
        var items = contents.dict_or_set_item();
        var isDict = items[0] is DictUnpackItemContext || (items[0] is KeyValueOrSetItemContext first && first.COLON() is not null);
        if (contents.comp_for() is { } comprehension)
        {
            switch (items[0])
            {
                case DictUnpackItemContext unpack: throw Error("dict unpacking cannot be used in dict comprehension", unpack);
                case SetStarItemContext star: throw Error("iterable unpacking cannot be used in comprehension", star);
                case KeyValueOrSetItemContext item when item.COLON() is not null:
                    return new DictComp(NamedExpression(item.named_expression()), Expression(item.expression()), Comprehensions(comprehension), range);
                case KeyValueOrSetItemContext item:
                    return new SetComp(NamedExpression(item.named_expression()), Comprehensions(comprehension), range);
            }
        }
        if (isDict)
        {
            var keys = new List<Expr?>(items.Length);
            var values = new List<Expr>(items.Length);
            foreach (var item in items)
            {
                switch (item)
                {
                    case DictUnpackItemContext unpack:
                        keys.Add(null);
                        values.Add(Expr(unpack.expr()));
                        break;
                    case KeyValueOrSetItemContext pair when pair.COLON() is not null:
                        keys.Add(NamedExpression(pair.named_expression()));
                        values.Add(Expression(pair.expression()));
                        break;
                    default:
                        throw Error("':' expected after dictionary key", item);
                }
            }
            return new Dict(keys, values, range);
        }
        var elements = new List<Expr>(items.Length);
        foreach (var item in items)
        {
            switch (item)
            {
                case SetStarItemContext star: elements.Add(new Starred(Expr(star.expr()), AstContext.Load, Range(star))); break;
                case KeyValueOrSetItemContext single when single.COLON() is null: elements.Add(NamedExpression(single.named_expression())); break;
                default: throw Error("invalid syntax", item);
            }
        }
        return new Set(elements, range);
    }

    private List<Comprehension> Comprehensions(Comp_forContext comprehension) =>
        comprehension.comp_clause().Select(clause =>
        {
            var conditions = clause.bool_expr();
            var target = ForTarget(clause.star_targets());
            return new Comprehension(target, BoolExpression(conditions[0]),
                conditions.Skip(1).Select(BoolExpression).ToList(), clause.ASYNC() is not null ? 1 : 0);
        }).ToList();

    // ----- call arguments ----------------------------------------------------------------------

    private (List<Expr> Args, List<Keyword> Keywords) CallArguments(ArgumentsContext arguments, IToken open, IToken close)
    {
        var args = new List<Expr>();
        var keywords = new List<Keyword>();
        var all = arguments.argument();
        var seenKeyword = false;
        var seenDoubleStar = false;
        foreach (var argument in all)
        {
            switch (argument)
            {
                case StarArgumentContext star:
                    if (seenDoubleStar) throw Error("iterable argument unpacking follows keyword argument unpacking", star);
                    args.Add(new Starred(Expression(star.expression()), AstContext.Load, Range(star)));
                    break;
                case DoubleStarArgumentContext doubleStar:
                    keywords.Add(new Keyword(null, Expression(doubleStar.expression()), Range(doubleStar)));
                    seenDoubleStar = true;
                    break;
                case PlainArgumentContext plain:
                    var parts = plain.expression();
                    if (plain.EQUAL() is not null)
                    {
                        var nameExpression = parts[0];
                        if (nameExpression.Start != nameExpression.Stop || !IsNameToken(nameExpression.Start.Type))
                        {
                            var target = Expression(nameExpression);
                            throw target is Constant { Value: true or false or null }
                                ? Error($"cannot assign to {ExpressionNames.Describe(target)}", target.Range)
                                : Error("expression cannot contain assignment, perhaps you meant \"==\"?", Range(plain));
                        }
                        keywords.Add(new Keyword(Identifier(nameExpression.Start), Expression(parts[1]), Range(plain)));
                        seenKeyword = true;
                        break;
                    }
                    Expr positional;
                    if (plain.COLONEQUAL() is not null)
                    {
                        positional = Walrus(Expression(parts[0]), Expression(parts[1]), Range(plain));
                    }
                    else if (plain.comp_for() is { } comprehension)
                    {
                        if (all.Length > 1 || arguments.COMMA().Length > 0)
                            throw Error("Generator expression must be parenthesized", plain);
                        positional = new GeneratorExp(ComprehensionElementOf(parts[0]), Comprehensions(comprehension), Range(open, close));
                    }
                    else
                    {
                        positional = Expression(parts[0]);
                    }
                    if (seenDoubleStar) throw Error("positional argument follows keyword argument unpacking", plain);
                    if (seenKeyword) throw Error("positional argument follows keyword argument", plain);
                    args.Add(positional);
                    break;
            }
        }
        return (args, keywords);
    }

    private Expr ComprehensionElementOf(ExpressionContext element) => Expression(element);

    private static bool IsNameToken(int type) => type is NAME or MATCH or CASE or TYPE;

    // ----- subscripts --------------------------------------------------------------------------

    private Expr Slices(SlicesContext slices)
    {
        var items = slices.slice();
        if (items.Length == 1 && slices.COMMA().Length == 0)
        {
            // `a[*b]` is a one-element tuple in CPython's AST, comma or not (PEP 646).
            var single = Slice(items[0]);
            return single is Starred ? new Tuple([single], AstContext.Load, single.Range) : single;
        }
        return new Tuple(items.Select(Slice).ToList(), AstContext.Load, Range(slices));
    }

    private Expr Slice(SliceContext slice)
    {
        switch (slice)
        {
            case StarSliceContext star:
                return new Starred(Expr(star.expr()), AstContext.Load, Range(star));
            case PlainSliceContext plain:
                var lower = NamedExpression(plain.named_expression());
                return plain.slice_tail() is { } tail ? SliceWithTail(lower, tail, Range(plain)) : lower;
            case LowerlessSliceContext lowerless:
                return SliceWithTail(null, lowerless.slice_tail(), Range(lowerless));
            default:
                throw Error("invalid syntax", slice);
        }
    }

    private Slice SliceWithTail(Expr? lower, Slice_tailContext tail, SourceRange range)
    {
        var colons = tail.COLON();
        Expr? upper = null, step = null;
        foreach (var part in tail.expression())
        {
            if (colons.Length == 2 && part.Start.TokenIndex > colons[1].Symbol.TokenIndex) step = Expression(part);
            else upper = Expression(part);
        }
        return new Slice(lower, upper, step, range);
    }
}
