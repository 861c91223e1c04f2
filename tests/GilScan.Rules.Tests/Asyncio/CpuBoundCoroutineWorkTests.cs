using Verify = GilScan.Rules.Tests.Support.RuleVerifier<GilScan.Rules.Asyncio.CpuBoundCoroutineWork>;

namespace GilScan.Rules.Tests.Asyncio;

public sealed class CpuBoundCoroutineWorkTests
{
    [Fact]
    public void Loop_in_a_coroutine_without_an_await_is_reported_at_the_loop() => Verify.Diagnostics("""
        async def job():
            total = 0
            [|for i in range(50_000_000)|]:
                total += i % 3
            return total
        """,
        "Coroutine 'job' blocks the event loop for '~2.5 s' without an await ('loop of ~50,000,000 iterations (range(50000000)), ~250,000,000 pure-Python operations'); fix: 'offload it to a process pool (await loop.run_in_executor(process_pool, ...)), or split the work and yield with await asyncio.sleep(0) between parts'.");

    [Fact]
    public void Native_work_behind_a_helper_is_reported_with_a_thread_as_the_fix() => Verify.Diagnostics("""
        from argon2 import PasswordHasher

        class Passwords:
            def __init__(self):
                self.hasher = PasswordHasher()

            def verify(self, stored, password):
                return self.hasher.verify(stored, password)

        passwords = Passwords()

        async def login(stored, password):
            return [|passwords.verify(stored, password)|]
        """,
        "Coroutine 'login' blocks the event loop for '~100 ms' without an await ('argon2.PasswordHasher.verify at line 8, mostly native work (~100 ms)'); fix: 'run it in a thread with await asyncio.to_thread(...); the native code releases the GIL, so the event loop keeps serving meanwhile'.");

    [Fact]
    public void Loop_that_awaits_regularly_and_small_loops_are_not_reported() => Verify.Diagnostics("""
        import asyncio

        async def cooperative():
            total = 0
            for i in range(50_000_000):
                total += i % 3
                if i % 10_000 == 0:
                    await asyncio.sleep(0)
            return total

        async def small():
            return sum(i for i in range(1000))

        async def consume(queue):
            while True:
                item = await queue.get()
                print(item)
        """);

    [Fact]
    public void Synchronous_call_into_another_module_is_reported_at_the_call() => Verify.Project(
    [
        ("svc/compute.py", """
            def checksum(payload):
                total = 0
                size = len(payload) or 1
                for i in range(10_000_000):
                    total = (total * 31 + payload[i % size]) & 0xFFFFFFFF
                return total
            """),
        ("svc/handlers.py", """
            import asyncio
            from .compute import checksum

            async def handle(request):
                body = await request.read()
                digest = [|checksum(body)|]
                offloaded = await asyncio.to_thread(checksum, body)
                return digest, offloaded
            """),
    ]);

    [Fact]
    public void Work_in_an_awaited_coroutine_is_reported_once_in_that_coroutine() => Verify.Diagnostics("""
        async def inner():
            total = 0
            [|for i in range(20_000_000)|]:
                total ^= i
            return total

        async def outer():
            return await inner()
        """);

    [Fact]
    public void Loops_of_unknown_length_in_coroutines_are_not_reported() => Verify.Diagnostics("""
        import asyncio

        def crunch(n):
            total = 0
            for i in range(n):
                total += i * i % 7
            return total

        async def crunch_request(n):
            return crunch(n)

        async def crunch_offloaded(n):
            return await asyncio.to_thread(crunch, n)

        async def walk(items):
            return [item.upper() for item in items]
        """);

    [Fact]
    public void Latency_budget_option_moves_the_threshold()
    {
        var relaxed = new GilScan.Testing.Verifier(ShippedRuleSet.Models, new GilScan.Analysis.Configuration.AnalysisOptions { LatencyBudgetMs = 5000 });
        var result = relaxed.Run([new GilScan.Rules.Asyncio.CpuBoundCoroutineWork()], [("m.py", """
            async def job():
                total = 0
                for i in range(50_000_000):
                    total += i % 3
                return total
            """)]);
        result.Diagnostics.ShouldBeEmpty();
    }
}
