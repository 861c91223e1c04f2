# Measurement body for GIL101/GIL102: the target callable, k times in a row on one thread, on k threads
# and on k processes (both started behind a barrier), repeated. Prints raw times; gilscan does the
# statistics so that every figure in a report comes from one place.

import gc
import multiprocessing
import pickle
import queue

_TARGET = None


def _target():
    # Resolved lazily so that a spawned worker process resolves it again after its own import.
    global _TARGET
    if _TARGET is None:
        _TARGET = resolve(CONFIG["module"], CONFIG["function"])
    return _TARGET


def _sequential(fn, args, kwargs, k):
    # CPU time next to wall time: a sequential run that got less than a whole core was disturbed by
    # other work on the machine, and every speedup divides by it.
    cpu = time.process_time()
    begin = perf_counter()
    for _ in range(k):
        fn(*args, **kwargs)
    return perf_counter() - begin, time.process_time() - cpu


def _children_cpu():
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _threads(fn, args, kwargs, k):
    # The workers wait for each other only: the window starts when the last of them is ready.
    barrier = threading.Barrier(k)
    starts = [0.0] * k
    ends = [0.0] * k
    errors = []

    def worker(index):
        barrier.wait()
        starts[index] = perf_counter()
        try:
            fn(*args, **kwargs)
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)
        ends[index] = perf_counter()

    cpu = time.process_time()
    created = perf_counter()
    workers = [threading.Thread(target=worker, args=(i,), name="gilscan-%d" % i) for i in range(k)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    joined = perf_counter()
    cpu = time.process_time() - cpu
    if errors:
        raise errors[0]
    first, last = min(starts), max(ends)
    # cpu / wall is how many cores the threads kept busy: about 1 when the GIL serialises them.
    return {"window": last - first, "startup": first - created, "transfer": joined - last, "cpu": cpu, "wall": joined - created}


def _process_worker(index, factor, barrier, results):
    # perf_counter is CLOCK_MONOTONIC on Linux: one clock for all processes, so windows can be compared.
    try:
        fn = _target()
        args, kwargs = arguments(factor)
        barrier.wait()
        begin = perf_counter()
        value = fn(*args, **kwargs)
        end = perf_counter()
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            payload = b""
        results.put((index, begin, end, payload, None))
    except BaseException as error:
        try:
            barrier.abort()
        except Exception:
            pass
        results.put((index, 0.0, 0.0, b"", "%s: %s" % (type(error).__name__, error)))


def _context():
    # fork starts workers fastest and needs nothing picklable; spawn where fork does not exist.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _processes(factor, k):
    context = _context()
    barrier = context.Barrier(k)
    results = context.Queue()
    cpu = _children_cpu()
    created = perf_counter()
    workers = [context.Process(target=_process_worker, args=(i, factor, barrier, results)) for i in range(k)]
    for process in workers:
        process.start()
    received = []
    while len(received) < k:
        try:
            received.append(results.get(timeout=0.5))
        except queue.Empty:
            # A worker killed by a signal (a crash in native code) never reports: say so instead of waiting.
            crashed = [p.exitcode for p in workers if p.exitcode not in (None, 0)]
            if crashed:
                raise RuntimeError("a worker process died with exit code %d" % crashed[0])
    got_all = perf_counter()
    for process in workers:
        process.join()
    joined = perf_counter()
    if cpu is not None:
        cpu = _children_cpu() - cpu
    errors = [r[4] for r in received if r[4] is not None]
    if errors:
        raise RuntimeError("in a worker process: " + errors[0])
    first = min(r[1] for r in received)
    last = max(r[2] for r in received)
    return {
        "window": last - first,
        "startup": first - created,
        "transfer": got_all - last,
        "teardown": joined - got_all,
        "resultBytes": max(len(r[3]) for r in received),
        "cpu": cpu,
        "wall": joined - created,
    }


def _calibrate(fn, args_for):
    """Chooses the integer-argument factor: fixed, or (scale = "auto") so one call takes about the target time."""
    scale = CONFIG["scale"]
    if scale is None:
        return 1.0
    if scale != "auto":
        return float(scale)
    values = list(CONFIG["args"]) + list(CONFIG["kwargs"].values())
    if not any(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return 1.0
    target = CONFIG["targetCallSeconds"]
    factor = 1.0 / 1024
    while True:
        args, kwargs = args_for(factor)
        begin = perf_counter()
        fn(*args, **kwargs)
        took = perf_counter() - begin
        if took >= target / 8 or factor >= 1024:
            break
        factor *= 4
    return min(1024.0, factor * target / max(took, 1e-6))


def main():
    try:
        pinned = start()
    except BaseException as error:
        emit(failure("pin", error))
        return 1
    try:
        fn = _target()
    except BaseException as error:
        emit(failure("import", error))
        return 1
    report = {
        "ok": True,
        "harness": "thread-work",
        "pinning": pinned,
        "cores": allowed_cores(),
        "startMethod": _context().get_start_method(),
        "levels": [],
    }
    stage = "calibrate"
    try:
        factor = _calibrate(fn, arguments)
        report["scaleFactor"] = factor
        args, kwargs = arguments(factor)
        stage = "warm-up"
        report["warmUpSeconds"] = _sequential(fn, args, kwargs, 1)[0]
        for k in CONFIG["levels"]:
            repeats = []
            for _ in range(CONFIG["repeat"]):
                gc.collect()
                stage = "sequential"
                sequential, sequential_cpu = _sequential(fn, args, kwargs, k)
                gc.collect()
                stage = "threads"
                on_threads = _threads(fn, args, kwargs, k)
                gc.collect()
                stage = "processes"
                on_processes = _processes(factor, k)
                repeats.append({
                    "sequential": sequential,
                    "sequentialCpu": sequential_cpu,
                    "threads": on_threads,
                    "processes": on_processes,
                })
            report["levels"].append({"k": k, "repeats": repeats})
    except BaseException as error:
        emit(failure(stage, error))
        return 1
    # Read at the end: importing or running the target can re-enable the GIL on a free-threaded build.
    report["gilEnabled"] = gil_enabled()
    emit(report)
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
