# Shared part of every gilscan confirmation harness. The generated script is:
#   header comment, CONFIG = {...} (Python literals only), this file, then one measurement body.
# It must run unchanged on CPython 3.8-3.14 (GIL and free-threaded builds) and PyPy 3.9+, with the
# standard library only.

import json
import os
import sys
import threading
import time
import traceback

perf_counter = time.perf_counter


def _own_process_group():
    # gilscan kills the whole group on timeout: worker processes and anything the project starts go with us.
    try:
        os.setpgid(0, 0)
    except (AttributeError, OSError):
        pass
    return hasattr(os, "getpgrp") and os.getpgrp() == os.getpid()


OWN_GROUP = False


def _end_group():
    # Whatever the target started and left behind goes with the harness; never signal a group we do not lead.
    if not OWN_GROUP:
        return
    try:
        import signal

        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        os.killpg(0, signal.SIGTERM)
    except (AttributeError, OSError, ValueError):
        pass


def _watchdog(seconds):
    # Second line of defence: if gilscan dies or its kill is missed, the harness ends itself.
    parent = os.getppid()
    deadline = time.monotonic() + seconds

    def watch():
        while True:
            time.sleep(0.5)
            if time.monotonic() > deadline or os.getppid() != parent:
                try:
                    if OWN_GROUP:
                        os.killpg(0, 9)
                finally:
                    os._exit(124)

    threading.Thread(target=watch, name="gilscan-watchdog", daemon=True).start()


def _private_stdout():
    # Project code may print (even from C); fd 1 is kept for our one JSON object, the rest goes to stderr.
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    return os.fdopen(saved, "w", encoding="utf-8")


RESULT_STREAM = None


def emit(obj):
    stream = RESULT_STREAM if RESULT_STREAM is not None else sys.stdout
    stream.write(json.dumps(obj, sort_keys=True, allow_nan=False))
    stream.write("\n")
    stream.flush()


def gil_enabled():
    # Interpreters without sys._is_gil_enabled (before 3.13, PyPy) always have a GIL.
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


def _libc_setaffinity(cores):
    # PyPy has no os.sched_setaffinity; the libc call does the same for the calling process.
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    words = (max(cores) // 64) + 1
    mask = (ctypes.c_uint64 * words)()
    for core in cores:
        mask[core // 64] |= 1 << (core % 64)
    if libc.sched_setaffinity(0, ctypes.sizeof(mask), ctypes.byref(mask)) != 0:
        raise OSError(ctypes.get_errno(), "sched_setaffinity failed")


def pin(cores):
    """Pins this process (and the processes it starts) to the target cores; returns how."""
    if not cores:
        return "not requested"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(cores))
        return "os.sched_setaffinity"
    if sys.platform.startswith("linux"):
        _libc_setaffinity(cores)
        return "libc sched_setaffinity"
    raise OSError("cannot pin to cores on this platform")


def allowed_cores():
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return None


def resolve(module_name, qualified_name):
    import importlib

    obj = importlib.import_module(module_name)
    for part in qualified_name.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise TypeError("%s:%s is not callable" % (module_name, qualified_name))
    return obj


def scaled(value, factor):
    # Only integer size arguments are scaled, and only when the user allowed it (CONFIG["scale"]).
    if factor == 1 or isinstance(value, bool) or not isinstance(value, int):
        return value
    return max(1, int(round(value * factor)))


def arguments(factor):
    args = tuple(scaled(a, factor) for a in CONFIG["args"])
    kwargs = dict((k, scaled(v, factor)) for k, v in CONFIG["kwargs"].items())
    return args, kwargs


def failure(stage, error):
    return {
        "ok": False,
        "stage": stage,
        "error": "%s: %s" % (type(error).__name__, error),
        "traceback": "".join(traceback.format_exception(type(error), error, error.__traceback__))[-4000:],
        "gilEnabled": gil_enabled(),
    }


def start():
    """Common start-up: own process group, watchdog, private stdout, project on sys.path, pinning."""
    global RESULT_STREAM, OWN_GROUP
    OWN_GROUP = _own_process_group()
    _watchdog(CONFIG["watchdogSeconds"])
    RESULT_STREAM = _private_stdout()
    for root in reversed(CONFIG["searchPaths"]):
        sys.path.insert(0, root)
    return pin(CONFIG["cores"])


def run(main):
    """Runs a measurement body: exactly one JSON object on stdout whatever happens, then the group is cleaned up."""
    try:
        code = main()
    except BaseException as error:
        emit(failure("harness", error))
        code = 1
    _end_group()
    return code
