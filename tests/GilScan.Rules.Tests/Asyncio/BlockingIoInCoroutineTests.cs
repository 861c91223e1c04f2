using Verify = GilScan.Rules.Tests.Support.RuleVerifier<GilScan.Rules.Asyncio.BlockingIoInCoroutine>;

namespace GilScan.Rules.Tests.Asyncio;

public sealed class BlockingIoInCoroutineTests
{
    [Fact]
    public void Sleep_and_http_calls_in_a_coroutine_are_reported() => Verify.Diagnostics("""
        import time
        import requests

        async def handler(request):
            [|time.sleep(0.5)|]
            return [|requests.get("https://example.invalid", timeout=5)|]
        """,
        "Coroutine 'handler' blocks the event loop on 'time.sleep' (called in 'handler'); use an asynchronous API or 'await asyncio.to_thread(...)'.",
        "Coroutine 'handler' blocks the event loop on 'requests.get' (called in 'handler'); use an asynchronous API or 'await asyncio.to_thread(...)'.");

    [Fact]
    public void Async_apis_and_offloaded_blocking_calls_are_not_reported() => Verify.Diagnostics("""
        import asyncio
        import time
        import requests

        def call_api(url):
            return requests.get(url, timeout=5).json()

        async def fine(url):
            await asyncio.sleep(0.5)
            data = await asyncio.to_thread(call_api, url)
            loop = asyncio.get_running_loop()
            more = await loop.run_in_executor(None, time.sleep, 1)
            process = await asyncio.create_subprocess_exec("git", "status")
            await process.wait()
            return data, more

        def sync_main():
            return call_api("https://example.invalid")
        """);

    [Fact]
    public void Blocking_helper_in_another_module_is_reported_at_the_call_in_the_coroutine() => Verify.Project(
    [
        ("app/storage.py", """
            from pathlib import Path

            ROOT = Path("/var/lib/app")

            def load(name):
                return (ROOT / name).read_bytes()
            """),
        ("app/server.py", """
            from . import storage

            async def handle(name):
                return [|storage.load(name)|]
            """),
    ],
    "Coroutine 'handle' blocks the event loop on 'pathlib.Path.read_bytes' (called in 'load'); use an asynchronous API or 'await asyncio.to_thread(...)'.");

    [Fact]
    public void Opening_and_reading_a_file_in_a_with_block_is_one_finding_over_the_block() => Verify.Diagnostics("""
        async def read_config(path):
            [|with open(path) as handle:
                return handle.read()|]
        """);

    [Fact]
    public void A_file_opened_outside_a_with_block_is_reported_at_the_open() => Verify.Diagnostics("""
        async def read_config(path):
            handle = [|open(path)|]
            try:
                return handle.read()
            finally:
                handle.close()
        """);

    [Fact]
    public void Subprocess_run_is_reported_and_blocking_in_an_awaited_coroutine_is_reported_there() => Verify.Diagnostics("""
        import subprocess

        async def git_status():
            return [|subprocess.run(["git", "status"], capture_output=True)|]

        async def report():
            return await git_status()
        """);

    [Fact]
    public void A_helper_that_calls_what_it_is_given_blocks_only_for_callers_that_give_it_blocking_work() => Verify.Diagnostics("""
        def run(fn):
            return fn()

        def light():
            return 1

        def load():
            with open("/etc/hosts") as handle:
                return handle.read()

        async def handler():
            return run(light)

        async def loader():
            return [|run(load)|]

        def sync_caller():
            return run(load)
        """);

    [Fact]
    public void An_awaited_call_never_runs_a_plain_blocking_function() => Verify.Diagnostics("""
        import asyncio
        import time

        def sleep(seconds):
            time.sleep(seconds)

        class Retrying:
            def __init__(self, sleep=sleep):
                self.sleep = sleep

        class AsyncRetrying(Retrying):
            def __init__(self):
                super().__init__(sleep=asyncio.sleep)

            async def wait(self):
                await self.sleep(1)

        async def blocking_wait():
            [|sleep(1)|]
        """);

