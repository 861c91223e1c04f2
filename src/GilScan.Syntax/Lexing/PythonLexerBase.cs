using Antlr4.Runtime;
using GilScan.Syntax.Text;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// The stateful half of the Python lexer; the generated <see cref="PythonLexer"/> derives from it.
/// The grammar matches context-free tokens; this class turns them into the token stream CPython's
/// tokenizer produces:
/// <list type="bullet">
/// <item>drops physical line ends inside brackets and on blank or comment-only lines, keeps
/// logical line ends as NEWLINE, and synthesises INDENT / DEDENT (PythonLexerBase.Indentation.cs);</item>
/// <item>tracks brackets, with CPython's nesting limit and mismatch errors (PythonLexerBase.Brackets.cs);</item>
/// <item>scans the literal parts and format specs of f-strings and t-strings by hand
/// (PythonLexerBase.FStrings.cs);</item>
/// <item>turns error tokens into CPython's syntax errors, stops at the first one and exposes it as
/// <see cref="Error"/> (nothing is printed);</item>
/// <item>records comments in <see cref="Comments"/> instead of emitting them.</item>
/// </list>
/// Input contract: line ends are '\n' only (see <see cref="PythonTokenizer"/>).
/// </summary>
public abstract partial class PythonLexerBase : Lexer
{
    private readonly ICharStream _input;
    private readonly Tuple<ITokenSource, ICharStream> _tokenSource;
    private readonly Queue<IToken> _pending = new();
    private readonly List<IToken> _comments = [];

    /// <summary>The EOF token once the end (or the first error) has been reached.</summary>
    private IToken? _endToken;

    /// <summary>A backslash continuation not yet followed by any token.</summary>
    private IToken? _pendingContinuation;

    protected PythonLexerBase(ICharStream input)
        : this(input, TextWriter.Null, TextWriter.Null)
    {
    }

    protected PythonLexerBase(ICharStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput)
    {
        _input = input;
        _tokenSource = System.Tuple.Create<ITokenSource, ICharStream>(this, input);
        RemoveErrorListeners();
    }

    /// <summary>The first lexical error, or null. After an error the lexer only returns EOF.</summary>
    public PythonSyntaxError? Error { get; private set; }

    /// <summary>Where the name starts when <see cref="Error"/> is the codec error of a name holding undecodable bytes.</summary>
    public (int Line, int Column)? UndecodableNameStart { get; private set; }

    /// <summary>Every comment, in source order (they are not part of the token stream).</summary>
    public IReadOnlyList<IToken> Comments => _comments;

    /// <summary>
    /// The innermost bracket still open at the end of the input, if any: the parse driver turns a
    /// parse error into CPython's "'(' was never closed" with it.
    /// </summary>
    public IToken? UnclosedBracket { get; private set; }

    /// <summary>The innermost bracket still open where the lexical error stopped the lexer, or null.</summary>
    public IToken? BracketOpenAtError { get; private set; }

    /// <inheritdoc />
    public override IToken NextToken()
    {
        if (_pending.Count > 0)
        {
            return _pending.Dequeue();
        }

        while (true)
        {
            if (_endToken is not null)
            {
                return _endToken;
            }

            IToken? emitted = Process(NextRawToken());
            if (emitted is not null)
            {
                return emitted;
            }

            if (_pending.Count > 0)
            {
                return _pending.Dequeue();
            }
        }
    }

    private IToken NextRawToken()
    {
        return ScanInsideFString() ?? ScanFast() ?? base.NextToken();
    }

    /// <summary>Returns the token to emit now, or null when it was dropped or queued.</summary>
    private IToken? Process(IToken token)
    {
        if (Error is not null)
        {
            return null;
        }

        switch (token.Type)
        {
            case PythonLexer.NEWLINE:
                return OnPhysicalLineEnd(token);
            case PythonLexer.COMMENT:
                _comments.Add(token);
                return null;
            case PythonLexer.LINE_CONTINUATION:
                _pendingContinuation = token;
                return null;
            case PythonLexer.Eof:
                OnEndOfInput(token);
                return null;
        }

        _pendingContinuation = null;
        bool queued = false;
        if (_atLineStart)
        {
            _atLineStart = false;
            queued = OnFirstTokenOfLine(token);
            if (Error is not null)
            {
                return null;
            }
        }

        _lineHasContent = true;
        IToken result = Check(token);
        if (Error is not null)
        {
            return null;
        }

        if (queued)
        {
            _pending.Enqueue(result);
            return null;
        }

        return result;
    }

