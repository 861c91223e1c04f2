using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Processes;
using static GilScan.Rules.Tests.Processes.ProcessRuleRunner;

namespace GilScan.Rules.Tests.Processes;

public sealed class LargeObjectPickledPerTaskTests
{
    private static readonly LargeObjectPickledPerTask Rule = new();

    [Fact]
    public void An_array_submitted_in_a_loop_is_reported_with_its_size_and_the_number_of_sends() => Verifier.Diagnostics(Rule, """
        from concurrent.futures import ProcessPoolExecutor
        import numpy as np

        def norm(matrix, row):
            return float(np.linalg.norm(matrix[row]))

        def run():
            matrix = np.zeros((10_000, 1_000))
            with ProcessPoolExecutor() as pool:
                return [pool.submit(norm, [|matrix|], i) for i in range(10_000)]
        """,
        "Large object 'matrix' of 'about 80 MB' is pickled 'once per submit call, 10,000 times (range(10000))'; fix: 'put the array in multiprocessing.shared_memory (or a memory-mapped file) and send its name and indices, or pass it once through the pool initializer into a global'.");

    [Fact]
    public void Sending_once_or_through_the_initializer_is_clean_beside_a_loop_that_is_not() => Verifier.Diagnostics(Rule, """
        import multiprocessing as mp
        import numpy as np

        _matrix = None

        def init(matrix):
            global _matrix
            _matrix = matrix

        def norm_at(row):
            return float(_matrix[row].sum())

        def norm(matrix, row):
            return float(matrix[row].sum())

        def run():
            matrix = np.ones((2_000, 2_000))
            with mp.Pool(4, initializer=init, initargs=(matrix,)) as pool:
                first = pool.map(norm_at, range(2_000))
                once = pool.apply(norm, (matrix, 0))
                each = [pool.apply_async(norm, ([|matrix|], i)) for i in range(2_000)]
            return first, once, each
        """);

    [Fact]
    public void Small_arguments_are_never_reported() => Verifier.Diagnostics(Rule, """
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing

        def work(*args):
            return len(args)

        def run(paths):
            queue = multiprocessing.Queue()
            with ProcessPoolExecutor() as pool:
                for i in range(100_000):
                    pool.submit(work, i, "a short label", f"/data/{i}.csv", range(10**9), 3.5, None)
                    queue.put((i, "done"))
                for path in paths:
                    pool.submit(work, path)
        """);

    [Fact]
    public void A_partial_holding_a_big_container_is_pickled_once_per_pool_task() => Verifier.Diagnostics(Rule, """
        import functools
        from multiprocessing import Pool

        def lookup(table, key):
            return table.get(key)

        def run():
            table = {i: str(i) for i in range(1_000_000)}
            with Pool(processes=4) as pool:
                return pool.map(functools.partial(lookup, [|table|]), range(1_000))
        """,
        "Large object 'table' of 'about 16 MB' is pickled 'once per task, 16 tasks of pool.map'; fix: 'pass it once through the pool initializer (initializer=, initargs=) into a module global and send only indices or keys with each task'.");

    [Fact]
    public void A_big_object_in_every_item_of_a_starmap_is_reported_where_the_items_are_built() => Verifier.Diagnostics(Rule, """
        from multiprocessing.pool import Pool as MPPool
        import numpy as np

        def row_sum(matrix, i):
            return matrix[i].sum()

        def inline():
            matrix = np.random.rand(5_000, 1_000)
            with MPPool(2) as pool:
                return pool.starmap(row_sum, [([|matrix|], i) for i in range(5_000)])

        def prebuilt():
            matrix = np.random.rand(5_000, 1_000)
            tasks = [(matrix, i) for i in range(5_000)]
            with MPPool(2) as pool:
                return pool.starmap(row_sum, [|tasks|])
        """);

