using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using GilScan.Syntax.Ast;
using static GilScan.Syntax.Generated.PythonParser;
using AstContext = GilScan.Syntax.Ast.ExprContext;
using ExprRule = GilScan.Syntax.Generated.PythonParser.ExprContext;

namespace GilScan.Syntax.Building;

internal sealed partial class AstBuilder
{
    /// <summary>`a, *b, c`: the grammar inlines its elements (a STAR token then an expr, or an
    /// expression); one element without a comma is that element, otherwise a Tuple.</summary>
    private Expr StarExpressions(Star_expressionsContext expressions)
    {
        if (expressions.ChildCount == 1 && expressions.GetChild(0) is ExpressionContext only) return Expression(only);
        var elements = new List<Expr>();
        var commas = 0;
        for (var i = 0; i < expressions.ChildCount; i++)
        {
            switch (expressions.GetChild(i))
            {
                case ITerminalNode { Symbol.Type: STAR } star:
                    var value = (ExprRule)expressions.GetChild(++i);
                    elements.Add(new Starred(Expr(value), AstContext.Load, Range(star.Symbol, value.Stop)));
                    break;
                case ITerminalNode:
                    commas++;
                    break;
                case ExpressionContext expression:
                    elements.Add(Expression(expression));
                    break;
            }
        }
        if (elements.Count == 1 && commas == 0) return elements[0];
        return new Tuple(elements, AstContext.Load, Range(expressions));
    }

    private Expr StarExpression(Star_expressionContext expression) =>
        expression.STAR() is not null
            ? new Starred(Expr(expression.expr()), AstContext.Load, Range(expression))
            : Expression(expression.expression());

    private Expr StarNamedExpression(Star_named_expressionContext expression)
    {
        if (expression.GetChild(0) is ITerminalNode) return new Starred(Expr(expression.expr()), AstContext.Load, Range(expression));
        return NamedExpressionParts(expression);
    }

    private Expr NamedExpression(Named_expressionContext expression) => NamedExpressionParts(expression);

    /// <summary>`expression (COLONEQUAL expression)?`, read from the children directly.</summary>
    private Expr NamedExpressionParts(ParserRuleContext expression)
    {
        var first = (ExpressionContext)expression.GetChild(0);
        if (expression.ChildCount == 1) return Expression(first);
        return Walrus(Expression(first), Expression((ExpressionContext)expression.GetChild(2)), Range(expression));
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
        if (expression.IF() is not { } conditional) return BooleanLayer(expression, expression.ChildCount);
        var body = BooleanLayer(expression, IndexOfChild(expression, conditional));
        return new IfExp(Disjunction(expression.disjunction()), body, Expression(expression.expression()), Range(expression));
    }

    private Expr Disjunction(DisjunctionContext disjunction) => BooleanLayer(disjunction, disjunction.ChildCount);

    private static int IndexOfChild(ParserRuleContext parent, IParseTree child)
    {
        for (var i = 0; i < parent.ChildCount; i++)
            if (ReferenceEquals(parent.GetChild(i), child)) return i;
        return parent.ChildCount;
    }

    private Expr YieldExpression(Yield_exprContext yield)
    {
        if (yield.FROM() is not null) return new YieldFrom(Expression(yield.expression()), Range(yield));
        return new Yield(yield.star_expressions() is { } value ? StarExpressions(value) : null, Range(yield));
    }

    // ----- not / and / or / comparisons --------------------------------------------------------

