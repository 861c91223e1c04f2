"""Measures where CPython's nesting limits fall, for the tests of gilscan's model of them.

Usage: python3.13 tools/measure_cpython_limits.py [NAME...]
For every case below (a statement template with a hole, and a chain that fills it n deep), prints
the largest n that ast.parse accepts and what it says at n + 1, one line per case:
    NAME<TAB>N_MAX<TAB>MESSAGE
CPython 3.13 stops at two limits: its parser's stack (6,000 nested rule calls: "Parser stack
overflowed - Python source too complex to parse", a MemoryError) and the depth of the tree it
converts to Python objects ("maximum recursion depth exceeded during ast construction", a
RecursionError). Run it as a plain script: the second limit counts C recursion, so calling
ast.parse from deeper in C (e.g. from multiprocessing's map) moves it by a few levels.
"""
import ast
import sys

CHAINS = {
    "not": lambda n: "not " * n + "x",
    "minus": lambda n: "-" * n + "x",
    "ternary": lambda n: "a if b else " * n + "x",
    "lambda": lambda n: "lambda: " * n + "x",
    "lambda_arg": lambda n: "lambda x: " * n + "x",
    "power": lambda n: "x" + " ** y" * n,
    "attribute": lambda n: "x" + ".b" * n,
    "call": lambda n: "x" + "()" * n,
    "subscript": lambda n: "x" + "[0]" * n,
    "sum": lambda n: "x" + " + 1" * n,
}

# Where a chain goes: {} is the hole. Expression-level chains (not, ternary, lambda) only where the
# grammar takes an expression; the others everywhere.
EXPRESSION_CONTEXTS = {
    "stmt": "{}",
    "assign": "y = {}",
    "assign2": "y = z = {}",
    "augassign": "y += {}",
    "annassign": "y: int = {}",
    "annotation": "y: {}",
    "return": "def f():\n    return {}",
    "def_body": "def f():\n    {}",
    "async_def_body": "async def f():\n    {}",
    "class_body": "class C:\n    {}",
    "if_body": "if a:\n    {}",
    "if2_body": "if a:\n    if b:\n        {}",
    "if_inline": "if a: {}",
    "else_body": "if a:\n    pass\nelse:\n    {}",
    "elif_body": "if a:\n    pass\nelif b:\n    {}",
    "for_body": "for a in b:\n    {}",
    "while_body": "while a:\n    {}",
    "with_body": "with a:\n    {}",
    "try_body": "try:\n    {}\nexcept E:\n    pass",
    "except_body": "try:\n    pass\nexcept E:\n    {}",
    "finally_body": "try:\n    pass\nfinally:\n    {}",
    "match_case_body": "match a:\n    case 1:\n        {}",
    "decorated_def_body": "@d\ndef f():\n    {}",
    "semicolon2": "pass; {}",
    "if_test": "if {}:\n    pass",
    "elif_test": "if a:\n    pass\nelif {}:\n    pass",
    "while_test": "while {}:\n    pass",
    "for_iter": "for a in {}:\n    pass",
    "with_item": "with {}:\n    pass",
    "assert": "assert {}",
    "assert_msg": "assert a, {}",
    "raise": "raise {}",
    "call_arg": "f({})",
    "call_arg2": "f(a, {})",
    "call_kwarg": "f(a={})",
    "paren": "({})",
    "tuple1": "({},)",
    "tuple2": "(a, {})",
    "bare_tuple2": "a, {}",
    "list": "[{}]",
    "list2": "[a, {}]",
    "set": "{{{}}}",
    "dict_value": "{{1: {}}}",
    "dict_key": "{{{}: 1}}",
    "subscript": "a[{}]",
    "slice_upper": "a[1:{}]",
    "lambda_body": "lambda: {}",
    "listcomp_elt": "[{} for c in d]",
    "listcomp_iter": "[c for c in {}]",
    "listcomp_if": "[c for c in d if {}]",
    "genexp_call": "f({} for c in d)",
    "fstring": "f'{{{}}}'",
    "decorator": "@{}\ndef f(): pass",
    "default": "def f(a={}): pass",
    "param_annotation": "def f(a: {}): pass",
    "returns": "def f() -> {}: pass",
    "yield": "def f():\n    yield {}",
    "yield_assign": "def f():\n    x = yield {}",
    "ifexp_else": "a if b else {}",
    "walrus": "(y := {})",
    "class_arg": "class C({}): pass",
    "match_subject": "match {}:\n    case 1:\n        pass",
    "case_guard": "match a:\n    case 1 if {}:\n        pass",
}

