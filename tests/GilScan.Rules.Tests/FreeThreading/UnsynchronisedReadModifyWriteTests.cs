using GilScan.Analysis.Diagnostics;
using GilScan.Rules.FreeThreading;
using GilScan.Testing;
using Verify = GilScan.Rules.Tests.Support.RuleVerifier<GilScan.Rules.FreeThreading.UnsynchronisedReadModifyWrite>;

namespace GilScan.Rules.Tests.FreeThreading;

public sealed class UnsynchronisedReadModifyWriteTests
{
    [Fact]
    public void Global_counter_of_threads_started_in_a_loop_is_reported_with_the_state_the_threads_and_the_fix() => Verify.Diagnostics("""
        import threading

        hits = 0

        def count(n):
            global hits
            for _ in range(n):
                [|hits += 1|]

        threads = [threading.Thread(target=count, args=(100_000,)) for _ in range(4)]
        """,
        "'hits += 1' reads and updates shared 'module global hits' with no lock while several threads run it ('count on threading.Thread (started in a loop in <module>)'), so without the GIL concurrent updates are lost; fix: 'hold one threading.Lock around every update (with lock: hits += 1), or give each thread its own result (threading.local or a return value) and combine them at the end'.");

    [Fact]
    public void Counting_into_a_shared_dict_from_map_tasks_is_reported() => Verify.Diagnostics("""
        from concurrent.futures import ThreadPoolExecutor

        counts = {}

        def count(word):
            [|counts[word] = counts.get(word, 0) + 1|]

        def run(words):
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(count, words))
        """,
        "'counts[word] = counts.get(word, 0) + 1' reads and updates shared 'an item of module global counts' with no lock while several threads run it ('count on ThreadPoolExecutor.map (one task per item)'), so without the GIL concurrent updates are lost; fix: 'hold one threading.Lock around every update (with lock: counts[word] = counts.get(word, 0) + 1), or count per thread (a collections.Counter each) and merge after join()'.");

    [Fact]
    public void Attribute_of_an_object_every_task_shares_is_reported() => Verify.Diagnostics("""
        from concurrent.futures import ThreadPoolExecutor

        class Account:
            def __init__(self):
                self.total = 0

            def deposit(self, amount):
                [|self.total += amount|]

        def deposit_all(amounts):
            account = Account()
            with ThreadPoolExecutor() as pool:
                for amount in amounts:
                    pool.submit(account.deposit, amount)
        """,
        "'self.total += amount' reads and updates shared 'attribute total of account in deposit_all' with no lock while several threads run it ('Account.deposit on ThreadPoolExecutor.submit (started in a loop in deposit_all)'), so without the GIL concurrent updates are lost; fix: 'hold one threading.Lock around every update (with self._lock: self.total += amount), or keep per-thread totals and add them up at the end'.");

    [Fact]
    public void Updates_under_a_lock_are_not_reported() => Verify.Diagnostics("""
        import threading

        hits = 0
        lock = threading.Lock()
        rlock = threading.RLock()

        def with_block():
            global hits
            with lock:
                hits += 1

        def acquired():
            global hits
            rlock.acquire()
            try:
                hits += 1
            finally:
                rlock.release()

        def helper():
            global hits
            hits += 1

        def held_by_the_caller():
            with lock:
                helper()

        for target in (with_block, acquired, held_by_the_caller):
            pass
        threads = [threading.Thread(target=with_block) for _ in range(4)]
        threads += [threading.Thread(target=acquired) for _ in range(4)]
        threads += [threading.Thread(target=held_by_the_caller) for _ in range(4)]
        """);

    [Fact]
    public void An_unlocked_writer_next_to_locked_ones_is_reported() => Verify.Diagnostics("""
        import threading

        hits = 0
        lock = threading.Lock()

        def careful():
            global hits
            with lock:
                hits += 1

        def careless():
            global hits
            [|hits += 1|]

        threads = [threading.Thread(target=careful) for _ in range(4)]
        threading.Thread(target=careless).start()
        """);

    [Fact]
    public void Thread_local_locals_per_thread_objects_and_atomic_calls_are_not_reported() => Verify.Diagnostics("""
        import threading
        from collections import deque

        local = threading.local()
        results = []
        events = deque()
        groups = {}

        class Worker(threading.Thread):
            def __init__(self):
                super().__init__()
                self.done = 0

            def run(self):
                self.done += 1
                local.n = getattr(local, "n", 0) + 1
                local.n += 1
                total = 0
                total += 1
                results.append(total)
                events.append(total)
                groups.setdefault("k", []).append(total)
                results += [total]

        workers = [Worker() for _ in range(4)]
        """);

