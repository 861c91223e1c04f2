using System.Text;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>
/// Input that must give a clear error (or a tree) and never a crash, a hang or a stack overflow.
/// A stack overflow would kill the whole test host, so these tests protect every other test too.
/// </summary>
public class HostileInputTests
{
    private static ParseResult Parse(string text) => SyntaxTree.ParseBytes("hostile.py", Encoding.UTF8.GetBytes(text));

    private static ParseResult Parse(byte[] bytes) => SyntaxTree.ParseBytes("hostile.py", bytes);

    [Fact]
    public void Hundred_thousand_nested_parentheses_are_too_many()
    {
        var result = Parse(new string('(', 100_000) + new string(')', 100_000) + "\n");
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldBe("too many nested parentheses");
        result.Error.Line.ShouldBe(1);
    }

    /// <summary>CPython 3.13.0's verdicts on 100,000 repetitions: its parser's MemoryError, the
    /// RecursionError of ast construction (both without a position), or a syntax error.</summary>
    [Theory]
    [InlineData("-", "x", "Parser stack overflowed - Python source too complex to parse", null, null)]
    [InlineData("not ", "x", "Parser stack overflowed - Python source too complex to parse", null, null)]
    [InlineData("~", "x", "Parser stack overflowed - Python source too complex to parse", null, null)]
    [InlineData("await ", "x", "invalid syntax", 1, 7)]
    [InlineData("lambda: ", "x", "Parser stack overflowed - Python source too complex to parse", null, null)]
    [InlineData("x if y else ", "z", "Parser stack overflowed - Python source too complex to parse", null, null)]
    [InlineData("x.", "y", "maximum recursion depth exceeded during ast construction", null, null)]
    [InlineData("x ** ", "y", "Parser stack overflowed - Python source too complex to parse", null, null)]
    public void Deep_chains_without_brackets_give_cpythons_error_not_a_stack_overflow(string repeated, string tail, string message, int? line, int? column)
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++) text.Append(repeated);
        text.Append(tail).Append('\n');
        var error = Parse(text.ToString()).Error.ShouldNotBeNull();
        (error.Message, error.Line, error.Column).ShouldBe((message, line, column));
    }

    /// <summary>CPython parses from the top and meets its parser stack limit before a later syntax
    /// error, or while it descends into the brackets before the tokenizer refuses the 201st (CPython
    /// 3.13.0: a MemoryError without a position in all three).</summary>
    [Theory]
    [InlineData("x = ", "-", 7000, "1", 0, "\na b\n")]
    [InlineData("if a:\n    x = ", "-", 7000, "1", 0, "\n    if b:\nc d\n")]
    [InlineData("x = ", "(lambda: ", 201, "1", 201, "\n")]
    public void Too_deep_before_a_syntax_error_is_cpythons_parser_overflow(string head, string repeated, int count, string operand, int closing, string tail)
    {
        var text = new StringBuilder(head);
        for (var i = 0; i < count; i++) text.Append(repeated);
        text.Append(operand).Append(')', closing).Append(tail);
        var error = Parse(text.ToString()).Error.ShouldNotBeNull();
        (error.Message, error.Line, error.Column).ShouldBe(("Parser stack overflowed - Python source too complex to parse", (int?)null, (int?)null));
    }

    [Fact]
    public void Deep_indentation_is_too_many_levels()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 150; i++) text.Append(new string(' ', i)).Append("if x:\n");
        text.Append(new string(' ', 150)).Append("pass\n");
        var result = Parse(text.ToString());
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldBe("too many levels of indentation");
    }

    [Fact]
    public void Unterminated_triple_quoted_string_reports_where_it_starts()
    {
        var result = Parse("x = 1\ny = '''never\nclosed\n");
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldBe("unterminated triple-quoted string literal (detected at line 3)");
        result.Error.Line.ShouldBe(2);
        result.Error.Column.ShouldBe(5);
    }

    [Fact]
    public void Nul_byte_is_rejected_like_cpython()
    {
        var result = Parse("x = 1\0\n");
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldBe("source code string cannot contain null bytes");
    }

    /// <summary>CPython decodes lazily: a bad byte in a comment is fine, one in code or a string is
    /// its "(unicode error)" SyntaxError at the token that holds it.</summary>
    [Theory]
    [InlineData(new byte[] { (byte)'x', (byte)'=', 0xF6, (byte)'\n' })]
    [InlineData(new byte[] { (byte)'s', (byte)'=', (byte)'"', 0xF6, (byte)'"', (byte)'\n' })]
    public void Invalid_utf8_in_code_is_cpythons_unicode_error(byte[] source)
    {
        var result = Parse(source);
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldBe("(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start byte");
        result.Error.Line.ShouldBe(1);
        result.Error.Column.ShouldBe(3);
    }

    /// <summary>
    /// CPython's tokenizer takes every byte from 0x80 as part of a name, so an identifier runs on past
    /// undecodable bytes and is decoded whole; the error sits at the identifier's end (values from
    /// CPython 3.13.0; found by the fuzzer, where we cut the name at its first bad byte).
    /// </summary>
    [Theory]
    [InlineData("x = dec\\xe2\\x82orator\\n", "bytes in position 3-4: invalid continuation byte", 13)]
    [InlineData("def dec\\xe2\\x82orator(f): pass\\n", "bytes in position 3-4: invalid continuation byte", 13)]
    [InlineData("x = a\\x94b\\n", "byte 0x94 in position 1: invalid start byte", 6)]
    [InlineData("x = dec\\xe2\\n", "byte 0xe2 in position 3: unexpected end of data", 8)]
    [InlineData("x = dec\\xe2\\x82\\n", "bytes in position 3-4: unexpected end of data", 8)]
    public void Identifier_runs_past_undecodable_bytes_as_in_cpython(string escaped, string codecError, int column)
    {
        var bytes = System.Text.RegularExpressions.Regex.Unescape(escaped).Select(c => (byte)c).ToArray();
        var error = Parse(bytes).Error.ShouldNotBeNull();
        error.Message.ShouldBe("(unicode error) 'utf-8' codec can't decode " + codecError);
        error.Line.ShouldBe(1);
        error.Column.ShouldBe(column);
    }

    /// <summary>
    /// After a syntax error CPython tokenizes the rest of the file; a name with undecodable bytes there
    /// raises the codec's bare UnicodeDecodeError, without a line, instead of the syntax error (values
    /// from CPython 3.13.0; found by the fuzzer). Before any syntax error it stays "(unicode error)".
    /// </summary>
    [Theory]
    [InlineData("x y\\n\\x94\\n", "byte 0x94 in position 0: invalid start byte")]
    [InlineData("x = 1 +\\ndec\\xe2\\x82orator\\n", "bytes in position 3-4: invalid continuation byte")]
    [InlineData("x y\\nz = a\\x94\\n", "byte 0x94 in position 1: invalid start byte")]
    public void Undecodable_name_after_a_syntax_error_is_cpythons_bare_codec_error(string escaped, string codecError)
    {
        var bytes = System.Text.RegularExpressions.Regex.Unescape(escaped).Select(c => (byte)c).ToArray();
        var error = Parse(bytes).Error.ShouldNotBeNull();
        error.Message.ShouldBe("'utf-8' codec can't decode " + codecError);
        error.Line.ShouldBeNull();
        error.Column.ShouldBeNull();
    }

    /// <summary>A parser that stops on the name itself reached it: CPython's "(unicode error)" with its place (CPython 3.13.0).</summary>
    [Fact]
    public void Undecodable_name_where_the_parser_stops_keeps_its_place()
    {
        var error = Parse("x = 1\nasync d\u00c1ef f():\n    pass\n".Select(c => (byte)c).ToArray()).Error.ShouldNotBeNull();
        error.Message.ShouldBe("(unicode error) 'utf-8' codec can't decode byte 0xc1 in position 1: invalid start byte");
        error.Line.ShouldBe(2);
        error.Column.ShouldBe(8);
    }

    /// <summary>
    /// After undecodable bytes CPython counts columns in the line as "replace" decoding shows it, cut at
    /// the error's byte offset (values from CPython 3.13.0). The first case used to crash `check`.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { (byte)' ', (byte)' ', 0xFE, 0xFF }, 3)]
    [InlineData(new byte[] { (byte)' ', (byte)' ', 0xFE, 0xFF, 0xFE }, 4)]
    [InlineData(new byte[] { (byte)' ', (byte)' ', (byte)'y', 0xE2, 0x82 }, 4)]
    [InlineData(new byte[] { (byte)' ', (byte)' ', 0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFE }, 5)]
    public void A_bad_dedent_after_undecodable_bytes_is_at_cpythons_column(byte[] lastLine, int offset)
    {
        var result = Parse([.. "if a:\n    x\n"u8, .. lastLine, (byte)'\n']);
        var error = result.Error.ShouldNotBeNull();
        error.Message.ShouldBe("unindent does not match any outer indentation level");
        (error.Line, error.Column).ShouldBe((3, offset));
    }

    [Fact]
    public void Invalid_utf8_in_a_comment_is_accepted_like_cpython()
    {
        var result = Parse([(byte)'#', 0xF6, (byte)'\n', (byte)'x', (byte)'=', (byte)'1', (byte)'\n']);
        result.Error.ShouldBeNull();
        result.Tree!.Root.Body.Count.ShouldBe(1);
    }

    [Fact]
    public void Binary_file_gives_a_clear_error()
    {
        var random = new Random(42);
        var bytes = new byte[1 << 16];
        random.NextBytes(bytes);
        bytes[0] = 0x7F; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F';
        var result = Parse(bytes);
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Fifty_megabyte_file_gets_a_clear_size_diagnostic()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Array.Fill(bytes, (byte)'\n');
        var result = Parse(bytes);
        result.Error.ShouldNotBeNull();
        result.Error.Kind.ShouldBe(SyntaxErrorKind.Limit);
        result.Error.Message.ShouldBe("file is 50.0 MB; gilscan parses files up to 10.0 MB (max-file-size)");
        result.Error.Line.ShouldBe(1);
    }

    [Fact]
    public void Two_megabyte_file_parses_into_every_statement()
    {
        const string line = "value_0123 = compute(alpha, beta) + [1, 2, 3][0] * 'text'  # comment\n";
        var count = 2 * 1024 * 1024 / line.Length;
        var result = Parse(string.Concat(Enumerable.Repeat(line, count)));
        result.Error.ShouldBeNull();
        result.Tree!.Root.Body.Count.ShouldBe(count);
        result.Tree.Root.Body[^1].ShouldBeOfType<GilScan.Syntax.Ast.Assign>().Range.StartLine.ShouldBe(count);
    }

    [Fact]
    public void Empty_file_is_an_empty_module()
    {
        var result = Parse("");
        result.Tree.ShouldNotBeNull();
        result.Tree.Root.Body.ShouldBeEmpty();
    }
}