OPERAND_CONTEXTS = {
    "sum_right": "a + {}",
    "sum_left": "{} + a",
    "product_right": "a * {}",
    "bitor_right": "a | {}",
    "compare_right": "a < {}",
    "compare_third": "a < b < {}",
    "and_right": "a and {}",
    "or_right": "a or {}",
    "or_third": "a or b or {}",
    "power_right": "a ** {}",
    "unary": "-{}",
    "not": "not {}",
    "await": "async def f():\n    await {}",
    "starred": "*a, b = {}",
    "star_arg": "f(*{})",
    "ifexp_test": "a if {} else b",
    "ifexp_body": "{} if a else b",
}

# Positions whose first parse happens on pegen's assignment-target path (t_primary) or in a
# nested call: measured with the not-chain only.
TARGET_PATH_CONTEXTS = {
    "assign_call": "x = f({})",
    "assign_call2": "x = f(a, {})",
    "assign_paren": "x = ({})",
    "assign_sub": "x = a[{}]",
    "assign_list": "x = [{}]",
    "assign2_call": "x = y = f({})",
    "call_call": "f(a)({})",
    "attr_call": "a.b({})",
    "sum_call": "x = a + f({})",
    "nested_call": "f(g({}))",
    "stmt_paren_call": "(f({}))",
    "call_star_then": "f(*a, {})",
    "call_kw2": "f(a, b={})",
    "call_kw_kw": "f(a=1, b={})",
    "return_call": "def f():\n    return g({})",
    "if_call": "if f({}):\n    pass",
    "aug_call": "x += f({})",
    "tuple_target_call": "a, b = f({})",
    "for_call": "for a in f({}):\n    pass",
    "lambda_default": "lambda a={}: 0",
    "dictcomp_value": "{{a: {} for a in b}}",
    "setcomp_elt": "{{{} for a in b}}",
    "genexp_elt": "({} for a in b)",
    "genexp_iter_call": "f(a for a in {})",
    "sub_tuple": "a[b, {}]",
    "call_genexp_cond": "f(a for a in b if {})",
    "ann_call": "x: int = f({})",
    "expr_sum_call": "a + f({})",
    "stmt_list_call": "[f({})]",
    "attr_sub": "a.b[{}]",
    "call_sub": "f()[{}]",
    "del_sub": "del a[{}]",
    "with_call": "with f({}):\n    pass",
    "kwarg_call": "f(a=g({}))",
    "fstring_call": "f'{{g({})}}'",
    "ifexp_call": "x = a if f({}) else b",
}

FACTOR_CHAINS = ("minus", "power", "attribute", "call", "subscript")
# Chains that need an expression-level hole, then those that fit an operand too.
CASES = {}
for context, template in EXPRESSION_CONTEXTS.items():
    for chain in ("not", "minus", "ternary", "lambda", "power", "attribute", "sum"):
        CASES[f"{context}/{chain}"] = (template, chain)
for context, template in OPERAND_CONTEXTS.items():
    for chain in FACTOR_CHAINS:
        CASES[f"{context}/{chain}"] = (template, chain)
for context, template in TARGET_PATH_CONTEXTS.items():
    CASES[f"{context}/not"] = (template, "not")
CASES["stmt/lambda_arg"] = ("{}", "lambda_arg")
CASES["stmt/call"] = ("{}", "call")
CASES["stmt/subscript"] = ("{}", "subscript")

STATEMENT_CHAINS = {
    # n elifs after an if, at the top level and inside a function.
    "elif": lambda n: "if a:\n    pass\n" + "elif a:\n    pass\n" * n,
    "def_elif": lambda n: "def f():\n    if a:\n        pass\n" + "    elif a:\n        pass\n" * n,
}


def verdict(source):
    try:
        ast.parse(source)
        return True, None
    except SyntaxError as error:
        return False, f"SyntaxError: {error.msg}"
    except (MemoryError, RecursionError) as error:
        return False, f"{type(error).__name__}: {error}"


def largest(make, high=30_000):
    """The largest n in 0..high that parses (0 if even n = 1 fails), and the verdict at n + 1."""
    ok, why = verdict(make(1))
    if not ok:
        return 0, why
    low = 1
    ok, why = verdict(make(high))
    if ok:
        return high, None
    while high - low > 1:
        middle = (low + high) // 2
        ok, message = verdict(make(middle))
        if ok:
            low = middle
        else:
            high, why = middle, message
    return low, why


def main(names):
    for name, (template, chain) in CASES.items():
        if names and name not in names:
            continue
        n, why = largest(lambda n: template.format(CHAINS[chain](n)))
        print(f"{name}\t{n}\t{why}", flush=True)
    for name, make in STATEMENT_CHAINS.items():
        if names and name not in names:
            continue
        n, why = largest(make)
        print(f"{name}\t{n}\t{why}", flush=True)


if __name__ == "__main__":
    main(set(sys.argv[1:]))