    [Fact]
    public void One_writer_thread_with_readers_is_not_reported() => Verify.Diagnostics("""
        import threading

        progress = 0

        def work():
            global progress
            for _ in range(100):
                progress += 1

        def watch():
            while progress < 100:
                print(progress)

        threading.Thread(target=work).start()
        for _ in range(3):
            threading.Thread(target=watch).start()
        """);

    [Fact]
    public void Two_different_threads_updating_one_global_are_both_reported() => Verify.Diagnostics("""
        import threading

        balance = 0

        def deposit():
            global balance
            [|balance += 10|]

        def withdraw():
            global balance
            [|balance -= 10|]

        threading.Thread(target=deposit).start()
        threading.Thread(target=withdraw).start()
        """);

    [Fact]
    public void A_key_that_differs_per_thread_is_not_a_shared_item() => Verify.Diagnostics("""
        import threading

        def step(index, totals):
            for _ in range(100):
                totals[index] += 1

        def run():
            totals = [0] * 4
            threads = [threading.Thread(target=step, args=(i, totals)) for i in range(4)]
        """);

    [Fact]
    public void Check_then_act_that_creates_a_list_then_appends_is_reported_at_the_test() => Verify.Diagnostics("""
        from concurrent.futures import ThreadPoolExecutor

        groups = {}

        def group(item):
            key = item[0]
            if [|key not in groups|]:
                groups[key] = []
            groups[key].append(item)

        def run(items):
            with ThreadPoolExecutor() as pool:
                pool.map(group, items)
        """,
        "'if key not in groups: groups[key] = []' reads and updates shared 'an item of module global groups' with no lock while several threads run it ('group on ThreadPoolExecutor.map (one task per item)'), so without the GIL concurrent updates are lost; fix: 'use groups.setdefault(key, ...) (one atomic call) or hold one threading.Lock around the check and the update'.");

    [Fact]
    public void A_memoising_cache_is_not_reported() => Verify.Diagnostics("""
        import threading

        cache = {}

        def lookup(key):
            if key not in cache:
                cache[key] = key.upper()
            return cache[key]

        threads = [threading.Thread(target=lookup, args=("k",)) for _ in range(4)]
        """);

    [Fact]
    public void Nonlocal_total_shared_through_a_closure_is_reported() => Verify.Diagnostics("""
        import threading

        def total_of(parts):
            total = 0

            def add(part):
                nonlocal total
                [|total += sum(part)|]

            threads = [threading.Thread(target=add, args=(p,)) for p in parts]
            return total
        """);

    [Fact]
    public void Sync_fastapi_endpoints_run_per_request_on_the_thread_pool() => Verify.Diagnostics("""
        from fastapi import FastAPI

        app = FastAPI()
        visits = 0
        async_visits = 0

        @app.get("/")
        def visit():
            global visits
            [|visits += 1|]

        @app.get("/async")
        async def async_visit():
            global async_visits
            async_visits += 1
        """);

    [Fact]
    public void Processes_and_coroutines_do_not_share_a_global() => Verify.Diagnostics("""
        import asyncio
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        hits = 0

        def work():
            global hits
            hits += 1

        async def handler():
            global hits
            hits += 1

        async def main():
            await asyncio.gather(*(handler() for _ in range(10)))
            with ProcessPoolExecutor() as pool:
                for _ in range(4):
                    pool.submit(work)
            for _ in range(4):
                multiprocessing.Process(target=work).start()
        """);

    [Fact]
    public void Waiting_for_each_task_in_the_loop_runs_them_one_at_a_time() => Verify.Diagnostics("""
        import asyncio
        import threading
        from concurrent.futures import ThreadPoolExecutor

        awaited = 0
        resulted = 0
        joined = 0

        def await_each():
            global awaited
            awaited += 1

        def result_each():
            global resulted
            resulted += 1

        def join_each():
            global joined
            joined += 1

        async def sequential():
            for _ in range(4):
                await asyncio.to_thread(await_each)

        def also_sequential():
            with ThreadPoolExecutor() as pool:
                for _ in range(4):
                    pool.submit(result_each).result()
            for _ in range(4):
                t = threading.Thread(target=join_each)
                t.start()
                t.join()
        """);

