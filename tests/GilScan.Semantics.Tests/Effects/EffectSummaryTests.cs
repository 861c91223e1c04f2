using GilScan.Semantics.Catalog;
using GilScan.Semantics.Effects;
using GilScan.Semantics.Tests.Support;
using static GilScan.Semantics.Tests.Support.Nodes;

namespace GilScan.Semantics.Tests.Effects;

public class EffectSummaryTests
{
    private static EffectSummary Summary(ProjectModel project, string displayName) =>
        project.Effects.SummaryOf(project.Functions.Single(f => f.DisplayName == displayName));

    private static int Line(Node node) => ((LocatedNode)node).Lineno;

    [Fact]
    public void Trip_counts_follow_generators_filled_collections_and_class_level_attributes()
    {
        var project = TestProject.Single("""
            EXTENSIONS = ('.tar.gz', '.zip')
            def chunks(path):
                with open(path, 'rb') as f:
                    while True:
                        data = f.read(4096)
                        if not data:
                            break
                        yield data
            def load(path):
                rows = []
                with open(path) as f:
                    for line in f.readlines():
                        rows.append(line.split(','))
                return rows
            class Locator:
                suffixes = EXTENSIONS + ('.whl',)
                def __init__(self, names):
                    self.names = names
                def scan(self):
                    for name in self.names:
                        for suffix in self.suffixes:
                            name.endswith(suffix)
            def consume(path):
                for chunk in chunks(path):
                    len(chunk)
                for row in load(path):
                    len(row)
            """);
        var loops = Summary(project, "consume").Loops;
        loops[0].Trips.Kind.ShouldBe(TripKind.DataDependent);
        loops[0].Trips.Source.ShouldBe("the contents of a file");
        loops[1].Trips.Kind.ShouldBe(TripKind.DataDependent);
        loops[1].Trips.Source.ShouldBe("the lines of a file");
        Summary(project, "chunks").Loops.Single().Trips.Reason.ShouldBe("while True reading the contents of a file, one pass per chunk");
        var scan = Summary(project, "Locator.scan").Loops;
        scan[0].Trips.Reason.ShouldBe("the values of attribute 'self.names'");
        scan[1].Trips.Kind.ShouldNotBe(TripKind.DataDependent);
    }

    [Fact]
    public void A_range_loop_over_a_parameter_has_unknown_trips_until_the_caller_passes_a_constant()
    {
        var project = TestProject.Single("""
            def work(n):
                s = 0
                for i in range(n):
                    s += i * i
                return s

            def main():
                return work(10_000_000)
            """);
        var work = Summary(project, "work");
        var loop = work.Loops.Single();
        loop.Trips.Kind.ShouldBe(TripKind.DataDependent);
        loop.Trips.Reason.ShouldBe("the values of parameter 'n'");
        work.Work.HasUnknownTrips.ShouldBeTrue();
        // Per iteration: store i, i * i, store s, the += itself, and the loop step.
        loop.PerIteration.Operations.ShouldBe(5);

        var main = Summary(project, "main");
        // The call itself, the callee's `s = 0` and `range(n)` call, and the loop.
        main.Work.Operations.ShouldBe(1 + 2 + 50_000_000);
        main.Work.HasUnknownTrips.ShouldBeFalse();
        var hot = main.HotSpot!;
        hot.Node.ShouldBeOfType<For>();
        Line(hot.Node).ShouldBe(3);
        hot.Loop!.Trips.ShouldBe(TripCount.Known(10_000_000, "range(10000000)"));
        hot.Chain.Select(s => Line(s.Call)).ShouldBe([8]);
    }

    [Fact]
    public void Thread_arguments_specialise_the_target()
    {
        var project = TestProject.Single("""
            import threading
            N = 4_000_000
            def work(n, k=2):
                total = 0
                for i in range(n // k):
                    total += i
            threading.Thread(target=work, args=(N,)).start()
            """);
        var thread = CallTo(project.Tree("m"), "threading.Thread");
        var target = project.CallGraph.CallableTargets(thread.Keywords.Single(k => k.Arg == "target").Value).Single();
        var args = ((Tuple)thread.Keywords.Single(k => k.Arg == "args").Value).Elts;
        var summary = project.Effects.SummaryForArguments(target, args, [], project.ModuleNamed("m")!.GlobalScope);
        summary.Loops.Single().Trips.ShouldBe(TripCount.Known(2_000_000, "range(2000000)"));
        summary.Arguments!.ToString().ShouldBe("k=2, n=4000000");
        summary.Work.Operations.ShouldBe(2_000_000 * 4 + 3);
    }