    [Fact]
    public void Raw_descriptor_io_and_metadata_calls_in_loops_are_medium_confidence_single_metadata_calls_are_not_reported_and_sleep_is_high()
    {
        var result = new GilScan.Testing.Verifier(ShippedRuleSet.Models).Run([new GilScan.Rules.Asyncio.BlockingIoInCoroutine()], [("m.py", """
            import os
            import time

            async def send(fd, data):
                return os.write(fd, data)

            async def check(path):
                return os.stat(path)

            async def nap():
                time.sleep(1)

            async def sizes(paths):
                return [os.stat(p).st_size for p in paths]
            """)]);
        result.Diagnostics.Select(d => (d.Location.Span.StartLine, d.Confidence)).ShouldBe(
        [
            (5, GilScan.Analysis.Diagnostics.Confidence.Medium),
            (11, GilScan.Analysis.Diagnostics.Confidence.High),
            (14, GilScan.Analysis.Diagnostics.Confidence.Medium),
        ]);
    }

    [Fact]
    public void A_blocking_call_reached_through_one_helper_from_several_calls_is_one_finding_with_the_others_related()
    {
        var result = new GilScan.Testing.Verifier(ShippedRuleSet.Models).Run([new GilScan.Rules.Asyncio.BlockingIoInCoroutine()], [("m.py", """
            import requests

            def fetch(url):
                return requests.get(url).text

            async def page(a, b):
                first = fetch(a)
                second = fetch(b)
                return first + second
            """)]);
        var finding = result.Diagnostics.ShouldHaveSingleItem();
        finding.Location.Span.StartLine.ShouldBe(7);
        finding.RelatedLocations.Select(r => (r.Location.Span.StartLine, r.Message)).ShouldContain((8, "page reaches requests.get here too"));
    }

    [Fact]
    public void Test_code_and_start_up_code_are_medium_confidence_with_their_context()
    {
        var result = new GilScan.Testing.Verifier(ShippedRuleSet.Models).Run([new GilScan.Rules.Asyncio.BlockingIoInCoroutine()], [
            ("tests/test_api.py", """
            import time

            async def test_slow():
                time.sleep(0.1)
            """),
            ("app/main.py", """
            import asyncio
            import json

            async def main():
                with open("settings.json") as f:
                    settings = json.load(f)

            asyncio.run(main())
            """)]);
        result.Diagnostics.Select(d => (d.Location.Path, d.Confidence, ((GilScan.Analysis.Diagnostics.PropertyValue.Text)d.Properties["context"]).Value)).ShouldBe(
        [
            ("app/main.py", GilScan.Analysis.Diagnostics.Confidence.Medium, "start-up"),
            ("tests/test_api.py", GilScan.Analysis.Diagnostics.Confidence.Medium, "test"),
        ]);
    }

    [Fact]
    public void A_blocking_call_on_a_branch_the_callers_arguments_rule_out_is_not_reported()
    {
        var result = new GilScan.Testing.Verifier(ShippedRuleSet.Models).Run([new GilScan.Rules.Asyncio.BlockingIoInCoroutine()], [("m.py", """
            import json

            DEFAULTS = {"version": 1}

            class Config:
                def __init__(self, settings=DEFAULTS):
                    self.settings = settings
                    self.load()

                def load(self):
                    if isinstance(self.settings, dict):
                        self.values = self.settings
                    elif isinstance(self.settings, str):
                        with open(self.settings) as f:
                            self.values = json.load(f)

            async def handler(request):
                config = Config()
                return config.values

            async def from_file(request):
                config = Config("settings.json")
                return config.values
            """)]);
        result.Diagnostics.ShouldHaveSingleItem().Location.Span.StartLine.ShouldBe(22);
    }
}
