using GilScan.Syntax.Generated;
using GilScan.Syntax.Lexing;

namespace GilScan.Syntax.Tests.Lexing;

/// <summary>Strings, numbers, names and operators.</summary>
public sealed class LiteralTokenTests
{
    [Theory]
    [InlineData("'a'")]
    [InlineData("\"a\"")]
    [InlineData("'''a\nb'''")]
    [InlineData("\"\"\"a\"b\"\"c\"\"\"")]
    [InlineData("r'\\d'")]
    [InlineData("u'a'")]
    [InlineData("R'a'")]
    [InlineData("U'a'")]
    [InlineData("b'a'")]
    [InlineData("B'a'")]
    [InlineData("br'a'")]
    [InlineData("Rb'a'")]
    [InlineData("bR'''a'''")]
    [InlineData("rB\"a\"")]
    [InlineData("'a\\\nb'")]
    [InlineData("'\\''")]
    [InlineData("'''a\\'''b'''")]
    [InlineData("'caf\u00e9 \U0001F600'")]
    public void String_is_one_token_with_its_prefix_and_quotes(string source)
    {
        Lex.Show(source).ShouldBe([$"STRING {source}", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Invalid_prefixes_are_a_name_followed_by_a_string()
    {
        Lex.Show("ur'a' bf'b'").ShouldBe(["NAME ur", "STRING 'a'", "NAME bf", "STRING 'b'", "NEWLINE", "EOF"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("0_0")]
    [InlineData("7")]
    [InlineData("1_000_000")]
    [InlineData("0xdead_BEEF")]
    [InlineData("0X1")]
    [InlineData("0o7_7")]
    [InlineData("0O7")]
    [InlineData("0b1_0")]
    [InlineData("0B1")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e5")]
    [InlineData("1E-5")]
    [InlineData("1.5e+5")]
    [InlineData("1_0.0_1e1_0")]
    [InlineData("007.5")]
    [InlineData("1j")]
    [InlineData("1.5J")]
    [InlineData(".5j")]
    [InlineData("5.j")]
    [InlineData("1e5j")]
    [InlineData("007j")]
    public void Number_is_one_token(string source)
    {
        Lex.Show(source).ShouldBe([$"NUMBER {source}", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Number_directly_followed_by_a_keyword_is_valid_as_in_cpython()
    {
        Lex.Show("1if x else 2").ShouldBe(["NUMBER 1", "IF if", "NAME x", "ELSE else", "NUMBER 2", "NEWLINE", "EOF"]);
        Lex.Show("[0x1for x in y]").ShouldBe(
            ["LSQB [", "NUMBER 0x1f", "OR or", "NAME x", "IN in", "NAME y", "RSQB ]", "NEWLINE", "EOF"]);
        Lex.Show("1 .real").ShouldBe(["NUMBER 1", "DOT .", "NAME real", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Keywords_and_soft_keywords_have_their_own_tokens()
    {
        Lex.Show("if match case type _ async await lambda").ShouldBe(
            ["IF if", "MATCH match", "CASE case", "TYPE type", "NAME _", "ASYNC async", "AWAIT await", "LAMBDA lambda", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Identifiers_follow_pep_3131()
    {
        Lex.Show("caf\u00e9 \u03c0 \u0430\u0431\u0432 _x1 \u2118 x\u00b7y").ShouldBe(
            ["NAME caf\u00e9", "NAME \u03c0", "NAME \u0430\u0431\u0432", "NAME _x1", "NAME \u2118", "NAME x\u00b7y", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Columns_count_code_points()
    {
        Lex.Positions("'\U0001F600' + x").ShouldBe(["STRING@1:0", "PLUS@1:4", "NAME@1:6", "NEWLINE@1:7", "EOF@1:7"]);
    }

    [Fact]
    public void Operators_use_the_longest_match()
    {
        Lex.Show("a **= b // c -> d := e ... f != g <<= h >>= i @= j").Select(t => t.Split(' ')[0]).ShouldBe(
        [
            "NAME", "DOUBLESTAREQUAL", "NAME", "DOUBLESLASH", "NAME", "RARROW", "NAME", "COLONEQUAL", "NAME",
            "ELLIPSIS", "NAME", "NOTEQUAL", "NAME", "LEFTSHIFTEQUAL", "NAME", "RIGHTSHIFTEQUAL", "NAME", "ATEQUAL", "NAME",
            "NEWLINE", "EOF",
        ]);
        Lex.Show("from .... import x").Select(t => t.Split(' ')[0]).ShouldBe(
            ["FROM", "ELLIPSIS", "DOT", "IMPORT", "NAME", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Token_indices_count_code_points_of_the_normalised_text()
    {
        var result = PythonTokenizer.Tokenize("a\r\n\U0001F600 = 1");
        result.Text.ShouldBe("a\n\U0001F600 = 1");
        result.Error.ShouldBe(new GilScan.Syntax.Parsing.PythonSyntaxError("invalid character '\U0001F600' (U+1F600)", 2, 0));
        result.Tokens[0].Type.ShouldBe(PythonLexer.NAME);
    }
}