    [Fact]
    public void Process_arguments_are_pickled_under_spawn_forkserver_and_the_platform_default_but_not_under_fork() => Verifier.Diagnostics(Rule, """
        import multiprocessing
        import numpy as np

        def child(data, i):
            return data[i]

        def spawned():
            data = np.zeros(2_000_000)
            ctx = multiprocessing.get_context("spawn")
            for i in range(8):
                ctx.Process(target=child, args=([|data|], i)).start()

        def forkserver():
            data = np.zeros(2_000_000)
            ctx = multiprocessing.get_context("forkserver")
            workers = [ctx.Process(target=child, args=([|data|], i)) for i in range(8)]
            for w in workers:
                w.start()

        def forked():
            data = np.zeros(2_000_000)
            ctx = multiprocessing.get_context("fork")
            for i in range(8):
                ctx.Process(target=child, args=(data, i)).start()

        def platform_default():
            data = np.zeros(2_000_000)
            for i in range(8):
                multiprocessing.Process(target=child, args=([|data|], i)).start()
        """);

    [Fact]
    public void A_process_started_under_the_platform_default_is_medium_confidence_and_says_where_it_pickles()
    {
        var finding = Findings(Rule, """
            import multiprocessing
            import numpy as np

            def child(data, i):
                return data[i]

            def run():
                data = np.zeros(2_000_000)
                for i in range(8):
                    multiprocessing.Process(target=child, args=(data, i)).start()
            """).ShouldHaveSingleItem();

        finding.Confidence.ShouldBe(Confidence.Medium);
        finding.Message.ShouldBe("Large object 'data' of 'about 16 MB' is pickled 'once per process started, 8 times (range(8)), under the spawn and forkserver start methods (the default on macOS and Windows, and on Linux from Python 3.14)'; fix: 'create or load it in the child process, or share it through multiprocessing.shared_memory or a memory-mapped file'.");
        finding.Text(ProcessFindings.StartMethodKey).ShouldBe("default");
    }

    [Fact]
    public void The_program_start_method_decides_for_processes_without_a_context()
    {
        var findings = Findings(Rule, """
            import multiprocessing as mp

            def child(blob):
                return len(blob)

            def main():
                mp.set_start_method("spawn")
                blob = b"x" * 20_000_000
                for _ in range(4):
                    mp.Process(target=child, args=(blob,)).start()
            """);

        var finding = findings.ShouldHaveSingleItem();
        finding.Location.Span.StartLine.ShouldBe(10);
        finding.Text(ProcessFindings.StartMethodKey).ShouldBe("spawn");
        finding.Integer(ProcessFindings.SizeBytes).ShouldBe(20_000_005);
        finding.Integer(ProcessFindings.Messages).ShouldBe(4);
        finding.Confidence.ShouldBe(Confidence.High);
    }

    [Fact]
    public void Self_attributes_and_bound_methods_carry_their_instance() => Verifier.Diagnostics(Rule, """
        from concurrent.futures import ProcessPoolExecutor as PPE
        import numpy as np
        import pandas as pd

        def stats(frame, column):
            return frame[column].mean()

        class Report:
            def __init__(self, path):
                self.frame = pd.read_csv(path)
                self.weights = np.random.rand(4_000, 1_000)
                self.pool = PPE(4)

            def columns(self):
                return [self.pool.submit(stats, [|self.frame|], c) for c in self.frame.columns]

            def score(self, row):
                return float(self.weights[row].sum())

            def scores(self, rows):
                return list(self.pool.map([|self.score|], rows))
        """);

