using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Building;

/// <summary>Which of CPython 3.13's two nesting limits a tree passes, and where.</summary>
internal sealed record NestingFailure(string Message, LocatedNode At);

/// <summary>
/// CPython 3.13's nesting limits, applied to a tree that our parser accepted, so that gilscan rejects
/// exactly what <c>ast.parse</c> rejects (tools/measure_cpython_limits.py measures them):
/// <list type="number">
/// <item>Its parser stops when more than <see cref="ParserStack"/> grammar rules are active at once
/// ("Parser stack overflowed - Python source too complex to parse", a MemoryError). The count here
/// follows CPython's grammar (Grammar/python.gram) rule by rule: which rule parses each part of a
/// statement, how many rules lie between them, and, since the parser memoises <c>expression</c>,
/// where a subexpression is parsed first: at the start of a statement and after each <c>=</c>, the
/// parser first tries the text as an assignment target, which parses calls' arguments and
/// subscripts through the shallower <c>t_primary</c> rule.</item>
/// <item>Converting the tree to Python objects stops when the tree is deeper than
/// <see cref="TreeDepth"/> nodes ("maximum recursion depth exceeded during ast construction", a
/// RecursionError): C recursion allowed (10,000) less what a plain call of ast.parse already
/// holds (3).</item>
/// </list>
/// Iterative throughout (explicit stacks), like every walk of a tree CPython may reject for depth.
/// </summary>
internal sealed class CPythonNesting
{
    /// <summary>CPython's MAXSTACK: the most grammar rules active at once.</summary>
    public const int ParserStack = 6000;

    /// <summary>
    /// The rules the parser may hold, at the deepest point, in its second pass over a file with a syntax
    /// error: CPython parses such a file again with its invalid_ rules on, to find the message, and those
    /// alternatives hold a few more rules at once (measured on CPython 3.13: 4 more for an assignment
    /// of a `not`, `-` or ternary chain, a call argument, a lambda chain; 5 for an elif chain; 7 for an
    /// expression statement). The smallest of these is taken: a construct within a few rules of the
    /// limit may still overflow in CPython only.
    /// </summary>
    public const int ErrorPassParserStack = ParserStack - 4;

    /// <summary>The deepest tree, counted in nodes from the Module (1), that ast.parse converts.</summary>
    public const int TreeDepth = 9997;

    public const string ParserStackMessage = "Parser stack overflowed - Python source too complex to parse";

    public const string TreeDepthMessage = "maximum recursion depth exceeded during ast construction";

    // Positions of the rules of CPython's precedence chain, counted in active rules below
    // `expression`; a left-recursive rule adds its `_raw` helper (one more) before the next rule.
    private const int StarExpressionsRule = -2;
    private const int ExpressionRule = 0;
    private const int DisjunctionRule = 1;
    private const int ConjunctionRule = 2;
    private const int InversionRule = 3;
    private const int ComparisonRule = 4;
    private const int BitwiseOrRule = 5;
    private const int BitwiseXorRule = 7;
    private const int BitwiseAndRule = 9;
    private const int ShiftRule = 11;
    private const int SumRule = 13;
    private const int TermRule = 15;
    private const int FactorRule = 17;
    private const int PowerRule = 18;
    private const int AwaitPrimaryRule = 19;
    private const int PrimaryRule = 20;
    private const int AtomRule = 22;

    // A simple statement at level P reaches `atom` through star_expressions (P+1) even when it is
    // `pass`: the parser tries an expression statement before the keyword statements. There, any
    // token but a name, True, False or None goes one rule further: `atom` looks ahead for a string
    // through a group of three token types, which is a rule of its own.
    private const int SimpleStatementToAtom = 25;
    private const int StringLookahead = 1;

    private readonly SyntaxFacts _facts;
    private readonly Stack<Work> _pending = new();
    // Expressions (and the trailers of primaries) already parsed at a known level: the parser's
    // memo answers any later attempt without going deeper.
    private readonly HashSet<Node> _parsedTrailers = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Node> _parsedExpressions = new(ReferenceEqualityComparer.Instance);
    private int _deepest;
    private LocatedNode? _deepestAt;

    private CPythonNesting(SyntaxFacts facts) => _facts = facts;

    /// <summary>
    /// The most parser rules CPython 3.13 keeps active per level of the tree or of brackets, with a
    /// wide margin: the deepest step measured is a call argument, about 24 rules from one call's
    /// <c>primary</c> down to the next (<c>f(g(x))</c> in CPythonNestingLimitTests);
    /// CPythonNestingBoundTests checks the bound on every chain shape and on real files.
    /// </summary>
    internal const int RulesPerLevelBound = 50;

    /// <summary>Rules active above the first statement, with the same margin.</summary>
    internal const int RulesAboveTreeBound = 50;

    /// <summary>The limit <paramref name="module"/> breaks, or null when CPython 3.13 accepts its depth.</summary>
    /// <param name="bracketDepth">The deepest nesting of brackets in the source: parentheses add
    /// parser rules without adding a node to the tree.</param>
    /// <param name="parserStack">The most rules allowed: <see cref="ParserStack"/>, or
    /// <see cref="ErrorPassParserStack"/> for the part of a file before a syntax error.</param>
    public static NestingFailure? Check(Module module, SyntaxFacts facts, int bracketDepth, int parserStack = ParserStack)
    {
        var (treeDepth, tooDeep) = TreeDepthOf(module);
        // Every way CPython's parser nests rules deeper (an operand, an argument, a block, `not`,
        // `elif`, a lambda's body) is a level of the tree or a bracket; the precedence chains in
        // between are bounded. So a shallow file cannot reach the parser's limit, and the exact
        // rule-by-rule count below, which costs as much as building the tree, is only needed for
        // deep ones.
        if (RulesAboveTreeBound + RulesPerLevelBound * (long)(treeDepth + bracketDepth) <= parserStack) return null;
        var deepest = ParserStackDepth(module, facts, out var at);
        if (deepest > parserStack && at is not null) return new NestingFailure(ParserStackMessage, at);
        return tooDeep is not null ? new NestingFailure(TreeDepthMessage, tooDeep) : null;
    }