    [Fact]
    public void Numpy_calls_release_the_gil_and_add_no_python_work()
    {
        var project = TestProject.Single("""
            import numpy as np
            def vectorised(n):
                a = np.zeros(n)
                for _ in range(1000):
                    a = a * 2 + 1
                return np.dot(a, a)
            def pure(n):
                s = 0.0
                for x in range(1000):
                    s += x * 2 + 1
                return s
            """);
        var vectorised = Summary(project, "vectorised");
        vectorised.GilReleasing.Select(s => (s.Name, Line(s.Node))).ShouldBe([("numpy.zeros", 3), ("numpy.ndarray", 5), ("numpy.ndarray", 5), ("numpy.dot", 6)]);
        vectorised.Loops.Single().ReleasesGil.ShouldBeTrue();
        var pure = Summary(project, "pure");
        pure.GilReleasing.ShouldBeEmpty();
        pure.Loops.Single().ReleasesGil.ShouldBeFalse();
        pure.Work.Operations.ShouldBe(1 + 1 + 1000 * 6);
    }

    [Fact]
    public void Hashlib_releases_the_gil_for_large_buffers_only()
    {
        var project = TestProject.Single("""
            import hashlib, os
            def large():
                data = os.urandom(1 << 20)
                for _ in range(100):
                    hashlib.sha256(data).hexdigest()
            def small():
                for i in range(100_000):
                    hashlib.sha256(str(i).encode()).hexdigest()
            def incremental():
                h = hashlib.md5()
                chunk = b"x" * 64
                for _ in range(10_000):
                    h.update(chunk)
                return h.hexdigest()
            """);
        var large = Summary(project, "large");
        large.GilReleasing.Single().Name.ShouldBe("hashlib.sha256");
        large.GilHolding.ShouldBeEmpty();
        large.Loops.Single().ReleasesGil.ShouldBeTrue();

        var small = Summary(project, "small");
        small.GilReleasing.ShouldBeEmpty();
        var sha = small.GilHolding.Single();
        (sha.Name, sha.Category, sha.InLoop).ShouldBe(("hashlib.sha256", CallCategory.GilHoldingCpu, true));
        small.Loops.Single().ReleasesGil.ShouldBeFalse();

        var incremental = Summary(project, "incremental");
        incremental.GilHolding.Select(s => s.Name).ShouldBe(["_hashlib.HASH.update"]);
        incremental.GilReleasing.ShouldBeEmpty();
    }

    [Fact]
    public void A_call_that_blocks_only_with_some_arguments_blocks_only_with_them()
    {
        var project = TestProject.Single("""
            import psutil, queue, threading
            q = queue.Queue()
            lock = threading.Lock()
            def quick():
                psutil.cpu_percent()
                psutil.cpu_percent(interval=None)
                q.get(block=False)
                q.get(False)
                lock.acquire(blocking=False)
            def waits(interval):
                psutil.cpu_percent(interval=1)
            def waits_for_caller(interval):
                psutil.cpu_percent(interval)
            def consumer():
                return q.get()
            """);
        Summary(project, "quick").BlockingIo.ShouldBeEmpty();
        Summary(project, "quick").HasBlockingIo.ShouldBeFalse();
        Summary(project, "waits").BlockingIo.Single().Name.ShouldBe("psutil.cpu_percent");
        Summary(project, "waits_for_caller").HasBlockingIo.ShouldBeTrue();
        Summary(project, "consumer").BlockingIo.Single().Name.ShouldBe("queue.Queue.get");
    }

