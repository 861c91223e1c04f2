namespace GilScan.Syntax.Tests.Lexing;

/// <summary>PEP 701 f-strings and PEP 750 t-strings, token by token.</summary>
public sealed class FStringTokenTests
{
    [Fact]
    public void Replacement_field_with_conversion_and_nested_format_spec()
    {
        Lex.Show("f\"a{b!r:>{w}.{p}}c\"").ShouldBe(
        [
            "FSTRING_START f\"", "FSTRING_MIDDLE a",
            "LBRACE {", "NAME b", "EXCLAMATION !", "NAME r", "COLON :",
            "FSTRING_MIDDLE >", "LBRACE {", "NAME w", "RBRACE }", "FSTRING_MIDDLE .", "LBRACE {", "NAME p", "RBRACE }",
            "RBRACE }", "FSTRING_MIDDLE c", "FSTRING_END \"",
            "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void Doubled_braces_stay_in_the_literal_text()
    {
        Lex.Show("f'{{a}} {b} }}'").ShouldBe(
            ["FSTRING_START f'", "FSTRING_MIDDLE {{a}} ", "LBRACE {", "NAME b", "RBRACE }", "FSTRING_MIDDLE  }}", "FSTRING_END '", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Nested_strings_may_reuse_the_enclosing_quote()
    {
        Lex.Show("f\"{x[\"k\"]} {f\"{y}\"}\"").ShouldBe(
        [
            "FSTRING_START f\"", "LBRACE {", "NAME x", "LSQB [", "STRING \"k\"", "RSQB ]", "RBRACE }",
            "FSTRING_MIDDLE  ", "LBRACE {", "FSTRING_START f\"", "LBRACE {", "NAME y", "RBRACE }", "FSTRING_END \"", "RBRACE }",
            "FSTRING_END \"", "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void Debug_equals_and_not_equals_inside_a_field()
    {
        Lex.Show("f'{x=}{a!=b}{x = !r:^9}'").ShouldBe(
        [
            "FSTRING_START f'",
            "LBRACE {", "NAME x", "EQUAL =", "RBRACE }",
            "LBRACE {", "NAME a", "NOTEQUAL !=", "NAME b", "RBRACE }",
            "LBRACE {", "NAME x", "EQUAL =", "EXCLAMATION !", "NAME r", "COLON :", "FSTRING_MIDDLE ^9", "RBRACE }",
            "FSTRING_END '", "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void Walrus_at_the_field_level_is_a_colon_and_a_format_spec_as_in_cpython()
    {
        Lex.Show("f'{x:=10}{(y:=1)}'").ShouldBe(
        [
            "FSTRING_START f'",
            "LBRACE {", "NAME x", "COLON :", "FSTRING_MIDDLE =10", "RBRACE }",
            "LBRACE {", "LPAR (", "NAME y", "COLONEQUAL :=", "NUMBER 1", "RPAR )", "RBRACE }",
            "FSTRING_END '", "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void Colon_inside_brackets_of_a_field_is_not_a_format_spec()
    {
        Lex.Show("f'{a[1:2]:>3}'").ShouldBe(
        [
            "FSTRING_START f'", "LBRACE {", "NAME a", "LSQB [", "NUMBER 1", "COLON :", "NUMBER 2", "RSQB ]",
            "COLON :", "FSTRING_MIDDLE >3", "RBRACE }", "FSTRING_END '", "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void In_a_format_spec_a_brace_always_opens_a_nested_field()
    {
        // CPython: the spec of f"{x:{{}}}" holds a field whose expression is the empty dict.
        Lex.Show("f\"{x:{{}}}\"").ShouldBe(
        [
            "FSTRING_START f\"", "LBRACE {", "NAME x", "COLON :",
            "LBRACE {", "LBRACE {", "RBRACE }", "RBRACE }",
            "RBRACE }", "FSTRING_END \"", "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void Multi_line_replacement_field_with_a_comment_in_a_triple_quoted_fstring()
    {
        Lex.Show("f'''a\n{\n    x  # note\n    + 1\n}b'''\n").ShouldBe(
        [
            "FSTRING_START f'''", "FSTRING_MIDDLE a\n", "LBRACE {", "NAME x", "PLUS +", "NUMBER 1", "RBRACE }",
            "FSTRING_MIDDLE b", "FSTRING_END '''", "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void Single_quoted_fstring_field_may_span_lines()
    {
        Lex.Show("f\"{1 +\n2}\"\n").ShouldBe(
            ["FSTRING_START f\"", "LBRACE {", "NUMBER 1", "PLUS +", "NUMBER 2", "RBRACE }", "FSTRING_END \"", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Line_end_in_a_single_quoted_format_spec_ends_the_spec_as_in_cpython()
    {
        Lex.Show("f'{x:\n}'\n").ShouldBe(
            ["FSTRING_START f'", "LBRACE {", "NAME x", "COLON :", "RBRACE }", "FSTRING_END '", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Backslashes_escapes_and_named_unicode_escapes()
    {
        // Non-raw: '\{' is a lone backslash before a field; '\N{...}' is one escape.
        Lex.Show("f\"\\{x}\\N{DASH}\\\"\"").ShouldBe(
            ["FSTRING_START f\"", "FSTRING_MIDDLE \\", "LBRACE {", "NAME x", "RBRACE }", "FSTRING_MIDDLE \\N{DASH}\\\"", "FSTRING_END \"", "NEWLINE", "EOF"]);

        // Raw: '\N' is two characters and the brace opens a field.
        Lex.Show("rf\"\\N{x}\"").ShouldBe(
            ["FSTRING_START rf\"", "FSTRING_MIDDLE \\N", "LBRACE {", "NAME x", "RBRACE }", "FSTRING_END \"", "NEWLINE", "EOF"]);
    }

    [Theory]
    [InlineData("f'x'", "FSTRING_START f'")]
    [InlineData("F'x'", "FSTRING_START F'")]
    [InlineData("rf'x'", "FSTRING_START rf'")]
    [InlineData("fR'x'", "FSTRING_START fR'")]
    [InlineData("Rf'''x'''", "FSTRING_START Rf'''")]
    [InlineData("t'x'", "TSTRING_START t'")]
    [InlineData("T\"x\"", "TSTRING_START T\"")]
    [InlineData("tr'x'", "TSTRING_START tr'")]
    [InlineData("Rt\"\"\"x\"\"\"", "TSTRING_START Rt\"\"\"")]
    public void Every_fstring_and_tstring_prefix_starts_a_formatted_string(string source, string start)
    {
        Lex.Show(source)[0].ShouldBe(start);
    }

    [Fact]
    public void Tstrings_have_the_fstring_structure_with_their_own_start_token()
    {
        Lex.Show("t'a{b!s:c}'").ShouldBe(
        [
            "TSTRING_START t'", "FSTRING_MIDDLE a", "LBRACE {", "NAME b", "EXCLAMATION !", "NAME s", "COLON :",
            "FSTRING_MIDDLE c", "RBRACE }", "FSTRING_END '", "NEWLINE", "EOF",
        ]);
    }

    [Fact]
    public void Empty_fstrings_and_implicit_concatenation()
    {
        Lex.Show("f'' \"a\" f\"\"\"\"\"\"").ShouldBe(
            ["FSTRING_START f'", "FSTRING_END '", "STRING \"a\"", "FSTRING_START f\"\"\"", "FSTRING_END \"\"\"", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Fstring_token_positions()
    {
        Lex.Positions("x = f'a{b}'").ShouldBe(
        [
            "NAME@1:0", "EQUAL@1:2", "FSTRING_START@1:4", "FSTRING_MIDDLE@1:6", "LBRACE@1:7", "NAME@1:8",
            "RBRACE@1:9", "FSTRING_END@1:10", "NEWLINE@1:11", "EOF@1:11",
        ]);
    }
}
