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
                    var error = PrefixAfterAwait(lexed.Tokens, tooDeep.At.TokenIndex) is { } operand
                        ? new PythonSyntaxError("invalid syntax", operand.Line, operand.Column)
                        : new PythonSyntaxError(TooComplexMessage, tooDeep.At.Line, tooDeep.At.Column);
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

    /// <summary>
    /// A prefix operator straight after <c>await</c> before <paramref name="end"/>: CPython's
    /// <c>await</c> takes a primary, so its parser stops there with "invalid syntax" without going
    /// deeper, where our grammar descends through the whole chain (<c>await await ... x</c>).
    /// </summary>
    private static IToken? PrefixAfterAwait(IReadOnlyList<IToken> tokens, int end)
    {
        for (int i = 1; i < end && i < tokens.Count; i++)
        {
            if (tokens[i - 1].Type == PythonLexer.AWAIT
                && tokens[i].Type is PythonLexer.AWAIT or PythonLexer.PLUS or PythonLexer.MINUS or PythonLexer.TILDE)
            {
                return tokens[i];
            }
        }

        return null;
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

        // CPython's first pass builds each string literal as soon as it has fetched the token after
        // it, so a literal's error before the failure point is raised first; CPython then tokenizes
        // the rest of the file, and a tokenizer error that raises an exception replaces it.
        int stringsDecodedBefore = error is not null && (lexed.Error is null || EndsTokenizerWithoutException(lexed.Error.Message))
            ? failure?.OffendingToken?.TokenIndex ?? lexed.Tokens.Count - 1
            : -1;
        return new ParseResult(lexed.Text, error is null ? tree : null, lexed.Tokens, lexed.Comments, error, fullContext)
        {
            StringsDecodedBefore = stringsDecodedBefore,
        };
    }

    /// <summary>
    /// Which error CPython reports when the text has a lexical error (the tokens end there):
    /// <list type="bullet">
    /// <item>the parser reached it: the lexical error (CPython's tokenizer raises it when the parser
    /// fetches that token);</item>
    /// <item>the parser stopped before it at an INDENT or DEDENT that CPython calls unexpected: the
    /// parser's error (a missing indented block or except clause there is a second-pass error like
    /// those below);</item>
    /// <item>the parser stopped before it elsewhere: CPython raises the syntax error, then tokenizes
    /// the rest of the file, and a tokenizer error that raises an exception replaces it, while one
    /// that only ends the tokenizer (a bad dedent, tabs against spaces, too deep indentation, a
    /// character after a line continuation, end of file in a continuation) does not. A name with
    /// undecodable bytes replaces it with the codec's bare UnicodeDecodeError, which has no line
    /// (CPython's tokenizer leaves that exception as it is; only the parser adds "(unicode error)").</item>
    /// </list>
    /// </summary>
    private static PythonSyntaxError ChooseOverLexicalError(TokenizeResult lexed, RecognitionException? failure)
    {
        IToken? at = failure?.OffendingToken;
        if (at is null || at.Type == TokenConstants.EOF)
        {
            // The end of the file in a line continuation inside brackets is CPython's unclosed bracket.
            return lexed.Error!.Message == "unexpected EOF while parsing" && lexed.BracketOpenAtError is not null
                ? SyntaxErrorMapper.Map(lexed with { UnclosedBracket = lexed.BracketOpenAtError }, failure)
                : lexed.Error!;
        }

        // CPython tokenizes on from its syntax error to this tokenizer error; a bracket still open
        // there is reported as never closed when it is on an earlier line than the last token the
        // parser fetched.
        if (EndsTokenizerWithoutException(lexed.Error!.Message))
        {
            return SyntaxErrorMapper.Map(lexed with { UnclosedBracket = lexed.BracketOpenAtError }, failure);
        }

        // CPython raises "unexpected indent/unindent" after its second pass found nothing more
        // specific, without tokenizing further; the errors of the second pass at an INDENT or DEDENT
        // ("expected an indented block", "expected 'except' or 'finally' block") are replaced.
        if (at.Type is PythonLexer.INDENT or PythonLexer.DEDENT
            && SyntaxErrorMapper.Map(lexed, failure) is { Message: "unexpected indent" or "unexpected unindent" } indentation)
        {
            return indentation;
        }

        // Our lexer splits such a name at its first bad byte; a parser stopped on the part before it
        // reached the name, which CPython's tokenizer gives as one token.
        if (lexed.UndecodableNameStart is { } nameStart && (at.Line, at.Column) == nameStart)
        {
            return lexed.Error!;
        }

        if (lexed.UndecodableNameStart is not null && lexed.Error!.Message.StartsWith(UnicodeErrorPrefix, StringComparison.Ordinal))
        {
            return lexed.Error with { Message = lexed.Error.Message[UnicodeErrorPrefix.Length..], Kind = PythonSyntaxErrorKind.UnicodeDecodeError };
        }

        return lexed.Error!;
    }

    private const string UnicodeErrorPrefix = "(unicode error) ";

    private static bool EndsTokenizerWithoutException(string message) => message is
        "unindent does not match any outer indentation level"
        or "inconsistent use of tabs and spaces in indentation"
        or "too many levels of indentation"
        or "unexpected character after line continuation character"
        or "unexpected EOF while parsing";
}
