using Antlr4.Runtime;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Lexing;

namespace GilScan.Syntax.Parsing;

/// <summary>
/// Turns the parser's failure into CPython's error: the offending token gives the line and column
/// of "invalid syntax"; an unexpected INDENT, a missing indented block and a bracket never closed
/// get CPython's own messages.
/// </summary>
internal static class SyntaxErrorMapper
{
    public static PythonSyntaxError Map(TokenizeResult lexed, RecognitionException? failure)
    {
        IToken at = failure?.OffendingToken ?? lexed.Tokens[^1];
        IReadOnlyList<IToken> tokens = lexed.Tokens;

        // CPython prefers "was never closed" when the last token its parser fetched lies on a later
        // line than the bracket. When the failure is at the start of an expression, CPython's
        // error pass has parsed that expression and fetched one token past it.
        IToken lastFetched = StartsExpression(at.Type) ? tokens[Math.Min(at.TokenIndex + 1, tokens.Count - 1)] : at;
        if (lexed.UnclosedBracket is { } open && (at.Type == TokenConstants.EOF || lastFetched.Line > open.Line))
        {
            return new PythonSyntaxError($"'{OpeningChar(open.Type)}' was never closed", open.Line, open.Column);
        }

        var (line, column) = CPythonPosition(lexed.Text, tokens, at);
        if (failure?.Context is PythonParser.TryStmtContext tryStmt
            && tryStmt.except_clause().Length == 0
            && tryStmt.finally_block() is null)
        {
            return new PythonSyntaxError("expected 'except' or 'finally' block", line, column);
        }

        if (failure?.Context is PythonParser.ExpressionContext { } conditional
            && conditional.IF() is not null
            && conditional.ELSE() is null)
        {
            return new PythonSyntaxError(
                "expected 'else' after 'if' expression", conditional.Start.Line, conditional.Start.Column);
        }

        // A header whose block is missing: CPython names it whatever token comes instead of the
        // INDENT, a DEDENT of any depth included. A DEDENT at the end of the input sits where the
        // tokenizer stopped: at the end of the last line read, blank or comment lines included.
        if (at.Type == PythonLexer.DEDENT && MissingBlockHeader(lexed.Tokens, at) is { } dedentHeader)
        {
            return new PythonSyntaxError(
                $"expected an indented block after {dedentHeader.What} on line {dedentHeader.Line}",
                line,
                column,
                PythonSyntaxErrorKind.IndentationError);
        }

        switch (at.Type)
        {
            case PythonLexer.INDENT:
                return new PythonSyntaxError(
                    "unexpected indent",
                    at.Line,
                    Math.Max(0, at.StopIndex - at.StartIndex),
                    PythonSyntaxErrorKind.IndentationError);
            case PythonLexer.DEDENT:
                return new PythonSyntaxError("unexpected unindent", at.Line, DedentColumn(at), PythonSyntaxErrorKind.IndentationError);
        }

        if (MissingBlockHeader(lexed.Tokens, at) is { } header)
        {
            return new PythonSyntaxError(
                $"expected an indented block after {header.What} on line {header.Line}",
                line,
                column,
                PythonSyntaxErrorKind.IndentationError);
        }

        return SpecificMessage(tokens, at, failure)
            ?? EqualsForComparison(lexed, at, failure)
            ?? ForgottenComma(lexed, at, failure)
            ?? new PythonSyntaxError("invalid syntax", line, column);
    }

    /// <summary>
    /// CPython has no position of its own for a DEDENT; it reports the offset of the tokenizer, just
    /// after the indentation, without the usual +1 (our columns are that offset minus one).
    /// </summary>
    private static int DedentColumn(IToken dedent) => dedent.Column - 1;

