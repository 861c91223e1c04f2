using System.Numerics;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Tests.Support;

namespace GilScan.Semantics.Tests.Constants;

public class ConstantEvaluatorTests
{
    private static (ProjectModel Project, Expr Last) Last(string source)
    {
        var project = TestProject.Single(source);
        return (project, ((ExprStmt)project.Tree("m").Body[^1]).Value);
    }

    private static FoldedValue? Fold(string source)
    {
        var (project, last) = Last(source);
        return project.Constants.Evaluate(last);
    }

    [Theory]
    [InlineData("N = 40_000_000\nk = 4\nN // k", "10000000")]
    [InlineData("10**6", "1000000")]
    [InlineData("-7 // 2", "-4")]
    [InlineData("-7 % 3", "2")]
    [InlineData("1 << 20", "1048576")]
    [InlineData("len([1, 2, 3])", "3")]
    [InlineData("len((1, 2) + (3,))", "3")]
    [InlineData("len('abc' * 4)", "12")]
    [InlineData("len([0] * 1000)", "1000")]
    [InlineData("len(range(10, 100, 3))", "30")]
    [InlineData("len(range(10, 0, -2))", "5")]
    [InlineData("int('1_000')", "1000")]
    [InlineData("max(3, 9, 4)", "9")]
    [InlineData("SIZES = (10, 20, 30)\nSIZES[-1]", "30")]
    [InlineData("A = 5\nB = A * 2 if A > 1 else 0\nB", "10")]
    [InlineData("x = 1\nx = 2\nx", "2")]
    [InlineData("x = 1\nif cond:\n    x = 1\nx", "1")]
    public void Integer_expressions_fold(string source, string expected) =>
        Fold(source).ShouldBeOfType<IntValue>().Value.ToString().ShouldBe(expected);

    [Theory]
    [InlineData("x = 1\nif cond:\n    x = 2\nx")]
    [InlineData("x = 1\nx += 1\nx")]
    [InlineData("import random\nrandom.randint(1, 5)")]
    [InlineData("2 ** 100000")]
    [InlineData("1 // 0")]
    [InlineData("a = b\nb = a\na")]
    public void Non_constants_do_not_fold(string source) => Fold(source).ShouldBeNull();

    [Fact]
    public void Range_folds_to_its_bounds()
    {
        Fold("N = 10**6\nrange(N)").ShouldBe(new RangeValue(0, 1_000_000, 1));
        Fold("range(N)").ShouldBeNull();
    }

    [Fact]
    public void Buffer_sizes_fold_for_bytes_and_encoded_text()
    {
        Fold("b'x' * 4096").ShouldBeOfType<BufferValue>().Length.ShouldBe(new BigInteger(4096));
        Fold("import os\nos.urandom(1 << 20)").ShouldBeOfType<BufferValue>().Length.ShouldBe(new BigInteger(1 << 20));
        Fold("bytes(100)").ShouldBeOfType<BufferValue>().Length.ShouldBe(new BigInteger(100));
        Fold("'héllo'.encode()").ShouldBeOfType<BufferValue>().Length.ShouldBe(new BigInteger(6));
        var bounded = Fold("for i in range(10):\n    pass\nstr(i).encode()").ShouldBeOfType<BufferValue>();
        bounded.Length.ShouldBeNull();
        bounded.MaxLength.ShouldBe(new BigInteger(128));
        var fstring = Fold("for i in range(10):\n    pass\nf'item-{i}'.encode()").ShouldBeOfType<BufferValue>();
        fstring.MaxLength.ShouldBe(new BigInteger(37 * 4));
    }

    [Fact]
    public void Constants_imported_from_project_modules_fold()
    {
        var project = TestProject.Build(
            ("config.py", "ITERATIONS = 5 * 10**6\n"),
            ("m.py", "import config\nfrom config import ITERATIONS\nITERATIONS + config.ITERATIONS\n"));
        var last = ((ExprStmt)project.Tree("m").Body[^1]).Value;
        project.Constants.IntegerOf(last).ShouldBe(new BigInteger(10_000_000));
    }

    [Fact]
    public void Parameters_fold_from_an_argument_environment()
    {
        var project = TestProject.Single("""
            def work(n, k=2):
                half = n // k
                return range(half)
            """);
        var function = project.Functions.Single(f => f.DisplayName == "work");
        var ret = function.Returns.Single();
        project.Constants.Evaluate(ret).ShouldBeNull();
        var env = ArgumentEnvironment.Empty(function.Scope).With("n", new IntValue(1000)).With("k", new IntValue(4));
        project.Constants.Evaluate(ret, env).ShouldBe(new RangeValue(0, 250, 1));
        project.Constants.LengthOf(((Call)ret), env).ShouldBe(new BigInteger(250));
    }

    [Theory]
    [InlineData("out = []\nout.append(1)\nlen(out)")]
    [InlineData("seen = {}\nseen['a'] = 1\nlen(seen)")]
    [InlineData("acc = []\nfill(acc)\nlen(acc)")]
    [InlineData("rows = [1]\ndef add():\n    rows.append(2)\nlen(rows)")]
    public void A_list_set_or_dict_changed_in_place_is_not_folded(string source) => Fold(source).ShouldBeNull();

    [Theory]
    [InlineData("xs = [1, 2, 3]\nprint(xs)\nfor x in xs:\n    pass\nlen(xs)", "3")]
    [InlineData("d = {1: 2}\nd.items()\nlen(d)", "1")]
    [InlineData("SIZES = [10, 20]\npool.map(work, SIZES)\nlen(SIZES)", "2")]
    public void A_display_that_is_only_read_still_folds(string source, string expected)
    {
        var (project, last) = Last(source);
        project.Constants.LengthOf(last is Call { Args: [var arg] } ? arg : last).ShouldBe(BigInteger.Parse(expected));
    }

    [Fact]
    public void Lengths_of_iteration_helpers()
    {
        var (project, last) = Last("xs = [1, 2, 3, 4]\nys = 'ab'\nd = {1: 2, 3: 4}\nimport itertools\nzip(enumerate(xs), ys)");
        project.Constants.LengthOf(last).ShouldBe(new BigInteger(2));
        var (p2, product) = Last("import itertools\nitertools.product(range(10), range(20))");
        p2.Constants.LengthOf(product).ShouldBe(new BigInteger(200));
        var (p3, items) = Last("d = {1: 2, 3: 4}\nd.items()");
        p3.Constants.LengthOf(items).ShouldBe(new BigInteger(2));
    }
}