    [Fact]
    public void The_code_that_starts_a_thread_races_with_it_until_join() => Verify.Diagnostics("""
        import threading

        processed = 0

        def process():
            global processed
            [|processed += 1|]

        def main():
            global processed
            worker = threading.Thread(target=process)
            worker.start()
            [|processed += 1|]
            worker.join()
            processed += 1
        """);

    [Fact]
    public void The_finding_carries_its_code_flow_and_the_properties_confirm_reads()
    {
        var result = new Verifier(ShippedRuleSet.Models).Run([new UnsynchronisedReadModifyWrite()], [("jobs.py", """
            import threading

            hits = 0

            def count(n):
                global hits
                for _ in range(n):
                    bump()

            def bump():
                global hits
                hits += 1

            threads = [threading.Thread(target=count, args=(100_000,)) for _ in range(4)]
            """)]);
        var finding = result.Diagnostics.ShouldHaveSingleItem();
        finding.Location.Span.StartLine.ShouldBe(12);
        finding.Confidence.ShouldBe(Confidence.High);
        finding.CodeFlow.Select(s => (s.Location.Span.StartLine, s.Message)).ShouldBe([
            (14, "threading.Thread runs count on another thread (started in a loop in <module>)"),
            (8, "count calls bump"),
            (12, "reads and updates module global hits with no lock"),
        ]);
        finding.Properties["target"].ShouldBe(new PropertyValue.Text("jobs:count"));
        finding.Properties["state-kind"].ShouldBe(new PropertyValue.Text("global"));
        finding.Properties["state-module"].ShouldBe(new PropertyValue.Text("jobs"));
        finding.Properties["state-path"].ShouldBe(new PropertyValue.Text("hits"));
        finding.Properties["arguments"].ShouldBe(PropertyValue.List("100000"));
    }
    // The standard library analysed as a project holds threading.py itself: Thread(target=work) then instantiates a
    // project class whose run() is Thread's own. That run() only calls the target, so the target is what runs on
    // the thread; taking the class for a subclass with its own run() lost every target in the stdlib run (0 findings).
    [Fact]
    public void A_project_that_holds_the_threading_module_itself_still_follows_the_target() => Verify.Project(
        [
            ("threading.py", """
                class Thread:
                    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
                        self._target = target
                        self._args = args

                    def start(self):
                        pass

                    def run(self):
                        if self._target is not None:
                            self._target(*self._args)
                """),
            ("app.py", """
                import threading

                hits = 0

                def work():
                    global hits
                    [|hits += 1|]

                for _ in range(4):
                    threading.Thread(target=work).start()
                """),
        ],
        "'hits += 1' reads and updates shared 'module global hits' with no lock while several threads run it ('work on threading.Thread (started in a loop in <module>)'), so without the GIL concurrent updates are lost; fix: 'hold one threading.Lock around every update (with lock: hits += 1), or give each thread its own result (threading.local or a return value) and combine them at the end'.");

    [Fact]
    public void Threads_that_two_tests_start_do_not_overlap_but_threads_one_test_starts_in_a_loop_do() => Verify.Project(
        [
            ("worker.py", """
                class Worker:
                    def __init__(self):
                        self.runs = 0
                        self.hits = 0

                    def run(self):
                        self.runs += 1

                    def hit(self):
                        [|self.hits += 1|]
                """),
            ("tests/test_worker.py", """
                import threading
                import unittest
                from worker import Worker

                class WorkerTest(unittest.TestCase):
                    def setUp(self):
                        self.w = Worker()

                    def test_runs(self):
                        t = threading.Thread(target=self.w.run)
                        t.start()
                        t.join()

                    def test_runs_again(self):
                        t = threading.Thread(target=self.w.run)
                        t.start()
                        t.join()

                    def test_hits(self):
                        threads = [threading.Thread(target=self.w.hit) for _ in range(4)]
                        for t in threads:
                            t.start()
                """),
        ],
        "'self.hits += 1' reads and updates shared 'attribute hits of attribute w of the WorkerTest object self' with no lock while several threads run it ('Worker.hit on threading.Thread (started in a loop in WorkerTest.test_hits)'), so without the GIL concurrent updates are lost; fix: 'hold one threading.Lock around every update (with self._lock: self.hits += 1), or keep per-thread totals and add them up at the end'.");
}
