using GilScan.Cli.Confirm;

namespace GilScan.Cli.Tests.Confirm;

/// <summary>The literals rules write into <c>arguments</c>/<c>keywords</c> come back as the same Python values.</summary>
public sealed class PythonLiteralReaderTests
{
    [Theory]
    [InlineData("20000000", "20000000")]
    [InlineData("-5", "-5")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("2.5", "2.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("1e300", "1E+300")]
    [InlineData("True", "True")]
    [InlineData("None", "None")]
    [InlineData("'it\\'s'", "'it\\'s'")]
    [InlineData("'caf\u00e9'", "'caf\\xe9'")]
    [InlineData("b'\\x00ab'", "b'\\x00ab'")]
    [InlineData("(1,)", "(1,)")]
    [InlineData("(1, 'a', [2.0, None])", "(1, 'a', [2.0, None])")]
    [InlineData("{'size': 10, 1: (True,)}", "{'size': 10, 1: (True,)}")]
    [InlineData("[]", "[]")]
    public void Literals_read_back_as_the_same_python_value(string source, string written)
    {
        PythonLiteralReader.Read(source).ShouldNotBeNull().ToPythonSource().ShouldBe(written);
    }

    [Theory]
    [InlineData("n")]
    [InlineData("1 + 2")]
    [InlineData("f()")]
    [InlineData("{**options}")]
    [InlineData("[x for x in y]")]
    [InlineData("-'a'")]
    [InlineData("1j")]
    [InlineData("...")]
    [InlineData("1; import os")]
    [InlineData("")]
    [InlineData("(1,")]
    public void Anything_but_a_literal_is_refused(string source)
    {
        PythonLiteralReader.Read(source).ShouldBeNull();
    }
}
