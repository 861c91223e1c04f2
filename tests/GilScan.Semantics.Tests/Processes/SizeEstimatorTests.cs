using GilScan.Semantics.Processes;
using GilScan.Semantics.Sizes;
using GilScan.Semantics.Tests.Support;

namespace GilScan.Semantics.Tests.Processes;

/// <summary>Pickled-size estimates of the value a name holds at the end of a one-function module.</summary>
public class SizeEstimatorTests
{
    /// <summary>The estimate for the last reference to <paramref name="name"/> in <paramref name="source"/>.</summary>
    private static SizeFact? SizeOf(string source, string name)
    {
        var project = TestProject.Single(source);
        var reference = Nodes.All<Name>(project.Tree("m")).Where(n => n.Id == name && n.Ctx == ExprContext.Load).OrderBy(n => n.Lineno).Last();
        return new ProcessAnalysis(project).Sizes.Estimate(reference);
    }

    [Theory]
    [InlineData("np.zeros((10_000, 1_000))", 80_000_128)]
    [InlineData("np.ones((1000, 1000), dtype=np.float32)", 4_000_128)]
    [InlineData("np.empty(1_000_000, \"int8\")", 1_000_128)]
    [InlineData("np.full((100, 100), 7, dtype='uint16')", 20_128)]
    [InlineData("np.random.rand(500, 400)", 1_600_128)]
    [InlineData("np.random.randint(0, 10, size=(1000, 1000))", 8_000_128)]
    [InlineData("np.arange(1_000_000)", 8_000_128)]
    [InlineData("np.arange(0.0, 1.0, 0.5)", 144)]
    [InlineData("np.linspace(0, 1, 1_000_000)", 8_000_128)]
    [InlineData("np.eye(1000)", 8_000_128)]
    [InlineData("np.zeros_like(np.zeros(1000))", 8_128)]
    [InlineData("np.random.default_rng().random((1000, 100))", 800_128)]
    public void NumPy_arrays_are_elements_times_item_size(string constructor, double bytes)
    {
        var fact = SizeOf($"import numpy as np\nx = {constructor}\nprint(x)\n", "x").ShouldNotBeNull();

        fact.Bytes.ShouldBe(bytes);
        fact.Basis.ShouldBe(SizeBasis.Computed);
        fact.Kind.ShouldBe("numpy.ndarray");
    }

    [Fact]
    public void The_evidence_names_the_shape_and_dtype()
    {
        var fact = SizeOf("import numpy as np\nN = 10_000\nx = np.zeros((N, N // 10), dtype=np.float32)\nprint(x)\n", "x").ShouldNotBeNull();

        fact.Describe().ShouldBe("about 40 MB: np.zeros() of shape (10000, 1000) and dtype float32: 10,000,000 items of 4 bytes");
        fact.Origin.ShouldBeOfType<Call>().Lineno.ShouldBe(3);
    }

    [Theory]
    [InlineData("list(range(1_000_000))", 5_000_008, false)]
    [InlineData("[0] * 1_000_000", 2_000_008, false)]
    [InlineData("b\"x\" * 4096", 4_101, false)]
    [InlineData("bytes(10_000_000)", 10_000_005, false)]
    [InlineData("[i * 2.5 for i in range(100_000)]", 900_008, false)]
    [InlineData("{i: str(i) for i in range(1_000)}", 16_008, false)]
    [InlineData("[(i, i) for i in range(10)]", 138, false)]
    [InlineData("[object() for _ in range(1_000)]", 8_008, true)]
    public void Containers_and_constants_count_their_items(string expression, double bytes, bool lowerBound)
    {
        var fact = SizeOf($"x = {expression}\nprint(x)\n", "x").ShouldNotBeNull();

        fact.Bytes.ShouldBe(bytes);
        fact.IsLowerBound.ShouldBe(lowerBound);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\"/data/input.csv\"")]
    [InlineData("range(10**9)")]
    [InlineData("3.25")]
    [InlineData("(1, \"a\", None)")]
    public void Small_values_are_small(string expression)
    {
        var fact = SizeOf($"x = {expression}\nprint(x)\n", "x").ShouldNotBeNull();

        fact.IsLarge(ProcessAnalysis.DefaultLargeBytes).ShouldBeFalse();
        fact.Bytes!.Value.ShouldBeLessThan(100);
    }

    [Fact]
    public void Unknown_values_have_no_size()
    {
        SizeOf("def f(data):\n    return data\n", "data").ShouldBeNull();
        SizeOf("import somelib\nx = somelib.load()\nprint(x)\n", "x").ShouldBeNull();
    }

    [Theory]
    [InlineData("pd.read_csv(path)", SizeBasis.TypicallyLarge, "pandas.DataFrame")]
    [InlineData("pd.read_parquet(path)", SizeBasis.TypicallyLarge, "pandas.DataFrame")]
    [InlineData("joblib.load(path)", SizeBasis.TypicallyLarge, "loaded object")]
    [InlineData("pickle.load(open(path, 'rb'))", SizeBasis.TypicallyLarge, "loaded object")]
    [InlineData("Path(path).read_bytes()", SizeBasis.DataDependent, "file contents")]
    [InlineData("open(path).read()", SizeBasis.DataDependent, "file contents")]
    public void Files_loads_and_dataframes_have_no_size_in_the_code_but_a_basis(string expression, SizeBasis basis, string kind)
    {
        var fact = SizeOf($"import joblib, pickle\nimport pandas as pd\nfrom pathlib import Path\npath = 'x'\nx = {expression}\nprint(x)\n", "x").ShouldNotBeNull();

        fact.Bytes.ShouldBeNull();
        fact.Basis.ShouldBe(basis);
        fact.Kind.ShouldBe(kind);
        fact.IsLarge(ProcessAnalysis.DefaultLargeBytes).ShouldBe(basis == SizeBasis.TypicallyLarge);
        fact.MayBeLarge(ProcessAnalysis.DefaultLargeBytes).ShouldBeTrue();
    }

    [Fact]
    public void Limited_reads_are_sized()
    {
        SizeOf("import pandas as pd\nx = pd.read_csv('a.csv', nrows=100)\nprint(x)\n", "x")!.Bytes.ShouldBe(800);
        SizeOf("with open('a', 'rb') as f:\n    x = f.read(4096)\nprint(x)\n", "x")!.Bytes.ShouldBe(4_101);
    }

    [Fact]
    public void Names_attributes_returns_and_instances_are_followed()
    {
        var source = """
            import numpy as np

            def make():
                return np.zeros((1000, 1000))

            class Model:
                def __init__(self, weights):
                    self.weights = weights
                    self.name = "model"

            def build():
                m = Model(make())
                print(m.weights, m)
            """;

        var attribute = SizeOf(source, "m").ShouldNotBeNull();
        attribute.Kind.ShouldBe("'Model' instance");
        attribute.Bytes.ShouldBe(8_000_128);
        attribute.Evidence.ShouldBe("its attribute 'self.weights' holds about 8 MB: returned by make(): np.zeros() of shape (1000, 1000) and dtype float64: 1,000,000 items of 8 bytes");
    }

    [Fact]
    public void Of_several_possible_values_the_largest_is_taken()
    {
        var fact = SizeOf("import numpy as np\nimport sys\nx = 0\nif sys.argv:\n    x = np.ones(10_000_000)\nprint(x)\n", "x").ShouldNotBeNull();

        fact.Bytes.ShouldBe(80_000_128);
        fact.Origin.ShouldBeOfType<Call>().Lineno.ShouldBe(5);
    }
}
