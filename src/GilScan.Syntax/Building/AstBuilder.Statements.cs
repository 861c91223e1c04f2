using Antlr4.Runtime;
using GilScan.Syntax.Ast;
using static GilScan.Syntax.Generated.PythonParser;
using AstContext = GilScan.Syntax.Ast.ExprContext;

namespace GilScan.Syntax.Building;

internal sealed partial class AstBuilder
{
    private void AddStatements(StatementContext statement, List<Stmt> into)
    {
        if (statement.compound_stmt() is { } compound)
            into.Add(Compound(compound));
        else
            AddSimpleStatements(statement.simple_stmts(), into);
    }

    private void AddSimpleStatements(Simple_stmtsContext statements, List<Stmt> into)
    {
        foreach (var simple in Children<Simple_stmtContext>(statements)) into.Add(Simple(simple));
    }

    private List<Stmt> Block(BlockContext block)
    {
        var body = new List<Stmt>();
        if (block.simple_stmts() is { } simple)
        {
            AddSimpleStatements(simple, body);
            _facts.InlineBlockStarts.Add(body[0]);
        }
        else
            foreach (var statement in Children<StatementContext>(block)) AddStatements(statement, body);
        return body;
    }

    // ----- simple statements -------------------------------------------------------------------

    private Stmt Simple(Simple_stmtContext statement)
    {
        var range = Range(statement);
        switch (statement)
        {
            case ExprStmtContext e: return ExpressionStatement(e, range);
            case ReturnStmtContext r:
                return new Return(r.star_expressions() is { } value ? StarExpressions(value) : null, range);
            case ImportStmtContext i:
                return new Import(i.dotted_as_names().dotted_as_name().Select(ImportAlias).ToList(), range);
            case ImportFromStmtContext f: return ImportFrom(f, range);
            case RaiseStmtContext r:
                var raised = r.expression();
                return new Raise(raised.Length > 0 ? Expression(raised[0]) : null, raised.Length > 1 ? Expression(raised[1]) : null, range);
            case PassStmtContext: return new Pass(range);
            case BreakStmtContext: return new Break(range);
            case ContinueStmtContext: return new Continue(range);
            case DelStmtContext d: return new Delete(DeleteTargets(d.star_targets()), range);
            case YieldStmtContext y: return new ExprStmt(YieldExpression(y.yield_expr()), range);
            case AssertStmtContext a:
                var parts = a.expression();
                return new Assert(Expression(parts[0]), parts.Length > 1 ? Expression(parts[1]) : null, range);
            case GlobalStmtContext g: return new Global(g.name().Select(Identifier).ToList(), range);
            case NonlocalStmtContext n: return new Nonlocal(n.name().Select(Identifier).ToList(), range);
            case TypeAliasStmtContext t:
                return new TypeAlias(NameNode(t.name(), AstContext.Store), TypeParams(t.type_params()), Expression(t.expression()), range);
            default:
                throw Error("invalid syntax", statement);
        }
    }

    private Stmt ExpressionStatement(ExprStmtContext statement, SourceRange range)
    {
        var targetContext = (Star_expressionsContext)statement.GetChild(0);
        var first = StarExpressions(targetContext);
        // The right-hand sides, in order: every yield or star-expressions after the first child.
        var rhs = new List<Expr>();
        for (var i = 1; i < statement.ChildCount; i++)
        {
            switch (statement.GetChild(i))
            {
                case Yield_exprContext yield: rhs.Add(YieldExpression(yield)); break;
                case Star_expressionsContext expressions: rhs.Add(StarExpressions(expressions)); break;
            }
        }
        if (statement.COLON() is not null)
        {
            var target = first;
            switch (target)
            {
                case Tuple: throw Error("only single target (not tuple) can be annotated", target.Range);
                case List: throw Error("only single target (not list) can be annotated", target.Range);
                case Name or Attribute or Subscript: break;
                default: throw Error("illegal target for annotation", target.Range);
            }
            TargetContext.Apply(target, TargetKind.Assign);
            var simple = target is Name && targetContext.Start.Type != LPAR ? 1 : 0;
            return new AnnAssign(target, Expression(statement.expression()), rhs.Count > 0 ? rhs[0] : null, simple, range);
        }
        if (statement.augassign() is { } augmented)
        {
            TargetContext.ApplyAugmented(first);
            return new AugAssign(first, AugmentedOperator(augmented.Start.Type), rhs[0], range);
        }
        if (rhs.Count == 0) return new ExprStmt(first, range);

        var values = new List<Expr>(rhs.Count + 1) { first };
        values.AddRange(rhs);
        var targets = values.GetRange(0, values.Count - 1);
        for (var i = 0; i < targets.Count; i++)
        {
            if (TargetContext.FindInvalid(targets[i], TargetKind.Assign) is { } invalid)
                throw InvalidAssignment(targets[i], invalid, singleAssignment: targets.Count == 1, values[^1]);
            TargetContext.Apply(targets[i], TargetKind.Assign);
        }
        return new Assign(targets, values[^1], null, range);
    }