    [Fact]
    public void Getaddrinfo_with_a_numeric_host_flag_does_not_ask_a_name_service()
    {
        var project = TestProject.Single("""
            import socket
            from socket import AI_NUMERICHOST, getaddrinfo
            _NUMERIC_ONLY = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV
            def is_ip(text):
                return bool(socket.getaddrinfo(text, 0, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST))
            def numeric(host, port):
                return socket.getaddrinfo(host, port, flags=_NUMERIC_ONLY)
            def imported(host):
                return getaddrinfo(host, 0, flags=AI_NUMERICHOST | socket.AI_PASSIVE)
            def resolves(host, port):
                return socket.getaddrinfo(host, port)
            def resolves_passive(host):
                return socket.getaddrinfo(host, 0, flags=socket.AI_PASSIVE)
            """);
        Summary(project, "is_ip").HasBlockingIo.ShouldBeFalse();
        Summary(project, "numeric").HasBlockingIo.ShouldBeFalse();
        Summary(project, "imported").HasBlockingIo.ShouldBeFalse();
        Summary(project, "resolves").BlockingIo.Single().Name.ShouldBe("socket.getaddrinfo");
        Summary(project, "resolves_passive").BlockingIo.Single().Name.ShouldBe("socket.getaddrinfo");
    }

    [Fact]
    public void An_operator_of_a_catalogued_library_type_counts_as_a_call_of_its_method()
    {
        var project = TestProject.Single("""
            from ecpy.curves import Curve
            def scalar_times_generator(k):
                curve = Curve.get_curve("secp256k1")
                return k * curve.generator
            def point_times_scalar(k):
                curve = Curve.get_curve("secp256k1")
                return curve.generator * k
            def integers(k):
                return k * 3
            """);
        var reflected = Summary(project, "scalar_times_generator");
        reflected.GilHolding.Single().Name.ShouldBe("ecpy.curves.Point.__rmul__");
        reflected.Work.Operations.ShouldBeGreaterThanOrEqualTo(500_000);
        Summary(project, "point_times_scalar").GilHolding.Single().Name.ShouldBe("ecpy.curves.Point.__mul__");
        Summary(project, "integers").GilHolding.ShouldBeEmpty();
        Summary(project, "integers").Work.Operations.ShouldBeLessThan(100);
    }

    [Fact]
    public void A_coroutine_loop_without_await_is_its_longest_stretch_and_an_awaiting_loop_is_not()
    {
        var project = TestProject.Single("""
            import asyncio
            def crunch():
                return sum(i * i for i in range(50_000))
            async def blocking():
                total = 0
                for i in range(10_000_000):
                    total += i
                await asyncio.sleep(0)
                return total
            async def polite():
                for i in range(1000):
                    await asyncio.sleep(0)
                    crunch()
            """);
        var blocking = Summary(project, "blocking");
        var stretch = blocking.LongestStretchWithoutAwait!;
        Line(stretch.Node).ShouldBe(6);
        stretch.Loop!.Awaits.ShouldBeFalse();
        stretch.Work.Operations.ShouldBe(10_000_000 * 4);

        var polite = Summary(project, "polite");
        polite.Loops.Single().Awaits.ShouldBeTrue();
        polite.Awaits.ShouldBe(1);
        var politeStretch = polite.LongestStretchWithoutAwait!;
        politeStretch.Chain.Select(s => Line(s.Call)).ShouldBe([13]);
        Line(politeStretch.Node).ShouldBe(3);
        politeStretch.Node.ShouldBeOfType<GeneratorExp>();
        Summary(project, "crunch").LongestStretchWithoutAwait.ShouldBeNull();
    }

    [Fact]
    public void Blocking_io_is_found_across_calls_and_modules()
    {
        var project = TestProject.Build(
            ("helpers.py", """
                import time, requests
                def pause():
                    time.sleep(1)
                def fetch(url):
                    return requests.get(url).json()
                def read(path):
                    with open(path) as fh:
                        return fh.read()
                """),
            ("app.py", """
                from helpers import pause, fetch, read
                async def handler(url):
                    pause()
                    data = fetch(url)
                    return read("x")
                """));
        var handler = Summary(project, "handler");
        handler.BlockingIo.Select(s => (s.Name, string.Join(">", s.Chain.Select(c => Line(c.Call))), Line(s.Node)))
            .ShouldBe([("time.sleep", "3", 3), ("requests.get", "4", 5), ("builtins.open", "5", 7), ("io.TextIOWrapper.read", "5", 8)]);
    }

