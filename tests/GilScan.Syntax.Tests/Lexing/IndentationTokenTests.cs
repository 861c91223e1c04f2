namespace GilScan.Syntax.Tests.Lexing;

public sealed class IndentationTokenTests
{
    [Fact]
    public void Indented_block_gets_indent_and_dedent_around_it()
    {
        Lex.Show("if x:\n    y\nz\n").ShouldBe(
        [
            "IF if", "NAME x", "COLON :", "NEWLINE",
            "INDENT", "NAME y", "NEWLINE",
            "DEDENT", "NAME z", "NEWLINE",
            "EOF",
        ]);
    }

    [Fact]
    public void Dedent_to_an_outer_level_closes_every_inner_level()
    {
        Lex.Show("if a:\n if b:\n  c\nd\n").ShouldBe(
        [
            "IF if", "NAME a", "COLON :", "NEWLINE",
            "INDENT", "IF if", "NAME b", "COLON :", "NEWLINE",
            "INDENT", "NAME c", "NEWLINE",
            "DEDENT", "DEDENT", "NAME d", "NEWLINE",
            "EOF",
        ]);
    }

    [Fact]
    public void End_of_input_without_a_line_end_still_ends_the_line_and_closes_blocks()
    {
        Lex.Show("if x:\n    y").ShouldBe(
            ["IF if", "NAME x", "COLON :", "NEWLINE", "INDENT", "NAME y", "NEWLINE", "DEDENT", "EOF"]);
    }

    [Fact]
    public void Blank_and_comment_only_lines_produce_no_newline_and_do_not_change_indentation()
    {
        Lex.Show("if x:\n\n    # note\n        \n    y\n  # outdented comment\n    z\n").ShouldBe(
        [
            "IF if", "NAME x", "COLON :", "NEWLINE",
            "INDENT", "NAME y", "NEWLINE",
            "NAME z", "NEWLINE",
            "DEDENT", "EOF",
        ]);
    }

    [Fact]
    public void Empty_and_comment_only_files_have_only_eof()
    {
        Lex.Show(string.Empty).ShouldBe(["EOF"]);
        Lex.Show("\n\n  \n# comment").ShouldBe(["EOF"]);
    }

    [Fact]
    public void Line_ends_inside_brackets_are_not_newlines_and_continuation_lines_keep_the_indentation()
    {
        Lex.Show("x = [1,\n  2,\n      3]\nif a:\n    b = (c +\nd)\n").ShouldBe(
        [
            "NAME x", "EQUAL =", "LSQB [", "NUMBER 1", "COMMA ,", "NUMBER 2", "COMMA ,", "NUMBER 3", "RSQB ]", "NEWLINE",
            "IF if", "NAME a", "COLON :", "NEWLINE",
            "INDENT", "NAME b", "EQUAL =", "LPAR (", "NAME c", "PLUS +", "NAME d", "RPAR )", "NEWLINE",
            "DEDENT", "EOF",
        ]);
    }

    [Fact]
    public void Backslash_continuation_joins_physical_lines()
    {
        Lex.Show("x = 1 + \\\n    2\n").ShouldBe(["NAME x", "EQUAL =", "NUMBER 1", "PLUS +", "NUMBER 2", "NEWLINE", "EOF"]);
    }

    [Fact]
    public void Backslash_inside_the_indentation_fixes_the_indentation_at_its_column()
    {
        // CPython: "if 1:\n    \\\n  x = 1\n" is valid, the block is indented by 4.
        Lex.Show("if 1:\n    \\\n  x = 1\n").ShouldBe(
            ["IF if", "NUMBER 1", "COLON :", "NEWLINE", "INDENT", "NAME x", "EQUAL =", "NUMBER 1", "NEWLINE", "DEDENT", "EOF"]);
    }

    [Fact]
    public void Tab_advances_to_the_next_multiple_of_eight()
    {
        // A tab and eight spaces are the same level, and so are two spaces then a tab.
        Lex.Show("if x:\n\ta\n\tb\n").ShouldBe(
            ["IF if", "NAME x", "COLON :", "NEWLINE", "INDENT", "NAME a", "NEWLINE", "NAME b", "NEWLINE", "DEDENT", "EOF"]);
    }

    [Fact]
    public void Form_feed_resets_the_indentation_column()
    {
        Lex.Show("x = 1\n\f\nif x:\n\f    pass\n").ShouldBe(
        [
            "NAME x", "EQUAL =", "NUMBER 1", "NEWLINE",
            "IF if", "NAME x", "COLON :", "NEWLINE",
            "INDENT", "PASS pass", "NEWLINE",
            "DEDENT", "EOF",
        ]);

        // After "  \f  " the block's indentation is 2, so a 4-space line indents again.
        Lex.Show("if x:\n  \f  a\n    b\n").ShouldBe(
        [
            "IF if", "NAME x", "COLON :", "NEWLINE",
            "INDENT", "NAME a", "NEWLINE",
            "INDENT", "NAME b", "NEWLINE",
            "DEDENT", "DEDENT", "EOF",
        ]);
    }

    [Fact]
    public void Crlf_and_cr_line_ends_lex_like_lf()
    {
        string[] expected = ["NAME x", "EQUAL =", "NUMBER 1", "NEWLINE", "IF if", "NAME x", "COLON :", "NEWLINE", "INDENT", "PASS pass", "NEWLINE", "DEDENT", "EOF"];
        Lex.Show("x = 1\r\nif x:\r\n  pass\r\n").ShouldBe(expected);
        Lex.Show("x = 1\rif x:\r  pass\r").ShouldBe(expected);
        Lex.Positions("a\r\nbb\rc").ShouldBe(["NAME@1:0", "NEWLINE@1:1", "NAME@2:0", "NEWLINE@2:2", "NAME@3:0", "NEWLINE@3:1", "EOF@3:1"]);
    }

    [Fact]
    public void Layout_tokens_have_cpython_positions()
    {
        Lex.Positions("if x:\n    y\nz").ShouldBe(
        [
            "IF@1:0", "NAME@1:3", "COLON@1:4", "NEWLINE@1:5",
            "INDENT@2:0", "NAME@2:4", "NEWLINE@2:5",
            "DEDENT@3:0", "NAME@3:0", "NEWLINE@3:1",
            "EOF@3:1",
        ]);
    }

    [Fact]
    public void Comments_are_recorded_but_not_emitted()
    {
        var result = GilScan.Syntax.Lexing.PythonTokenizer.Tokenize("x = 1  # one\n# two\ny = f(a, # three\n  b)\n");
        result.Comments.Select(c => $"{c.Line}:{c.Column} {c.Text}").ShouldBe(["1:7 # one", "2:0 # two", "3:9 # three"]);
        result.Tokens.ShouldNotContain(t => t.Type == GilScan.Syntax.Generated.PythonLexer.COMMENT);
    }
}
