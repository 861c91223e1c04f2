using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Lexing;

namespace GilScan.Syntax.Parsing;

/// <summary>
/// Parses Python source into an ANTLR parse tree, or reports the first syntax error as CPython
/// would. Thread-safe: every call uses its own lexer and parser; only ANTLR's DFA cache is shared.
/// <para>
/// Strategy: lex the whole text first (CPython reports tokenizer errors before parser errors);
/// parse with SLL prediction and a bail-out error strategy; only if that fails, parse again with
/// full LL prediction, which either succeeds or gives the syntax error.
/// </para>
/// <para>
/// Deep nesting: the parser counts rule depth. On the caller's thread it allows
/// <see cref="CallerThreadDepthLimit"/> levels (far more than real code needs, far less than any
/// thread stack can hold); deeper input is parsed again on a dedicated thread with a
/// <see cref="DeepStackBytes"/> stack, where up to <see cref="DeepDepthLimit"/> levels are allowed,
/// enough for everything CPython accepts (its own parser stops near 6,000 nested unary operators).
/// Deeper than that is a clean syntax error, never a stack overflow.
/// </para>
/// </summary>
public static class PythonSyntaxParser
{
    /// <summary>Rule depth allowed on the caller's thread.</summary>
    public const int CallerThreadDepthLimit = 400;

    /// <summary>Rule depth allowed on the dedicated deep-stack thread.</summary>
    public const int DeepDepthLimit = 40_000;

    /// <summary>Stack size of the dedicated thread used for deeply nested input.</summary>
    public const int DeepStackBytes = 512 * 1024 * 1024;

    /// <summary>CPython's message (a MemoryError there) when its parser runs out of stack.</summary>
    public const string TooComplexMessage = "Parser stack overflowed - Python source too complex to parse";

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static ParseResult Parse(string text)
    {
        TokenizeResult lexed = PythonTokenizer.Tokenize(text);
        try
        {
            return Parse(lexed, CallerThreadDepthLimit);
        }
        catch (ParseTooDeepException)
        {
            return ParseOnDeepStack(lexed);
        }
    }

    private static ParseResult ParseOnDeepStack(TokenizeResult lexed)
    {
        ParseResult? result = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = Parse(lexed, DeepDepthLimit);
                }
                catch (ParseTooDeepException tooDeep)
                {
                    var error = new PythonSyntaxError(TooComplexMessage, tooDeep.At.Line, tooDeep.At.Column);
                    result = new ParseResult(lexed.Text, null, lexed.Tokens, lexed.Comments, error, false);
                }
                catch (Exception other)
                {
                    failure = other;
                }
            },
            DeepStackBytes)
        {
            Name = "gilscan deep parse",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("parsing failed unexpectedly", failure);
        }

        return result!;
    }

    private static ParseResult Parse(TokenizeResult lexed, int maxDepth)
    {
        var stream = new PythonTokenStream(lexed.Tokens, lexed.Tokens[^1].TokenSource);
        var parser = new PythonParser(stream)
        {
            BuildParseTree = true,
            ErrorHandler = new BailErrorStrategy(),
            MaxDepth = maxDepth,
        };
        parser.Interpreter.PredictionMode = PredictionMode.SLL;

        PythonParser.File_inputContext? tree = null;
        bool fullContext = false;
        RecognitionException? failure = null;
        try
        {
            tree = parser.file_input();
        }
        catch (ParseCanceledException)
        {
            fullContext = true;
            stream.Seek(0);
            parser.Reset();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            try
            {
                tree = parser.file_input();
            }
            catch (ParseCanceledException canceled)
            {
                failure = canceled.InnerException as RecognitionException;
            }
        }

        PythonSyntaxError? error = lexed.Error is not null
            ? ChooseOverLexicalError(lexed, failure)
            : tree is null ? SyntaxErrorMapper.Map(lexed, failure) : null;
        return new ParseResult(lexed.Text, error is null ? tree : null, lexed.Tokens, lexed.Comments, error, fullContext);
    }

    /// <summary>
    /// A lexical error wins over a parse error, as in CPython, except when the parser already
    /// stopped at an unexpected INDENT or DEDENT before it (CPython's parser reports those without
    /// tokenizing further).
    /// </summary>
    private static PythonSyntaxError ChooseOverLexicalError(TokenizeResult lexed, RecognitionException? failure)
    {
        IToken? at = failure?.OffendingToken;
        if (at is not null && at.Type is PythonLexer.INDENT or PythonLexer.DEDENT)
        {
            return SyntaxErrorMapper.Map(lexed, failure);
        }

        return lexed.Error!;
    }
}
