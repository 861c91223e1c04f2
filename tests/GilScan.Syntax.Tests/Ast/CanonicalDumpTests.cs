using GilScan.Syntax.Ast;
using GilScan.Syntax.Ast.Canonical;
using GilScan.Syntax.Tests.Support;

namespace GilScan.Syntax.Tests.Ast;

public class CanonicalDumpTests
{
    [Theory]
    [InlineData(1.0, "0x1.0000000000000p+0")]
    [InlineData(0.5, "0x1.0000000000000p-1")]
    [InlineData(0.1, "0x1.999999999999ap-4")]
    [InlineData(0.0, "0x0.0p+0")]
    [InlineData(-0.0, "-0x0.0p+0")]
    [InlineData(5e-324, "0x0.0000000000001p-1022")]
    [InlineData(double.MaxValue, "0x1.fffffffffffffp+1023")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    [InlineData(-2.5, "-0x1.4000000000000p+1")]
    public void Float_hex_matches_python(double value, string expected)
    {
        PythonFloatHex.Format(value).ShouldBe(expected);
        if (!double.IsNaN(value)) BitConverter.DoubleToInt64Bits(PythonFloatHex.Parse(expected)).ShouldBe(BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void Dump_escapes_like_python_ensure_ascii()
    {
        var node = new Constant("a\"\\\n\t\u007f é 😀 \ud800", null, new SourceRange(1, 0, 1, 3, 0, 3));
        CanonicalDump.ToJson(node).ShouldBe(
            "{\"_type\":\"Constant\",\"col_offset\":0,\"end_col_offset\":3,\"end_lineno\":1,\"kind\":null,\"lineno\":1," +
            "\"value\":\"a\\\"\\\\\\n\\t\\u007f \\u00e9 \\ud83d\\ude00 \\ud800\"}");
    }

    /// <summary>
    /// The writer and the reader take a tree far deeper than CPython accepts (100,000 nested nodes,
    /// on a test-runner thread with an ordinary stack) without overflowing it: a stack overflow
    /// cannot be caught and would end the whole `gilscan ast` batch.
    /// </summary>
    [Fact]
    public void A_hundred_thousand_levels_are_written_and_read_back_without_recursion()
    {
        const int depth = 100_000;
        var range = new SourceRange(1, 0, 1, 1, 0, 1);
        Expr tree = new Name("x", ExprContext.Load, range);
        for (var i = 0; i < depth; i++) tree = new GilScan.Syntax.Ast.Attribute(tree, "b", ExprContext.Load, range);
        var module = new Module([new ExprStmt(tree, range)], []);

        var json = CanonicalDump.ToJson(module);

        json.Length.ShouldBeGreaterThan(depth * 100);
        json.ShouldStartWith("{\"_type\":\"Module\",\"body\":[{\"_type\":\"Expr\",\"col_offset\":0,\"end_col_offset\":1,\"end_lineno\":1,\"lineno\":1,\"value\":{\"_type\":\"Attribute\",\"attr\":\"b\",");
        json.ShouldEndWith("\"value\":{\"_type\":\"Name\",\"col_offset\":0,\"ctx\":{\"_type\":\"Load\"},\"end_col_offset\":1,\"end_lineno\":1,\"id\":\"x\",\"lineno\":1}" + string.Concat(Enumerable.Repeat("}", depth)) + "}],\"type_ignores\":[]}");
        CanonicalDump.ToJson(CanonicalReader.Read(json)).ShouldBe(json);
    }

    /// <summary>Reading CPython's dump of every fixture and writing it again gives CPython's bytes: the
    /// writer, the reader, float hex and string escaping agree with the real json/ast modules.</summary>
    [SkippableFact]
    public void Writer_reproduces_cpython_dump_of_every_valid_fixture()
    {
        Skip.If(PythonReference.Python313 is null, PythonReference.MissingReason);
        var files = Directory.GetFiles(PythonReference.Fixtures("syntax"), "*.py").Order(StringComparer.Ordinal).ToList();
        files.Count.ShouldBeGreaterThan(10);
        var reference = PythonReference.Dump(files);
        for (var i = 0; i < files.Count; i++)
        {
            reference[i].ShouldStartWith("{\"ast\":", customMessage: files[i]);
            var tree = CanonicalReader.Read(reference[i]);
            var line = "{\"ast\":" + CanonicalDump.ToJson(tree) + ",\"path\":" + reference[i][(reference[i].LastIndexOf(",\"path\":", StringComparison.Ordinal) + 8)..];
            line.ShouldBe(reference[i], customMessage: files[i]);
            AstInvariants.Violations(tree).ShouldBeEmpty(files[i]);
        }
    }
}
