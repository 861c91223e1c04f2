using GilScan.Syntax.Lexing;
using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Tests.Lexing;

/// <summary>
/// Errors the tokenizer reports, with CPython 3.13's message, line and column (its
/// SyntaxError.offset minus one). Expected values were produced by CPython 3.13.0's ast.parse.
/// </summary>
public sealed class LexicalErrorTests
{
    [Theory]
    [InlineData("x = \"abc\n", "unterminated string literal (detected at line 1)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = \"abc", "unterminated string literal (detected at line 1)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = \"\"\"abc\n\n", "unterminated triple-quoted string literal (detected at line 2)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = \"\"\"abc", "unterminated triple-quoted string literal (detected at line 1)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1\ny = \"\"\"abc\nd\n", "unterminated triple-quoted string literal (detected at line 3)", 2, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = b\"abc\n", "unterminated string literal (detected at line 1)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = \"a\\\nbc\n", "unterminated string literal (detected at line 2)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("'a' 'b\n", "unterminated string literal (detected at line 1)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = \u20ac\n", "invalid character '\u20ac' (U+20AC)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a\u20acb = 1\n", "invalid character '\u20ac' (U+20AC)", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 \u00a0\n", "invalid non-printable character U+00A0", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 \u000b 2\n", "invalid non-printable character U+000B", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = \u2028\n", "invalid non-printable character U+2028", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("\ufeffx = 1\n", "invalid non-printable character U+FEFF", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0777\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1_\n", "invalid decimal literal", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1__0\n", "invalid decimal literal", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0x\n", "invalid hexadecimal literal", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0xg\n", "invalid hexadecimal literal", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0x1g\n", "invalid hexadecimal literal", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0b2\n", "invalid digit '2' in binary literal", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0b12\n", "invalid digit '2' in binary literal", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0b1_\n", "invalid binary literal", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0o8\n", "invalid digit '8' in octal literal", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("0o19\n", "invalid digit '9' in octal literal", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1a\n", "invalid decimal literal", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1e\n", "invalid decimal literal", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1e+\n", "invalid decimal literal", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1._5\n", "invalid decimal literal", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1jx\n", "invalid imaginary literal", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1.5a\n", "invalid decimal literal", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1e5x\n", "invalid decimal literal", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1.__class__\n", "invalid decimal literal", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x:\n  a\n b\n", "unindent does not match any outer indentation level", 3, 2, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if x:\n      a\n   b\n", "unindent does not match any outer indentation level", 3, 4, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if x:\n\tif y:\n        z\n", "inconsistent use of tabs and spaces in indentation", 3, 0, PythonSyntaxErrorKind.TabError)]
    [InlineData("if x:\n        a\n\tb\n", "inconsistent use of tabs and spaces in indentation", 3, 0, PythonSyntaxErrorKind.TabError)]
    [InlineData("if True:\n    \tx = 1\n\ty = 2\n", "inconsistent use of tabs and spaces in indentation", 3, 0, PythonSyntaxErrorKind.TabError)]
    [InlineData("x = )\n", "unmatched ')'", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = (]\n", "closing parenthesis ']' does not match opening parenthesis '('", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = (\n\n]\n", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 3, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 + \\\n", "unexpected EOF while parsing", 1, 9, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 + \\", "unexpected EOF while parsing", 1, 9, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 + \\ y\n", "unexpected character after line continuation character", 1, 9, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = \\\n", "unexpected EOF while parsing", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    public void Tokenizer_reports_cpython_error(string source, string message, int line, int column, PythonSyntaxErrorKind kind)
    {
        PythonTokenizer.Tokenize(source).Error.ShouldBe(new PythonSyntaxError(message, line, column, kind));
    }

    /// <summary>
    /// CPython ends the input with a newline of its own: a continuation line that holds spaces or a
    /// comment before the end of the file ends the statement (CPython 3.13.0 accepts these; found by
    /// the fuzzer in a truncated file, where we said "unexpected EOF while parsing").
    /// </summary>
    [Theory]
    [InlineData("x = 1\\\n   ")]
    [InlineData("x = 1\\\n\t")]
    [InlineData("x = 1\\\n# c")]
    [InlineData("x = 1\\\n \\\n ")]
    [InlineData("if 1:\n    x = 1\\\n   ")]
    public void Continuation_line_with_content_at_the_end_of_the_file_ends_the_statement(string source)
    {
        var result = PythonSyntaxParser.Parse(source);
        result.Error.ShouldBeNull();
        result.Tree.ShouldNotBeNull();
    }

    [Fact]
    public void Continuation_line_with_spaces_at_the_end_of_the_file_then_fails_where_cpython_does()
    {
        PythonSyntaxParser.Parse("x = 1 +\\\n   ").Error.ShouldBe(new PythonSyntaxError("invalid syntax", 2, 3, PythonSyntaxErrorKind.SyntaxError));
    }

    [Theory]
    [InlineData("f'{x'\n", "f-string: expecting '}'", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x\"\n", "f-string: expecting '}'", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x!r\"\n", "f-string: expecting '}'", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{ {x}\"\n", "f-string: expecting '}'", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"abc\n", "unterminated f-string literal (detected at line 1)", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"\"\"abc\n", "unterminated triple-quoted f-string literal (detected at line 1)", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = f'{a}\n", "unterminated f-string literal (detected at line 1)", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1; f'''{a}\n", "unterminated triple-quoted f-string literal (detected at line 1)", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"}\"\n", "f-string: single '}' is not allowed", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{{}\"\n", "f-string: single '}' is not allowed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x}}\"\n", "f-string: single '}' is not allowed", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x:a}}b}\"\n", "f-string: single '}' is not allowed", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x}\\N{DASH}}\"\n", "f-string: single '}' is not allowed", 1, 13, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x)}\"\n", "f-string: unmatched ')'", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x]\"\n", "f-string: unmatched ']'", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("(f\"{x)}\")\n", "f-string: unmatched ')'", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{)}\"\n", "f-string: unmatched ')'", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x:abc\"\n", "f-string: expecting '}', or format specs", 1, 8, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x:\"\n", "f-string: expecting '}', or format specs", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x:{y}\"\n", "f-string: expecting '}', or format specs", 1, 8, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"\"\"{x:abc\"\"\"\n", "f-string: expecting '}', or format specs", 1, 10, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x:{y\"\n", "f-string: expecting '}'", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    public void Tokenizer_reports_cpython_fstring_error(string source, string message, int line, int column, PythonSyntaxErrorKind kind)
    {
        PythonTokenizer.Tokenize(source).Error.ShouldBe(new PythonSyntaxError(message, line, column, kind));
    }

    [Fact]
    public void More_than_200_open_brackets_is_too_many_nested_parentheses_at_the_201st()
    {
        string source = new string('(', 201) + new string(')', 201) + "\n";
        PythonTokenizer.Tokenize(source).Error.ShouldBe(new PythonSyntaxError("too many nested parentheses", 1, 200));
        PythonTokenizer.Tokenize(new string('(', 200) + "1" + new string(')', 200) + "\n").Error.ShouldBeNull();
    }

    [Fact]
    public void A_hundred_thousand_open_brackets_fail_cleanly()
    {
        PythonTokenizer.Tokenize(new string('[', 100_000)).Error
            .ShouldBe(new PythonSyntaxError("too many nested parentheses", 1, 200));
    }

    [Fact]
    public void The_hundredth_indentation_level_is_too_many()
    {
        string Nested(int levels) =>
            string.Concat(Enumerable.Range(0, levels).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', levels) + "pass\n";

        PythonTokenizer.Tokenize(Nested(99)).Error.ShouldBeNull();
        PythonTokenizer.Tokenize(Nested(100)).Error.ShouldBe(
            new PythonSyntaxError("too many levels of indentation", 101, 0, PythonSyntaxErrorKind.IndentationError));
    }

    [Fact]
    public void Null_byte_is_rejected_on_its_line_even_inside_a_string()
    {
        PythonTokenizer.Tokenize("x = 1\ny = '\0'\n").Error
            .ShouldBe(new PythonSyntaxError("source code cannot contain null bytes", 2, 5));
        PythonTokenizer.Tokenize("x = 1\0\n").Error
            .ShouldBe(new PythonSyntaxError("source code cannot contain null bytes", 1, 5));
    }

    [Fact]
    public void Dollar_question_mark_and_backtick_are_tokens_the_parser_rejects()
    {
        var result = PythonTokenizer.Tokenize("a $ b ? c ` d\n");
        result.Error.ShouldBeNull();
        result.Tokens.Count(t => t.Type == GilScan.Syntax.Generated.PythonLexer.ERROR_CHAR).ShouldBe(3);
    }

    [Fact]
    public void Lexing_stops_at_the_first_error()
    {
        var result = PythonTokenizer.Tokenize("a = 1\nb = 0777\nc = €\n");
        result.Error.ShouldBe(new PythonSyntaxError(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 2, 4));
        // The offending token itself is not emitted.
        result.Tokens.Select(t => Lex.Name(t.Type)).ShouldBe(["NAME", "EQUAL", "NUMBER", "NEWLINE", "NAME", "EQUAL", "EOF"]);
    }
}
