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


def canon_node(node):
    if isinstance(node, list):
        return [canon_node(item) for item in node]
    if not isinstance(node, ast.AST):
        return node
    out = {"_type": type(node).__name__}
    for name in node._fields:
        value = getattr(node, name, None)
        if name == "value" and isinstance(node, (ast.Constant, ast.MatchSingleton)):
            out[name] = canon_constant(value)
        else:
            out[name] = canon_node(value)
    for name in node._attributes:
        out[name] = getattr(node, name, None)
    return out


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
    return json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def main(argv):
    # Deeply nested sources make deeply nested dumps; the parser itself has its own limits.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
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
    if jobs > 1:
        import multiprocessing
        with multiprocessing.Pool(jobs) as pool:
            lines = pool.imap(dump_file, paths, chunksize=8)
            for line in lines:
                sys.stdout.write(line + "\n")
    else:
        for path in paths:
            sys.stdout.write(dump_file(path) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
