using GilScan.Rules.Threads;
using Verify = GilScan.Rules.Tests.Support.RuleVerifier<GilScan.Rules.Threads.CpuBoundThreadTarget>;

namespace GilScan.Rules.Tests.Threads;

public sealed class CpuBoundThreadTargetTests
{
    [Fact]
    public void Thread_running_a_pure_python_loop_is_reported_with_its_size() => Verify.Diagnostics("""
        import threading

        def work(n):
            s = 0
            for i in range(n):
                s += i * i
            return s

        [|threading.Thread(target=work, args=(10_000_000,))|].start()
        """,
        "'work' runs on a thread but is CPU-bound pure Python ('loop of ~10,000,000 iterations (range(10000000)), ~50,000,000 pure-Python operations'); under the GIL it cannot run in parallel with other threads.");

    [Fact]
    public void A_tree_walk_with_a_worklist_on_a_thread_is_reported_as_growing_with_the_tree() => Verify.Diagnostics("""
        import threading

        def checksum_tree(root):
            total = 0
            stack = [root]
            while stack:
                node = stack.pop()
                for value in node.data:
                    total = (total * 31 + value) % 1000003
                stack.extend(node.children)
            return total

        def visit_once(root):
            stack = [root]
            while stack:
                node = stack.pop()
                for value in node.data:
                    print(value)

        def start(root):
            [|threading.Thread(target=checksum_tree, args=(root,))|].start()
            threading.Thread(target=visit_once, args=(root,)).start()
        """,
        "'checksum_tree' runs on a thread but is CPU-bound pure Python ('nested loops of unknown length (the items the worklist stack reaches), ~14 operations per outer iteration'); under the GIL it cannot run in parallel with other threads.");

    [Fact]
    public void Small_loops_io_and_native_work_on_threads_are_not_reported() => Verify.Diagnostics("""
        import threading, time, zlib, urllib.request
        import numpy as np

        def tiny():
            return sum(i for i in range(100))

        def sleepy():
            for _ in range(1_000_000):
                time.sleep(0.01)

        def vectorised(n):
            values = np.arange(n, dtype=np.float64)
            return float(np.sqrt(values).sum())

        def compress(blob):
            return zlib.compress(blob, 9)

        def download(url):
            with urllib.request.urlopen(url) as response:
                return response.read()

        for target, args in [(tiny, ()), (sleepy, ()), (vectorised, (10_000_000,))]:
            threading.Thread(target=target, args=args).start()
        threading.Thread(target=tiny).start()
        threading.Thread(target=sleepy).start()
        threading.Thread(target=vectorised, args=(10_000_000,)).start()
        threading.Thread(target=compress, args=(b"x" * 10_000_000,)).start()
        threading.Thread(target=download, args=("http://localhost/",)).start()
        """);

    [Fact]
    public void Hashing_small_buffers_in_a_loop_holds_the_gil_but_one_large_buffer_releases_it() => Verify.Diagnostics("""
        import hashlib, threading

        def many_small():
            digests = []
            for i in range(1_000_000):
                digests.append(hashlib.sha256(b"0123456789abcdef").digest())
            return digests

        def one_large():
            return hashlib.sha256(b"x" * 50_000_000).hexdigest()

        [|threading.Thread(target=many_small)|].start()
        threading.Thread(target=one_large).start()
        """);

    [Fact]
    public void Callable_imported_from_another_module_is_followed() => Verify.Project(
    [
        ("app/work.py", """
            N = 20_000_000

            def crunch():
                acc = 0
                for i in range(N):
                    acc = (acc + i) % 1_000_003
                return acc
            """),
        ("app/main.py", """
            from threading import Thread as T
            from app.work import crunch

            def start():
                [|T(target=crunch)|].start()
            """),
    ]);

    [Fact]
    public void A_helper_that_starts_threads_is_reported_at_the_call_that_passes_the_cpu_bound_callable() => Verify.Project(
    [
        ("helpers.py", """
            import threading

            def in_background(fn, *args):
                thread = threading.Thread(target=fn, args=args, daemon=True)
                thread.start()
                return thread
            """),
        ("jobs.py", """
            import time
            from helpers import in_background

            def heavy():
                acc = 0
                for i in range(20_000_000):
                    acc ^= i
                return acc

            def idle():
                time.sleep(5)

            def main():
                [|in_background(heavy)|]
                in_background(idle)
            """),
    ]);

    [Fact]
    public void Thread_subclass_with_a_cpu_bound_run_is_reported_where_it_is_constructed() => Verify.Diagnostics("""
        import threading

        class Worker(threading.Thread):
            def run(self):
                total = 0
                for i in range(5_000_000):
                    total += i % 3
                self.total = total

        class Waiter(threading.Thread):
            def run(self):
                self.event.wait()

        w = [|Worker()|]
        w.start()
        Waiter().start()
        """);

    [Fact]
    public void Lambda_partial_timer_and_low_level_thread_are_followed() => Verify.Diagnostics("""
        import _thread, functools, threading

        N = 10_000_000

        def crunch(n):
            total = 0
            for i in range(n):
                total += i * i % 7
            return total

        [|threading.Thread(target=lambda: crunch(N))|].start()
        [|threading.Thread(target=functools.partial(crunch, N))|].start()
        [|threading.Timer(1.0, crunch, args=(N,))|].start()
        [|_thread.start_new_thread(crunch, (N,))|]
        threading.Thread(target=crunch, args=(100,)).start()
        """);

    [Fact]
    public void Noqa_comment_suppresses_the_finding() => Verify.Diagnostics("""
        import threading

        def work():
            return sum(i * i for i in range(10_000_000))

        threading.Thread(target=work).start()  # noqa: GIL101
        threading.Thread(target=work).start()  # gilscan: ignore[GIL101]
        """);

    [Fact]
    public void Finding_carries_the_code_flow_and_the_confirmation_target()
    {
        var result = new GilScan.Testing.Verifier(ShippedRuleSet.Models).Run([new CpuBoundThreadTarget()],
        [
            ("m.py", """
                import threading

                def inner(n):
                    t = 0
                    for i in range(n):
                        t += i
                    return t

                def work(n, label="x"):
                    return inner(n)

                threading.Thread(target=work, args=(3_000_000,), kwargs={"label": "run"}).start()
                """),
        ]);
        var finding = result.Diagnostics.ShouldHaveSingleItem();
        finding.Location.Span.StartLine.ShouldBe(12);
        finding.CodeFlow.Select(s => (s.Location.Span.StartLine, s.Message)).ShouldBe(
        [
            (12, "threading.Thread runs work on another thread"),
            (10, "work calls inner"),
            (5, "hot spot: loop of ~3,000,000 iterations (range(3000000))"),
        ]);
        finding.Properties["target"].ShouldBe(new GilScan.Analysis.Diagnostics.PropertyValue.Text("m:work"));
        ((GilScan.Analysis.Diagnostics.PropertyValue.TextList)finding.Properties["arguments"]).Values.ShouldBe(["3000000"]);
        var keywords = ((GilScan.Analysis.Diagnostics.PropertyValue.Map)finding.Properties["keywords"]).Entries;
        keywords["label"].ShouldBe(new GilScan.Analysis.Diagnostics.PropertyValue.Text("'run'"));
        finding.Confidence.ShouldBe(GilScan.Analysis.Diagnostics.Confidence.High);
    }
}