    /// <summary>
    /// The boolean layer, which the grammar keeps flat for speed: operands separated by `and`/`or`,
    /// each `not`* then a comparison chain. Precedence is applied here, as CPython's grammar has it:
    /// comparisons bind tightest, then `not`, then `and`, then `or`; a run of the same operator is
    /// one BoolOp (`a and b and c`), a parenthesised inner one stays a node of its own.
    /// </summary>
    private Expr BooleanLayer(ParserRuleContext layer, int childEnd)
    {
        var index = 0;
        var next = NotOperand(layer, ref index, childEnd);
        // Most layers are one operand without `and`/`or`: no groups to build.
        if (index >= childEnd) return next.Value;

        // Ranges come from tokens, not from the values: a parenthesised operand's node has its
        // inner range, but the BoolOp or `not` around it spans the parentheses.
        var orGroups = new List<Expr>(2);
        IToken? orStart = null, orStop = null;
        var andGroup = new List<Expr>(2);
        IToken? andStart = null, andStop = null;
        while (true)
        {
            var (operand, start, stop) = next;
            andGroup.Add(operand);
            andStart ??= start;
            andStop = stop;
            var separator = index < childEnd ? ((ITerminalNode)layer.GetChild(index)).Symbol.Type : -1;
            if (separator == AND)
            {
                index++;
                if (index >= childEnd) break;
                next = NotOperand(layer, ref index, childEnd);
                continue;
            }
            orGroups.Add(andGroup.Count == 1 ? andGroup[0] : new BoolOp(BoolOperator.And, andGroup, Range(andStart, andStop)));
            orStart ??= andStart;
            orStop = andStop;
            andGroup = new List<Expr>(2);
            andStart = null;
            if (separator != OR) break;
            index++;
            if (index >= childEnd) break;
            next = NotOperand(layer, ref index, childEnd);
        }
        return orGroups.Count == 1 ? orGroups[0] : new BoolOp(BoolOperator.Or, orGroups, Range(orStart!, orStop!));
    }

