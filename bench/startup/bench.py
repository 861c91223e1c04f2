"""Start-up bench: gilscan checking one file vs CPython starting and parsing the same file.

    python3 bench/startup/bench.py [--gilscan PATH] [--runs N] [FILE]

Runs, alternately and N times each (default 30, after 3 warm-up runs of each), in a fresh temporary
folder holding only FILE (default: fixtures/projects/pool-service/src/pool_service/workers.py):

  gilscan check FILE --no-cache --isolated        (PATH: default the gilscan on PATH, e.g. the wheel's)
  python3 -c "import ast; ast.parse(open(f).read())"   (the python3 running this script)

and prints the best and median wall-clock milliseconds of each and their ratio. Both start a fresh
process each time, as a pre-commit hook or an editor would.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(command: list[str], cwd: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{command} failed with {completed.returncode}: {completed.stderr.decode(errors='replace')}")
    return elapsed * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", default=os.path.join(ROOT, "fixtures", "projects", "pool-service", "src", "pool_service", "workers.py"))
    parser.add_argument("--gilscan", default=shutil.which("gilscan"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not args.gilscan:
        raise SystemExit("no gilscan: install the wheel (bash build/wheel.sh; pip install dist/*.whl) or pass --gilscan PATH")

    with tempfile.TemporaryDirectory() as folder:
        name = os.path.basename(args.file)
        shutil.copyfile(args.file, os.path.join(folder, name))
        env = dict(os.environ, CI="true")
        gilscan = [args.gilscan, "check", name, "--no-cache", "--isolated"]
        cpython = [sys.executable, "-c", f"import ast; ast.parse(open({name!r}).read())"]
        for _ in range(3):
            timed(gilscan, folder, env)
            timed(cpython, folder, env)
        gilscan_ms, cpython_ms = [], []
        for _ in range(args.runs):
            gilscan_ms.append(timed(gilscan, folder, env))
            cpython_ms.append(timed(cpython, folder, env))

    lines = sum(1 for _ in open(args.file, encoding="utf-8", errors="replace"))
    print(f"file: {os.path.relpath(args.file, ROOT)} ({lines} lines), {args.runs} runs each, load average {os.getloadavg()[0]:.1f}")
    print(f"gilscan  ({args.gilscan}): best {min(gilscan_ms):7.1f} ms, median {statistics.median(gilscan_ms):7.1f} ms")
    print(f"CPython {sys.version.split()[0]} ast.parse:  best {min(cpython_ms):7.1f} ms, median {statistics.median(cpython_ms):7.1f} ms")
    print(f"ratio gilscan / CPython: best {min(gilscan_ms) / min(cpython_ms):.2f}, median {statistics.median(gilscan_ms) / statistics.median(cpython_ms):.2f} (bar: 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