    /// <summary>
    /// CPython's invalid_expression: an expression followed by another where the parser wanted a
    /// separator, inside brackets, is "invalid syntax. Perhaps you forgot a comma?" from the start of
    /// the first (the innermost expression that ends just before the failure: in
    /// <c>f(x if y else z w)</c> it is <c>z</c>). Not when the first starts with a soft keyword or
    /// with a name followed by a string (<c>f(x "s")</c>), nor for <c>print</c>/<c>exec</c>.
    /// </summary>
    private static PythonSyntaxError? ForgottenComma(TokenizeResult lexed, IToken at, RecognitionException? failure)
    {
        IReadOnlyList<IToken> tokens = lexed.Tokens;
        if (!StartsExpression(at.Type) || at.TokenIndex == 0 || failure?.Context is not ParserRuleContext context)
        {
            return null;
        }

        int previous = at.TokenIndex - 1;
        int depth = BracketDepthBefore(tokens, at.TokenIndex);
        if (depth == 0)
        {
            return null;
        }

        // The outermost rule context that the failure happened in holds the expression just parsed.
        ParserRuleContext root = context;
        while (root.Parent is ParserRuleContext parent && parent.Stop is { } stop && stop.TokenIndex >= previous)
        {
            root = parent;
        }

        PythonParser.ExpressionContext? first = InnermostExpressionEndingAt(root, previous);
        // An expression cut short by the failure (it starts outside the brackets the failure is in) is not one.
        if (first is null || (first.IF() is not null && first.ELSE() is null) || BracketDepthBefore(tokens, first.Start.TokenIndex) != depth)
        {
            return null;
        }

        IToken start = first.Start;
        if (start.Type is PythonLexer.MATCH or PythonLexer.CASE or PythonLexer.TYPE
            || (start.Type == PythonLexer.NAME && start.Text == "_")
            || (start.Type == PythonLexer.NAME && tokens[start.TokenIndex + 1].Type == PythonLexer.STRING)
            || (start.Type == PythonLexer.NAME && start.Text is "print" or "exec" && first.Stop.TokenIndex == start.TokenIndex))
        {
            return null;
        }

        return new PythonSyntaxError("invalid syntax. Perhaps you forgot a comma?", start.Line, start.Column);
    }

    /// <summary>
    /// CPython's invalid_named_expression: where a named expression may stand (if/while tests,
    /// parentheses, displays, subscripts, decorators, match), <c>x = y</c> with a bitwise-or operand on
    /// the right not followed by '=' or ':=' is "invalid syntax. Maybe you meant '==' or ':=' instead
    /// of '='?" from <c>x</c>; with an attribute, subscript or call on the left, "cannot assign to
    /// ... here. Maybe you meant '==' instead of '='?".
    /// </summary>
    private static PythonSyntaxError? EqualsForComparison(TokenizeResult lexed, IToken at, RecognitionException? failure)
    {
        IReadOnlyList<IToken> tokens = lexed.Tokens;
        if (at.Type != PythonLexer.EQUAL || at.TokenIndex == 0 || failure?.Context is not ParserRuleContext context)
        {
            return null;
        }

        ParserRuleContext root = context;
        while (root.Parent is ParserRuleContext parent && parent.Stop is { } stop && stop.TokenIndex >= at.TokenIndex - 1)
        {
            root = parent;
        }

        PythonParser.ExpressionContext? target = InnermostExpressionEndingAt(root, at.TokenIndex - 1);
        if (target is null || !InNamedExpressionPosition(target) || !BitwiseOrFollows(tokens, at.TokenIndex + 1))
        {
            return null;
        }

        IToken start = target.Start;
        if (target.Start.TokenIndex == target.Stop.TokenIndex && start.Type is PythonLexer.NAME or PythonLexer.MATCH or PythonLexer.CASE or PythonLexer.TYPE)
        {
            return new PythonSyntaxError("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", start.Line, start.Column);
        }

        string? what = target.GetChild(0) is PythonParser.ExprContext primary && target.ChildCount == 1
            ? primary switch
            {
                PythonParser.AttributeExprContext => "attribute",
                PythonParser.SubscriptExprContext => "subscript",
                PythonParser.CallExprContext => "function call",
                _ => null,
            }
            : null;
        return what is null ? null : new PythonSyntaxError($"cannot assign to {what} here. Maybe you meant '==' instead of '='?", start.Line, start.Column);
    }

