using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Processes;
using static GilScan.Rules.Tests.Processes.ProcessRuleRunner;

namespace GilScan.Rules.Tests.Processes;

public sealed class PerItemProcessMessagesTests
{
    private static readonly PerItemProcessMessages Rule = new();

    [Fact]
    public void Executor_map_with_the_default_chunksize_over_many_cheap_items_is_reported() => Verifier.Diagnostics(Rule, """
        from concurrent.futures import ProcessPoolExecutor

        def is_even(n):
            return n % 2 == 0

        def classify():
            with ProcessPoolExecutor(max_workers=4) as pool:
                return list([|pool.map(is_even, range(1_000_000))|])
        """,
        "'pool.map' sends 'about 1,000,000 tasks' of one item each for about '2 operations' of work per item; fix: 'pass chunksize= about items / (4 x workers), e.g. chunksize=62500 for 4 workers'.");

    [Fact]
    public void Chunked_maps_and_Pool_map_are_clean_beside_imap_with_chunksize_one() => Verifier.Diagnostics(Rule, """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        def double(n):
            return n * 2

        def run():
            with ProcessPoolExecutor() as ex, multiprocessing.Pool() as pool:
                a = list(ex.map(double, range(100_000), chunksize=1_000))
                b = pool.map(double, range(100_000))
                g = pool.map(double, range(100_000), chunksize=1)
                h = list(ex.map(double, *[range(100_000)]))
                c = pool.starmap(pow, [(i, 2) for i in range(100_000)])
                d = list(pool.imap(double, range(100_000), chunksize=500))
                e = list([|pool.imap(double, range(100_000))|])
                f = list([|pool.imap_unordered(double, range(100_000), chunksize=1)|])
            return a, b, c, d, e, f, g, h
        """);

    [Fact]
    public void Submit_in_a_long_loop_of_cheap_work_is_reported_with_its_evidence()
    {
        var finding = Findings(Rule, """
            from concurrent.futures import ProcessPoolExecutor

            def double(n):
                return n * 2

            def run():
                with ProcessPoolExecutor() as pool:
                    return [pool.submit(double, i) for i in range(200_000)]
            """).ShouldHaveSingleItem();

        finding.Message.ShouldBe("'pool.submit' sends 'about 200,000 tasks' of one item each for about '1 operation' of work per item; fix: 'submit one task per batch of items (a list of a few thousand), or use map(..., chunksize=...)'.");
        finding.Integer(ProcessFindings.Messages).ShouldBe(200_000);
        finding.Properties["work-per-item"].ShouldBe(new PropertyValue.Real(1));
        finding.Text("callable").ShouldBe("double");
        finding.RelatedLocations.Select(r => (r.Location.Span.StartLine, r.Message)).ShouldBe([
            (3, "'double' does about 1 operation per item"),
            (8, "one task per iteration of this loop"),
        ]);
        finding.Confidence.ShouldBe(Confidence.High);
    }

    [Fact]
    public void Heavy_or_unknown_work_per_item_and_unknown_lengths_are_clean() => Verifier.Diagnostics(Rule, """
        from concurrent.futures import ProcessPoolExecutor
        import somelib

        def heavy(n):
            total = 0
            for i in range(100_000):
                total += i % (n + 1)
            return total

        def opaque(n):
            return somelib.transform(n)

        def depends(n):
            return sum(i for i in range(n))

        def reads(path):
            with open(path) as f:
                return f.read()

        def run(values):
            with ProcessPoolExecutor() as pool:
                a = list(pool.map(heavy, range(100_000)))
                b = list(pool.map(opaque, range(100_000)))
                c = list(pool.map(depends, range(100_000)))
                d = list(pool.map(reads, [str(i) for i in range(100_000)]))
                e = list(pool.map(abs, values))
                f = [pool.submit(heavy, i) for i in range(100_000)]
            return a, b, c, d, e, f
        """);

    [Fact]
    public void The_minimum_number_of_messages_is_the_configured_minimum_loop_iterations()
    {
        // A cheap task that is not trivial (a few hundred operations): the minimum applies.
        const string Source = """
            from concurrent.futures import ProcessPoolExecutor

            def total(n):
                t = 0
                for k in range(200):
                    t += k * n
                return t

            def run():
                with ProcessPoolExecutor() as pool:
                    return list(pool.map(total, range(5_000)))
            """;

        Findings(Rule, Source).ShouldBeEmpty();
        var lowered = WithOptions(AnalysisOptions.Default with { MinLoopIterations = 1_000 }).Run([Rule], [("test.py", Source)]);
        lowered.Diagnostics.ShouldHaveSingleItem().Location.Span.StartLine.ShouldBe(11);
    }

    [Fact]
    public void Trivial_tasks_are_reported_from_32_messages_with_medium_confidence()
    {
        const string Source = """
            from concurrent.futures import ProcessPoolExecutor

            def identity(value):
                return value

            def run():
                with ProcessPoolExecutor() as pool:
                    many = [pool.submit(identity, i) for i in range(32)]
                    few = [pool.submit(identity, i) for i in range(31)]
                    return many, few
            """;

        var finding = Findings(Rule, Source).ShouldHaveSingleItem();
        finding.Location.Span.StartLine.ShouldBe(8);
        finding.Confidence.ShouldBe(Confidence.Medium);
    }

    [Fact]
    public void Pools_reached_through_aliases_contexts_and_self_attributes_are_recognised() => Verifier.Diagnostics(Rule, """
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor as PPE

        def square(n):
            return n * n

        class Batch:
            def __init__(self):
                self.pool = mp.get_context("spawn").Pool(2)
                self.executor = PPE()

            def run(self):
                first = list([|self.pool.imap(square, range(50_000))|])
                second = list([|self.executor.map(square, range(50_000))|])
                third = [[|self.pool.apply_async(square, (i,))|] for i in range(50_000)]
                return first, second, third
        """);

    [Fact]
    public void A_map_over_a_files_lines_is_reported_with_medium_confidence_and_its_data_source()
    {
        var finding = Findings(Rule, """
            from concurrent.futures import ProcessPoolExecutor

            def width(line):
                return len(line) * 2

            def run(path):
                with open(path) as f, ProcessPoolExecutor() as pool:
                    return list(pool.map(width, f))
            """).ShouldHaveSingleItem();

        finding.Confidence.ShouldBe(Confidence.Medium);
        finding.Text(ProcessFindings.DataSourceKey).ShouldBe("the lines of a file");
        finding.Properties.ContainsKey(ProcessFindings.Messages).ShouldBeFalse();
        finding.Message.ShouldStartWith("'pool.map' sends 'one task for each of the lines of a file' of one item each");
    }

    [Fact]
    public void Work_that_depends_on_the_item_is_the_mean_over_a_few_of_the_maps_items()
    {
        var finding = Findings(Rule, """
            from concurrent.futures import ProcessPoolExecutor

            def triangle(n):
                total = 0
                for k in range(n % 50):
                    total += k
                return total

            def run():
                with ProcessPoolExecutor() as pool:
                    return list(pool.map(triangle, range(100_000)))
            """).ShouldHaveSingleItem();

        finding.Confidence.ShouldBe(Confidence.High);
        finding.Text("work-per-item-evidence").ShouldBe("the mean over items 0, 24999, 49999, 74999, 99999 of range(100000)");
    }
}