    [Fact]
    public void Recursion_is_flagged_and_does_not_loop()
    {
        var project = TestProject.Single("""
            def fib(n):
                return n if n < 2 else fib(n - 1) + fib(n - 2)
            def main():
                return fib(30)
            """);
        var fib = Summary(project, "fib");
        fib.IsRecursive.ShouldBeTrue();
        fib.RecursionBranches.ShouldBeTrue();
        fib.Work.HasUnknownTrips.ShouldBeTrue();
        // main's call gives fib a constant: the solver counts every call of the recursion, pruning the
        // base case's branch: fib(30) makes 2 * fib(31) - 1 = 2,692,537 calls.
        var main = Summary(project, "main");
        main.Work.HasUnknownTrips.ShouldBeFalse();
        var site = project.CallGraph.SitesIn(project.Functions.Single(f => f.DisplayName == "main")).Single();
        var call = project.Effects.SummaryForArguments(site.Targets.Single(), site.Call.Args, site.Call.Keywords, site.Caller.Scope);
        call.RecursiveCallCount.ShouldBe(2_692_537);
        main.Work.Operations.ShouldBeGreaterThan(2_692_537 * 3);
    }

    [Fact]
    public void Recursion_into_the_elements_of_a_parameter_is_a_walk_not_a_branching_recursion()
    {
        var project = TestProject.Single("""
            def is_subtype(expected, base):
                if isinstance(expected, tuple):
                    return all(is_subtype(e, base) for e in expected)
                return issubclass(expected, base)
            def search(board, depth):
                for move in moves(board):
                    search(play(board, move), depth - 1)
            def moves(board): return board
            def play(board, move): return board
            """);
        Summary(project, "is_subtype").IsRecursive.ShouldBeTrue();
        Summary(project, "is_subtype").RecursionBranches.ShouldBeFalse();
        // A loop over values made inside (the moves of a position) still branches.
        Summary(project, "search").RecursionBranches.ShouldBeTrue();
    }

    [Fact]
    public void A_branch_on_an_exception_value_is_an_error_path()
    {
        var project = TestProject.Single("""
            def report(results):
                for r in results:
                    if isinstance(r, (ValueError, Exception)):
                        for _ in range(1_000_000):
                            pass
                    else:
                        len(r)
            def tally(results):
                for r in results:
                    if isinstance(r, dict):
                        for _ in range(1_000_000):
                            pass
            """);
        var report = Summary(project, "report");
        report.Loops.Single(l => l.Depth == 1).OnErrorPath.ShouldBeTrue();
        report.Work.Operations.ShouldBeLessThan(1_000);
        Summary(project, "tally").Work.Operations.ShouldBeGreaterThan(1_000_000);
    }

    [Fact]
    public void A_recursion_whose_argument_is_not_known_stays_unknown()
    {
        var project = TestProject.Single("""
            def fib(n):
                return n if n < 2 else fib(n - 1) + fib(n - 2)
            def main(k):
                return fib(k)
            """);
        Summary(project, "main").Work.HasUnknownTrips.ShouldBeTrue();
        Summary(project, "main").Recursion!.Function.DisplayName.ShouldBe("fib");
        Summary(project, "main").Recursion!.Branches.ShouldBeTrue();
    }