    [Fact]
    public void The_evidence_is_in_the_properties_and_the_code_flow()
    {
        var findings = Findings(Rule, """
            import concurrent.futures as cf
            import pandas as pd

            def stats(frame, column):
                return frame[column].mean()

            def run(path):
                frame = pd.read_parquet(path)
                with cf.ProcessPoolExecutor() as pool:
                    return [pool.submit(stats, frame, c) for c in frame.columns]
            """);

        var finding = findings.ShouldHaveSingleItem();
        finding.Message.ShouldBe("Large object 'frame' of 'a pandas.DataFrame of unknown size' is pickled 'once per submit call, in a loop that iterates `frame.columns`'; fix: 'load it once per worker in the pool initializer (or send the path and read it in the worker), and send row or column indices with each task'.");
        finding.Confidence.ShouldBe(Confidence.Medium);
        finding.Level.ShouldBe(RuleLevel.Warning);
        finding.Text(ProcessFindings.SizeBasisKey).ShouldBe("typically-large");
        finding.Text(ProcessFindings.SizeEvidence).ShouldBe("size not shown in the code: a DataFrame with the whole input of pd.read_parquet(path)");
        finding.Properties.ContainsKey(ProcessFindings.SizeBytes).ShouldBeFalse();
        finding.Text(ProcessFindings.Api).ShouldBe("concurrent.futures.ProcessPoolExecutor.submit");
        finding.RelatedLocations.Select(r => (r.Location.Span.StartLine, r.Message)).ShouldBe([
            (8, "made here: size not shown in the code: a DataFrame with the whole input of pd.read_parquet(path)"),
            (10, "the loop that repeats the send"),
        ]);
        finding.CodeFlow.Select(s => s.Location.Span.StartLine).ShouldBe([8, 8, 10, 10]);
        finding.FingerprintKey.ShouldBe("GIL301|test.run|concurrent.futures.ProcessPoolExecutor.submit|frame");
    }

    [Fact]
    public void File_contents_sent_again_and_again_are_data_dependent_medium_confidence()
    {
        var finding = Findings(Rule, """
            import multiprocessing

            def produce(queue: multiprocessing.Queue, path):
                with open(path, "rb") as handle:
                    blob = handle.read()
                for _ in range(100):
                    queue.put(blob)
            """).ShouldHaveSingleItem();

        finding.Confidence.ShouldBe(Confidence.Medium);
        finding.Level.ShouldBe(RuleLevel.Warning);
        finding.Text(ProcessFindings.SizeBasisKey).ShouldBe("data-dependent");
        finding.Text(ProcessFindings.DataSourceKey).ShouldBe("the contents of a file");
        finding.Message.ShouldBe("Large object 'blob' of 'a whole file of unknown size' is pickled 'once per put call, 100 times (range(100))'; fix: 'send it once and refer to it by index or key afterwards, or share it through multiprocessing.shared_memory'.");
    }

    [Fact]
    public void Values_are_followed_across_modules_parameters_and_pipes() => Verifier.Project(Rule, [
        ("config.py", "TABLE = list(range(5_000_000))\n"),
        ("work.py", """
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            from config import TABLE

            def count(table, i):
                return table[i]

            def fan_out(pool, data):
                return [pool.submit(count, [|data|], i) for i in range(64)]

            def main():
                with ProcessPoolExecutor() as pool:
                    fan_out(pool, TABLE)
                parent, child = multiprocessing.Pipe()
                for _ in range(4):
                    parent.send([|TABLE|])
            """),
    ]);

    [Fact]
    public void A_name_assigned_twice_sends_the_value_assigned_last_before_each_call() => Verifier.Diagnostics(Rule, """
        import functools
        import multiprocessing as mp
        import numpy as np

        def work(chunk, table):
            return len(chunk)

        def run(chunks):
            small = list(range(10))
            big = np.zeros((1_000, 1_000))
            with mp.Pool() as pool:
                job = functools.partial(work, table=small)
                first = pool.map(job, chunks)
                job = functools.partial(work, table=[|big|])
                second = pool.map(job, chunks)
            return first, second
        """);

    [Fact]
    public void Threads_and_thread_queues_pickle_nothing() => Verifier.Diagnostics(Rule, """
        import queue
        from concurrent.futures import ThreadPoolExecutor
        from multiprocessing.dummy import Pool
        import numpy as np

        def work(data, i):
            return data[i]

        def run():
            data = np.zeros((5_000, 5_000))
            q = queue.Queue()
            with ThreadPoolExecutor() as threads, Pool(4) as dummy:
                for i in range(100):
                    threads.submit(work, data, i)
                    dummy.apply_async(work, (data, i))
                    q.put(data)
        """);
}