    /// <summary>Bracket bookkeeping and the error checks that depend on the token type.</summary>
    private IToken Check(IToken token)
    {
        switch (token.Type)
        {
            case PythonLexer.LPAR:
            case PythonLexer.LSQB:
                OpenBracket(token);
                return token;
            case PythonLexer.LBRACE:
                OpenBracket(token);
                OpenFieldIfPending();
                return token;
            case PythonLexer.RPAR:
            case PythonLexer.RSQB:
            case PythonLexer.RBRACE:
                CloseBracket(token);
                return token;
            case PythonLexer.COLON:
            case PythonLexer.COLONEQUAL:
                return OnColon(token);
            case PythonLexer.FSTRING_START:
            case PythonLexer.TSTRING_START:
                OnFStringStart(token);
                return token;
            case PythonLexer.FSTRING_END:
                OnFStringEnd();
                return token;
            case PythonLexer.NUMBER:
                CheckNumberEnd(token);
                return token;
            case PythonLexer.UNTERMINATED_STRING:
                OnUnterminatedString(token, triple: false);
                return token;
            case PythonLexer.UNTERMINATED_LONG_STRING:
                OnUnterminatedString(token, triple: true);
                return token;
            case PythonLexer.STRAY_BACKSLASH:
                Fail(
                    _input.LA(1) == IntStreamConstants.EOF
                        ? "unexpected EOF while parsing"
                        : "unexpected character after line continuation character",
                    token.Line,
                    token.Column + 1);
                return token;
            case PythonLexer.ERROR_CHAR:
                OnErrorChar(token);
                return token;
            default:
                return token;
        }
    }

    private void OnEndOfInput(IToken eof)
    {
        // CPython ends the input with a newline of its own, so a continuation line that holds
        // anything (spaces, a comment) before the end of the file ends the logical line; only a
        // backslash-newline right at the end leaves it open.
        if (_pendingContinuation is { } backslash && eof.StartIndex <= backslash.StopIndex + 1)
        {
            Fail("unexpected EOF while parsing", backslash.Line, backslash.Column + 1);
            return;
        }

        _pendingContinuation = null;

        if (_brackets.Count > 0)
        {
            // The parser fails at EOF; the driver reports the innermost open bracket.
            UnclosedBracket = _brackets[^1];
            _endToken = eof;
            return;
        }

        if (_lineHasContent)
        {
            _pending.Enqueue(Synthetic(PythonLexer.NEWLINE, eof));
            _lineHasContent = false;
        }

        QueueDedentsToColumnZero(eof);
        _pending.Enqueue(eof);
        _endToken = eof;
    }

    private void CheckNumberEnd(IToken number)
    {
        int next = _input.LA(1);
        bool touchesIdentifierChar = next is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
        if (!touchesIdentifierChar)
        {
            return;
        }

        // The re-scan may run past the token (digits after a leading zero, 'lse' after '1e').
        int windowEnd = Math.Min(_input.Size - 1, number.StopIndex + 256);
        string window = _input.GetText(Antlr4.Runtime.Misc.Interval.Of(number.StartIndex, windowEnd));
        var error = NumberLiteralChecker.Check(
            offset => offset < window.Length ? window[offset] : -1, number.Line, number.Column);
        if (error is not null)
        {
            Fail(error.Message, error.Line, error.Column);
        }
    }

    private void OnUnterminatedString(IToken token, bool triple)
    {
        string text = token.Text;
        int quoteAt = text.IndexOfAny(['\'', '"']);
        char quote = text[quoteAt];
        if (IsEnclosingFStringQuote(quote, triple ? 3 : 1))
        {
            // A quote that would close the enclosing f-string while a replacement field is open.
            Fail("f-string: expecting '}'", token.Line, token.Column);
            return;
        }

        // CPython reports the line it was reading when it gave up; reaching the end of the input
        // right after a line end does not start a new line.
        int detectedAt = token.Line + text.AsSpan().Count('\n') - (text.EndsWith('\n') ? 1 : 0);
        string message = triple
            ? $"unterminated triple-quoted string literal (detected at line {detectedAt})"
            : $"unterminated string literal (detected at line {detectedAt})";
        Fail(message, token.Line, token.Column);
    }

