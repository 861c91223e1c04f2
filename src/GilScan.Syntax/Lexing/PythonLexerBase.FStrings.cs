using Antlr4.Runtime;
using GilScan.Syntax.Generated;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// f-strings (PEP 701) and t-strings (PEP 750). The grammar matches FSTRING_START / TSTRING_START;
/// from there this class scans the literal text by hand, as CPython's tokenizer does, and returns
/// <list type="bullet">
/// <item>FSTRING_MIDDLE: a maximal run of literal text, raw source (escapes, '{{' and '}}' are
/// kept as written and decoded by the AST builder);</item>
/// <item>LBRACE: opens a replacement field, whose expression the grammar lexes normally (nested
/// strings may reuse the enclosing quote). At the field's own bracket level ':' starts the format
/// spec (':=' is split into ':' and spec text, as in CPython), and the matching RBRACE closes it;</item>
/// <item>FSTRING_MIDDLE / LBRACE / RBRACE inside a format spec, where '{' always opens a nested
/// field and '}' closes the field that owns the spec;</item>
/// <item>FSTRING_END: the closing quote(s), for t-strings too.</item>
/// </list>
/// CPython quirk kept on purpose: in a single-quoted f-string a line end inside a format spec ends
/// the spec and lexing goes on in the expression.
/// </summary>
public abstract partial class PythonLexerBase
{
    private const int MaxNestedFStrings = 149;

    /// <summary>Open f-strings and replacement fields, innermost last.</summary>
    private readonly List<object> _frames = [];

    /// <summary>Set when the next LBRACE opens a replacement field of this string.</summary>
    private StringFrame? _fieldOwnerOfNextBrace;

    private FieldFrame? TopField => _frames.Count > 0 ? _frames[^1] as FieldFrame : null;

    private IToken? ScanInsideFString()
    {
        if (_frames.Count == 0)
        {
            return null;
        }

        return _frames[^1] switch
        {
            StringFrame literal => ScanLiteral(literal),
            FieldFrame { InSpec: true } field => ScanFormatSpec(field),
            _ => null,
        };
    }

    private void OnFStringStart(IToken start)
    {
        string text = start.Text;
        int quoteAt = text.IndexOfAny(['\'', '"']);
        bool raw = text.AsSpan(0, quoteAt).ContainsAny('r', 'R');
        // CPython's tokenizer keeps at most 150 modes (MAXFSTRINGLEVEL), the first for plain code,
        // and reports the next f-string at the last character of its opening token.
        if (_frames.Count(frame => frame is StringFrame) >= MaxNestedFStrings)
        {
            Fail("too many nested f-strings", start.Line, start.Column + text.Length - 1);
        }

        _frames.Add(new StringFrame(start, text[quoteAt], text.Length - quoteAt, raw));
    }

    private void OnFStringEnd()
    {
        _frames.RemoveAt(_frames.Count - 1);
    }

    /// <summary>Called after the LBRACE of a replacement field was pushed on the bracket stack.</summary>
    private void OpenFieldIfPending()
    {
        if (_fieldOwnerOfNextBrace is { } owner)
        {
            _fieldOwnerOfNextBrace = null;
            _frames.Add(new FieldFrame(owner, _brackets.Count - 1));
        }
    }

    /// <summary>Called when the RBRACE of the innermost replacement field was matched.</summary>
    private void CloseField()
    {
        _frames.RemoveAt(_frames.Count - 1);
    }

    private IToken OnColon(IToken colon)
    {
        if (TopField is not { InSpec: false } field || field.BracketIndex != _brackets.Count - 1)
        {
            return colon;
        }

        field.InSpec = true;
        if (colon.Type == PythonLexer.COLON)
        {
            return colon;
        }

        // ':=' at the field's level is ':' followed by a format spec starting with '='.
        _input.Seek(colon.StartIndex + 1);
        Column = colon.Column + 1;
        return MakeToken(PythonLexer.COLON, colon.StartIndex, colon.StartIndex, colon.Line, colon.Column);
    }

    private bool IsEnclosingFStringQuote(char quote, int length) =>
        TopField is { } field && field.Owner.Quote == quote && field.Owner.QuoteLength == length;

