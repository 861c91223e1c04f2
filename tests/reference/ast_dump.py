"""Reference canonical AST dump, made by the real CPython, for comparison with `gilscan ast`.

Usage: python3 ast_dump.py [--jobs N] [--files-from LIST] FILE...
Prints one JSON line per file, in the order given, exactly in the shape `gilscan ast` prints:
  {"ast": CANON, "path": P}   or   {"error": {"column": C, "line": L, "message": M}, "path": P}
CANON is the canonical dump of DESIGN.md ("The front end"). JSON is written with sorted keys, no
spaces and ASCII escapes, so the two tools' lines can be compared as text. `column` is CPython's
SyntaxError.offset (1-based, in characters) or null.
"""
import ast
import json
import os
import sys


def canon_constant(value):
    if value is None or value is True or value is False or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": value.hex()}
    if isinstance(value, complex):
        return {"complex": value.imag.hex()}
    if value is Ellipsis:
        return {"ellipsis": True}
    raise TypeError(f"unexpected constant {value!r}")


def canon_node(root):
    """The canonical dump of root, built without recursion: CPython accepts trees about 10,000
    levels deep, deeper than Python's own recursion limit allows a recursive walk to go."""
    result = [None]
    # Each entry: (node, container, key) -- convert node, store it at container[key].
    pending = [(root, result, 0)]
    while pending:
        node, container, key = pending.pop()
        if isinstance(node, list):
            out = [None] * len(node)
            container[key] = out
            for index, item in enumerate(node):
                pending.append((item, out, index))
        elif isinstance(node, ast.AST):
            out = {"_type": type(node).__name__}
            container[key] = out
            for name in node._fields:
                value = getattr(node, name, None)
                if name == "value" and isinstance(node, (ast.Constant, ast.MatchSingleton)):
                    out[name] = canon_constant(value)
                else:
                    pending.append((value, out, name))
            for name in node._attributes:
                out[name] = getattr(node, name, None)
        else:
            container[key] = node
    return result[0]


def to_json(root):
    """json.dumps(root, sort_keys=True, separators=(",", ":"), ensure_ascii=True), without recursion
    (the json module recurses once per level and stops near 1,000 levels)."""
    parts = []
    # Each entry: a value to write, or a str to append as is.
    pending = [root]
    while pending:
        value = pending.pop()
        if isinstance(value, _Raw):
            parts.append(value.text)
        elif isinstance(value, dict):
            items = sorted(value.items())
            pending.append(_Raw("}"))
            for index in range(len(items) - 1, -1, -1):
                name, item = items[index]
                pending.append(item)
                pending.append(_Raw(("," if index else "") + json.dumps(name) + ":"))
            pending.append(_Raw("{"))
        elif isinstance(value, list):
            pending.append(_Raw("]"))
            for index in range(len(value) - 1, -1, -1):
                pending.append(value[index])
                if index:
                    pending.append(_Raw(","))
            pending.append(_Raw("["))
        else:
            parts.append(json.dumps(value))
    return "".join(parts)


class _Raw:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def dump_file(path):
    try:
        with open(path, "rb") as handle:
            source = handle.read()
        tree = ast.parse(source, path)
        line = {"ast": canon_node(tree), "path": path}
    except SyntaxError as error:  # includes IndentationError, TabError
        line = {"error": {"column": error.offset, "line": error.lineno, "message": error.msg}, "path": path}
    except (ValueError, RecursionError, MemoryError, OSError) as error:
        line = {"error": {"column": None, "line": None, "message": str(error)}, "path": path}
    return to_json(line)


def main(argv):
    jobs = 1
    paths = []
    args = iter(argv)
    for arg in args:
        if arg == "--jobs":
            jobs = int(next(args))
        elif arg == "--files-from":
            with open(next(args), encoding="utf-8") as listing:
                paths.extend(line.rstrip("\n") for line in listing if line.strip())
        else:
            paths.append(arg)
    if jobs > 1 and len(paths) > 1:
        dump_in_processes(paths, jobs)
    else:
        for path in paths:
            sys.stdout.write(dump_file(path) + "\n")


def dump_in_processes(paths, jobs):
    """Runs this script on contiguous slices of the paths in parallel processes and prints their
    lines in order. Not multiprocessing.Pool: a worker calls ast.parse from deeper in C (through
    map()), and CPython's AST depth limit counts C recursion, so a pool would reject trees a few
    levels shallower than a plain call does."""
    import subprocess
    import tempfile

    size = -(-len(paths) // jobs)
    slices = [paths[i:i + size] for i in range(0, len(paths), size)]
    with tempfile.TemporaryDirectory() as folder:
        workers = []
        for index, part in enumerate(slices):
            listing = os.path.join(folder, f"{index}.txt")
            with open(listing, "w", encoding="utf-8") as handle:
                handle.write("".join(path + "\n" for path in part))
            output = open(os.path.join(folder, f"{index}.out"), "w+", encoding="utf-8")
            worker = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--files-from", listing], stdout=output)
            workers.append((worker, output))
        for worker, output in workers:
            if worker.wait() != 0:
                raise SystemExit(f"ast_dump.py worker failed with exit code {worker.returncode}")
            output.seek(0)
            sys.stdout.write(output.read())
            output.close()


if __name__ == "__main__":
    main(sys.argv[1:])