    // The expression is the first part of a named_expression (or of an item that is one).
    private static bool InNamedExpressionPosition(PythonParser.ExpressionContext expression) => expression.Parent switch
    {
        PythonParser.Named_expressionContext named => ReferenceEquals(named.expression(0), expression),
        PythonParser.Star_named_expressionContext named => named.COLONEQUAL() is null || ReferenceEquals(named.GetChild(0), expression),
        _ => false,
    };

    // After '=': an operand of bitwise-or level (no `not`, `lambda`, comparison), then neither '=' nor ':='.
    private static bool BitwiseOrFollows(IReadOnlyList<IToken> tokens, int index)
    {
        if (index >= tokens.Count || !StartsExpression(tokens[index].Type) || tokens[index].Type is PythonLexer.NOT or PythonLexer.LAMBDA)
        {
            return false;
        }

        int depth = 0;
        int i = index;
        for (; i < tokens.Count; i++)
        {
            int type = tokens[i].Type;
            if (type is PythonLexer.LPAR or PythonLexer.LSQB or PythonLexer.LBRACE)
            {
                depth++;
                continue;
            }

            if (type is PythonLexer.RPAR or PythonLexer.RSQB or PythonLexer.RBRACE)
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
                continue;
            }

            if (depth > 0 || IsBitwiseOrToken(type))
            {
                continue;
            }

            break;
        }

