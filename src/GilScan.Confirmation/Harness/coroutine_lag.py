# Measurement body for GIL201: runs the coroutine in an event loop next to a heartbeat task that asks to
# wake every few milliseconds; how late each wake-up comes is the loop lag every other request would see.
# Each repeat measures the heartbeat with the coroutine, then alone for as long (the machine's own lag).
# For every tick it also reports how long the loop's thread sat runnable but waiting for a CPU (Linux
# schedstat): that part of a lag is the machine's doing, not the coroutine's. Prints raw milliseconds.

import asyncio
import inspect


class _RunQueueWait:
    """Milliseconds this thread has spent runnable but not running (Linux); None where nobody says."""

    def __init__(self):
        try:
            self.file = open("/proc/thread-self/schedstat", "rb", buffering=0)
            self.read()
        except (OSError, ValueError, IndexError):
            self.file = None

    def read(self):
        if self.file is None:
            return None
        self.file.seek(0)
        return int(self.file.read().split()[1]) / 1e6


class _Heartbeat:
    def __init__(self, interval):
        self.interval = interval
        self.waiting = _RunQueueWait()
        self.lags = []
        self.waits = []
        self.running = True

    async def run(self):
        while self.running:
            asked = perf_counter()
            waited = self.waiting.read()
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, perf_counter() - asked - self.interval) * 1000.0)
            if waited is not None:
                self.waits.append(self.waiting.read() - waited)

    def take(self):
        taken = {"lagsMs": self.lags, "waitsMs": self.waits if self.waiting.file is not None else None}
        self.lags, self.waits = [], []
        return taken


async def _call(fn, args, kwargs):
    result = fn(*args, **kwargs)
    if inspect.isawaitable(result):
        result = await result
    return result


async def _measure(fn, args, kwargs):
    heartbeat = _Heartbeat(CONFIG["heartbeatSeconds"])
    beating = asyncio.ensure_future(heartbeat.run())
    settle = 3 * heartbeat.interval
    await asyncio.sleep(settle)
    heartbeat.take()
    repeats = []
    try:
        for _ in range(CONFIG["repeat"]):
            begin = perf_counter()
            await _call(fn, args, kwargs)
            run_seconds = perf_counter() - begin
            # The tick that the coroutine delayed is recorded only when the heartbeat wakes up again.
            await asyncio.sleep(settle)
            with_target = heartbeat.take()
            await asyncio.sleep(min(max(run_seconds, 0.05), 1.0))
            baseline = heartbeat.take()
            repeats.append({"runSeconds": run_seconds, "withTarget": with_target, "baseline": baseline})
    finally:
        heartbeat.running = False
        await beating
    return repeats


def main():
    try:
        pinned = start()
    except BaseException as error:
        emit(failure("pin", error))
        return 1
    try:
        fn = resolve(CONFIG["module"], CONFIG["function"])
    except BaseException as error:
        emit(failure("import", error))
        return 1
    try:
        args, kwargs = arguments(1.0 if CONFIG["scale"] in (None, "auto") else float(CONFIG["scale"]))
        loop = asyncio.new_event_loop()
        try:
            repeats = loop.run_until_complete(_measure(fn, args, kwargs))
        finally:
            loop.close()
    except BaseException as error:
        emit(failure("coroutine", error))
        return 1
    emit({
        "ok": True,
        "harness": "coroutine-lag",
        "pinning": pinned,
        "cores": allowed_cores(),
        "heartbeatMs": CONFIG["heartbeatSeconds"] * 1000.0,
        "repeats": repeats,
        "gilEnabled": gil_enabled(),
    })
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