    private IToken ScanLiteral(StringFrame literal)
    {
        int start = _input.Index;
        int line = Line;
        int column = Column;
        bool inNamedEscape = false;
        while (true)
        {
            int c = _input.LA(1);
            if (c == IntStreamConstants.EOF)
            {
                return FailUnterminated(literal);
            }

            if (c == literal.Quote && AtClosingQuote(literal))
            {
                if (_input.Index > start)
                {
                    return MakeToken(PythonLexer.FSTRING_MIDDLE, start, _input.Index - 1, line, column);
                }

                for (int i = 0; i < literal.QuoteLength; i++)
                {
                    Advance();
                }

                return MakeToken(PythonLexer.FSTRING_END, start, _input.Index - 1, line, column);
            }

            switch (c)
            {
                case '\n' when literal.QuoteLength == 1:
                    return FailUnterminated(literal);
                case '\\':
                    ScanBackslash(literal, ref inNamedEscape);
                    break;
                case '{' when _input.LA(2) == '{':
                case '}' when _input.LA(2) == '}' && !inNamedEscape:
                    Advance();
                    Advance();
                    break;
                case '{':
                    if (_input.Index > start)
                    {
                        return MakeToken(PythonLexer.FSTRING_MIDDLE, start, _input.Index - 1, line, column);
                    }

                    _fieldOwnerOfNextBrace = literal;
                    return ScanOneCharToken(PythonLexer.LBRACE);
                case '}' when inNamedEscape:
                    inNamedEscape = false;
                    Advance();
                    break;
                case '}':
                    Fail("f-string: single '}' is not allowed", Line, Column);
                    return _endToken!;
                default:
                    Advance();
                    break;
            }
        }
    }

    private IToken? ScanFormatSpec(FieldFrame field)
    {
        StringFrame owner = field.Owner;
        int start = _input.Index;
        int line = Line;
        int column = Column;
        bool inNamedEscape = false;
        while (true)
        {
            int c = _input.LA(1);
            if (c == IntStreamConstants.EOF || (c == '\n' && owner.QuoteLength == 1))
            {
                // Back to the expression lexer: EOF leaves the field's brace unclosed; a line end
                // is CPython's single-quoted quirk.
                field.InSpec = false;
                return _input.Index > start
                    ? MakeToken(PythonLexer.FSTRING_MIDDLE, start, _input.Index - 1, line, column)
                    : null;
            }

            if (c == owner.Quote && AtClosingQuote(owner))
            {
                if (_input.Index > start)
                {
                    return MakeToken(PythonLexer.FSTRING_MIDDLE, start, _input.Index - 1, line, column);
                }

                Fail("f-string: expecting '}', or format specs", Line, Column);
                return _endToken!;
            }

            switch (c)
            {
                case '\\':
                    ScanBackslash(owner, ref inNamedEscape);
                    break;
                case '{' or '}' when _input.Index > start:
                    return MakeToken(PythonLexer.FSTRING_MIDDLE, start, _input.Index - 1, line, column);
                case '{':
                    _fieldOwnerOfNextBrace = owner;
                    return ScanOneCharToken(PythonLexer.LBRACE);
                case '}':
                    return ScanOneCharToken(PythonLexer.RBRACE);
                default:
                    Advance();
                    break;
            }
        }
    }

    /// <summary>
    /// A backslash in literal text: before a brace it is a lone character (the brace keeps its
    /// meaning); '\N{' opens a named escape in non-raw strings; otherwise it escapes the next
    /// character, a line end included.
    /// </summary>
    private void ScanBackslash(StringFrame literal, ref bool inNamedEscape)
    {
        int next = _input.LA(2);
        Advance();
        if (next is '{' or '}')
        {
            return;
        }

        if (!literal.Raw && next == 'N' && _input.LA(2) == '{')
        {
            Advance();
            Advance();
            inNamedEscape = true;
            return;
        }

        if (next != IntStreamConstants.EOF)
        {
            Advance();
        }
    }

    private bool AtClosingQuote(StringFrame literal) =>
        literal.QuoteLength == 1 || (_input.LA(2) == literal.Quote && _input.LA(3) == literal.Quote);

    private IToken FailUnterminated(StringFrame literal)
    {
        bool triple = literal.QuoteLength == 3;
        bool atEnd = _input.LA(1) == IntStreamConstants.EOF;
        int detectedAt = atEnd && _input.Index > 0 && _input.LA(-1) == '\n' ? Line - 1 : Line;
        string kind = literal.Start.Type == PythonLexer.TSTRING_START ? "t-string" : "f-string";
        string message = triple
            ? $"unterminated triple-quoted {kind} literal (detected at line {detectedAt})"
            : $"unterminated {kind} literal (detected at line {detectedAt})";
        Fail(message, literal.Start.Line, literal.Start.Column);
        return _endToken!;
    }

    private CommonToken ScanOneCharToken(int type)
    {
        int at = _input.Index;
        int line = Line;
        int column = Column;
        Advance();
        return MakeToken(type, at, at, line, column);
    }

    private void Advance()
    {
        int c = _input.LA(1);
        _input.Consume();
        if (c == '\n')
        {
            Line++;
            Column = 0;
        }
        else
        {
            Column++;
        }
    }

    private sealed class StringFrame(IToken start, char quote, int quoteLength, bool raw)
    {
        public IToken Start { get; } = start;

        public char Quote { get; } = quote;

        public int QuoteLength { get; } = quoteLength;

        public bool Raw { get; } = raw;
    }

    private sealed class FieldFrame(StringFrame owner, int bracketIndex)
    {
        public StringFrame Owner { get; } = owner;

        /// <summary>Index of the field's '{' in the bracket stack.</summary>
        public int BracketIndex { get; } = bracketIndex;

        public bool InSpec { get; set; }
    }
}
