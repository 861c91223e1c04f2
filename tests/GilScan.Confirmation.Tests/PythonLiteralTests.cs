using System.Numerics;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Tests;

/// <summary>Arguments reach the harness as Python literals that CPython reads back as the same values.</summary>
public sealed class PythonLiteralTests
{
    public static TheoryData<PythonValue, string> Literals => new()
    {
        { PythonValue.None, "None" },
        { true, "True" },
        { 1_500_000, "1500000" },
        { new PythonValue.Int(BigInteger.Pow(10, 30)), "1000000000000000000000000000000" },
        { -7, "-7" },
        { 1.0, "1.0" },
        { 0.1, "0.1" },
        { 1e300, "1E+300" },
        { double.PositiveInfinity, "1e999" },
        { "it's", "'it\\'s'" },
        { "a\\b\nc\td\u0001", "'a\\\\b\\nc\\td\\x01'" },
        { "é€😀", "'\\xe9\\u20ac\\U0001f600'" },
        { new PythonValue.Bytes([0, 39, 65, 92, 255]), "b'\\x00\\'A\\\\\\xff'" },
        { PythonValue.Tuple(1), "(1,)" },
        { PythonValue.Tuple(), "()" },
        { PythonValue.List(1, "x", PythonValue.Tuple(2.5, false)), "[1, 'x', (2.5, False)]" },
        { PythonValue.Dictionary([KeyValuePair.Create<PythonValue, PythonValue>("n", 3), KeyValuePair.Create<PythonValue, PythonValue>(1, PythonValue.None)]), "{'n': 3, 1: None}" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Values_are_written_as_python_source(PythonValue value, string source) =>
        value.ToPythonSource().ShouldBe(source);

    [Fact]
    public async Task Cpython_reads_every_literal_back_as_the_value_it_stands_for()
    {
        // ast.literal_eval accepts literals only: if it reads them, no literal can smuggle code in.
        var sources = Literals.Select(row => ((PythonValue)row[0]).ToPythonSource()).Where(s => s != "1e999").ToList();
        var script = "import ast, sys\nfor line in sys.argv[1:]:\n    print(repr(ast.literal_eval(line)))";
        var outcome = await new ProcessGroupRunner().RunAsync(new ProcessRequest
        {
            FileName = MachineInterpreters.CPython313Path,
            Arguments = ["-c", script, .. sources],
            WorkingDirectory = Path.GetTempPath(),
            Timeout = TimeSpan.FromSeconds(20),
        });

        outcome.ExitCode.ShouldBe(0, outcome.StandardError);
        outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "None", "True", "1500000", "1000000000000000000000000000000", "-7", "1.0", "0.1", "1e+300",
            "\"it's\"", "'a\\\\b\\nc\\td\\x01'", "'é€😀'", "b\"\\x00'A\\\\\\xff\"", "(1,)", "()",
            "[1, 'x', (2.5, False)]", "{'n': 3, 1: None}",
        ]);
    }

    [Fact]
    public void Nan_has_no_literal_and_is_written_as_a_float_call() =>
        ((PythonValue)double.NaN).ToPythonSource().ShouldBe("float('nan')");

    [Fact]
    public void Sequences_reject_null_items() =>
        Should.Throw<ArgumentException>(() => new PythonValue.Sequence([null!], isTuple: false));
}