    /// <summary>CPython words a bad single target ("f() = 1") as a likely typo for '=='.</summary>
    private static PythonSyntaxException InvalidAssignment(Expr target, Expr invalid, bool singleAssignment, Expr value)
    {
        var likelyComparison = singleAssignment && ReferenceEquals(target, invalid)
            && invalid is not (List or Tuple or GeneratorExp or Yield or YieldFrom or Compare or BoolOp or IfExp or Lambda or NamedExpr)
            && invalid is not Constant { Value: null or bool }
            && !(invalid is UnaryOp { Op: UnaryOperator.Not })
            && value is not (Tuple or Yield or YieldFrom or Compare or BoolOp or IfExp or Lambda or NamedExpr or Starred);
        if (likelyComparison)
            return new PythonSyntaxException($"cannot assign to {ExpressionNames.Describe(invalid)} here. Maybe you meant '==' instead of '='?", invalid.Range);
        return TargetContext.Invalid(invalid, TargetKind.Assign);
    }

    private static BinaryOperator AugmentedOperator(int tokenType) => tokenType switch
    {
        PLUSEQUAL => BinaryOperator.Add,
        MINEQUAL => BinaryOperator.Sub,
        STAREQUAL => BinaryOperator.Mult,
        ATEQUAL => BinaryOperator.MatMult,
        SLASHEQUAL => BinaryOperator.Div,
        PERCENTEQUAL => BinaryOperator.Mod,
        AMPEREQUAL => BinaryOperator.BitAnd,
        VBAREQUAL => BinaryOperator.BitOr,
        CIRCUMFLEXEQUAL => BinaryOperator.BitXor,
        LEFTSHIFTEQUAL => BinaryOperator.LShift,
        RIGHTSHIFTEQUAL => BinaryOperator.RShift,
        DOUBLESTAREQUAL => BinaryOperator.Pow,
        DOUBLESLASHEQUAL => BinaryOperator.FloorDiv,
        _ => throw new InvalidOperationException($"not an augmented assignment token: {tokenType}"),
    };

    private Alias ImportAlias(Dotted_as_nameContext alias) =>
        new(DottedName(alias.dotted_name()), alias.name() is { } asName ? Identifier(asName) : null, Range(alias));

    private string DottedName(Dotted_nameContext dotted)
    {
        var names = dotted.name();
        return names.Length == 1 ? Identifier(names[0]) : string.Join('.', names.Select(n => Identifier(n)));
    }

    private ImportFrom ImportFrom(ImportFromStmtContext statement, SourceRange range)
    {
        var from = statement.import_from_module();
        var level = from.DOT().Length + 3 * from.ELLIPSIS().Length;
        var module = from.dotted_name() is { } dotted ? DottedName(dotted) : null;
        var targets = statement.import_targets();
        List<Alias> names;
        if (targets.STAR() is { } star)
        {
            names = [new Alias("*", null, Range(star))];
        }
        else
        {
            names = targets.import_as_names().import_as_name()
                .Select(n => new Alias(Identifier(n.name(0)), n.name().Length > 1 ? Identifier(n.name(1)) : null, Range(n)))
                .ToList();
        }
        return new ImportFrom(module, names, level, range);
    }