        return i >= tokens.Count || tokens[i].Type is not (PythonLexer.EQUAL or PythonLexer.COLONEQUAL);
    }

    private static bool IsBitwiseOrToken(int type) => type is PythonLexer.NAME or PythonLexer.MATCH or PythonLexer.CASE
        or PythonLexer.TYPE or PythonLexer.NUMBER or PythonLexer.STRING or PythonLexer.FSTRING_START
        or PythonLexer.FSTRING_MIDDLE or PythonLexer.FSTRING_END or PythonLexer.TSTRING_START
        or PythonLexer.NONE or PythonLexer.TRUE or PythonLexer.FALSE or PythonLexer.ELLIPSIS or PythonLexer.AWAIT
        or PythonLexer.PLUS or PythonLexer.MINUS or PythonLexer.STAR or PythonLexer.SLASH or PythonLexer.DOUBLESLASH
        or PythonLexer.PERCENT or PythonLexer.AT or PythonLexer.DOUBLESTAR or PythonLexer.VBAR or PythonLexer.CIRCUMFLEX
        or PythonLexer.AMPER or PythonLexer.LEFTSHIFT or PythonLexer.RIGHTSHIFT or PythonLexer.TILDE or PythonLexer.DOT;

    private static int BracketDepthBefore(IReadOnlyList<IToken> tokens, int index)
    {
        int depth = 0;
        for (int i = 0; i < index; i++)
        {
            switch (tokens[i].Type)
            {
                case PythonLexer.LPAR or PythonLexer.LSQB or PythonLexer.LBRACE:
                    depth++;
                    break;
                case PythonLexer.RPAR or PythonLexer.RSQB or PythonLexer.RBRACE:
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return depth;
    }

    /// <summary>The deepest `expression` context under <paramref name="root"/> whose last token is <paramref name="stop"/> (iterative).</summary>
    private static PythonParser.ExpressionContext? InnermostExpressionEndingAt(ParserRuleContext root, int stop)
    {
        PythonParser.ExpressionContext? found = null;
        var pending = new Stack<ParserRuleContext>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.Stop is null || node.Start.TokenIndex > stop || node.Stop.TokenIndex < stop)
            {
                continue;
            }

            if (node is PythonParser.ExpressionContext expression && node.Stop.TokenIndex == stop)
            {
                found = expression;
            }

            for (int i = 0; i < node.ChildCount; i++)
            {
                if (node.GetChild(i) is ParserRuleContext child)
                {
                    pending.Push(child);
                }
            }
        }

        return found;
    }

    /// <summary>CPython's wording for a few common mistakes the grammar itself cannot name.</summary>
    private static PythonSyntaxError? SpecificMessage(IReadOnlyList<IToken> tokens, IToken at, RecognitionException? failure)
    {
        int index = at.TokenIndex;
        IToken? previous = index > 0 ? tokens[index - 1] : null;

        // Python 2 statements: print "x", exec code.
        if (previous is { Type: PythonLexer.NAME, Text: "print" or "exec" } && StartsExpression(at.Type) && at.Type != PythonLexer.LPAR)
        {
            return new PythonSyntaxError(
                $"Missing parentheses in call to '{previous.Text}'. Did you mean {previous.Text}(...)?",
                previous.Line,
                previous.Column);
        }

        if (previous?.Type == PythonLexer.IMPORT && at.Type is PythonLexer.NEWLINE or PythonLexer.SEMI or TokenConstants.EOF)
        {
            return new PythonSyntaxError("Expected one or more names after 'import'", at.Line, at.Column);
        }

        if (previous?.Type == PythonLexer.EXCLAMATION && at.Type is PythonLexer.RBRACE or PythonLexer.COLON)
        {
            return new PythonSyntaxError("f-string: missing conversion character", at.Line, at.Column);
        }

        // A header line ('if x', 'def f()') that ends where the parser wanted exactly a ':'.
        if (at.Type == PythonLexer.NEWLINE
            && failure is InputMismatchException mismatch
            && mismatch.GetExpectedTokens() is { Count: 1 } expected
            && expected.Contains(PythonLexer.COLON))
        {
            return new PythonSyntaxError("expected ':'", at.Line, at.Column);
        }

        // f"{}" / f"{!r}": an empty replacement field.
        if (previous?.Type == PythonLexer.LBRACE
            && at.Type is PythonLexer.RBRACE or PythonLexer.EXCLAMATION or PythonLexer.COLON or PythonLexer.EQUAL
            && index > 1
            && tokens[index - 2].Type is PythonLexer.FSTRING_START or PythonLexer.TSTRING_START
                or PythonLexer.FSTRING_MIDDLE or PythonLexer.RBRACE or PythonLexer.COLON)
        {
            return new PythonSyntaxError(
                $"f-string: valid expression required before '{at.Text}'", at.Line, at.Column);
        }

        // from m import a, b,
        IToken comma = at.Type == PythonLexer.COMMA ? at : previous ?? at;
        if (comma.Type == PythonLexer.COMMA
            && tokens[Math.Min(comma.TokenIndex + 1, tokens.Count - 1)].Type is PythonLexer.NEWLINE or PythonLexer.SEMI
            && StartOfLogicalLine(tokens, comma.TokenIndex).Type == PythonLexer.FROM)
        {
            // CPython points just past the comma.
            return new PythonSyntaxError(
                "trailing comma not allowed without surrounding parentheses", comma.Line, comma.Column + 1);
        }

        return null;
    }

    /// <summary>
    /// CPython places the tokens it makes at the end of the input (NEWLINE, DEDENT, ENDMARKER) at
    /// the end of the last line, not at the start of a new one. A DEDENT before more code has no
    /// position of its own in CPython: its errors sit where the tokenizer stands, at the first
    /// character of the less indented line, which CPython gives as the 0-based column.
    /// </summary>
    private static (int Line, int Column) CPythonPosition(string text, IReadOnlyList<IToken> tokens, IToken at)
    {
        bool atEnd = at.Type == TokenConstants.EOF
            || (at.StopIndex < at.StartIndex && at.Type is PythonLexer.DEDENT or PythonLexer.NEWLINE
                && OnlyEndTokensFrom(tokens, at.TokenIndex));
        if (!atEnd && at.Type == PythonLexer.DEDENT)
        {
            return (at.Line, DedentColumn(at));
        }

        if (!atEnd || at.Column != 0 || at.Line <= 1 || text.Length == 0 || text[^1] != '\n')
        {
            return (at.Line, at.Column);
        }

        int lastLineStart = text.LastIndexOf('\n', text.Length - 2) + 1;
        int length = 0;
        for (int i = lastLineStart; i < text.Length - 1; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                length++;
            }
        }

        return (at.Line - 1, length);
    }

    private static bool OnlyEndTokensFrom(IReadOnlyList<IToken> tokens, int index)
    {
        for (int i = Math.Max(0, index); i < tokens.Count; i++)
        {
            if (tokens[i].Type is not (PythonLexer.DEDENT or PythonLexer.NEWLINE or TokenConstants.EOF))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsExpression(int type) => type is PythonLexer.NAME or PythonLexer.MATCH
        or PythonLexer.CASE or PythonLexer.TYPE or PythonLexer.NUMBER or PythonLexer.STRING
        or PythonLexer.FSTRING_START or PythonLexer.TSTRING_START or PythonLexer.LPAR or PythonLexer.LSQB
        or PythonLexer.LBRACE or PythonLexer.MINUS or PythonLexer.PLUS or PythonLexer.TILDE
        or PythonLexer.NOT or PythonLexer.AWAIT or PythonLexer.LAMBDA or PythonLexer.NONE
        or PythonLexer.TRUE or PythonLexer.FALSE or PythonLexer.ELLIPSIS;

    private static IToken StartOfLogicalLine(IReadOnlyList<IToken> tokens, int index)
    {
        int first = index;
        while (first > 0 && tokens[first - 1].Type is not (PythonLexer.NEWLINE or PythonLexer.INDENT or PythonLexer.DEDENT or PythonLexer.SEMI))
        {
            first--;
        }

        return tokens[first];
    }

    private static char OpeningChar(int type) => type switch
    {
        PythonLexer.LPAR => '(',
        PythonLexer.LSQB => '[',
        _ => '{',
    };

    /// <summary>
    /// When the parser stopped right after "header:" NEWLINE, names the compound statement whose
    /// block is missing, as CPython's message does.
    /// </summary>
    private static (string What, int Line)? MissingBlockHeader(IReadOnlyList<IToken> tokens, IToken at)
    {
        int index = at.TokenIndex;
        if (index < 2 || tokens[index - 1].Type != PythonLexer.NEWLINE || tokens[index - 2].Type != PythonLexer.COLON)
        {
            return null;
        }

        int first = index - 2;
        while (first > 0 && tokens[first - 1].Type is not (PythonLexer.NEWLINE or PythonLexer.INDENT or PythonLexer.DEDENT))
        {
            first--;
        }

        IToken keyword = tokens[first];
        if (keyword.Type == PythonLexer.ASYNC && first + 1 < index)
        {
            keyword = tokens[first + 1];
        }

        string? what = keyword.Type switch
        {
            PythonLexer.DEF => "function definition",
            PythonLexer.CLASS => "class definition",
            PythonLexer.IF => "'if' statement",
            PythonLexer.ELIF => "'elif' statement",
            PythonLexer.ELSE => "'else' statement",
            PythonLexer.WHILE => "'while' statement",
            PythonLexer.FOR => "'for' statement",
            PythonLexer.WITH => "'with' statement",
            PythonLexer.TRY => "'try' statement",
            PythonLexer.EXCEPT when tokens[keyword.TokenIndex + 1].Type == PythonLexer.STAR => "'except*' statement",
            PythonLexer.EXCEPT => "'except' statement",
            PythonLexer.FINALLY => "'finally' statement",
            PythonLexer.MATCH => "'match' statement",
            PythonLexer.CASE => "'case' statement",
            _ => null,
        };
        return what is null ? null : (what, tokens[first].Line);
    }
}