    [Theory]
    [InlineData("while True:\n        tick()", TripKind.Unbounded, "while True")]
    [InlineData("while True:\n        if tick():\n            break", TripKind.Unknown, "while True with a break")]
    [InlineData("i = 0\n    while i < 1000:\n        i += 3", TripKind.Known, "i from 0 counting up by 3")]
    [InlineData("i = 1\n    while i * i <= 10_000:\n        i += 1", TripKind.Known, "i from 1 counting up by 1")]
    [InlineData("n = 1_000_000\n    while n > 1:\n        n //= 2", TripKind.Known, "n from 1000000 shrinking geometrically")]
    [InlineData("n = 50\n    while n > 0:\n        n = n - 5", TripKind.Known, "n from 50 counting down by 5")]
    [InlineData("i = 0\n    while i < len(items):\n        i += 1", TripKind.DataDependent, "counting loop of i bounded by the values of parameter 'items'")]
    [InlineData("for x in items:\n        tick()", TripKind.DataDependent, "the values of parameter 'items'")]
    [InlineData("out = b''\n    while len(out) < len(items):\n        out += bytes(16)", TripKind.DataDependent, "counting loop of out bounded by the values of parameter 'items'")]
    [InlineData("out = []\n    while len(items) > len(out):\n        out.append(tick())", TripKind.DataDependent, "the values of parameter 'items'")]
    [InlineData("out = []\n    while len(out) < 10:\n        out.append(tick())", TripKind.Unknown, "while condition")]
    [InlineData("out = []\n    while len(out) < len(items):\n        tick()", TripKind.Unknown, "while condition")]
    [InlineData("while items:\n        items.pop()", TripKind.DataDependent, "the values of parameter 'items'")]
    [InlineData("while len(items) > 0:\n        x = items.pop()", TripKind.DataDependent, "the values of parameter 'items'")]
    [InlineData("stack = [tick()]\n    while stack:\n        node = stack.pop()\n        stack.extend(node)", TripKind.DataDependent, "the items the worklist stack reaches")]
    [InlineData("stack = [tick()]\n    while stack:\n        node = stack.pop()", TripKind.Unknown, "while condition")]
    [InlineData("while items:\n        tick()", TripKind.Unknown, "while condition")]
    [InlineData("for x in [1, 2, 3]:\n        tick()", TripKind.Known, "a literal")]
    [InlineData("for i, x in enumerate(range(7)):\n        tick()", TripKind.Known, "enumerate(...)")]
    public void Loop_trip_counts(string body, TripKind kind, string reason)
    {
        var project = TestProject.Single($"def tick(): return 1\ndef f(items):\n    {body}\n");
        var loop = Summary(project, "f").Loops.Single();
        (loop.Trips.Kind, loop.Trips.Reason).ShouldBe((kind, reason));
    }

    [Theory]
    [InlineData("i = 0\n    while i < 1000:\n        i += 3", 334)]
    [InlineData("i = 1\n    while i * i <= 10_000:\n        i += 1", 100)]
    [InlineData("i = 3\n    while i * i <= 1_000_003:\n        i += 2", 499)]
    [InlineData("n = 1_000_000\n    while n > 1:\n        n //= 2", 19)]
    [InlineData("n = 50\n    while n > 0:\n        n = n - 5", 10)]
    [InlineData("x = 1\n    while x < 10**18:\n        x *= 10", 18)]
    [InlineData("n = 0\n    while n > 0:\n        n -= 1", 0)]
    public void While_loops_are_solved_by_stepping_their_induction_variable(string body, double trips)
    {
        var project = TestProject.Single($"def f():\n    {body}\n");
        var loop = Summary(project, "f").Loops.Single();
        loop.Trips.Kind.ShouldBe(TripKind.Known);
        loop.Trips.Count.ShouldBe(trips);
        loop.IsCounting.ShouldBeTrue();
    }

    [Fact]
    public void A_while_loop_that_can_leave_early_has_an_upper_bound()
    {
        var project = TestProject.Single("""
            def is_prime(n):
                i = 3
                while i * i <= n:
                    if n % i == 0:
                        return False
                    i += 2
                return True
            def main():
                return is_prime(1_000_000_007)
            """);
        var site = project.CallGraph.SitesIn(project.Functions.Single(f => f.DisplayName == "main")).Single();
        var summary = project.Effects.SummaryForArguments(site.Targets.Single(), site.Call.Args, site.Call.Keywords, site.Caller.Scope);
        var loop = summary.Loops.Single();
        loop.Trips.Kind.ShouldBe(TripKind.Bounded);
        loop.Trips.Count.ShouldBe(15_810);
        summary.Work.MayLeaveEarly.ShouldBeTrue();
    }

