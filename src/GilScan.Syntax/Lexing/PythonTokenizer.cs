using Antlr4.Runtime;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Lexing;

/// <summary>All tokens of one source text, or the first lexical error.</summary>
/// <param name="Text">The text the token positions refer to (line ends normalised to '\n').</param>
/// <param name="Tokens">The tokens up to and including EOF (up to the error, if any).</param>
/// <param name="Comments">Every comment, in source order.</param>
/// <param name="Error">The first lexical error, or null.</param>
/// <param name="UnclosedBracket">The innermost bracket still open at the end, or null.</param>
/// <param name="BracketOpenAtError">The innermost bracket still open where <paramref name="Error"/> stopped the lexer, or null.</param>
public sealed record TokenizeResult(
    string Text,
    IReadOnlyList<IToken> Tokens,
    IReadOnlyList<IToken> Comments,
    PythonSyntaxError? Error,
    IToken? UnclosedBracket,
    (int Line, int Column)? UndecodableNameStart = null,
    IToken? BracketOpenAtError = null);

/// <summary>Runs the Python lexer over a whole source text.</summary>
public static class PythonTokenizer
{
    /// <summary>
    /// Translates "\r\n" and lone "\r" line ends to "\n", as CPython does before tokenizing.
    /// Lines and columns are unchanged by this.
    /// </summary>
    public static string NormalizeLineEnds(string text)
    {
        return text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
    }

    /// <summary>A lexer over <paramref name="normalizedText"/> (line ends must already be '\n').</summary>
    public static PythonLexer CreateLexer(string normalizedText)
    {
        return new PythonLexer(new PythonCharStream(normalizedText));
    }

    /// <summary>Normalises line ends and lexes the whole text.</summary>
    public static TokenizeResult Tokenize(string text)
    {
        string normalized = NormalizeLineEnds(text);
        PythonLexer lexer = CreateLexer(normalized);
        // Python averages about seven characters per token.
        var tokens = new List<IToken>(Math.Max(16, normalized.Length / 7));
        while (true)
        {
            IToken token = lexer.NextToken();
            if (token is CommonToken common)
            {
                common.TokenIndex = tokens.Count;
            }

            tokens.Add(token);
            if (token.Type == TokenConstants.EOF)
            {
                break;
            }
        }

        PythonSyntaxError? error = lexer.Error;
        if (NullByteError(normalized) is { } nul && (error is null || nul.Line < error.Line))
        {
            error = nul;
        }

        return new TokenizeResult(normalized, tokens, lexer.Comments, error, lexer.UnclosedBracket,
            error is not null && error == lexer.Error ? lexer.UndecodableNameStart : null,
            error is not null && error == lexer.Error ? lexer.BracketOpenAtError : null);
    }

    // CPython rejects a NUL anywhere, strings and comments included, on the line where it reads it.
    private static PythonSyntaxError? NullByteError(string text)
    {
        int at = text.IndexOf('\0');
        if (at < 0)
        {
            return null;
        }

        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        int column = CodePointCount(text, lineStart, at);
        return new PythonSyntaxError("source code cannot contain null bytes", line, column);
    }

    private static int CodePointCount(string text, int from, int to)
    {
        int count = 0;
        for (int i = from; i < to; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }

        return count;
    }
}
