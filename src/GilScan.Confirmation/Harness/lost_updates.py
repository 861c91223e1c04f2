# Measurement body for GIL501: the thread target called n times on each of k threads (released together by
# a barrier) against the same k*n calls in a row on one thread, both from the same starting state. The
# shared state's change is measured the same way after each; an unsynchronised read-modify-write loses
# updates when two threads read the same old value, so the threaded change comes out smaller.
# CONFIG["state"] names the state: a module global, a class attribute, or an attribute of the receiver (an
# instance made once per run with no arguments, shared by the threads as the finding's threads share it).

import copy
import importlib


def _owner_and_name(state):
    """The object that holds the state and the attribute name: a global is an attribute of its module, a
    class attribute ("Class.attr") one of its class inside the module."""
    owner = importlib.import_module(state["module"])
    parts = state["path"].split(".")
    for part in parts[:-1]:
        owner = getattr(owner, part)
    return owner, parts[-1]


def measure(value):
    """One number for the state's size: a number itself, a mapping's numeric values added up (counts per
    key), else its length. None when the state has neither."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        values = list(value.values())
        if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return sum(values)
        return len(values)
    try:
        return len(value)
    except TypeError:
        return None


class _Subject:
    """How one run gets its callable and reads the state; every run starts from the same copy."""

    def __init__(self):
        state = CONFIG["state"]
        self.kind = state["kind"]
        self.attribute = state["path"]
        if self.kind == "receiver-attribute":
            module = importlib.import_module(CONFIG["module"])
            owner = module
            parts = CONFIG["function"].split(".")
            for part in parts[:-1]:
                owner = getattr(owner, part)
            self.cls = owner
            self.method = parts[-1]
            self.initial = None
        else:
            self.fn = resolve(CONFIG["module"], CONFIG["function"])
            self.owner, self.name = _owner_and_name(state)
            self.initial = copy.deepcopy(getattr(self.owner, self.name))

    def fresh(self):
        """Resets the state and returns (callable, reader of the state)."""
        if self.kind == "receiver-attribute":
            instance = self.cls()
            return getattr(instance, self.method), lambda: getattr(instance, self.attribute)
        setattr(self.owner, self.name, copy.deepcopy(self.initial))
        return self.fn, lambda: getattr(self.owner, self.name)


def _change(read, before):
    after = measure(read())
    if after is None or before is None:
        raise TypeError("the shared state is neither a number nor a container gilscan can count")
    return after - before


def _sequential(subject, args, kwargs, calls):
    fn, read = subject.fresh()
    before = measure(read())
    for _ in range(calls):
        fn(*args, **kwargs)
    return _change(read, before)


def _threads(subject, args, kwargs, k, n):
    fn, read = subject.fresh()
    before = measure(read())
    barrier = threading.Barrier(k)
    errors = []

    def worker():
        barrier.wait()
        try:
            for _ in range(n):
                fn(*args, **kwargs)
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)

    workers = [threading.Thread(target=worker, name="gilscan-%d" % i) for i in range(k)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    if errors:
        raise errors[0]
    return _change(read, before)


def _calls_per_thread(subject, args, kwargs):
    # A race needs the threads to overlap: each thread calls the target for about targetCallSeconds, so a
    # function that updates once per call still gets thousands of chances to interleave.
    fn, _ = subject.fresh()
    calls, begin = 0, perf_counter()
    while calls < 1000000:
        fn(*args, **kwargs)
        calls += 1
        elapsed = perf_counter() - begin
        if elapsed >= CONFIG["targetCallSeconds"] / 10:
            break
    per_call = elapsed / calls if calls else 0
    if per_call <= 0:
        return 1000000
    return int(max(1, min(1000000, CONFIG["targetCallSeconds"] / per_call)))


def main():
    try:
        pinned = start()
    except BaseException as error:
        emit(failure("pin", error))
        return 1
    try:
        subject = _Subject()
        args, kwargs = arguments(1)
    except BaseException as error:
        emit(failure("import", error))
        return 1
    k = CONFIG["levels"][-1]
    try:
        n = _calls_per_thread(subject, args, kwargs)
    except BaseException as error:
        emit(failure("warm-up", error))
        return 1
    repeats = []
    for _ in range(CONFIG["repeat"]):
        try:
            expected = _sequential(subject, args, kwargs, k * n)
        except BaseException as error:
            emit(failure("sequential", error))
            return 1
        try:
            got = _threads(subject, args, kwargs, k, n)
        except BaseException as error:
            emit(failure("threads", error))
            return 1
        repeats.append({"expected": expected, "got": got})
    emit({
        "ok": True,
        "harness": "lost-updates",
        "pinning": pinned,
        "gilEnabled": gil_enabled(),
        "k": k,
        "callsPerThread": n,
        "switchInterval": sys.getswitchinterval(),
        "repeats": repeats,
    })
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