    /// <summary>The most grammar rules CPython 3.13's parser holds at once on <paramref name="module"/>, and where.</summary>
    internal static int ParserStackDepth(Module module, SyntaxFacts facts, out LocatedNode? at)
    {
        var nesting = new CPythonNesting(facts);
        nesting.Statements(module.Body, 4);
        nesting.Run();
        at = nesting._deepestAt;
        return nesting._deepest;
    }

    /// <summary>The depth of the tree in nodes (the Module is 1), and the first node deeper than
    /// <see cref="TreeDepth"/> (or null).</summary>
    internal static (int Depth, LocatedNode? TooDeep) TreeDepthOf(Module module)
    {
        var stack = new Stack<(Node Node, int Depth)>();
        var children = new List<Node>();
        stack.Push((module, 1));
        LocatedNode? lastLocated = null;
        var deepest = 0;
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (node is LocatedNode located) lastLocated = located;
            if (depth > TreeDepth) return (depth, lastLocated);
            deepest = Math.Max(deepest, depth);
            children.Clear();
            node.AppendChildren(children);
            foreach (var child in children) stack.Push((child, depth + 1));
        }

        return (deepest, null);
    }

    /// <summary>The deepest nesting of (), [] and {} among <paramref name="tokens"/>.</summary>
    internal static int BracketDepth(IReadOnlyList<Antlr4.Runtime.IToken> tokens)
    {
        int depth = 0, deepest = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            switch (tokens[i].Type)
            {
                case Generated.PythonLexer.LPAR or Generated.PythonLexer.LSQB or Generated.PythonLexer.LBRACE:
                    if (++depth > deepest) deepest = depth;
                    break;
                case Generated.PythonLexer.RPAR or Generated.PythonLexer.RSQB or Generated.PythonLexer.RBRACE:
                    depth--;
                    break;
            }
        }
        return deepest;
    }

    private abstract record Work;

    /// <summary>A statement whose `statement` rule is active at <paramref name="Level"/>, after <paramref name="Previous"/> in its block.</summary>
    private sealed record StatementWork(Stmt Statement, Stmt? Previous, int Level) : Work;

    /// <summary>A simple statement whose `simple_stmt` rule is active at <paramref name="Level"/>.</summary>
    private sealed record SimpleWork(Stmt Statement, int Level) : Work;

    /// <summary>An expression the parser enters through rule <paramref name="Rule"/>, active at <paramref name="Level"/>.</summary>
    private sealed record ExpressionWork(Expr Expression, int Rule, int Level) : Work;

    /// <summary>A primary chain parsed as an assignment target: `t_primary` active at <paramref name="Level"/>.</summary>
    private sealed record TargetWork(Expr Chain, int Level) : Work;

    private void Run()
    {
        while (_pending.Count > 0)
        {
            switch (_pending.Pop())
            {
                case StatementWork s: Statement(s.Statement, s.Previous, s.Level); break;
                case SimpleWork s: Simple(s.Statement, s.Level); break;
                case TargetWork t: TargetChain(t.Chain, t.Level); break;
                case ExpressionWork e: Expression(e.Expression, e.Rule, e.Level); break;
            }
        }
    }

    private void Reach(int level, LocatedNode at)
    {
        if (level > _deepest)
        {
            _deepest = level;
            _deepestAt = at;
        }
    }

    private void Enter(Expr? expression, int rule, int level)
    {
        if (expression is not null) _pending.Push(new ExpressionWork(expression, rule, level));
    }

    // ----- statements ------------------------------------------------------------------------

    /// <param name="level">The level of the `statement` rule of each statement of the block.</param>
    private void Statements(IReadOnlyList<Stmt> body, int level)
    {
        for (var i = 0; i < body.Count; i++) _pending.Push(new StatementWork(body[i], i > 0 ? body[i - 1] : null, level));
        // After the last statement, `statement+` tries one more, which fails on the DEDENT (or the
        // end) as a simple statement would on a keyword: simple_stmt at +2, atom +25, lookahead +1.
        if (body.Count > 0) Reach(level + 2 + SimpleStatementToAtom + StringLookahead, body[^1]);
    }

    /// <summary>A block after a header: indented (statements at <paramref name="blockLevel"/>+3) or on the header's line (simple statements at +2).</summary>
    private void Block(IReadOnlyList<Stmt> body, int blockLevel)
    {
        if (body.Count > 0 && _facts.InlineBlockStarts.Contains(body[0]))
        {
            SimpleStatements(body, blockLevel + 1, body.Count);
            return;
        }

        Statements(body, blockLevel + 3);
    }

    /// <summary>`simple_stmts` at <paramref name="level"/>: the first statement at +1, those after a ';' at +3.</summary>
    private void SimpleStatements(IReadOnlyList<Stmt> statements, int level, int count)
    {
        for (var i = 0; i < count && i < statements.Count; i++) _pending.Push(new SimpleWork(statements[i], level + (i == 0 ? 1 : 3)));
    }

    private void Statement(Stmt statement, Stmt? previous, int level)
    {
        // compound_stmt at +1, the statement's own rule at +2.
        var rule = level + 2;
        switch (statement)
        {
            case If s:
                IfClause(s, rule);
                return;
            case While s:
                Reach(rule, s);
                NamedExpressionAt(s.Test, rule + 2);
                Block(s.Body, rule + 1);
                ElseBlock(s.Orelse, rule + 1);
                return;
            case For or AsyncFor:
                var (target, iter, forBody, forElse) = statement is For f ? (f.Target, f.Iter, f.Body, f.Orelse) : ((AsyncFor)statement) is var af ? (af.Target, af.Iter, af.Body, af.Orelse) : default;
                Reach(rule, statement);
                Enter(target, StarExpressionsRule, rule + 1);
                Enter(iter, StarExpressionsRule, rule + 1);
                Block(forBody, rule + 1);
                ElseBlock(forElse, rule + 1);
                return;
            case With or AsyncWith:
                var (items, withBody) = statement is With w ? (w.Items, w.Body) : (((AsyncWith)statement).Items, ((AsyncWith)statement).Body);
                Reach(rule, statement);
                for (var i = 0; i < items.Count; i++)
                {
                    // ','.with_item+ : the first item at +2, the others in the gather's loop at +3.
                    var item = rule + (i == 0 ? 2 : 3);
                    Enter(items[i].ContextExpr, ExpressionRule, item + 1);
                    Enter(items[i].OptionalVars, ExpressionRule, item + 1);
                }

                Block(withBody, rule + 1);
                return;
            case Try or TryStar:
                var (tryBody, handlers, tryElse, finalBody) = statement is Try t ? (t.Body, t.Handlers, t.Orelse, t.Finalbody) : (((TryStar)statement).Body, ((TryStar)statement).Handlers, ((TryStar)statement).Orelse, ((TryStar)statement).Finalbody);
                Reach(rule, statement);
                Block(tryBody, rule + 1);
                foreach (var handler in handlers.OfType<ExceptHandler>())
                {
                    // except_block+ : the loop at +1, except_block at +2, its block at +3.
                    Enter(handler.Type, ExpressionRule, rule + 3);
                    Block(handler.Body, rule + 3);
                }

                ElseBlock(tryElse, rule + 1);
                ElseBlock(finalBody, rule + 1);
                return;
            case FunctionDef or AsyncFunctionDef:
                Function(statement, level, rule);
                return;
            case ClassDef c:
                Reach(rule, c);
                Decorators(c.DecoratorList, rule);
                // class_def_raw at +1, the '(' arguments ')' group at +2, arguments at +3.
                Arguments(c.Bases, c.Keywords, rule + 3, firstByGenerator: null);
                Block(c.Body, rule + 2);
                return;
            case Match m:
                Reach(rule, m);
                // subject_expr at +1 tries star_named_expression (+2) -> named_expression (+3) first.
                if (m.Subject is Tuple { } subject && !_facts.ParenthesizedTuples.Contains(subject) && _facts.GroupsAround(subject) == 0)
                {
                    for (var i = 0; i < subject.Elts.Count; i++) StarNamed(subject.Elts[i], rule + (i == 0 ? 2 : 4));
                }
                else
                {
                    NamedExpressionAt(m.Subject, rule + 4);
                }

                foreach (var matchCase in m.Cases)
                {
                    // case_block+ : the loop at +1, case_block at +2, guard at +3, block at +3.
                    Patterns(matchCase.Pattern, rule + 3);
                    if (matchCase.Guard is { } guard) NamedExpressionAt(guard, rule + 5);
                    Block(matchCase.Body, rule + 3);
                }

                return;
            default:
                // simple_stmts at +1, the first simple_stmt at +2 (those after ';' come as their own items).
                SimpleStatementsOfLine(statement, previous, level + 1);
                return;
        }
    }

    private void SimpleStatementsOfLine(Stmt statement, Stmt? previous, int simpleStatementsLevel) =>
        _pending.Push(new SimpleWork(statement, simpleStatementsLevel + (IsAfterSemicolon(statement, previous) ? 3 : 1)));

    // Statements of one line after a ';' sit in the gather's loop of `';'.simple_stmt+`. The
    // previous statement of the block comes with the work item: finding it in the block per
    // statement made long blocks quadratic.
    private static bool IsAfterSemicolon(Stmt statement, Stmt? previous) =>
        previous is not null && previous.Range.EndLine == statement.Range.StartLine && previous is not (If or For or AsyncFor or While or With or AsyncWith or Try or TryStar or FunctionDef or AsyncFunctionDef or ClassDef or Match);

    /// <summary>An `if` or `elif` clause whose rule (if_stmt or elif_stmt) is active at <paramref name="clause"/>.</summary>
    private void IfClause(If statement, int clause)
    {
        // The chain of elif clauses is iterative here: each elif_stmt is one level below the last.
        for (var current = statement; ; clause++)
        {
            Reach(clause, current);
            NamedExpressionAt(current.Test, clause + 2);
            Block(current.Body, clause + 1);
            if (current.Orelse is [If next] && _facts.Elifs.Contains(next))
            {
                current = next;
                continue;
            }

            ElseBlock(current.Orelse, clause + 1);
            return;
        }
    }

    /// <summary>An else (or finally) block: its rule at <paramref name="level"/>, the block at +1.</summary>
    private void ElseBlock(IReadOnlyList<Stmt> body, int level)
    {
        if (body.Count == 0) return;
        Block(body, level + 1);
    }

    private void Function(Stmt statement, int level, int rule)
    {
        var (arguments, body, decorators, returns, typeParams) = statement switch
        {
            FunctionDef f => (f.Args, f.Body, f.DecoratorList, f.Returns, f.TypeParams),
            AsyncFunctionDef f => (f.Args, f.Body, f.DecoratorList, f.Returns, f.TypeParams),
            _ => throw new ArgumentException("not a function", nameof(statement)),
        };
        Reach(rule, (LocatedNode)statement);
        Decorators(decorators, rule);
        // function_def_raw at +1; '->' expression in a group at +2; params at +2, parameters at +3.
        var raw = rule + 1;
        Enter(returns, ExpressionRule, raw + 2);
        foreach (var parameter in typeParams) TypeParameter(parameter, raw + 2);
        Parameters(arguments, raw + 1, lambda: false);
        Block(body, raw + 1);
        _ = level;
    }

    private void Decorators(IReadOnlyList<Expr> decorators, int rule)
    {
        // decorators at +1, the ('@' named_expression NEWLINE)+ loop at +2, its group at +3.
        foreach (var decorator in decorators) NamedExpressionAt(decorator, rule + 5);
    }

    /// <summary>Parameters of a def (`params` at <paramref name="level"/>) or a lambda (`lambda_params`).</summary>
    private void Parameters(Arguments arguments, int level, bool lambda)
    {
        // parameters at +1; the alternatives try slash_with_default (+2) -> its loop (+3) ->
        // param_with_default (+4) -> default (+5) -> expression (+6) before the others, so every
        // default is first parsed there; an annotation: param (+5) -> annotation (+6) -> expression (+7).
        foreach (var value in arguments.Defaults) Enter(value, ExpressionRule, level + 6);
        foreach (var value in arguments.KwDefaults) Enter(value, ExpressionRule, level + 6);
        if (lambda) return;
        foreach (var parameter in arguments.Posonlyargs.Concat(arguments.Args).Concat(arguments.Kwonlyargs))
            Enter(parameter.Annotation, ExpressionRule, level + 7);
        Enter(arguments.Vararg?.Annotation, ExpressionRule, level + 6);
        Enter(arguments.Kwarg?.Annotation, ExpressionRule, level + 6);
    }

    private void TypeParameter(TypeParam parameter, int level)
    {
        switch (parameter)
        {
            case TypeVar v:
                Enter(v.Bound, ExpressionRule, level + 4);
                Enter(v.DefaultValue, ExpressionRule, level + 4);
                break;
            case TypeVarTuple t:
                Enter(t.DefaultValue, ExpressionRule, level + 4);
                break;
            case ParamSpec p:
                Enter(p.DefaultValue, ExpressionRule, level + 4);
                break;
        }
    }

    /// <summary>Patterns of a case: values in patterns are literals and dotted names; only brackets nest them.</summary>
    private void Patterns(Pattern root, int level)
    {
        var stack = new Stack<(Pattern Pattern, int Level)>();
        stack.Push((root, level));
        while (stack.Count > 0)
        {
            var (pattern, at) = stack.Pop();
            Reach(at + 6, pattern);
            // A nested pattern sits about eight rules below the one that holds it
            // (closed_pattern -> sequence/class/mapping -> items -> maybe_star_pattern -> pattern).
            var inner = at + 8;
            switch (pattern)
            {
                case MatchValue v: Enter(v.Value, PrimaryRule, at + 7); break;
                case MatchSequence s: foreach (var p in s.Patterns) stack.Push((p, inner)); break;
                case MatchMapping m:
                    foreach (var key in m.Keys) Enter(key, PrimaryRule, at + 7);
                    foreach (var p in m.Patterns) stack.Push((p, inner));
                    break;
                case MatchClass c:
                    Enter(c.Cls, PrimaryRule, at + 7);
                    foreach (var p in c.Patterns.Concat(c.KwdPatterns)) stack.Push((p, inner));
                    break;
                case MatchAs { Pattern: { } p }: stack.Push((p, at + 2)); break;
                case MatchOr o: foreach (var p in o.Patterns) stack.Push((p, at + 2)); break;
            }
        }
    }

    // ----- simple statements -----------------------------------------------------------------

    /// <param name="p">The level of the statement's `simple_stmt` rule.</param>
    private void Simple(Stmt statement, int p)
    {
        Reach(p + SimpleStatementToAtom + (StartsWithNameAtom(statement) ? 0 : StringLookahead), statement);
        switch (statement)
        {
            case ExprStmt e:
                // An expression statement is first tried as an assignment: its leading primary chain
                // is parsed as a target, and the rest of a bare tuple as star_targets.
                if (IsBareYield(e.Value))
                {
                    YieldAt(e.Value, p + 2);
                }
                else
                {
                    Enter(e.Value, StarExpressionsRule, p + 1);
                    StatementStartTarget(e.Value, p);
                    if (e.Value is Tuple bare && IsBare(bare))
                    {
                        for (var i = 1; i < bare.Elts.Count; i++) TargetPathChain(bare.Elts[i], p + 9);
                    }
                }

                return;
            case Assign a:
                // The ordinary path is pushed first, so that the target path, which the parser
                // tries first, is worked (and memoised) first.
                RightHandSide(a.Value, p + 2);
                StatementStartTarget(a.Targets[0], p);
                if (a.Targets[0] is Tuple first && IsBare(first))
                {
                    for (var i = 1; i < first.Elts.Count; i++) TargetPathChain(first.Elts[i], p + 9);
                }

                for (var i = 1; i < a.Targets.Count; i++) StarTargetsPath(a.Targets[i], p);
                StarTargetsPath(a.Value, p);
                return;
            case AugAssign a:
                RightHandSide(a.Value, p + 2);
                StatementStartTarget(a.Target, p);
                return;
            case AnnAssign a:
                Enter(a.Annotation, ExpressionRule, p + 2);
                if (a.Value is { } value) RightHandSide(value, p + 3);
                if (a.Target is not Name) StatementStartTarget(a.Target, p);
                return;
            case Return r:
                Enter(r.Value, StarExpressionsRule, p + 2);
                return;
            case Raise r:
                Enter(r.Exc, ExpressionRule, p + 2);
                Enter(r.Cause, ExpressionRule, p + 3);
                return;
            case Assert a:
                Enter(a.Test, ExpressionRule, p + 2);
                Enter(a.Msg, ExpressionRule, p + 3);
                return;
            case Delete d:
                // del_targets at +2, its gather at +3, del_target at +4 (the others +5), t_primary +1.
                for (var i = 0; i < d.Targets.Count; i++) TargetPathChain(d.Targets[i], p + (i == 0 ? 5 : 6));
                return;
            case TypeAlias t:
                foreach (var parameter in t.TypeParams) TypeParameter(parameter, p + 2);
                Enter(t.Value, ExpressionRule, p + 2);
                return;
        }
    }

    /// <summary>
    /// Whether the statement's first token is one that `atom` takes at once (a name, True, False,
    /// None) or that a rule above `atom` takes (an operator, `not`, `lambda`, `await`, `*`); any other
    /// token, keywords included, makes the expression-statement attempt reach the string lookahead.
    /// </summary>
    private bool StartsWithNameAtom(Stmt statement)
    {
        var first = statement switch
        {
            ExprStmt e => e.Value,
            Assign a => a.Targets[0],
            AugAssign a => a.Target,
            AnnAssign a => a.Target,
            _ => null,
        };
        if (first is null || IsBareYield(first)) return false;
        var current = first;
        while (true)
        {
            if (_facts.GroupsAround(current) > 0) return false;
            switch (current)
            {
                case BinOp b: current = b.Left; continue;
                case Compare c: current = c.Left; continue;
                case BoolOp b: current = b.Values[0]; continue;
                case IfExp i: current = i.Body; continue;
                case Tuple t when IsBare(t) && t.Elts.Count > 0: current = t.Elts[0]; continue;
                case Attribute a: current = a.Value; continue;
                case Call c: current = c.Func; continue;
                case Subscript s: current = s.Value; continue;
                case Name or Constant { Value: null or bool } or UnaryOp or Lambda or Await or Starred or NamedExpr: return true;
                default: return false;
            }
        }
    }

    private bool IsBare(Tuple tuple) => !_facts.ParenthesizedTuples.Contains(tuple) && _facts.GroupsAround(tuple) == 0;

    private bool IsBareYield(Expr expression) => expression is Yield or YieldFrom && _facts.GroupsAround(expression) == 0;

    /// <summary>The value after '=' (or augmented, annotated): `annotated_rhs` at <paramref name="level"/>.</summary>
    private void RightHandSide(Expr value, int level)
    {
        if (IsBareYield(value)) YieldAt(value, level + 1);
        else Enter(value, StarExpressionsRule, level + 1);
    }

    /// <summary>
    /// The expression at the start of a simple statement, tried first as
    /// <c>single_subscript_attribute_target</c> (t_primary at P+4), or, when the statement starts
    /// with '(', as <c>'(' single_target ')'</c> (t_primary at P+5 for a chain inside one pair).
    /// </summary>
    private void StatementStartTarget(Expr first, int p)
    {
        var leading = LeadingExpression(first);
        if (leading is null) return;
        var groups = _facts.GroupsAround(leading);
        if (groups == 1 && IsPrimaryChain(leading)) TargetChain(leading, p + 5);
        TargetChain(leading, p + 4);
    }

    /// <summary>A target after '=' (or the value): star_targets at P+4, star_target +1, target_with_star_atom +2, t_primary +3.</summary>
    private void StarTargetsPath(Expr expression, int p)
    {
        if (LeadingExpression(expression) is { } leading) TargetChain(leading, p + 7);
        if (expression is Tuple tuple && IsBare(tuple))
        {
            // (',' star_target)* : the loop at +5, its group +6, star_target +7, then +2 to t_primary.
            for (var i = 1; i < tuple.Elts.Count; i++) TargetPathChain(tuple.Elts[i], p + 9);
        }
    }

    private void TargetPathChain(Expr expression, int tPrimary)
    {
        if (LeadingExpression(expression) is { } leading) TargetChain(leading, tPrimary);
    }

    /// <summary>
    /// The expression whose first token starts <paramref name="expression"/>, followed down the left
    /// operands (<c>a.b(c) + 1</c>: <c>a.b(c)</c>); null when the text starts with an operator or a
    /// keyword (<c>not</c>, <c>-</c>, <c>lambda</c>, <c>*</c>), which no target starts with.
    /// </summary>
    private Expr? LeadingExpression(Expr expression)
    {
        var current = expression;
        while (true)
        {
            if (_facts.GroupsAround(current) > 0) return current;
            switch (current)
            {
                case BinOp b: current = b.Left; continue;
                case Compare c: current = c.Left; continue;
                case BoolOp b: current = b.Values[0]; continue;
                case IfExp i: current = i.Body; continue;
                case Tuple t when IsBare(t) && t.Elts.Count > 0: current = t.Elts[0]; continue;
                case UnaryOp or Lambda or Await or Starred or Yield or YieldFrom or NamedExpr: return null;
                default: return current;
            }
        }
    }

    private static bool IsPrimaryChain(Expr expression) => expression is Attribute or Call or Subscript;

    /// <summary>
    /// A primary chain parsed through <c>t_primary</c> (active at <paramref name="tPrimary"/>): its
    /// atom at +2 and the contents of every call and subscript of the chain at the raw rule (+1) plus
    /// what they cost, before the ordinary path parses them again (answered by the memo).
    /// </summary>
    private void TargetChain(Expr chain, int tPrimary)
    {
        var raw = tPrimary + 1;
        Reach(raw, chain);
        var current = chain;
        var atTop = true;
        while (true)
        {
            if (!atTop && _facts.GroupsAround(current) > 0)
            {
                Atom(current, raw + 1);
                return;
            }

            atTop = false;
            switch (current)
            {
                case Attribute a:
                    current = a.Value;
                    continue;
                case Call c:
                    if (_parsedTrailers.Add(c)) CallArguments(c, raw);
                    current = c.Func;
                    continue;
                case Subscript s:
                    if (_parsedTrailers.Add(s)) Slices(s.Slice, raw);
                    current = s.Value;
                    continue;
                default:
                    Atom(current, raw + 1);
                    return;
            }
        }
    }

    /// <summary>An atom parsed at <paramref name="atomLevel"/> as the seed of a target chain (first, if no other path was).</summary>
    private void Atom(Expr atom, int atomLevel) => Enter(atom, AtomRule, atomLevel);

    // ----- expressions -----------------------------------------------------------------------

    private void NamedExpressionAt(Expr expression, int expressionLevel) => Enter(expression, ExpressionRule, expressionLevel);

    private static int LevelOf(int rule, int entryRule, int entryLevel) => entryLevel + (rule - entryRule);

    private void Expression(Expr expression, int rule, int level)
    {
        if (!_parsedExpressions.Add(expression))
        {
            // Parsed before on another path (an assignment target): the memo answers here.
            Reach(LevelOf(Math.Max(rule, ExpressionRule), rule, level), expression);
            return;
        }

        var groups = _facts.GroupsAround(expression);
        if (groups > 0)
        {
            // Each pair of grouping parentheses: atom -> (tuple | group | genexp) -> tuple -> its
            // optional group -> star_named_expression -> named_expression -> expression (+6); the
            // tuple alternative comes first and parses the contents before failing on the missing
            // comma. A further pair is that expression's own atom again (+22).
            var atom = LevelOf(AtomRule, rule, level);
            var inner = atom + 6 + (AtomRule - ExpressionRule + 6) * (groups - 1);
            Reach(atom, expression);
            if (IsBareYieldInGroup(expression))
            {
                // group: '(' (yield_expr | named_expression) ')' : group +2, its group +3, yield_expr +4.
                YieldAt(expression, inner - 2);
                return;
            }

            ExpressionInside(expression, ExpressionRule, inner);
            return;
        }

        ExpressionInside(expression, rule, level);
    }

    private static bool IsBareYieldInGroup(Expr expression) => expression is Yield or YieldFrom;

    private void ExpressionInside(Expr expression, int rule, int level)
    {
        int At(int target) => LevelOf(Math.Max(target, rule), rule, level);
        switch (expression)
        {
            case Tuple t when !_facts.ParenthesizedTuples.Contains(t):
                // star_expressions: the first element's star_expression at +1, the others in a
                // loop: +1 loop, +2 group, +3 star_expression.
                var starExpressions = rule <= StarExpressionsRule ? level : At(ExpressionRule) - 2;
                Reach(starExpressions, t);
                for (var i = 0; i < t.Elts.Count; i++) StarElement(t.Elts[i], starExpressions + (i == 0 ? 1 : 3));
                return;
            case Starred s:
                // star_expression -> '*' bitwise_or
                Enter(s.Value, BitwiseOrRule, At(ExpressionRule));
                return;
            case NamedExpr n:
                // named_expression -> assignment_expression -> NAME ':=' expression
                Reach(At(ExpressionRule), n);
                Enter(n.Value, ExpressionRule, At(ExpressionRule) + 1);
                return;
            case Lambda l:
                var lambdef = At(ExpressionRule) + 1;
                Reach(lambdef, l);
                Enter(l.Body, ExpressionRule, lambdef + 1);
                Parameters(l.Args, lambdef + 1, lambda: true);
                return;
            case IfExp i:
                var conditional = At(ExpressionRule);
                Reach(conditional, i);
                Enter(i.Body, DisjunctionRule, conditional + 1);
                Enter(i.Test, DisjunctionRule, conditional + 1);
                Enter(i.Orelse, ExpressionRule, conditional + 1);
                return;
            case Yield or YieldFrom:
                YieldAt(expression, At(ExpressionRule));
                return;
            case BoolOp b:
                var (own, operand) = b.Op == BoolOperator.Or ? (DisjunctionRule, ConjunctionRule) : (ConjunctionRule, InversionRule);
                var boolLevel = At(own);
                Reach(boolLevel, b);
                // a=x b=('or' x)+ : the first operand at +1, the others in the loop (+1) and group (+2).
                for (var k = 0; k < b.Values.Count; k++) Enter(b.Values[k], operand, boolLevel + (k == 0 ? 1 : 3));
                return;
            case UnaryOp { Op: UnaryOperator.Not } not:
                Enter(not.Operand, InversionRule, At(InversionRule) + 1);
                return;
            case Compare c:
                var comparison = At(ComparisonRule);
                Reach(comparison, c);
                Enter(c.Left, BitwiseOrRule, comparison + 1);
                // compare_op_bitwise_or_pair+ : loop +1, pair +2, e.g. eq_bitwise_or +3, bitwise_or +4.
                foreach (var comparator in c.Comparators) Enter(comparator, BitwiseOrRule, comparison + 4);
                return;
            case BinOp { Op: BinaryOperator.Pow } power:
                var powerLevel = At(PowerRule);
                Reach(powerLevel, power);
                Enter(power.Left, AwaitPrimaryRule, powerLevel + 1);
                Enter(power.Right, FactorRule, powerLevel + 1);
                return;
            case BinOp binary:
                // Left recursion: the left operand grows at the rule's own level; the right operand
                // is the next rule, after the rule's _raw helper.
                var operatorRule = binary.Op switch
                {
                    BinaryOperator.BitOr => BitwiseOrRule,
                    BinaryOperator.BitXor => BitwiseXorRule,
                    BinaryOperator.BitAnd => BitwiseAndRule,
                    BinaryOperator.LShift or BinaryOperator.RShift => ShiftRule,
                    BinaryOperator.Add or BinaryOperator.Sub => SumRule,
                    _ => TermRule,
                };
                var operatorLevel = At(operatorRule);
                Reach(operatorLevel + 1, binary);
                Enter(binary.Left, operatorRule, operatorLevel);
                Enter(binary.Right, operatorRule + 2, operatorLevel + 2);
                return;
            case UnaryOp unary:
                Enter(unary.Operand, FactorRule, At(FactorRule) + 1);
                return;
            case Await a:
                Enter(a.Value, PrimaryRule, At(AwaitPrimaryRule) + 1);
                return;
            case Attribute or Call or Subscript:
                PrimaryChain(expression, At(PrimaryRule));
                return;
            default:
                AtomContents(expression, At(AtomRule));
                return;
        }
    }

    /// <summary>A star_expression element of a bare tuple at <paramref name="level"/>.</summary>
    private void StarElement(Expr element, int level)
    {
        if (element is Starred s && _facts.GroupsAround(s) == 0) Enter(s.Value, BitwiseOrRule, level + 1);
        else Enter(element, ExpressionRule, level + 1);
    }

    /// <summary>A star_named_expression at <paramref name="level"/> (list, set, tuple elements).</summary>
    /// <summary>An attempt to parse an expression (its rule at <paramref name="expressionLevel"/>) at a
    /// token that cannot start one, such as the ')' of <c>f()</c> or <c>()</c>: the parser descends the
    /// whole precedence chain to atom and its string lookahead before it fails.</summary>
    private void FailedExpression(int expressionLevel, LocatedNode at) =>
        Reach(expressionLevel + (AtomRule - ExpressionRule) + StringLookahead, at);

    private void StarNamed(Expr element, int level)
    {
        if (element is Starred s && _facts.GroupsAround(s) == 0) Enter(s.Value, BitwiseOrRule, level + 1);
        else Enter(element, ExpressionRule, level + 2);
    }

    private void YieldAt(Expr yield, int level)
    {
        Reach(level, yield);
        switch (yield)
        {
            case Yield { Value: { } value }:
                Enter(value, StarExpressionsRule, level + 1);
                break;
            case YieldFrom from:
                Enter(from.Value, ExpressionRule, level + 1);
                break;
        }
    }

    /// <summary>A chain of attributes, calls and subscripts whose `primary` rule is active at <paramref name="primary"/>.</summary>
    private void PrimaryChain(Expr chain, int primary)
    {
        var raw = primary + 1;
        Reach(raw, chain);
        var current = chain;
        var atTop = true;
        while (true)
        {
            if (!atTop && _facts.GroupsAround(current) > 0)
            {
                Enter(current, AtomRule, raw + 1);
                return;
            }

            atTop = false;
            switch (current)
            {
                case Attribute a:
                    current = a.Value;
                    continue;
                case Call c:
                    if (_parsedTrailers.Add(c)) CallArguments(c, raw);
                    current = c.Func;
                    continue;
                case Subscript s:
                    if (_parsedTrailers.Add(s)) Slices(s.Slice, raw);
                    current = s.Value;
                    continue;
                default:
                    Enter(current, AtomRule, raw + 1);
                    return;
            }
        }
    }

    /// <summary>
    /// A call's arguments, its primary's _raw rule at <paramref name="raw"/>: the parser tries
    /// `primary genexp` first (genexp +1, its group +2, the first argument's expression +3), then
    /// `'(' arguments ')'` (arguments +1, args +2, and so on).
    /// </summary>
    private void CallArguments(Call call, int raw)
    {
        if (call.Args.Count == 0 && call.Keywords.Count == 0)
        {
            // `f()`: `primary genexp` is still tried and parses an expression at the ')' (+3), which
            // fails only at atom, after its string lookahead.
            FailedExpression(raw + 3, call);
            return;
        }

        if (call.Args is [GeneratorExp generator] && call.Keywords.Count == 0 && _facts.BareGeneratorArguments.Contains(generator))
        {
            Reach(raw + 1, generator);
            Enter(generator.Elt, ExpressionRule, raw + 3);
            Generators(generator.Generators, raw + 1);
            return;
        }

        Arguments(call.Args, call.Keywords, raw + 1, firstByGenerator: raw + 3);
    }

    /// <summary>
    /// `arguments` active at <paramref name="arguments"/>: positional arguments in args' gather
    /// (the first at +5, the others at +6), keywords in kwargs (+2 without positional arguments
    /// before them, +3 after), their values at kwargs +3 (the first) and +4.
    /// </summary>
    private void Arguments(IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords, int arguments, int? firstByGenerator)
    {
        if (positional.Count == 0 && keywords.Count == 0) return;
        Reach(arguments + 1, positional.Count > 0 ? positional[0] : keywords[0].Value);
        var firstKeyword = keywords.Count > 0 ? keywords[0].Range.StartLine * 100_000 + keywords[0].Range.StartColumn : int.MaxValue;
        var leadingPositional = 0;
        for (var i = 0; i < positional.Count; i++)
        {
            var arg = positional[i];
            var key = arg.Range.StartLine * 100_000 + arg.Range.StartColumn;
            if (key < firstKeyword) leadingPositional++;
            if (i == 0 && firstByGenerator is { } generatorLevel && arg is not Starred && key < firstKeyword)
            {
                // `primary genexp` is tried first and parses the first argument.
                Enter(arg, ExpressionRule, generatorLevel);
                continue;
            }

            var element = arguments + (i == 0 ? 3 : 4);
            // Each element is a group of alternatives (+1): starred_expression (+2) -> expression
            // (+3), or another group (+2) -> expression (+3).
            if (arg is Starred starred && _facts.GroupsAround(starred) == 0) Enter(starred.Value, ExpressionRule, element + 2);
            else Enter(arg, ExpressionRule, element + 2);
        }

        var kwargs = arguments + (leadingPositional > 0 ? 3 : 2);
        for (var k = 0; k < keywords.Count; k++) Enter(keywords[k].Value, ExpressionRule, kwargs + (k == 0 ? 3 : 4));
    }

    /// <summary>A subscript's slices; the primary's _raw rule at <paramref name="raw"/>.</summary>
    private void Slices(Expr slice, int raw)
    {
        // slices +1; a single slice +2 (its bounds +3); a tuple of slices: its first element is
        // parsed by the single-slice attempt (+3), the others in the gather's loop: loop +3,
        // group +4, slice +5, expression +6.
        if (slice is Tuple tuple && IsBare(tuple))
        {
            for (var i = 0; i < tuple.Elts.Count; i++) OneSlice(tuple.Elts[i], i == 0 ? raw + 2 : raw + 5);
            return;
        }

        OneSlice(slice, raw + 2);
    }

    private void OneSlice(Expr slice, int sliceLevel)
    {
        Reach(sliceLevel, slice);
        switch (slice)
        {
            case Slice s:
                Enter(s.Lower, ExpressionRule, sliceLevel + 1);
                Enter(s.Upper, ExpressionRule, sliceLevel + 1);
                Enter(s.Step, ExpressionRule, sliceLevel + 2);
                break;
            case Starred s when _facts.GroupsAround(s) == 0:
                Enter(s.Value, ExpressionRule, sliceLevel + 1);
                break;
            default:
                Enter(slice, ExpressionRule, sliceLevel + 1);
                break;
        }
    }

    /// <summary>for_if_clauses of a comprehension whose rule (listcomp, genexp, ...) is at <paramref name="comprehension"/>.</summary>
    private void Generators(IReadOnlyList<Comprehension> generators, int comprehension)
    {
        // for_if_clauses +1, its loop +2, for_if_clause +3: target and iterable +4, each if in a
        // loop (+4) and group (+5): disjunction +6.
        var clause = comprehension + 3;
        foreach (var generator in generators)
        {
            // A name target: star_targets +1, star_target +2, target_with_star_atom +3, which tries
            // t_primary first (+4, its _raw +5, atom +6) before star_atom takes the name.
            if (generator.Target is Name name && _facts.GroupsAround(name) == 0) Reach(clause + 6, name);
            // Names unpacked by a bare tuple (`for k, v in`): each star_target in the gather's loop
            // (+2 .. +5), then as above.
            else if (generator.Target is Tuple { Elts: var names } tuple && IsBare(tuple) && names.All(n => n is Name && _facts.GroupsAround(n) == 0))
                foreach (var element in names) Reach(clause + 8, element);
            else Enter(generator.Target, StarExpressionsRule, clause + 1);
            Enter(generator.Iter, DisjunctionRule, clause + 1);
            foreach (var condition in generator.Ifs) Enter(condition, DisjunctionRule, clause + 3);
        }
    }

    /// <summary>The contents of an atom whose `atom` rule is active at <paramref name="atom"/>.</summary>
    private void AtomContents(Expr expression, int atom)
    {
        Reach(expression is Name or Constant { Value: null or bool } ? atom : atom + StringLookahead, expression);
        switch (expression)
        {
            case Tuple { Elts.Count: 0 } empty:
                // `()`: the tuple alternative tries a first element at the ')' (star_named_expression
                // +4, its expression +6).
                FailedExpression(atom + 6, empty);
                return;
            case List { Elts.Count: 0 } empty:
                // `[]`: the list alternative tries a first element at the ']' (+5, its expression +7).
                FailedExpression(atom + 7, empty);
                return;
            case Dict { Keys.Count: 0 } empty:
                // `{}`: the dict alternative tries a first key at the '}' (kvpair +6, its expression +7).
                FailedExpression(atom + 7, empty);
                return;
            case Tuple t:
                // (tuple | group | genexp) +1, tuple +2, its optional group +3, the first element's
                // star_named_expression +4; the others in star_named_expressions +4, gather +5,
                // the second at +6, the rest in the loop at +7.
                for (var i = 0; i < t.Elts.Count; i++) StarNamed(t.Elts[i], atom + (i == 0 ? 4 : i == 1 ? 6 : 7));
                // `(x,)`: after the comma, star_named_expressions tries a second element at the ')'
                // (gather +5, star_named_expression +6, its expression +8).
                if (t.Elts.Count == 1) FailedExpression(atom + 8, t);
                return;
            case List l:
                // (list | listcomp) +1, list +2, star_named_expressions +3, gather +4: first +5, others +6.
                for (var i = 0; i < l.Elts.Count; i++) StarNamed(l.Elts[i], atom + (i == 0 ? 5 : 6));
                return;
            case Set s:
                // The dict alternative is tried first and parses the first element as a key
                // (dict +2, pairs +3, gather +4, double_starred_kvpair +5, kvpair +6, expression +7);
                // the rest through set +2, star_named_expressions +3, gather +4, loop +5.
                for (var i = 0; i < s.Elts.Count; i++)
                {
                    if (i == 0 && s.Elts[0] is not Starred) Enter(s.Elts[0], ExpressionRule, atom + 7);
                    else StarNamed(s.Elts[i], atom + (i == 0 ? 5 : 6));
                }

                // `{*a}`: the dict alternative's key fails at the '*', after the whole chain.
                if (s.Elts[0] is Starred) FailedExpression(atom + 7, s);

                return;
            case Dict d:
                for (var i = 0; i < d.Values.Count; i++)
                {
                    var pair = atom + (i == 0 ? 5 : 6);
                    if (d.Keys[i] is { } key)
                    {
                        Enter(key, ExpressionRule, pair + 2);
                        Enter(d.Values[i], ExpressionRule, pair + 2);
                    }
                    else
                    {
                        Enter(d.Values[i], BitwiseOrRule, pair + 1);
                    }
                }

                return;
            case ListComp lc:
                Enter(lc.Elt, ExpressionRule, atom + 7);
                Generators(lc.Generators, atom + 2);
                return;
            case SetComp sc:
                Enter(sc.Elt, ExpressionRule, atom + 7);
                Generators(sc.Generators, atom + 2);
                return;
            case DictComp dc:
                Enter(dc.Key, ExpressionRule, atom + 7);
                Enter(dc.Value, ExpressionRule, atom + 7);
                Generators(dc.Generators, atom + 2);
                return;
            case GeneratorExp g:
                Enter(g.Elt, ExpressionRule, atom + 6);
                Generators(g.Generators, atom + 2);
                return;
            case JoinedStr or TemplateStr:
                Strings(expression, atom);
                return;
            case Constant { Value: string or byte[] }:
                // strings +1, its loop +2, the (fstring | string) group +3, string +4.
                Reach(atom + 4, expression);
                return;
        }
    }

    /// <summary>f-strings: their replacement fields' expressions, and the fields nested in format specs.</summary>
    private void Strings(Expr strings, int atom)
    {
        // strings +1, loop +2, group +3, fstring +4, its middle loop +5, fstring_middle +6,
        // fstring_replacement_field +7, the (yield_expr | star_expressions) group +8.
        var stack = new Stack<(Expr Part, int Field)>();
        foreach (var part in Parts(strings)) stack.Push((part, atom + 7));
        while (stack.Count > 0)
        {
            var (part, field) = stack.Pop();
            var (value, spec) = part switch
            {
                FormattedValue f => (f.Value, f.FormatSpec),
                Interpolation i => (i.Value, i.FormatSpec),
                _ => (null, null),
            };
            if (value is null) continue;
            Reach(field, part);
            if (IsBareYield(value)) YieldAt(value, field + 2);
            else Enter(value, StarExpressionsRule, field + 2);
            // A field in a format spec: full_format_spec +1, its loop +2, format_spec +3, field +4.
            if (spec is not null)
                foreach (var inner in Parts(spec)) stack.Push((inner, field + 4));
        }
    }

    private static IReadOnlyList<Expr> Parts(Expr strings) => strings switch
    {
        JoinedStr j => j.Values,
        TemplateStr t => t.Values,
        _ => [],
    };
}
