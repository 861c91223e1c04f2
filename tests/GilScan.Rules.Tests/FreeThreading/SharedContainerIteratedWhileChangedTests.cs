using Verify = GilScan.Rules.Tests.Support.RuleVerifier<GilScan.Rules.FreeThreading.SharedContainerIteratedWhileChanged>;

namespace GilScan.Rules.Tests.FreeThreading;

public sealed class SharedContainerIteratedWhileChangedTests
{
    [Fact]
    public void A_reader_thread_iterating_a_dict_that_writer_threads_fill_is_reported() => Verify.Diagnostics("""
        import threading

        registry = {}

        def register(worker_id):
            for job in range(1000):
                registry[(worker_id, job)] = job

        def report():
            [|for key, value in registry.items()|]:
                print(key, value)

        for worker_id in range(4):
            threading.Thread(target=register, args=(worker_id,)).start()
        threading.Thread(target=report).start()
        """,
        "'for key, value in registry.items()' iterates shared 'module global registry' while 'register on threading.Thread (started in a loop in <module>)' inserts into it or removes from it, with no lock around both, so the loop can 'raise RuntimeError: dictionary changed size during iteration' (now and then under the GIL, more often without it); fix: 'iterate over a copy, list(registry.items()), or hold one threading.Lock around the loop and every change'.");

    [Fact]
    public void Comprehensions_and_sums_over_a_changing_set_or_dict_are_reported() => Verify.Diagnostics("""
        import threading

        active = set()
        sizes = {}

        def session(uid):
            active.add(uid)
            sizes[uid] = 1
            active.discard(uid)

        def count():
            names = [str(u) for [|u in active|]]
            return [|sum(sizes.values())|], names

        threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]
        threading.Thread(target=count).start()
        """);

    [Fact]
    public void Copies_locks_and_iteration_after_join_are_not_reported() => Verify.Diagnostics("""
        import threading

        lock = threading.Lock()
        results = {}
        guarded = {}

        def produce(i):
            results[i] = i
            with lock:
                guarded[i] = i

        def observe():
            for key in list(results):
                print(key)
            for key, value in results.copy().items():
                print(key, value)
            with lock:
                for key in guarded:
                    print(key)

        def main():
            threads = [threading.Thread(target=produce, args=(i,)) for i in range(8)]
            threads.append(threading.Thread(target=observe))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for key in results:
                print(key)
        """);

    [Fact]
    public void The_starting_code_iterating_before_join_is_reported() => Verify.Diagnostics("""
        import threading

        scores = {}

        def score(n):
            for i in range(n):
                scores[i] = i * i

        def show():
            worker = threading.Thread(target=score, args=(1_000,))
            worker.start()
            [|for key in scores|]:
                print(key)
            worker.join()
        """);

    [Fact]
    public void A_container_each_thread_makes_for_itself_is_not_reported() => Verify.Diagnostics("""
        import threading

        def own(n):
            mine = {}
            for i in range(n):
                mine[i] = i
            for key in mine:
                print(key)

        threads = [threading.Thread(target=own, args=(10,)) for _ in range(4)]
        """);

    // A list iterator is an index into the list: another thread's insert or remove shifts the items under it, so the
    // loop skips or repeats one and raises nothing. Saying "RuntimeError" here would send a reader looking for a
    // traceback that never comes.
    [Fact]
    public void A_list_changed_during_the_loop_skips_or_repeats_items_and_raises_nothing() => Verify.Diagnostics("""
        import threading

        active = []

        def join_session(uid):
            active.append(uid)
            active.remove(uid)

        def report():
            [|for uid in active|]:
                print(uid)

        for uid in range(4):
            threading.Thread(target=join_session, args=(uid,)).start()
        threading.Thread(target=report).start()
        """,
        "'for uid in active' iterates shared 'module global active' while 'join_session on threading.Thread (started in a loop in <module>)' inserts into it or removes from it, with no lock around both, so the loop can 'skip or repeat items with no error' (now and then under the GIL, more often without it); fix: 'iterate over a copy, list(active), or hold one threading.Lock around the loop and every change'.");

    // Appending only extends the list past the iterator: the loop sees the new items or not, but skips or repeats none.
    [Fact]
    public void A_list_only_appended_to_during_the_loop_can_miss_new_items_but_skips_none() => Verify.Diagnostics("""
        import threading

        log = []

        def record(uid):
            log.append(uid)
            log.extend([uid, uid])

        def report():
            [|for uid in log|]:
                print(uid)

        for uid in range(4):
            threading.Thread(target=record, args=(uid,)).start()
        threading.Thread(target=report).start()
        """,
        "'for uid in log' iterates shared 'module global log' while 'record on threading.Thread (started in a loop in <module>)' inserts into it or removes from it, with no lock around both, so the loop can 'miss or include the items appended meanwhile, with no error' (now and then under the GIL, more often without it); fix: 'iterate over a copy, list(log), or hold one threading.Lock around the loop and every change'.");

    [Theory]
    [InlineData("set()", "add(uid)", "raise RuntimeError: Set changed size during iteration")]
    [InlineData("collections.deque()", "append(uid)", "raise RuntimeError: deque mutated during iteration")]
    [InlineData("collections.OrderedDict()", "setdefault(uid, 0)", "raise RuntimeError: OrderedDict mutated during iteration")]
    [InlineData("collections.Counter()", "update([uid])", "raise RuntimeError: dictionary changed size during iteration")]
    public void What_the_loop_can_do_follows_the_container_type(string made, string change, string outcome) => Verify.Diagnostics($$"""
        import collections
        import threading

        seen = {{made}}

        def visit(uid):
            seen.{{change}}

        def report():
            [|for uid in seen|]:
                print(uid)

        for uid in range(4):
            threading.Thread(target=visit, args=(uid,)).start()
        threading.Thread(target=report).start()
        """,
        $"'for uid in seen' iterates shared 'module global seen' while 'visit on threading.Thread (started in a loop in <module>)' inserts into it or removes from it, with no lock around both, so the loop can '{outcome}' (now and then under the GIL, more often without it); fix: 'iterate over a copy, list(seen), or hold one threading.Lock around the loop and every change'.");

    [Fact]
    public void A_list_appended_by_tasks_and_iterated_by_another_task_is_reported() => Verify.Diagnostics("""
        from concurrent.futures import ThreadPoolExecutor

        class Scheduler:
            def __init__(self):
                self.pending = []

            def submit(self, job):
                self.pending.append(job)

            def finish(self, job):
                [|for other in self.pending|]:
                    print(other, job)

            def run(self, jobs):
                with ThreadPoolExecutor(4) as pool:
                    pool.map(self.submit, jobs)
                    pool.map(self.finish, jobs)
        """);

    // fork(2) gives the child a single thread: the threads started before the fork do not exist there, so a loop in
    // the child's branch races with nothing (Lib/test/fork_wait.py was reported for exactly this). The parent's loop is.
    [Fact]
    public void A_loop_in_the_child_of_os_fork_is_not_reported_and_the_parents_is() => Verify.Diagnostics("""
        import os
        import threading

        alive = {}

        def beat(i):
            alive[i] = os.getpid()

        def main():
            for i in range(4):
                threading.Thread(target=beat, args=(i,)).start()
            if (cpid := os.fork()) == 0:
                for key in alive:
                    print(key)
                os._exit(0)
            pid = os.fork()
            if not pid:
                for key in alive:
                    print(key)
                os._exit(0)
            if pid:
                print("parent")
            else:
                for key in alive:
                    print(key)
            [|for key in alive|]:
                print(key)
        """);
}
