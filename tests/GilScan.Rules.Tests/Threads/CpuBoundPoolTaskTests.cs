using Verify = GilScan.Rules.Tests.Support.RuleVerifier<GilScan.Rules.Threads.CpuBoundPoolTask>;

namespace GilScan.Rules.Tests.Threads;

public sealed class CpuBoundPoolTaskTests
{
    private const string Score = """
        ROWS = 2_000_000

        def score(rows):
            best = 0
            for i in range(rows):
                value = (i * 2654435761) % 4294967296
                if value > best:
                    best = value
            return best

        """;

    [Fact]
    public void Submit_to_an_aliased_executor_is_reported_with_the_pool_call() => Verify.Diagnostics(Score + """
        from concurrent.futures import ThreadPoolExecutor as TPE

        def run():
            with TPE(max_workers=4) as pool:
                return [[|pool.submit(score, ROWS)|] for _ in range(4)]
        """,
        "'score' is sent to 'ThreadPoolExecutor.submit' but is CPU-bound pure Python ('loop of ~2,000,000 iterations (range(2000000)), ~14,000,000 pure-Python operations'); under the GIL the pool's threads run it one at a time.");

    [Fact]
    public void Joblib_runs_delayed_tasks_on_threads_only_when_the_runner_or_its_configuration_chooses_threads() => Verify.Diagnostics(Score + """
        from joblib import Parallel, delayed, parallel_config

        def on_threads():
            return [|Parallel(n_jobs=4, prefer="threads")(delayed(score)(ROWS) for _ in range(8))|]

        def on_processes():
            return Parallel(n_jobs=4)(delayed(score)(ROWS) for _ in range(8))

        def configured():
            with parallel_config(backend="threading"):
                return [|Parallel()(delayed(score)(ROWS) for _ in range(8))|]

        def named():
            runner = Parallel(2, "threading")
            return [|runner(delayed(score)(ROWS) for _ in range(8))|]

        def not_delayed():
            return Parallel(n_jobs=4, prefer="threads")(score for _ in range(8))
        """,
        "'score' is sent to 'Parallel on threads' but is CPU-bound pure Python ('loop of ~2,000,000 iterations (range(2000000)), ~14,000,000 pure-Python operations'); under the GIL the pool's threads run it one at a time.",
        "'score' is sent to 'Parallel on threads' but is CPU-bound pure Python ('loop of ~2,000,000 iterations (range(2000000)), ~14,000,000 pure-Python operations'); under the GIL the pool's threads run it one at a time.",
        "'score' is sent to 'Parallel on threads' but is CPU-bound pure Python ('loop of ~2,000,000 iterations (range(2000000)), ~14,000,000 pure-Python operations'); under the GIL the pool's threads run it one at a time.");

    [Fact]
    public void Executor_kept_in_a_self_attribute_is_recognised() => Verify.Diagnostics(Score + """
        import concurrent.futures

        class Service:
            def __init__(self):
                self.pool = concurrent.futures.ThreadPoolExecutor()

            def warm_up(self):
                return [|self.pool.submit(score, ROWS)|]
        """);

    [Fact]
    public void Io_bound_and_numpy_tasks_in_thread_pools_are_not_reported() => Verify.Diagnostics("""
        import urllib.request
        from concurrent.futures import ThreadPoolExecutor
        import numpy as np

        def fetch(url):
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read()

        def matmul(n):
            a = np.random.rand(n, n)
            return a @ a

        def run(urls):
            with ThreadPoolExecutor(16) as pool:
                pages = list(pool.map(fetch, urls))
                products = [pool.submit(matmul, 2000) for _ in range(4)]
            return pages, products
        """);

    [Fact]
    public void Process_pools_are_not_thread_pools() => Verify.Diagnostics(Score + """
        import asyncio
        from concurrent.futures import ProcessPoolExecutor

        async def handler():
            loop = asyncio.get_running_loop()
            with ProcessPoolExecutor() as processes:
                await loop.run_in_executor(processes, score, ROWS)
                processes.submit(score, ROWS)
        """);

    [Fact]
    public void To_thread_and_the_default_executor_are_thread_pools() => Verify.Diagnostics(Score + """
        import asyncio
        from multiprocessing.pool import ThreadPool

        async def handler():
            loop = asyncio.get_running_loop()
            a = await [|asyncio.to_thread(score, ROWS)|]
            b = await [|loop.run_in_executor(None, score, ROWS)|]
            return a, b

        def batch():
            with ThreadPool(4) as pool:
                return [|pool.apply(score, (ROWS,))|]
        """);

    [Fact]
    public void Map_over_unknown_items_of_a_range_loop_is_reported_with_medium_confidence()
    {
        var result = new GilScan.Testing.Verifier(ShippedRuleSet.Models).Run([new GilScan.Rules.Threads.CpuBoundPoolTask()],
            [("m.py", Score + """
                from concurrent.futures import ThreadPoolExecutor

                def run(sizes):
                    with ThreadPoolExecutor() as pool:
                        return list(pool.map(score, sizes))
                """)]);
        var finding = result.Diagnostics.ShouldHaveSingleItem();
        finding.Confidence.ShouldBe(GilScan.Analysis.Diagnostics.Confidence.Medium);
        finding.Properties.ContainsKey("arguments").ShouldBeFalse();
        finding.Message.ShouldContain("loop over range(rows) of unknown length");
    }

    [Fact]
    public void Nested_pure_loops_over_unknown_data_are_reported_and_single_passes_are_not() => Verify.Diagnostics("""
        from concurrent.futures import ThreadPoolExecutor

        def matmul(a, b):
            n, m, p = len(a), len(b), len(b[0])
            out = [[0] * p for _ in range(n)]
            for i in range(len(a)):
                for j in range(p):
                    s = 0
                    for k in range(m):
                        s += a[i][k] * b[k][j]
                    out[i][j] = s
            return out

        def pairs(items):
            close = []
            for a in items:
                for b in items:
                    if abs(a - b) < 3:
                        close.append((a, b))
            return close

        def squares(items):
            total = 0
            for x in items:
                total += x * x
            return total

        def run(a, b, items):
            with ThreadPoolExecutor() as pool:
                [|pool.submit(matmul, a, b)|]
                [|pool.submit(pairs, items)|]
                pool.submit(squares, items)
        """);
}