    [Fact]
    public void A_default_decides_branches_only_for_calls_that_pass_nothing()
    {
        var project = TestProject.Single("""
            def save(data, path=None):
                if path is not None:
                    with open(path, 'w') as f:
                        f.write(data)
            def quiet(data):
                save(data)
            def loud(data, where):
                save(data, where)
            """);
        // Alone, save may be called with a path by anyone: the default None decides nothing.
        Summary(project, "save").HasBlockingIo.ShouldBeTrue();
        Summary(project, "save").BranchesOnDefaults.ShouldBeTrue();
        EffectSummary AtCallIn(string caller)
        {
            var site = project.CallGraph.SitesIn(project.Functions.Single(f => f.DisplayName == caller)).Single();
            return project.Effects.SummaryForArguments(site.Targets.Single(), site.Call.Args, site.Call.Keywords, site.Caller.Scope);
        }
        // A call that passes nothing gets the default, and no file is opened.
        AtCallIn("quiet").HasBlockingIo.ShouldBeFalse();
        AtCallIn("loud").HasBlockingIo.ShouldBeTrue();
    }

    [Fact]
    public void A_retry_loop_runs_once_when_the_first_attempt_succeeds()
    {
        var project = TestProject.Single("""
            import json
            import time
            def load(path):
                for attempt in range(10):
                    try:
                        with open(path) as f:
                            return json.load(f)
                    except OSError:
                        time.sleep(attempt * 0.1)
                raise RuntimeError("unreadable")
            def ask(check):
                for attempt in range(3):
                    answer = input("passphrase: ")
                    if check(answer):
                        return answer
                    time.sleep(1)
            def search(items, wanted):
                for i in range(100):
                    if items[i] == wanted:
                        return i
            """);
        TripsOf(project, "load").ShouldBe((TripKind.Known, 1));
        TripsOf(project, "ask").ShouldBe((TripKind.Known, 1));
        // A search leaves early too, but goes round again without backing off: up to its length.
        TripsOf(project, "search").ShouldBe((TripKind.Bounded, 100));
    }

    [Fact]
    public void Work_behind_a_run_once_guard_is_not_repeated_by_the_loops_around_its_call()
    {
        var project = TestProject.Single("""
            class Store:
                def __init__(self):
                    self._table = None
                    self.needs_reload = True
                def table(self):
                    if self._table is None:
                        self._table = [i * i for i in range(1_000_000)]
                    return self._table
                def reload(self):
                    self.needs_reload = False
                    self.rows = [i + 1 for i in range(1_000_000)]
                def rows_now(self):
                    if self.needs_reload:
                        self.reload()
                    return self.rows
                def lookups(self, keys):
                    total = 0
                    for k in range(100):
                        total += self.table()[k] + self.rows_now()[k]
                    return total
            def plain(n):
                out = 0
                for k in range(100):
                    if n:
                        out += sum([i for i in range(1_000_000)])
                return out
            """);
        double OperationsOf(string name) => project.Effects.SummaryOf(project.Functions.Single(f => f.DisplayName == name)).Work.Operations;
        // Each guarded fill counts once (~2-3 million operations each), not a hundred times.
        OperationsOf("Store.lookups").ShouldBeLessThan(10_000_000);
        OperationsOf("Store.lookups").ShouldBeGreaterThan(2_000_000);
        // A branch on a parameter is not a guard: it runs on every pass.
        OperationsOf("plain").ShouldBeGreaterThan(100_000_000);
    }

    private static (TripKind, double) TripsOf(ProjectModel project, string function)
    {
        var loop = project.Effects.SummaryOf(project.Functions.Single(f => f.DisplayName == function)).Loops.Single();
        return (loop.Trips.Kind, loop.Trips.Count);
    }

    [Fact]
    public void A_branch_the_arguments_rule_out_is_not_walked()
    {
        var project = TestProject.Single("""
            import json
            def load(config):
                if isinstance(config, dict):
                    return config
                with open(config) as f:
                    return json.load(f)
            def main():
                return load({"a": 1})
            def other(path: str):
                return load(path)
            """);
        Summary(project, "load").HasBlockingIo.ShouldBeTrue();
        Summary(project, "main").HasBlockingIo.ShouldBeFalse();
        Summary(project, "other").HasBlockingIo.ShouldBeTrue();
    }