    private List<Expr> DeleteTargets(Star_targetsContext targets)
    {
        var result = new List<Expr>();
        foreach (var target in targets.star_target())
        {
            if (target.STAR() is not null) throw Error("cannot delete starred", target);
            var expression = Expr(target.expr());
            TargetContext.Apply(expression, TargetKind.Delete);
            result.Add(expression);
        }
        return result;
    }

    /// <summary>A `for` or comprehension target: one target, or a tuple of them without parentheses.</summary>
    private Expr ForTarget(Star_targetsContext targets)
    {
        var items = targets.star_target();
        Expr target = items.Length == 1 && targets.COMMA().Length == 0
            ? StarTarget(items[0])
            : new Tuple(items.Select(StarTarget).ToList(), AstContext.Store, Range(targets));
        TargetContext.Apply(target, TargetKind.Assign);
        return target;
    }

    private Expr StarTarget(Star_targetContext target) =>
        target.STAR() is not null
            ? new Starred(Expr(target.expr()), AstContext.Store, Range(target))
            : Expr(target.expr());

    // ----- compound statements -----------------------------------------------------------------

    private Stmt Compound(Compound_stmtContext statement)
    {
        switch (statement)
        {
            case IfStmtContext s: return IfStatement(s);
            case WhileStmtContext s:
            {
                var body = Block(s.block());
                var orelse = s.else_block() is { } e ? Block(e.block()) : [];
                return new While(NamedExpression(s.named_expression()), body, orelse, CompoundRange(s.Start, LastBlock(s)));
            }
            case ForStmtContext s:
            {
                var target = ForTarget(s.star_targets());
                var iterable = StarExpressions(s.star_expressions());
                var body = Block(s.block());
                var orelse = s.else_block() is { } e ? Block(e.block()) : [];
                var range = CompoundRange(s.Start, LastBlock(s));
                return s.ASYNC() is not null
                    ? new AsyncFor(target, iterable, body, orelse, null, range)
                    : new For(target, iterable, body, orelse, null, range);
            }
            case TryStmtContext s: return TryStatement(s);
            case WithStmtContext s:
            {
                var items = WithItems(s.with_items());
                var body = Block(s.block());
                var range = CompoundRange(s.Start, s.block());
                return s.ASYNC() is not null ? new AsyncWith(items, body, null, range) : new With(items, body, null, range);
            }
            case FunctionStmtContext s: return FunctionDefinition(s.function_def(), []);
            case ClassStmtContext s: return ClassDefinition(s.class_def(), []);
            case DecoratedStmtContext s:
            {
                var decorators = s.decorator().Select(d => NamedExpression(d.named_expression())).ToList();
                return s.function_def() is { } function
                    ? FunctionDefinition(function, decorators)
                    : ClassDefinition(s.class_def(), decorators);
            }
            case MatchStmtContext s: return MatchStatement(s);
            default: throw Error("invalid syntax", statement);
        }
    }

    private Stmt IfStatement(IfStmtContext statement)
    {
        var body = Block(statement.block());
        // ANTLR's child accessors scan the children, and the elif clauses are children of this
        // statement: looking the else block up per clause made long elif chains quadratic.
        var elseBlock = statement.else_block()?.block();
        List<Stmt> orelse = elseBlock is not null ? Block(elseBlock) : [];
        var elifs = statement.elif_clause();
        var chainEnd = elifs.Length > 0 ? BlockEndToken(elseBlock ?? elifs[^1].block()) : null;
        for (var i = elifs.Length - 1; i >= 0; i--)
        {
            var elifBody = Block(elifs[i].block());
            var elif = new If(NamedExpression(elifs[i].named_expression()), elifBody, orelse, Range(elifs[i].Start, chainEnd!));
            _facts.Elifs.Add(elif);
            orelse = [elif];
        }
        return new If(NamedExpression(statement.named_expression()), body, orelse, CompoundRange(statement.Start, LastBlock(statement)));
    }

