using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Processes;
using static GilScan.Rules.Tests.Processes.ProcessRuleRunner;

namespace GilScan.Rules.Tests.Processes;

public sealed class UnpicklableProcessCallableTests
{
    private static readonly UnpicklableProcessCallable Rule = new();

    [Fact]
    public void A_lambda_sent_to_a_process_pool_is_reported() => Verifier.Diagnostics(Rule, """
        from concurrent.futures import ProcessPoolExecutor

        def run(values):
            with ProcessPoolExecutor() as pool:
                return list(pool.map([|lambda v: v * 2|], values))
        """,
        "'pool.map' sends 'a lambda' to another process, which fails to pickle it: 'AttributeError: Can't get local object `run.<locals>.<lambda>`'; fix: 'define the function with def at module level (bind extra arguments with functools.partial)'.");

    [Fact]
    public void Local_functions_and_closures_are_reported_beside_module_functions_and_partials() => Verifier.Diagnostics(Rule, """
        import functools
        import multiprocessing

        def scale(v, factor):
            return v * factor

        def run(values, factor):
            def scaled(v):
                return v * factor

            def plain(v):
                return v

            with multiprocessing.Pool() as pool:
                a = pool.map([|scaled|], values)
                b = pool.imap([|plain|], values)
                c = pool.map(functools.partial(scale, factor=factor), values)
                d = pool.map(abs, values)
                e = pool.apply_async(scale, (1, 2), callback=lambda r: print(r))
            return a, b, c, d, e
        """,
        "'pool.map' sends 'the closure `run.<locals>.scaled`' to another process, which fails to pickle it: 'AttributeError: Can't get local object `run.<locals>.scaled`'; fix: 'move the function to module level and pass what it uses as arguments (functools.partial)'.",
        "'pool.imap' sends 'the local function `run.<locals>.plain`' to another process, which fails to pickle it: 'AttributeError: Can't get local object `run.<locals>.plain`'; fix: 'move the function to module level and pass what it uses as arguments (functools.partial)'.");

    [Fact]
    public void A_process_target_is_pickled_only_when_the_start_method_is_not_fork()
    {
        var findings = Findings(Rule, """
            import multiprocessing

            def spawned():
                ctx = multiprocessing.get_context("spawn")
                p = ctx.Process(target=lambda: None)
                p.start()

            def forked():
                ctx = multiprocessing.get_context("fork")
                p = ctx.Process(target=lambda: None)
                p.start()

            def platform_default():
                p = multiprocessing.Process(target=lambda: None)
                p.start()
            """);

        findings.Select(f => (f.Location.Span.StartLine, f.Confidence, f.Text(ProcessFindings.StartMethodKey))).ShouldBe([
            (5, Confidence.High, "spawn"),
            (14, Confidence.Medium, "default"),
        ]);
        findings[1].Message.ShouldContain("under the spawn and forkserver start methods (the default on macOS and Windows, and on Linux from Python 3.14)");
        findings[0].RelatedLocations.Select(r => (r.Location.Span.StartLine, r.Message)).ShouldBe([
            (5, "a lambda: defined here"),
            (4, "start method spawn chosen here"),
        ]);
    }

    [Fact]
    public void The_program_wide_start_method_is_used_for_processes_without_a_context() => Verifier.Project(Rule, [
        ("main.py", """
            import multiprocessing as mp
            import jobs

            if __name__ == "__main__":
                mp.set_start_method("fork")
                jobs.start()
            """),
        ("jobs.py", """
            import multiprocessing as mp

            def start():
                def child():
                    print("child")
                p = mp.Process(target=child)
                p.start()
                with mp.Pool(initializer=lambda: None) as pool:
                    return pool.map([|lambda v: v|], range(3))
            """),
    ]);

    [Fact]
    public void Bound_methods_of_objects_holding_locks_or_pools_are_reported_unless_they_customise_pickling() => Verifier.Diagnostics(Rule, """
        import threading
        from concurrent.futures import ProcessPoolExecutor

        class Counter:
            def __init__(self):
                self.lock = threading.Lock()

            def add(self, v):
                return v

        class Snapshot:
            def __init__(self):
                self.lock = threading.RLock()

            def __getstate__(self):
                return {}

            def value(self, v):
                return v

        class Service:
            def __init__(self):
                self.executor = ProcessPoolExecutor()

            def handle(self, v):
                return v

            def run(self, values):
                return list(self.executor.map([|self.handle|], values))

        def run(values):
            with ProcessPoolExecutor() as pool:
                a = list(pool.map([|Counter().add|], values))
                b = list(pool.map(Snapshot().value, values))
            return a, b
        """,
        "'self.executor.map' sends 'a bound method of `Service`, whose attribute `self.executor` holds a `concurrent.futures.ProcessPoolExecutor`' to another process, which fails to pickle it: 'TypeError: cannot pickle `_thread.lock` object'; fix: 'send a module-level function instead of the bound method, or define __getstate__ to leave the attribute out'.",
        "'pool.map' sends 'a bound method of `Counter`, whose attribute `self.lock` holds a `threading.Lock`' to another process, which fails to pickle it: 'TypeError: cannot pickle `_thread.lock` object'; fix: 'send a module-level function instead of the bound method, or define __getstate__ to leave the attribute out'.");

    [Fact]
    public void Locks_and_queues_as_task_arguments_fail_but_a_starting_process_may_take_a_queue() => Verifier.Diagnostics(Rule, """
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        def work(*args):
            return len(args)

        def run():
            lock = threading.Lock()
            queue = multiprocessing.Queue()
            with ProcessPoolExecutor() as pool:
                pool.submit(work, [|lock|])
                pool.submit(work, [|queue|])
            p = multiprocessing.Process(target=work, args=(queue,))
            p.start()
        """);

    [Fact]
    public void A_lambda_passed_through_a_parameter_is_reported_where_it_is_sent_with_the_path()
    {
        var finding = Findings(Rule, """
            import multiprocessing

            def run_all(pool, fn, values):
                return pool.map(fn, values)

            def main(values):
                with multiprocessing.Pool() as pool:
                    return run_all(pool, lambda v: -v, values)
            """).ShouldHaveSingleItem();

        finding.Location.Span.StartLine.ShouldBe(4);
        finding.Confidence.ShouldBe(Confidence.Medium);
        finding.RelatedLocations.Select(r => r.Location.Span.StartLine).ShouldBe([8, 8]);
    }

    [Fact]
    public void Thread_pools_take_anything() => Verifier.Diagnostics(Rule, """
        import threading
        from concurrent.futures import ThreadPoolExecutor
        from multiprocessing.pool import ThreadPool

        def run(values):
            lock = threading.Lock()
            with ThreadPoolExecutor() as pool, ThreadPool(2) as threads:
                a = list(pool.map(lambda v: v, values))
                b = threads.map(lambda v: v, values)
                c = pool.submit(print, lock)
            return a, b, c
        """);
}