    [Fact]
    public void An_identity_test_against_a_bool_is_decided_by_an_argument_that_cannot_be_one()
    {
        // A flag-or-object parameter (Client(security=True) makes a temporary certificate): a caller
        // that passes an object, or a value annotated as one, never takes the flag's branch.
        var project = TestProject.Single("""
            class Security:
                @classmethod
                def temporary(cls):
                    total = 0
                    for i in range(10_000_000):
                        total += i * i
                    return cls()
            def connect(security=None):
                if security is None or security is False:
                    security = Security()
                elif security is True:
                    security = Security.temporary()
                return security
            def with_object():
                return connect(security=Security())
            def with_annotated(security: Security):
                return connect(security=security)
            def with_flag():
                return connect(security=True)
            def with_unknown(security):
                return connect(security=security)
            def with_not(security: Security):
                if security is not True:
                    return security
                return Security.temporary()
            """);
        double OperationsOf(string name) => Summary(project, name).Work.Operations;
        OperationsOf("with_object").ShouldBeLessThan(1_000);
        OperationsOf("with_annotated").ShouldBeLessThan(1_000);
        OperationsOf("with_not").ShouldBeLessThan(1_000);
        OperationsOf("with_flag").ShouldBeGreaterThan(10_000_000);
        OperationsOf("with_unknown").ShouldBeGreaterThan(10_000_000);
        OperationsOf("connect").ShouldBeGreaterThan(10_000_000);
    }

    [Fact]
    public void Iterating_a_file_blocks_each_iteration()
    {
        var project = TestProject.Single("""
            def count(path):
                n = 0
                with open(path) as fh:
                    for line in fh:
                        n += 1
                return n
            """);
        var summary = Summary(project, "count");
        summary.BlockingIo.Select(s => s.Name).ShouldBe(["builtins.open", "io.TextIOWrapper.__iter__"]);
        summary.Loops.Single().BlocksOnIo.ShouldBeTrue();
    }

    [Fact]
    public void Callbacks_scale_with_the_items_they_run_for()
    {
        var project = TestProject.Single("""
            def key(x):
                return sum(range(100))
            def order():
                return sorted(list(range(1000)), key=key)
            """);
        var summary = Summary(project, "order");
        // In evaluation order: the argument list(...) before sorted(...), then the callback's own calls.
        summary.GilHolding.Select(s => s.Name).ShouldBe(["builtins.list", "builtins.sorted", "builtins.sum"]);
        // sorted: the call, list(range(1000)) (1 + 1 + 1000 items), 5 per item to sort, and key() run
        // once per item (its call of sum over 100 items: 1 + 1 + 100).
        summary.Work.Operations.ShouldBe(1 + 1002 + 5 * 1000 + 102 * 1000);
    }

    [Fact]
    public void Lambdas_partials_and_bound_methods_started_on_threads_have_summaries()
    {
        var project = TestProject.Single("""
            import functools, threading
            def work(n):
                for i in range(n):
                    pass
            class Job:
                def __init__(self, n):
                    self.n = n
                def run_it(self):
                    work(self.n)
            threading.Thread(target=lambda: work(10**6)).start()
            threading.Thread(target=functools.partial(work, 2000)).start()
            threading.Thread(target=Job(5).run_it).start()
            """);
        var tree = project.Tree("m");
        EffectSummary For(int occurrence)
        {
            var call = CallTo(tree, "threading.Thread", occurrence);
            var target = project.CallGraph.CallableTargets(call.Keywords.Single().Value).Single();
            return project.Effects.SummaryForArguments(target, [], [], project.ModuleNamed("m")!.GlobalScope);
        }
        For(0).HotSpot!.Loop!.Trips.Count.ShouldBe(1_000_000);
        For(1).Loops.Single().Trips.Count.ShouldBe(2000);
        For(2).Function.QualifiedName.ShouldBe("m.Job.run_it");
        For(2).HotSpot!.Chain.Select(s => Line(s.Call)).ShouldBe([9]);
    }

