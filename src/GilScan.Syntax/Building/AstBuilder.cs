using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using GilScan.Syntax.Ast;
using GilScan.Syntax.Literals;
using GilScan.Syntax.Text;
using static GilScan.Syntax.Generated.PythonParser;
// Both the AST (Load/Store/Del) and the generated parser (the `expr` rule) have an ExprContext.
using AstContext = GilScan.Syntax.Ast.ExprContext;
using ExprRule = GilScan.Syntax.Generated.PythonParser.ExprContext;

namespace GilScan.Syntax.Building;

/// <summary>
/// Builds CPython's AST from our parse tree in one pass. The grammar accepts a superset of Python
/// where that keeps it fast (targets, keyword names and parameter order are parsed as expressions
/// or flat lists), so this class also makes the checks CPython's grammar makes, with its messages:
/// they are thrown as <see cref="PythonSyntaxException"/>.
///
/// Positions follow CPython: a node spans from its first token to its last, except that a
/// parenthesised expression keeps its inner range (a tuple, a generator expression and an empty
/// pair of parentheses include them), a compound statement ends where its last nested statement
/// ends, and a function or class starts at <c>def</c>/<c>class</c> (or <c>async</c>), not at its
/// decorators. Left-recursive chains (<c>a.b.c</c>, <c>1 + 2 + 3</c>, <c>a or b or c</c>) are built
/// with loops, so a long chain cannot overflow the stack.
/// </summary>
internal sealed partial class AstBuilder(SourceText source, IReadOnlyList<IToken> tokens, IReadOnlyList<IToken> comments, bool hasUndecodableByteMarkers, int depthLimit)
{
    private readonly SyntaxFacts _facts = new();
    private int _depth;

    /// <summary>What the source says beyond the tree (parentheses, elif), for <see cref="CPythonNesting"/>.</summary>
    public SyntaxFacts Facts => _facts;

    /// <summary>Counts one level of expression recursion; see <see cref="BuildTooDeepException"/>.</summary>
    private void Descend()
    {
        if (++_depth > depthLimit) throw new BuildTooDeepException();
    }

    private void Ascend() => _depth--;

    public Module BuildModule(File_inputContext file)
    {
        var body = new List<Stmt>();
        foreach (var statement in Children<StatementContext>(file)) AddStatements(statement, body);
        return new Module(body, []);
    }

    // ----- positions ---------------------------------------------------------------------------

    private SourcePosition StartOf(IToken token) => source.GetPosition(token.StartIndex);

    private SourcePosition EndOf(IToken token) => source.GetPosition(token.StopIndex + 1);

    private static SourceRange Span(SourcePosition start, SourcePosition end) =>
        new(start.Line, start.Utf8Column, end.Line, end.Utf8Column, start.Utf16Column, end.Utf16Column);

    private SourceRange Range(IToken start, IToken stop) => Span(StartOf(start), EndOf(stop));

    private SourceRange Range(ParserRuleContext context) => Range(context.Start, context.Stop);

    private SourceRange Range(ITerminalNode terminal) => Range(terminal.Symbol, terminal.Symbol);

    private SourceRange Range(IToken start, SourceRange end)
    {
        var from = StartOf(start);
        return new(from.Line, from.Utf8Column, end.EndLine, end.EndColumn, from.Utf16Column, end.EndColumnUtf16);
    }

    private SourceRange Range(SourceRange start, IToken stop)
    {
        var to = EndOf(stop);
        return new(start.StartLine, start.StartColumn, to.Line, to.Utf8Column, start.StartColumnUtf16, to.Utf16Column);
    }

    /// <summary>The range of a compound statement: from <paramref name="start"/> to the last token
    /// of its last block. CPython counts a trailing ';' of that block's last line in.</summary>
    private SourceRange CompoundRange(IToken start, BlockContext lastBlock) => Range(start, BlockEndToken(lastBlock));

    private static IToken BlockEndToken(BlockContext block)
    {
        // Iterative over nested compound statements (bounded by the 100 indentation levels anyway).
        while (true)
        {
            if (block.simple_stmts() is { } simple) return SimpleStatementsEndToken(simple);
            var last = LastChild<StatementContext>(block)!;
            if (last.simple_stmts() is { } lastSimple) return SimpleStatementsEndToken(lastSimple);
            block = LastBlock(last.compound_stmt());
        }
    }

    private static IToken SimpleStatementsEndToken(Simple_stmtsContext statements)
    {
        // `a; b;` ends at its trailing ';', `a; b` at b: the last child before the NEWLINE decides.
        var children = statements.children;
        for (var i = children.Count - 1; i >= 0; i--)
        {
            if (children[i] is ITerminalNode { Symbol.Type: SEMI } semicolon) return semicolon.Symbol;
            if (children[i] is Simple_stmtContext simple) return simple.Stop;
        }
        throw new InvalidOperationException("simple statements without a statement");
    }

