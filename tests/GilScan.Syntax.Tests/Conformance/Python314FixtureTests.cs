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
