using System.Text;
using Antlr4.Runtime;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Lexing;
using GilScan.Syntax.Tests.Parsing;

namespace GilScan.Syntax.Tests.Lexing;

/// <summary>
/// The lexer's hand-written fast paths (whitespace, comments, strings, ASCII names) must produce
/// exactly the tokens of the grammar rules they replace.
/// </summary>
public sealed class FastPathEquivalenceTests
{
    [Theory]
    [InlineData("x = 'a' \"b\" '''c\nd''' \"\"\"e\"\"\" r'\\' b\"\\\"\" Rb'''x''' u'y'\n")]
    [InlineData("s = 'abc\\\ndef' + \"x\\\"y\" # comment ' \"\nz = 1\n")]
    [InlineData("x = \"unterminated\ny = 2\n")]
    [InlineData("x = '''never closed\n\n")]
    [InlineData("x = \"\"\"ab\"\"")]
    [InlineData("x = 'a\\")]
    [InlineData("ur'x' bf'y' f'{a}' rf\"{b}\" t'{c}' Tr'd' fr'''e'''\n")]
    [InlineData("if match:\n\tcase = type _ \f lambda\n  # c\n")]
    [InlineData("caf\u00e9 = na\u00efve + x\u00b7y + _1\n")]
    [InlineData("\t \f x \\\n  = 1\n")]
    public void Fast_paths_match_the_grammar_on_tricky_input(string source)
    {
        Lex(source, fast: true).ShouldBe(Lex(source, fast: false));
    }

    [StdlibFact]
    public void Fast_paths_match_the_grammar_on_the_stdlib()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        var different = Directory.EnumerateFiles(PythonStdlib.Directory!, "*.py", SearchOption.AllDirectories)
            .AsParallel()
            .Where(path =>
            {
                string source = File.ReadAllText(path, utf8);
                return !Lex(source, fast: true).SequenceEqual(Lex(source, fast: false));
            })
            .ToList();
        different.ShouldBeEmpty();
    }

    private static List<string> Lex(string source, bool fast)
    {
        string text = PythonTokenizer.NormalizeLineEnds(source);
        var lexer = fast ? new PythonLexer(new PythonCharStream(text)) : new PythonLexer(CharStreams.fromString(text));
        var tokens = new List<string>();
        while (true)
        {
            IToken token = lexer.NextToken();
            tokens.Add($"{token.Type} {token.StartIndex}-{token.StopIndex} {token.Line}:{token.Column}");
            if (token.Type == TokenConstants.EOF)
            {
                break;
            }
        }

        tokens.Add($"error {lexer.Error}");
        tokens.AddRange(lexer.Comments.Select(c => $"comment {c.StartIndex}-{c.StopIndex} {c.Line}:{c.Column}"));
        return tokens;
    }
}
