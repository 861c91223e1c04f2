using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Tests.Parsing;

/// <summary>
/// Every construct of Python 3.8 - 3.14 parses, with SLL prediction alone (a full-LL fallback
/// would double the parse time). Each snippet is accepted by CPython 3.13.0 unless marked 3.14.
/// </summary>
public sealed class ValidSyntaxTests
{
    [Theory]
    [InlineData("@a.b(c)[d]\n@(yield)\n@x := y\ndef f(): pass\n")]
    [InlineData("async def f():\n    async for x in y: pass\n    async with a as b, c: pass\n    await x\n    [x async for x in y]\n    (await x for x in y)\n    return await x ** 2\n")]
    [InlineData("if (n := len(a)) > 10: pass\n[y := f(x), y**2]\nprint(f\"{(x:=10)}\")\nwhile chunk := f.read(): pass\n")]
    [InlineData("def f(a, b=1, /, c=2, *args: *Ts, d, e=3, **kw) -> int: pass\n")]
    [InlineData("def f(a, /): pass\ndef g(*, a): pass\ndef h(**k,): pass\ndef i(a,): pass\nlambda: 0\nlambda a, /, b=1, *c, d, **e: 0\nlambda *a: a\nlambda *, a: a\n")]
    [InlineData("a[*b]\na[1:2, *c]\nreturn_ = *a, b\nfor x in *a, b: pass\ndef f(): return *a, b\ndef g(): yield *a, b\nx = *a, *b\n[*a, *b]\n{*a, *b}\n{**a, **b}\nf(*a, *b, **c, **d)\n")]
    [InlineData("a[1:2]\na[:]\na[::]\na[1:2:3]\na[::2]\na[:2]\na[1:]\na[:, None]\na[...,1]\na[()]\na[1,]\na[x:y, z]\n")]
    [InlineData("match x:\n    case 1 | -1 | 1.5 | -1.5 | 1+2j | -1-2j | 0j:\n        pass\n    case \"a\" \"b\" | b\"c\" | None | True | False:\n        pass\n    case _:\n        pass\n")]
    [InlineData("match x:\n    case a.b.c:\n        pass\n    case (a):\n        pass\n    case (a, b, *rest):\n        pass\n    case [a, *_, b]:\n        pass\n    case []:\n        pass\n    case ():\n        pass\n")]
    [InlineData("match x:\n    case {\"a\": 1, **rest}:\n        pass\n    case {1: _, a.b: [c]}:\n        pass\n    case {}:\n        pass\n    case Point(x=0, y=0):\n        pass\n    case Point(1, 2, z=3):\n        pass\n    case a.B():\n        pass\n")]
    [InlineData("match x:\n    case [a, b] if a > b:\n        pass\n    case (1 | 2) as y:\n        pass\n    case a, b:\n        pass\n    case *a, b:\n        pass\n    case {\"k\": (1 | 2) as v}:\n        pass\n    case str() | bytes():\n        pass\n")]
    [InlineData("match x, y:\n    case _: pass\nmatch *a, b:\n    case _: pass\nmatch (x):\n    case _: pass\nmatch -x:\n    case _: pass\nmatch x,:\n    case _: pass\n")]
    [InlineData("match = 1\nmatch.group(1)\nmatch(x)\nmatch[x]\nmatch -x\nmatch * x\nprint(match, case, type, _)\ncase = 2\ntype = 3\n_ = 4\ndef match(match, case, type): pass\nclass type: pass\nimport match.case as type\nfrom case import match as _\nx.match.case.type = 1\n")]
    [InlineData("type X = int\ntype X[T] = list[T]\ntype X[T: int, *Ts, **P] = tuple[T, *Ts]\ntype X[T = int] = T\ntype match = int\ntype case[type] = type\ntype(x)\ntype.x\n")]
    [InlineData("def f[T: int, *Ts, **P](x: T) -> T: pass\nclass C[T]: pass\nclass D[T: (int, str) = int, *Ts = *tuple[int], **P = [int]](Base, metaclass=M): pass\ndef g[T,](): pass\n")]
    [InlineData("f\"{x!r}\" f\"{x!s:>10}\" f\"{x!a}\"\nf\"{x=}\" f\"{x = }\" f\"{x=!r:^20}\"\nf\"{{}}\" f\"{{{x}}}\"\nf\"{x:{y}.{z}f}\"\nf\"{x:{y:{z}}}\"\n")]
    [InlineData("f'{x['a']}' f'{f'{1}'}' f\"{'\\n'.join(a)}\"\nf'''{\n    x # comment\n    + 1\n}'''\nf\"{x:=10}\"\nf'{a!=b}'\nrf'\\{x}' fr'\\d{x}' Rf'{x}' FR'{x}'\n")]
    [InlineData("t'{x}' T\"{x!r:>{w}}\" tr'{x}' rt'{x}' Tr'''{x}'''\n")]  // Python 3.14 (3.13: invalid syntax)
    [InlineData("'a' 'b'\nb'a' b'b'\n'a' f'b{c}' 'd'\nr'a' u'b' R'c' U'd'\nb'e' B'f' br'g' rb'h' Br'i' bR'j' BR'k' rB'l'\n'''a\nb''' \"\"\"c\nd\"\"\"\n")]
    [InlineData("x = 0\nx = 00\nx = 0_0\nx = 1_000_000\nx = 0xdead_BEEF\nx = 0o7_7\nx = 0b1_0\nx = 1.5\nx = .5\nx = 5.\nx = 1e5\nx = 1E-5\nx = 1.5e+5\nx = 1_0.0_1e1_0\nx = 1j\nx = 1.5J\nx = .5j\nx = 5.j\nx = 1e5j\nx = 007.5\nx = 007j\nx = 1if y else 2\n")]
    [InlineData("x = 1 + \\\n    2\nif a and \\\n   b:\n    pass\n")]
    [InlineData("if x:\n\tpass\nif y:\n        pass\nif z:\n    \tpass\n")]
    [InlineData("x = 1\r\ny = 2\r\nif x:\r\n    pass\r\n")]
    [InlineData("x = 1\ry = 2\rif x:\r    pass\r")]
    [InlineData("if x:\n    pass")]
    [InlineData("x = 1")]
    [InlineData("global a, b\ndef f():\n    nonlocal c\n    del a, b[0], c.d, (e, f), [g]\n    assert x, \"msg\"\n    raise X from Y\n    raise\n    yield\n    yield x\n    yield from y\n    x = yield\n    return\n")]
    [InlineData("import a\nimport a.b.c\nimport a as b, c.d as e\nfrom a import b\nfrom a.b import c as d, e\nfrom . import a\nfrom .. import a\nfrom ... import a\nfrom .... import a\nfrom .a import b\nfrom ...a.b import (c, d as e,)\nfrom a import *\n")]
    [InlineData("try:\n    pass\nexcept* A:\n    pass\nexcept* (B, C) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\n")]
    [InlineData("try:\n    pass\nexcept A, B:\n    pass\nexcept (C, D) as e:\n    pass\nexcept:\n    pass\n")]  // Python 3.14 (3.13: multiple exception types must be parenthesized)
    [InlineData("try:\n    pass\nexcept* A, B:\n    pass\n")]  // Python 3.14 (3.13: multiple exception types must be parenthesized)
    [InlineData("try:\n    pass\nfinally:\n    pass\n")]
    [InlineData("with (a as b, c):\n    pass\nwith (a, b):\n    pass\nwith (a, b) as c:\n    pass\nwith (a) as b, (c):\n    pass\nwith (\n    open(x) as f,\n    open(y) as g,\n):\n    pass\nwith a as (b, c):\n    pass\nwith a as b.c, d as e[0]:\n    pass\nwith (yield):\n    pass\n")]
    [InlineData("f(x for x in y)\nf(x for x in y if z)\nf(a, b=1, *c, d=2, **e)\nprint(*a, **k)\nf(x := 1)\nf(a)(b)(c)\nf()[0].x\n")]
    [InlineData("[x for x in y for z in w if a if b]\n{x: y for x, y in z}\n{x for x in y}\n(x for x in y)\n[x for x, in y]\n[(x, y) for x in a for y in b]\n[x async for x in y]\n[x for x in (yield)]\n")]
    [InlineData("x = a if b else c\nx = lambda: a if b else c\nx = a if b else lambda: c\nx = not a and b or c\nx = a < b < c != d is not e in f not in g\nx = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m ** -n\nx = -a ** -b\nx = ~a\nx = +a\nx = not not a\n")]
    [InlineData("x = ()\nx = (1,)\nx = (1, 2)\nx = []\nx = [1]\nx = {}\nx = {1}\nx = {1: 2}\nx = {1: 2, **a}\nx = (yield)\nx = ...\nx = None, True, False\n")]
    [InlineData("a = b = c = d\na, b = c\n[a, b] = c\n(a, b) = c\na.b = c\na[b] = c\n*a, b = c\na += 1\na -= 1\na *= 1\na @= 1\na /= 1\na %= 1\na &= 1\na |= 1\na ^= 1\na <<= 1\na >>= 1\na **= 1\na //= 1\nx: int\nx: int = 1\nx.y: int = 1\nx[0]: int\n(x): int = 1\nx: int = yield\nx = yield from y\n")]
    [InlineData("class C: pass\nclass C(): pass\nclass C(A, B, metaclass=M, **kw): pass\nclass C(*bases): pass\n@dataclass\nclass C:\n    x: int = 0\n    def m(self): ...\n")]
    [InlineData("if a:\n    pass\nelif b:\n    pass\nelif c:\n    pass\nelse:\n    pass\nwhile a:\n    break\nelse:\n    continue\nfor x in y:\n    pass\nelse:\n    pass\n")]
    [InlineData("x = 1; y = 2; z = 3\nif x: y = 1; z = 2\nwhile 0: pass;\n")]
    [InlineData("x = 1 # type: int\ndef f(a,  # type: int\n      ):\n    # type: (...) -> None\n    pass\n")]
    [InlineData("print(f\"{x}\" \"y\" f\"{z!r}\")\nprint(f\"{ {1: 2}[1] }\")\nprint(f\"{(lambda: 1)}\")\n")]
    [InlineData("x = [\n    1,\n    2,\n]\ny = {\n  \"a\": 1,\n\n  # comment\n  \"b\": 2}\n")]
    [InlineData("\fx = 1\nif x:\n\f    pass\n")]
    [InlineData("async def f():\n    async with (a as b, c as d):\n        pass\n    await asyncio.gather(*[t for t in ts])\n    return [await x async for x in y]\n")]
    [InlineData("def f():\n    return\n\n\n\n# trailing comment")]
    [InlineData("if x:\n    pass\n    \n  \n# c\n")]
    [InlineData("(\n  a\n  # c\n)\n")]
    [InlineData("x = [\"\"\"a\n\"\"\", '''b''']\n")]
    [InlineData("print(*a, sep=\"\")\nf(**{\"a\": 1})\nf(a=1, *b)\nf(*a, b)\n")]
    [InlineData("x = a[b:=1]\nx = a[b, c:=1]\n")]
    [InlineData("def f(*, a=1, b): pass\ndef f(a=1, /, b=2): pass\n")]
    [InlineData("del (a), [b], (c, d)\ndel a,\n")]
    [InlineData("for x, in y: pass\nfor (x, y) in z: pass\nfor [x, y] in z: pass\nfor x.y in z: pass\nfor x[0] in z: pass\nfor *a, b in c: pass\n")]
    [InlineData("lambda x=lambda y: y: x\n(lambda: (yield))\n")]
    [InlineData("assert (yield)\n")]
    [InlineData("x = a if b else c if d else e\n")]
    [InlineData("i = 0\nwhile(i < 10): i += 1\nif(x): pass\nprint((yield))\n")]
    [InlineData("@property\ndef x(self): return self._x\n@x.setter\ndef x(self, v): self._x = v\n")]
    [InlineData("x = 1 if True else 2\nx = [i for i in range(10) if i if i]\n")]
    [InlineData("case = match = type = 1\nmatch(case)\nmatch case:\n    case case: pass\nmatch type:\n    case type(): pass\n")]
    [InlineData("match x:\n    case -0: pass\n    case 0x1F: pass\n    case 1_0.0: pass\n    case f.g.h(i, j=k): pass\n")]
    [InlineData("match(x):\n    case[a]: pass\n    case{}: pass\n    case(a): pass\n")]
    [InlineData("x = (\n  yield\n)\n")]
    [InlineData("def f():\n    x = yield\n    y = yield from z\n")]
    public void Parses_with_sll_alone(string source)
    {
        var result = PythonSyntaxParser.Parse(source);
        result.Error.ShouldBeNull();
        result.Tree.ShouldNotBeNull();
        result.UsedFullContext.ShouldBeFalse();
    }

    [Fact]
    public void Empty_input_parses_to_an_empty_module()
    {
        var result = PythonSyntaxParser.Parse(string.Empty);
        result.Error.ShouldBeNull();
        result.Tree!.statement().ShouldBeEmpty();
    }
}
