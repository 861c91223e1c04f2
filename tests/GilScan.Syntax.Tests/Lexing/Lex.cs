using Antlr4.Runtime;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Lexing;

namespace GilScan.Syntax.Tests.Lexing;

/// <summary>Renders the lexer's output compactly so tests can compare whole token sequences.</summary>
internal static class Lex
{
    private static readonly IVocabulary Vocabulary = PythonLexer.DefaultVocabulary;

    /// <summary>Tokens as "TYPE text"; layout tokens (NEWLINE, INDENT, DEDENT, EOF) as their type only.</summary>
    public static string[] Show(string source)
    {
        var result = PythonTokenizer.Tokenize(source);
        result.Error.ShouldBeNull();
        return result.Tokens.Select(Render).ToArray();
    }

    /// <summary>Tokens as "TYPE@line:column".</summary>
    public static string[] Positions(string source)
    {
        var result = PythonTokenizer.Tokenize(source);
        result.Error.ShouldBeNull();
        return result.Tokens.Select(t => $"{Name(t.Type)}@{t.Line}:{t.Column}").ToArray();
    }

    /// <summary>The first lexical error of <paramref name="source"/>.</summary>
    public static string Error(string source)
    {
        var error = PythonTokenizer.Tokenize(source).Error;
        error.ShouldNotBeNull();
        return $"{error.Kind}: {error.Message} @{error.Line}:{error.Column}";
    }

    public static string Name(int type) => type == TokenConstants.EOF ? "EOF" : Vocabulary.GetSymbolicName(type);

    private static string Render(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "EOF",
        PythonLexer.NEWLINE or PythonLexer.INDENT or PythonLexer.DEDENT => Name(token.Type),
        _ => $"{Name(token.Type)} {token.Text}",
    };
}