    /// <summary>The block a compound statement ends with (its else, finally or last clause).</summary>
    private static BlockContext LastBlock(Compound_stmtContext statement) => statement switch
    {
        IfStmtContext s => s.else_block()?.block() ?? (s.elif_clause().Length > 0 ? s.elif_clause()[^1].block() : s.block()),
        WhileStmtContext s => s.else_block()?.block() ?? s.block(),
        ForStmtContext s => s.else_block()?.block() ?? s.block(),
        TryStmtContext s => s.finally_block()?.block() ?? s.else_block()?.block()
            ?? (s.except_clause().Length > 0 ? s.except_clause()[^1].block() : s.block()),
        WithStmtContext s => s.block(),
        FunctionStmtContext s => s.function_def().block(),
        ClassStmtContext s => s.class_def().block(),
        DecoratedStmtContext s => s.function_def()?.block() ?? s.class_def().block(),
        MatchStmtContext s => s.case_block()[^1].block(),
        _ => throw new InvalidOperationException("unknown compound statement " + statement.GetType().Name),
    };

    // ----- children without allocation -----------------------------------------------------------
    // ANTLR's generated accessors (`block.statement()`, `call.COMMA()`) build a list and an array on
    // every call; on the hot paths of the builder these walk the children directly instead.

    /// <summary>The children of <paramref name="parent"/> that are <typeparamref name="T"/>, in order.</summary>
    private static ChildrenOf<T> Children<T>(ParserRuleContext parent) where T : class => new(parent);

    /// <summary>The last child of <paramref name="parent"/> that is <typeparamref name="T"/>, or null.</summary>
    private static T? LastChild<T>(ParserRuleContext parent) where T : class
    {
        var children = parent.children;
        if (children is null) return null;
        for (var i = children.Count - 1; i >= 0; i--)
            if (children[i] is T match) return match;
        return null;
    }

    /// <summary>Whether <paramref name="parent"/> has a token of <paramref name="tokenType"/> among its children.</summary>
    private static bool HasToken(ParserRuleContext parent, int tokenType)
    {
        var children = parent.children;
        if (children is null) return false;
        for (var i = 0; i < children.Count; i++)
            if (children[i] is ITerminalNode terminal && terminal.Symbol.Type == tokenType) return true;
        return false;
    }

    private readonly struct ChildrenOf<T>(ParserRuleContext parent) where T : class
    {
        public Enumerator GetEnumerator() => new(parent.children);

        public struct Enumerator(IList<IParseTree>? children)
        {
            private int _index = -1;

            public T Current { get; private set; } = null!;

            public bool MoveNext()
            {
                if (children is null) return false;
                while (++_index < children.Count)
                {
                    if (children[_index] is T match)
                    {
                        Current = match;
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private static PythonSyntaxException Error(string message, SourceRange at) => new(message, at);

    private PythonSyntaxException Error(string message, ParserRuleContext at) => new(message, Range(at));

    private PythonSyntaxException Error(string message, IToken at) => new(message, Range(at, at));

    // ----- names and literals ------------------------------------------------------------------

    // Names repeat through a file: one string per distinct ASCII name, found by its characters
    // without allocating; the tree keeps fewer strings, and a name's token text is not built again.
    private readonly Dictionary<string, string> _asciiNames = new(StringComparer.Ordinal);

    private string Identifier(IToken token)
    {
        const int Longest = 64;
        var length = token.StopIndex - token.StartIndex + 1;
        if (length is > 0 and <= Longest && token.InputStream is Lexing.PythonCharStream stream)
        {
            Span<char> buffer = stackalloc char[Longest];
            var ascii = true;
            for (var i = 0; i < length && ascii; i++)
            {
                var c = stream.At(token.StartIndex + i);
                ascii = c is >= 0 and < 0x80;
                buffer[i] = (char)c;
            }
            if (ascii)
            {
                // ASCII names need no NFKC normalisation.
                var key = buffer[..length];
                var lookup = _asciiNames.GetAlternateLookup<ReadOnlySpan<char>>();
                if (lookup.TryGetValue(key, out var known)) return known;
                var name = new string(key);
                _asciiNames.Add(name, name);
                return name;
            }
        }
        return IdentifierNormalizer.Normalize(token.Text);
    }

    private string Identifier(NameContext name) => Identifier(name.Start);

    private Name NameNode(NameContext name, AstContext context) => new(Identifier(name), context, Range(name));

    private Constant NumberConstant(IToken token)
    {
        var parsed = NumberLiteral.Parse(token.Text);
        if (parsed.Error is { } error) throw Error(error.Message, token);
        var number = parsed.Value!;
        object value = number.Kind switch
        {
            NumberKind.Integer => number.FitsInt64 ? number.Int64 : number.Integer,
            NumberKind.Float => number.Double,
            _ => new System.Numerics.Complex(0, number.Double),
        };
        return new Constant(value, null, Range(token, token));
    }

    private string SourceBetween(int startCodePoint, int endCodePoint) => source.GetText(startCodePoint, endCodePoint);
}