    private void OnErrorChar(IToken token)
    {
        int codePoint = char.ConvertToUtf32(token.Text, 0);
        switch (codePoint)
        {
            case 0:
                Fail("source code cannot contain null bytes", token.Line, token.Column);
                return;
            case '$' or '?' or '`':
                // CPython lexes these as operators that no grammar rule accepts.
                return;
        }

        if (UndecodableBytes.IsMarker(codePoint))
        {
            OnUndecodableByteInCode(token);
            return;
        }

        Fail(
            UnicodeFacts.IsPrintable(codePoint)
                ? $"invalid character '{char.ConvertFromUtf32(codePoint)}' (U+{codePoint:X4})"
                : $"invalid non-printable character U+{codePoint:X4}",
            token.Line,
            token.Column);
    }

    /// <summary>
    /// A byte that is not valid UTF-8 outside strings and comments. The decoder carried it as a marker
    /// code point (see <see cref="UndecodableBytes"/>); CPython fails on the identifier-like run that
    /// holds it with its codec's "(unicode error)" message, so that run is rebuilt around the marker.
    /// </summary>
    private void OnUndecodableByteInCode(IToken token)
    {
        int start = token.StartIndex;
        while (start > 0 && IsIdentifierLike(_input.GetText(Antlr4.Runtime.Misc.Interval.Of(start - 1, start - 1))))
        {
            start--;
        }
        // CPython's tokenizer takes every byte >= 0x80 as an identifier character, so the run goes on
        // past the undecodable bytes (`dec\xe2\x82orator` is one identifier, "bytes in position 3-4:
        // invalid continuation byte"), and the run is decoded whole.
        int stop = token.StopIndex;
        while (stop + 1 < _input.Size && IsIdentifierLike(_input.GetText(Antlr4.Runtime.Misc.Interval.Of(stop + 1, stop + 1))))
        {
            stop++;
        }
        string identifier = _input.GetText(Antlr4.Runtime.Misc.Interval.Of(start, stop));
        int startColumn = token.Column - (token.StartIndex - start);
        if (UndecodableBytes.DescribeIdentifier(identifier) is { } error)
        {
            Fail(error.Message, token.Line, startColumn + error.Column - 1);
            if (Error is { } failed && failed.Message == error.Message)
            {
                UndecodableNameStart = (token.Line, startColumn);
            }
            return;
        }
        Fail($"invalid non-printable character U+{char.ConvertToUtf32(token.Text, 0):X4}", token.Line, token.Column);
    }

    private static bool IsIdentifierLike(string oneCodePoint)
    {
        int codePoint = char.ConvertToUtf32(oneCodePoint, 0);
        return codePoint == '_' || char.IsAsciiLetterOrDigit((char)Math.Min(codePoint, 0x7F)) && codePoint < 0x80
            || codePoint >= 0x80 && (UndecodableBytes.IsMarker(codePoint) || UnicodeFacts.IsPrintable(codePoint));
    }

    /// <summary>Records the first error and ends the token stream with EOF.</summary>
    private void Fail(string message, int line, int column, PythonSyntaxErrorKind kind = PythonSyntaxErrorKind.SyntaxError)
    {
        if (Error is not null)
        {
            return;
        }

        Error = new PythonSyntaxError(message, line, column, kind);
        BracketOpenAtError = _brackets.Count > 0 ? _brackets[^1] : null;
        _pending.Clear();
        var eof = new CommonToken(_tokenSource, PythonLexer.Eof, DefaultTokenChannel, _input.Index, _input.Index - 1)
        {
            Line = Line,
            Column = Column,
        };
        _endToken = eof;
    }

    /// <summary>A zero-width token at the position of <paramref name="at"/>.</summary>
    private CommonToken Synthetic(int type, IToken at)
    {
        return new CommonToken(_tokenSource, type, DefaultTokenChannel, at.StartIndex, at.StartIndex - 1)
        {
            Line = at.Line,
            Column = at.Column,
            Text = string.Empty,
        };
    }

    private CommonToken MakeToken(int type, int start, int stop, int line, int column)
    {
        return new CommonToken(_tokenSource, type, DefaultTokenChannel, start, stop)
        {
            Line = line,
            Column = column,
        };
    }
}
