"""Times CPython's own ast.parse over a list of files: the reference for gilscan's front-end benchmark.

Usage: python3 cpython_ast_parse.py LIST [--repeat N]
Reads every file into memory first, then times ast.parse(bytes) over all of them (one process, as
CPython's parser runs), N times, and prints one JSON object: files, lines, parsed, the best and
median seconds. Files that CPython rejects still count (their failed parse is timed too).
"""
import ast
import json
import statistics
import sys
import time
import warnings


def main(argv):
    listing = argv[0]
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    with open(listing, encoding="utf-8") as handle:
        paths = [line.rstrip("\n") for line in handle if line.strip()]
    sources = []
    for path in paths:
        with open(path, "rb") as handle:
            sources.append(handle.read())
    lines = sum(source.count(b"\n") for source in sources)
    warnings.simplefilter("ignore")
    times = []
    parsed = 0
    for _ in range(repeat):
        parsed = 0
        start = time.perf_counter()
        for source in sources:
            try:
                ast.parse(source)
                parsed += 1
            except (SyntaxError, ValueError):
                pass
        times.append(time.perf_counter() - start)
    print(json.dumps({"files": len(paths), "lines": lines, "parsed": parsed,
                      "best_seconds": min(times), "median_seconds": statistics.median(times)}))


if __name__ == "__main__":
    main(sys.argv[1:])
