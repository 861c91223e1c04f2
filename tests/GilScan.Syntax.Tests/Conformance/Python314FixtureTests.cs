using GilScan.Syntax.Ast;
using GilScan.Syntax.Ast.Canonical;
using GilScan.Syntax.Tests.Support;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>3.14-only syntax, compared with expected dumps written by hand (see fixtures/syntax/py314/README.md).</summary>
public class Python314FixtureTests
{
    public static TheoryData<string> Fixtures() =>
        new(Directory.GetFiles(PythonReference.Fixtures("syntax", "py314"), "*.py").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dump_matches_the_expected_dump(string name)
    {
        var path = PythonReference.Fixtures("syntax", "py314", name + ".py");
        var parsed = SyntaxTree.ParseFile(path);
        parsed.Error.ShouldBeNull();
        var expected = File.ReadAllText(PythonReference.Fixtures("syntax", "py314", name + ".expected.json")).TrimEnd('\n');
        CanonicalDump.ToJson(parsed.Tree!.Root).ShouldBe(expected);
        AstInvariants.Violations(parsed.Tree.Root).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("t\"Value: {value = }\"", "value")]
    [InlineData("t\"{value=}\"", "value")]
    [InlineData("t\"{ value }\"", " value")]
    [InlineData("t\"{value + 1 = !r}\"", "value + 1")]
    [InlineData("t\"{value\t:>4}\"", "value")]
    [InlineData("t'''{ value # why\n}'''", " value")]
    public void Interpolation_str_is_the_field_text_without_trailing_whitespace_and_equals(string template, string str)
    {
        // CPython 3.14's _strip_interpolation_expr: the text up to '!', ':' or '}', comments left
        // out, trailing whitespace and '=' stripped.
        var parsed = SyntaxTree.ParseText("m.py", "x = " + template + "\n");
        parsed.Error.ShouldBeNull();
        var interpolation = ((TemplateStr)((Assign)parsed.Tree!.Root.Body[0]).Value).Values.OfType<Interpolation>().Single();
        interpolation.Str.ShouldBe(str);
    }

    [Fact]
    public void Fields_nested_in_a_t_string_format_spec_are_formatted_values()
    {
        var parsed = SyntaxTree.ParseText("m.py", "x = t\"{a:{1}>{b=}}\"\n");
        parsed.Error.ShouldBeNull();
        var interpolation = (Interpolation)((TemplateStr)((Assign)parsed.Tree!.Root.Body[0]).Value).Values[0];
        var spec = (JoinedStr)interpolation.FormatSpec!;
        spec.Values.Select(v => v.PythonTypeName).ShouldBe(["FormattedValue", "Constant", "FormattedValue"]);
        spec.Values.OfType<FormattedValue>().Last().Conversion.ShouldBe('r');
    }

    [Fact]
    public void T_string_mixed_with_a_plain_string_is_rejected()
    {
        var parsed = SyntaxTree.ParseText("m.py", "x = t\"{a}\" \"b\"\n");
        parsed.Error.ShouldNotBeNull();
        parsed.Error.Message.ShouldBe("cannot mix t-string literals with string or bytes literals");
        parsed.Error.Line.ShouldBe(1);
    }

    [Fact]
    public void Unparenthesised_exception_types_with_as_are_rejected()
    {
        var parsed = SyntaxTree.ParseText("m.py", "try:\n    pass\nexcept A, B as e:\n    pass\n");
        parsed.Error.ShouldNotBeNull();
        parsed.Error.Message.ShouldBe("multiple exception types must be parenthesized when using 'as'");
        parsed.Error.Line.ShouldBe(3);
    }
}
