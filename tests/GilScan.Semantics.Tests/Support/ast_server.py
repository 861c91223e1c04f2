"""Long-lived helper for the semantic tests: reads one JSON request per line on stdin,
{"path": P, "source": S}, and answers with the reference canonical dump of S (the same line
tests/reference/ast_dump.py prints for a file). Exits when stdin closes, so it never outlives
the test run that started it."""
import ast
import importlib.util
import json
import sys

spec = importlib.util.spec_from_file_location("ast_dump", sys.argv[1])
ast_dump = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ast_dump)

sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
for request_line in sys.stdin:
    request = json.loads(request_line)
    path = request["path"]
    try:
        tree = ast.parse(request["source"].encode("utf-8"), path)
        answer = {"ast": ast_dump.canon_node(tree), "path": path}
    except SyntaxError as error:
        answer = {"error": {"column": error.offset, "line": error.lineno, "message": error.msg}, "path": path}
    sys.stdout.write(json.dumps(answer, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n")
    sys.stdout.flush()
