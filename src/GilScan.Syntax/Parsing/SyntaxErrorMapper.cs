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

        if (lexed.UnclosedBracket is { } open && (at.Type == TokenConstants.EOF || at.Line > open.Line))
        {
            string bracket = lexed.Text.Substring(StringIndex(lexed.Text, open.StartIndex), 1);
            return new PythonSyntaxError($"'{bracket}' was never closed", open.Line, open.Column);
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
                return new PythonSyntaxError("unexpected unindent", at.Line, at.Column, PythonSyntaxErrorKind.IndentationError);
        }

        if (MissingBlockHeader(lexed.Tokens, at) is { } header)
        {
            return new PythonSyntaxError(
                $"expected an indented block after {header.What} on line {header.Line}",
                at.Line,
                at.Column,
                PythonSyntaxErrorKind.IndentationError);
        }

        return new PythonSyntaxError("invalid syntax", at.Line, at.Column);
    }

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

    // Token indices count code points; the text is UTF-16.
    private static int StringIndex(string text, int codePointIndex)
    {
        int index = 0;
        for (int seen = 0; seen < codePointIndex; seen++)
        {
            index += char.IsHighSurrogate(text[index]) ? 2 : 1;
        }

        return index;
    }
}