    [Fact]
    public void Except_handlers_add_no_work_and_their_effects_are_marked_as_error_paths()
    {
        var project = TestProject.Single("""
            import time, json
            def log_failure(text):
                with open("errors.log", "a") as fh:
                    fh.write(text)
            def handle(payload):
                try:
                    return json.loads(payload)
                except ValueError:
                    for i in range(1_000_000):
                        pass
                    log_failure(payload)
                    time.sleep(1)
            """);
        var summary = Summary(project, "handle");
        summary.Work.Operations.ShouldBeLessThan(100);
        summary.HotSpot!.Node.ShouldBeOfType<Call>();
        summary.BlockingIo.Select(s => (s.Name, s.OnErrorPath, s.Chain.Length))
            .ShouldBe([("time.sleep", true, 0), ("builtins.open", true, 1), ("io.TextIOWrapper.write", true, 1)]);
        summary.GilHolding.Single().OnErrorPath.ShouldBeFalse();
        summary.Loops.Single().OnErrorPath.ShouldBeTrue();
    }

    [Fact]
    public void A_thread_subclass_run_method_has_its_own_summary()
    {
        var project = TestProject.Single("""
            import threading
            class Cruncher(threading.Thread):
                def run(self):
                    total = 0
                    for i in range(10**7):
                        total += i % 7
            """);
        var cls = project.Classes.Single();
        cls.DerivesFrom("threading.Thread").ShouldBeTrue();
        var run = project.Effects.SummaryOf(cls.FindMethod("run")!);
        run.HotSpot!.Loop!.Trips.Count.ShouldBe(10_000_000);
        // total = 0, the call range(10**7) with its 10**7, then 5 operations per iteration.
        run.Work.Operations.ShouldBe(1 + 2 + 10_000_000 * 5);
    }

    [Fact]
    public void A_callable_from_another_module_flows_into_a_helpers_summary()
    {
        var project = TestProject.Build(
            ("runner.py", """
                def run_many(fn, times):
                    for _ in range(times):
                        fn()
                """),
            ("jobs.py", """
                from runner import run_many
                def step():
                    return sum(i for i in range(1000))
                def main():
                    run_many(step, 500)
                """));
        var main = Summary(project, "main");
        // run_many specialised to times=500 calls step (1000-iteration generator) 500 times.
        main.HotSpot!.Chain.Select(s => (s.Caller.DisplayName, Line(s.Call))).ShouldBe([("main", 5)]);
        main.HotSpot.Loop!.Trips.Count.ShouldBe(500);
        main.HotSpot.Innermost.Node.ShouldBeOfType<GeneratorExp>();
        main.Work.Operations.ShouldBeGreaterThan(500 * 1000);
    }

    /// <summary>Built by hand: CPython accepts such sources, and the canonical-dump reader cannot read
    /// trees this deep.</summary>
    [Fact]
    public void Very_deep_expressions_do_not_overflow_the_stack()
    {
        var at = new SourceRange(2, 11, 2, 12, 11, 12);
        Expr sum = new Name("x", ExprContext.Load, at);
        for (var i = 0; i < 100_000; i++) sum = new BinOp(sum, BinaryOperator.Add, new Name("x", ExprContext.Load, at), at);
        var function = new FunctionDef("f", new Arguments([], [], null, [], [], null, []), [new Return(sum, at)], [], null, null, [],
            new SourceRange(1, 0, 2, 12, 0, 12));
        var project = ProjectModel.Build(GilScan.Semantics.Project.ProjectLayout.Flat, [new SourceFile("m.py", new Module([function], []))]);
        var summary = Summary(project, "f");
        summary.Work.Operations.ShouldBeGreaterThan(0);
        project.Modules.Single().SkippedDeepNodes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_constant_argument_overrides_a_default_trip_count()
    {
        var project = TestProject.Single("""
            def work(label, n=1000):
                for i in range(n):
                    pass
            def small():
                work("a")
            def large():
                work("b", 10**7)
            """);
        Summary(project, "work").SensitiveParameters.ShouldBe(["n"]);
        Summary(project, "small").HotSpot!.Loop!.Trips.Count.ShouldBe(1000);
        Summary(project, "large").HotSpot!.Loop!.Trips.Count.ShouldBe(10_000_000);
        Summary(project, "large").HotSpot!.Loop!.Function.DisplayName.ShouldBe("work");
    }
}
