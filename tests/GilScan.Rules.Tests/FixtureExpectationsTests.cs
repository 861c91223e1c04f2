using GilScan.Rules.Processes;
using GilScan.Testing;

namespace GilScan.Rules.Tests;

public sealed class FixtureExpectationsTests
{
    [Fact]
    public void Markers_are_read_per_line_with_several_ids_and_repeats()
    {
        using var folder = new TempDirectory();
        folder.Write("a.py", "x = 1  # expect: GIL301\ny = 2\nz = 3  # expect: GIL101, GIL202,GIL101\n");
        folder.Write("sub/b.py", "# expect: GIL303 - a reason may follow\n");

        var found = FixtureExpectations.Read(folder.Path);

        found.ShouldBe([
            new FixtureFinding("a.py", 1, "GIL301"),
            new FixtureFinding("a.py", 3, "GIL101"),
            new FixtureFinding("a.py", 3, "GIL101"),
            new FixtureFinding("a.py", 3, "GIL202"),
            new FixtureFinding("sub/b.py", 1, "GIL303"),
        ]);
    }

    [Fact]
    public void A_missing_and_an_unexpected_finding_are_both_reported()
    {
        using var folder = new TempDirectory();
        folder.Write("m.py", """
            from concurrent.futures import ProcessPoolExecutor

            def run(values):
                with ProcessPoolExecutor() as pool:
                    return list(pool.map(lambda v: v, values))

            def fine(values):
                return values  # expect: GIL303
            """);

        var comparison = FixtureExpectations.Check(new Verifier(models: ShippedRuleSet.Models), [new UnpicklableProcessCallable()], folder.Path);

        comparison.Matches.ShouldBeFalse();
        comparison.Missing.ShouldBe([new FixtureFinding("m.py", 8, "GIL303")]);
        comparison.Unexpected.ShouldBe([new FixtureFinding("m.py", 5, "GIL303")]);
        comparison.Describe("m").ShouldContain("unexpected m.py:5: GIL303 'pool.map' sends 'a lambda'");
    }
}
