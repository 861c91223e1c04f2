using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Tests.Parsing;

/// <summary>
/// No input overflows the stack: what CPython 3.13 accepts parses (its own limits are near 6,000
/// nested unary operators and 3,000 nested lambdas), deeper input is a clean syntax error.
/// </summary>
public sealed class DeepNestingTests
{
    [Theory]
    [InlineData("unary minus", 5968)]
    [InlineData("not", 5968)]
    [InlineData("lambda", 2984)]
    [InlineData("conditional", 5968)]
    [InlineData("power", 2985)]
    [InlineData("await", 5000)]
    public void Nesting_cpython_accepts_parses(string construct, int depth)
    {
        var result = PythonSyntaxParser.Parse(Nested(construct, depth));
        result.Error.ShouldBeNull();
    }

    [Theory]
    [InlineData("unary minus", 100_000, 39_994)]
    [InlineData("lambda", 50_000, 159_976)]
    [InlineData("conditional", 100_000, 479_921)]
    [InlineData("power", 100_000, 119_982)]
    public void Deeper_nesting_is_a_clean_syntax_error(string construct, int depth, int column)
    {
        PythonSyntaxParser.Parse(Nested(construct, depth)).Error.ShouldBe(
            new PythonSyntaxError(PythonSyntaxParser.TooComplexMessage, 1, column));
    }

    [Fact]
    public void A_hundred_thousand_open_parentheses_are_too_many_nested_parentheses()
    {
        PythonSyntaxParser.Parse(new string('(', 100_000) + "1" + new string(')', 100_000)).Error
            .ShouldBe(new PythonSyntaxError("too many nested parentheses", 1, 200));
        PythonSyntaxParser.Parse(new string('[', 100_000)).Error
            .ShouldBe(new PythonSyntaxError("too many nested parentheses", 1, 200));
    }

    [Fact]
    public void Long_flat_chains_do_not_nest_the_parser()
    {
        PythonSyntaxParser.Parse(string.Join("+", Enumerable.Repeat("1", 100_000)) + "\n").Error.ShouldBeNull();
        PythonSyntaxParser.Parse("a" + string.Concat(Enumerable.Repeat(".b", 3_000)) + "\n").Error.ShouldBeNull();
        PythonSyntaxParser.Parse("x" + string.Concat(Enumerable.Repeat("[0]", 5_000)) + "\n").Error.ShouldBeNull();
    }

    [Fact]
    public void Two_hundred_nested_brackets_of_every_kind_parse()
    {
        PythonSyntaxParser.Parse(new string('(', 200) + "1" + new string(')', 200) + "\n").Error.ShouldBeNull();
        PythonSyntaxParser.Parse(string.Concat(Enumerable.Repeat("{1:", 199)) + "1" + new string('}', 199) + "\n").Error.ShouldBeNull();
        PythonSyntaxParser.Parse(string.Concat(Enumerable.Repeat("(lambda: ", 199)) + "1" + new string(')', 199) + "\n").Error.ShouldBeNull();
        PythonSyntaxParser.Parse(string.Concat(Enumerable.Repeat("f\"{", 149)) + "1" + string.Concat(Enumerable.Repeat("}\"", 149)) + "\n").Error.ShouldBeNull();
    }

    [Fact]
    public void Ninety_nine_indentation_levels_parse()
    {
        string source = string.Concat(Enumerable.Range(0, 99).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 99) + "pass\n";
        PythonSyntaxParser.Parse(source).Error.ShouldBeNull();
    }

    [Fact]
    public void Deep_input_parses_the_same_on_a_thread_with_a_small_stack()
    {
        PythonSyntaxError? error = new("not run", 0, 0);
        var thread = new Thread(() => error = PythonSyntaxParser.Parse(Nested("unary minus", 5968)).Error, 256 * 1024);
        thread.Start();
        thread.Join();
        error.ShouldBeNull();
    }

    private static string Nested(string construct, int depth) => construct switch
    {
        "unary minus" => new string('-', depth) + "1\n",
        "not" => string.Concat(Enumerable.Repeat("not ", depth)) + "1\n",
        "lambda" => string.Concat(Enumerable.Repeat("lambda: ", depth)) + "1\n",
        "conditional" => string.Concat(Enumerable.Repeat("1 if x else ", depth)) + "1\n",
        "power" => string.Join("**", Enumerable.Repeat("1", depth)) + "\n",
        "await" => "async def f():\n  " + string.Concat(Enumerable.Repeat("await ", depth)) + "x\n",
        _ => throw new ArgumentOutOfRangeException(nameof(construct)),
    };
}
