# Measurement body for GIL201: runs the coroutine in an event loop next to a heartbeat task that asks to
# wake every few milliseconds; how late each wake-up comes is the loop lag every other request would see.
# Each repeat first measures the heartbeat alone for as long as the coroutine took (the machine's own
# lag), then with the coroutine. Prints raw lags in milliseconds.

import asyncio
import inspect


class _Heartbeat:
    def __init__(self, interval):
        self.interval = interval
        self.lags = []
        self.running = True

    async def run(self):
        while self.running:
            asked = perf_counter()
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, perf_counter() - asked - self.interval) * 1000.0)

    def take(self):
        taken, self.lags = self.lags, []
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
            repeats.append({"runSeconds": run_seconds, "lagsMs": with_target, "baselineLagsMs": baseline})
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