    /// <summary>`not`* followed by a comparison chain `expr (comp_op expr)*`, with its first and last token.</summary>
    private (Expr Value, IToken Start, IToken Stop) NotOperand(ParserRuleContext layer, ref int index, int childEnd)
    {
        // The `not` tokens are consecutive children: counted, not collected.
        var firstNot = index;
        while (layer.GetChild(index) is ITerminalNode { Symbol.Type: NOT }) index++;
        var notCount = index - firstNot;
        var first = (ExprRule)layer.GetChild(index++);
        var operand = Expr(first);
        var stop = first.Stop;
        if (index < childEnd && layer.GetChild(index) is Comp_opContext)
        {
            var ops = new List<CompareOperator>();
            var comparators = new List<Expr>();
            while (index < childEnd && layer.GetChild(index) is Comp_opContext op)
            {
                ops.Add(CompareOperatorOf(op));
                var comparator = (ExprRule)layer.GetChild(index + 1);
                comparators.Add(Expr(comparator));
                stop = comparator.Stop;
                index += 2;
            }
            operand = new Compare(operand, ops, comparators, Range(first.Start, stop));
        }
        for (var i = notCount - 1; i >= 0; i--)
            operand = new UnaryOp(UnaryOperator.Not, operand, Range(((ITerminalNode)layer.GetChild(firstNot + i)).Symbol, stop));
        return (operand, notCount > 0 ? ((ITerminalNode)layer.GetChild(firstNot)).Symbol : first.Start, stop);
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
        if (LeftOperand(expression) is null) return Primary(expression); // most are a name or a literal
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
            case AwaitExprContext a:
                // CPython's `await` takes a primary: another prefix operator after it is invalid
                // syntax at that operator, unless parenthesised. Checked before the operand is
                // built, so that in a chain the first such operator is the one reported.
                if (a.expr() is AwaitExprContext or UnaryExprContext) throw Error("invalid syntax", a.expr().Start);
                return new Await(Expr(a.expr()), range);
            case UnaryExprContext u:
                var op = u.op.Type switch { PLUS => UnaryOperator.UAdd, MINUS => UnaryOperator.USub, _ => UnaryOperator.Invert };
                return new UnaryOp(op, Expr(u.expr()), range);
            case NameAtomContext n: return new Name(Identifier(n.Start), AstContext.Load, range);
            case NumberAtomContext n: return NumberConstant(n.Start);
            case StringAtomContext s: return Strings(s);
            case SingletonAtomContext s:
                return new Constant(s.Start.Type switch { TRUE => true, FALSE => false, _ => null }, null, range);
            case EllipsisAtomContext: return new Constant(EllipsisValue.Instance, null, range);
            case ParenAtomContext p:
                if (p.yield_expr() is { } yield)
                {
                    var grouped = YieldExpression(yield);
                    _facts.AddGroup(grouped);
                    return grouped;
                }
                if (p.testlist_comp() is not { } inner)
                {
                    var empty = new Tuple([], AstContext.Load, range);
                    _facts.ParenthesizedTuples.Add(empty);
                    return empty;
                }
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
            _facts.AddGroup(single);
            return single;
        }
        var tuple = new Tuple(items.Select(StarNamedExpression).ToList(), AstContext.Load, parenthesesRange);
        _facts.ParenthesizedTuples.Add(tuple);
        return tuple;
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
            var conditions = clause.disjunction();
            var target = ForTarget(clause.star_targets());
            return new Comprehension(target, Disjunction(conditions[0]),
                conditions.Skip(1).Select(Disjunction).ToList(), clause.ASYNC() is not null ? 1 : 0);
        }).ToList();

    // ----- call arguments ----------------------------------------------------------------------

    private (List<Expr> Args, List<Keyword> Keywords) CallArguments(ArgumentsContext arguments, IToken open, IToken close)
    {
        var args = new List<Expr>();
        var keywords = new List<Keyword>();
        var seenKeyword = false;
        var seenDoubleStar = false;
        foreach (var argument in Children<ArgumentContext>(arguments))
        {
            // argument: STAR expression | DOUBLESTAR expression | expression (COLONEQUAL expression | EQUAL expression | comp_for)?
            var head = argument.GetChild(0);
            if (head is ITerminalNode { Symbol.Type: STAR })
            {
                if (seenDoubleStar) throw Error("iterable argument unpacking follows keyword argument unpacking", argument);
                args.Add(new Starred(Expression((ExpressionContext)argument.GetChild(1)), AstContext.Load, Range(argument)));
                continue;
            }
            if (head is ITerminalNode { Symbol.Type: DOUBLESTAR })
            {
                keywords.Add(new Keyword(null, Expression((ExpressionContext)argument.GetChild(1)), Range(argument)));
                seenDoubleStar = true;
                continue;
            }
            var first = (ExpressionContext)head;
            var second = argument.ChildCount > 1 ? argument.GetChild(1) : null;
            if (second is ITerminalNode { Symbol.Type: EQUAL })
            {
                if (first.Start != first.Stop || !IsNameToken(first.Start.Type))
                {
                    var target = Expression(first);
                    throw target is Constant { Value: true or false or null }
                        ? Error($"cannot assign to {ExpressionNames.Describe(target)}", target.Range)
                        : Error("expression cannot contain assignment, perhaps you meant \"==\"?", Range(argument));
                }
                keywords.Add(new Keyword(Identifier(first.Start), Expression((ExpressionContext)argument.GetChild(2)), Range(argument)));
                seenKeyword = true;
                continue;
            }
            Expr positional;
            if (second is ITerminalNode { Symbol.Type: COLONEQUAL })
            {
                positional = Walrus(Expression(first), Expression((ExpressionContext)argument.GetChild(2)), Range(argument));
            }
            else if (second is Comp_forContext comprehension)
            {
                if (arguments.ChildCount > 1)
                    throw Error("Generator expression must be parenthesized", argument);
                positional = new GeneratorExp(Expression(first), Comprehensions(comprehension), Range(open, close));
                _facts.BareGeneratorArguments.Add(positional);
            }
            else
            {
                positional = Expression(first);
            }
            // CPython raises these at the last token its parser fetched: the call's closing parenthesis.
            if (seenDoubleStar) throw Error("positional argument follows keyword argument unpacking", close);
            if (seenKeyword) throw Error("positional argument follows keyword argument", close);
            args.Add(positional);
        }
        return (args, keywords);
    }

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