    private Stmt TryStatement(TryStmtContext statement)
    {
        var body = Block(statement.block());
        var clauses = statement.except_clause();
        var handlers = new List<ExceptHandlerBase>(clauses.Length);
        var starred = clauses.Length > 0 && clauses[0].STAR() is not null;
        foreach (var clause in clauses)
        {
            if ((clause.STAR() is not null) != starred)
                throw Error("cannot have both 'except' and 'except*' on the same 'try'", clause);
            handlers.Add(ExceptClause(clause));
        }
        var orelse = statement.else_block() is { } e ? Block(e.block()) : [];
        var finalbody = statement.finally_block() is { } f ? Block(f.block()) : [];
        var range = CompoundRange(statement.Start, LastBlock(statement));
        return starred
            ? new TryStar(body, handlers, orelse, finalbody, range)
            : new Try(body, handlers, orelse, finalbody, range);
    }

    private ExceptHandler ExceptClause(Except_clauseContext clause)
    {
        var body = Block(clause.block());
        var types = clause.expression();
        Expr? type = null;
        if (types.Length == 1 && clause.COMMA().Length == 0)
        {
            type = Expression(types[0]);
        }
        else if (types.Length > 0)
        {
            // PEP 758 (3.14): `except A, B:` without parentheses, but not with `as`.
            if (clause.AS() is not null)
                throw Error("multiple exception types must be parenthesized when using 'as'", Range(types[0].Start, types[^1].Stop));
            type = new Tuple(types.Select(Expression).ToList(), AstContext.Load, Range(types[0].Start, clause.COMMA().Length >= types.Length ? clause.COMMA()[^1].Symbol : types[^1].Stop));
        }
        if (clause.STAR() is not null && type is null)
            throw Error("expected one or more exception types", clause);
        var name = clause.name() is { } n ? Identifier(n) : null;
        return new ExceptHandler(type, name, body, CompoundRange(clause.Start, clause.block()));
    }

    private List<WithItem> WithItems(With_itemsContext items) =>
        items.with_item().Select(item =>
        {
            Expr? target = null;
            if (item.star_target() is { } starTarget)
            {
                target = StarTarget(starTarget);
                TargetContext.Apply(target, TargetKind.Assign);
            }
            return new WithItem(Expression(item.expression()), target);
        }).ToList();

    private Stmt FunctionDefinition(Function_defContext function, List<Expr> decorators)
    {
        var name = Identifier(function.name());
        var typeParams = TypeParams(function.type_params());
        var arguments = function.parameters() is { } parameters ? FunctionParameters(parameters) : EmptyArguments();
        var returns = function.expression() is { } annotation ? Expression(annotation) : null;
        var body = Block(function.block());
        var range = CompoundRange(function.Start, function.block());
        return function.ASYNC() is not null
            ? new AsyncFunctionDef(name, arguments, body, decorators, returns, null, typeParams, range)
            : new FunctionDef(name, arguments, body, decorators, returns, null, typeParams, range);
    }

    private Stmt ClassDefinition(Class_defContext definition, List<Expr> decorators)
    {
        var name = Identifier(definition.name());
        var typeParams = TypeParams(definition.type_params());
        var (bases, keywords) = definition.arguments() is { } arguments
            ? CallArguments(arguments, definition.LPAR().Symbol, definition.RPAR().Symbol)
            : ([], []);
        var body = Block(definition.block());
        return new ClassDef(name, bases, keywords, body, decorators, typeParams, CompoundRange(definition.Start, definition.block()));
    }

    private Stmt MatchStatement(MatchStmtContext statement)
    {
        var subject = statement.subject();
        var items = subject.star_named_expression();
        var subjectExpression = items.Length == 1 && subject.COMMA().Length == 0
            ? StarNamedExpression(items[0])
            : new Tuple(items.Select(StarNamedExpression).ToList(), AstContext.Load, Range(subject));
        var cases = statement.case_block().Select(c => new MatchCase(
            CasePatterns(c.patterns()),
            c.named_expression() is { } guard ? NamedExpression(guard) : null,
            Block(c.block()))).ToList();
        return new Match(subjectExpression, cases, CompoundRange(statement.Start, LastBlock(statement)));
    }
}
