using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Tests.Parsing;

/// <summary>
/// Invalid programs fail with CPython's error. Expected values were produced by CPython 3.13.0's
/// ast.parse (message, line, SyntaxError.offset minus one).
/// </summary>
public sealed class SyntaxErrorTests
{
    [Theory]
    [InlineData("x = = 1\n", "invalid syntax", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("def f(:\n    pass\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x\n    pass\n", "expected ':'", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("for x y: pass\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = (1, 2\ny = 3\n", "'(' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 +\n", "invalid syntax", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("class C(:\n  pass\n", "invalid syntax", 1, 8, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a b c\n", "invalid syntax", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("import\n", "Expected one or more names after 'import'", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("from x import\n", "Expected one or more names after 'import'", 1, 13, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("from x import (a, b\n", "'(' was never closed", 1, 14, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("lambda x: yield\n", "invalid syntax", 1, 10, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("@\ndef f(): pass\n", "invalid syntax", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("with a as b c:\n  pass\n", "invalid syntax", 1, 12, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("try:\n  pass\n", "expected 'except' or 'finally' block", 2, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("try:\n  pass\nx = 1\n", "expected 'except' or 'finally' block", 3, 0, PythonSyntaxErrorKind.SyntaxError)]
    // A try block closed by a dedent of several levels: CPython stands on the second DEDENT, at the
    // less indented line (found by the fuzzer, where we moved it to the end of the line before).
    [InlineData("def f():\n    try:\n        h\nook = 1\n", "expected 'except' or 'finally' block", 4, -1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("def f():\n    if x:\n        try:\n            h\n    y = 1\n", "expected 'except' or 'finally' block", 5, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("def f():\n    try:\n        h\n", "expected 'except' or 'finally' block", 3, 9, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("def f():\n    try:\n        h\n# c\n", "expected 'except' or 'finally' block", 4, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("else:\n  pass\n", "invalid syntax", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("elif x:\n  pass\n", "invalid syntax", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("except:\n  pass\n", "invalid syntax", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("match x:\n  case:\n    pass\n", "invalid syntax", 2, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("match x:\n  pass\n", "invalid syntax", 2, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("case x:\n  pass\n", "invalid syntax", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f(**)\n", "invalid syntax", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a[]\n", "invalid syntax", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 if 2\n", "expected 'else' after 'if' expression", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = [1 for]\n", "invalid syntax", 1, 10, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = (a for a in b, c)\n", "invalid syntax", 1, 17, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("return\nreturn\n1 +\n", "invalid syntax", 3, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x:\npass\n", "expected an indented block after 'if' statement on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("x = \"a\" + \n", "invalid syntax", 1, 10, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("class\n", "invalid syntax", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x.1\n", "invalid syntax", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 2\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("not\n", "invalid syntax", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a not b\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a is not not b\n", "invalid syntax", 1, 9, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("type X\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1\n    y = 2\nz = 3\n", "unexpected indent", 2, 3, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if True:\n    x = (\n1 +\n", "'(' was never closed", 2, 8, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x!}\"\n", "f-string: missing conversion character", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x:{}}\"\n", "f-string: valid expression required before '}'", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("@x\nx = 1\n", "invalid syntax", 2, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("async x = 1\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("await\n", "invalid syntax", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("del\n", "invalid syntax", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("global\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("nonlocal x,\n", "invalid syntax", 1, 11, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("assert\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("raise from x\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("with:\n  pass\n", "invalid syntax", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("while:\n  pass\n", "invalid syntax", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x ==\n", "invalid syntax", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x[1:2:3:4]\n", "invalid syntax", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = {**}\n", "invalid syntax", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("match x:\n    case a b:\n        pass\n", "invalid syntax", 2, 11, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("match x:\n    case {a b}:\n        pass\n", "invalid syntax", 2, 12, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("match x:\n    case f(**a):\n        pass\n", "invalid syntax", 2, 11, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x: int, y: int = 1, 2\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("foo(x y\n\n", "'(' was never closed", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("foo(x y\nz", "'(' was never closed", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("foo(x,\ny z\n", "'(' was never closed", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = [1, 2\ny = 3\n", "'[' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = [1, 2 3\n", "'[' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = {1: 2\n", "'{' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x:\n  foo(a b\n", "'(' was never closed", 2, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("print(\"a\" \"b\" c\n", "'(' was never closed", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x:\n", "expected an indented block after 'if' statement on line 1", 1, 5, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if x:", "expected an indented block after 'if' statement on line 1", 1, 5, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("try:\n  pass", "expected 'except' or 'finally' block", 2, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("def f():\n  x = (1 +\n", "'(' was never closed", 2, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 +", "invalid syntax", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 +\n\n\n", "invalid syntax", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("class C:\n  def f(self):\n    return (\n", "'(' was never closed", 3, 11, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x:\n  y = 1\n  z = \n", "invalid syntax", 3, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("for x in y:\n", "expected an indented block after 'for' statement on line 1", 1, 11, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("x = [\n1,\n", "'[' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("1else\n", "invalid syntax", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData(" x\n", "unexpected indent", 1, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if x:\ny\n", "expected an indented block after 'if' statement on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("def f():\nx\n", "expected an indented block after function definition on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("class C:\nx\n", "expected an indented block after class definition on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("for a in b:\nx\n", "expected an indented block after 'for' statement on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("while 1:\nx\n", "expected an indented block after 'while' statement on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("with a:\nx\n", "expected an indented block after 'with' statement on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("try:\nx\n", "expected an indented block after 'try' statement on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("try:\n x\nexcept:\ny\n", "expected an indented block after 'except' statement on line 3", 4, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("try:\n x\nexcept* E:\ny\n", "expected an indented block after 'except*' statement on line 3", 4, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("try:\n x\nfinally:\ny\n", "expected an indented block after 'finally' statement on line 3", 4, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if a:\n x\nelif b:\ny\n", "expected an indented block after 'elif' statement on line 3", 4, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if a:\n x\nelse:\ny\n", "expected an indented block after 'else' statement on line 3", 4, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("match x:\ncase 1: pass\n", "expected an indented block after 'match' statement on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("match x:\n case 1:\n pass\n", "expected an indented block after 'case' statement on line 2", 3, 1, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("async def f():\nx\n", "expected an indented block after function definition on line 1", 2, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("async def f():\n async for a in b:\n x\n", "expected an indented block after 'for' statement on line 2", 3, 1, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("async def f():\n async with a:\n x\n", "expected an indented block after 'with' statement on line 2", 3, 1, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("for a in b:\n x\nelse:\ny\n", "expected an indented block after 'else' statement on line 3", 4, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("foo(\n", "'(' was never closed", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("foo(\nx = = 3\n", "'(' was never closed", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("foo(x y\n", "'(' was never closed", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a $ b\n", "invalid syntax", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a ? b\n", "invalid syntax", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x:\n  \fb\n", "expected an indented block after 'if' statement on line 1", 2, 3, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("f\"{}\"\n", "f-string: valid expression required before '}'", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a == not b\n", "invalid syntax", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x := 1\n", "invalid syntax", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f(a,,b)\n", "invalid syntax", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("from import x\n", "invalid syntax", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("def f():\n  pass\n    x\n", "unexpected indent", 3, 3, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("x = 1\n  y = 2\n", "unexpected indent", 2, 1, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("\tif x:\n", "unexpected indent", 1, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("x = 1\r\ny = (\r\n", "'(' was never closed", 2, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x\n", "'{' was never closed", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x", "'{' was never closed", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"\"\"{x\n", "'{' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x:abc\n", "'{' was never closed", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f'''{x\n", "'{' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f\"{x=", "'{' was never closed", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = (\n", "'(' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 \f 2\n", "invalid syntax", 1, 8, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = f\"{a}\" f\"{b\n", "'{' was never closed", 1, 13, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData(";\n", "invalid syntax", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1;;\n", "invalid syntax", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if True:\n  \f  x = 1\n    y = 2\n", "unexpected indent", 3, 3, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("from . import a, b,\n", "trailing comma not allowed without surrounding parentheses", 1, 19, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("print \"hello\"\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = print \"a\"\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x: print 1\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("exec \"code\"\n", "Missing parentheses in call to 'exec'. Did you mean exec(...)?", 1, 0, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x = 1:\n    pass\n", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("while a = b:\n    pass\n", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("[x = 1]\n", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if a.b = 1: pass\n", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if a[1] = 2: pass\n", "cannot assign to subscript here. Maybe you meant '==' instead of '='?", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if f() = 2: pass\n", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if x = not y: pass\n", "invalid syntax", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("(x = y = z)\n", "invalid syntax", 1, 3, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f(x if y else z w)\n", "invalid syntax. Perhaps you forgot a comma?", 1, 14, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("[a b]\n", "invalid syntax. Perhaps you forgot a comma?", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("{1: 2 3: 4}\n", "invalid syntax. Perhaps you forgot a comma?", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("(match x)\n", "invalid syntax", 1, 7, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f(x 'a')\n", "invalid syntax", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("print(a b)\n", "invalid syntax. Perhaps you forgot a comma?", 1, 6, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f(_ x)\n", "invalid syntax", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("if a:\n    if b:\n        if c:\n    x\n", "expected an indented block after 'if' statement on line 3", 4, 3, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("class A:\n    def f(self):\n\nx = 1\n", "expected an indented block after function definition on line 2", 4, -1, PythonSyntaxErrorKind.IndentationError)]
    // A block missing at the end of the file, closed by DEDENTs: CPython stands at the end of the
    // last line it read, blank and comment lines included (found by the fuzzer, where we gave the
    // line after it).
    [InlineData("class A:\n    def f(self):\n", "expected an indented block after function definition on line 2", 2, 16, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if 1:\n  if 2:\n    if 3:\n", "expected an indented block after 'if' statement on line 3", 3, 9, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("class A:\n    def f(self):\n\n", "expected an indented block after function definition on line 2", 3, 0, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("class A:\n    def f(self):\n\n# c\n", "expected an indented block after function definition on line 2", 4, 3, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("class A:\r\n    def f(self):\r\n  \r\n", "expected an indented block after function definition on line 2", 3, 2, PythonSyntaxErrorKind.IndentationError)]
    // Errors of CPython's second pass at a DEDENT give way to a tokenizer error further down, as
    // every second-pass error does; only "unexpected indent/unindent" does not (found by the fuzzer).
    [InlineData("if x:\n    for a in b:\ny = 1\nz = \"\"\"\n", "unterminated triple-quoted string literal (detected at line 4)", 4, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("def f():\n    try:\n        h\nook = 1\nz = 0777\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 5, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1\n  y = 2\nz = 0777\n", "unexpected indent", 2, 1, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("if a:\n    x\n        y\n", "unexpected indent", 3, 7, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("x = (1 2)\ny = 'abc\n", "unterminated string literal (detected at line 2)", 2, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a b\nif x:\n  y\n z\n", "invalid syntax", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("a b\nx = 1 \\ 2\n", "invalid syntax", 1, 2, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("for x in y:\n    pass\n  else:\n    pass\n", "unindent does not match any outer indentation level", 3, 7, PythonSyntaxErrorKind.IndentationError)]
    [InlineData("foo(x y, z\n", "invalid syntax. Perhaps you forgot a comma?", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("foo(x y z\n", "invalid syntax. Perhaps you forgot a comma?", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("foo(x y\n)\n", "invalid syntax. Perhaps you forgot a comma?", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    // A tokenizer error that only ends CPython's tokenizer (a character after a line continuation,
    // the end of the file in one) with a bracket still open there: CPython reports the bracket never
    // closed when it is on an earlier line than the last token its parser fetched (found by the fuzzer).
    [InlineData("f(a,\n  b c,\n  d \\x)\n", "'(' was never closed", 1, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("f(a, b c,\n  d \\x)\n", "invalid syntax. Perhaps you forgot a comma?", 1, 5, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = (1,\\", "'(' was never closed", 1, 4, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = [1,\n (2,\\", "'(' was never closed", 2, 1, PythonSyntaxErrorKind.SyntaxError)]
    [InlineData("x = 1 +\\", "unexpected EOF while parsing", 1, 8, PythonSyntaxErrorKind.SyntaxError)]
    public void Parse_fails_with_cpython_error(string source, string message, int line, int column, PythonSyntaxErrorKind kind)
    {
        var result = PythonSyntaxParser.Parse(source);
        result.Tree.ShouldBeNull();
        result.Error.ShouldBe(new PythonSyntaxError(message, line, column, kind));
    }

    /// <summary>CPython words these more specifically; the line is the same.</summary>
    [Theory]
    [InlineData("f(*)\n", 1)]  // CPython: Invalid star expression
    [InlineData("f(a=)\n", 1)]  // CPython: expected argument value expression
    [InlineData("type X[] = int\n", 1)]  // CPython: Type parameter list cannot be empty
    [InlineData("def f[](): pass\n", 1)]  // CPython: Type parameter list cannot be empty
    public void Parse_fails_on_cpython_line(string source, int line)
    {
        var result = PythonSyntaxParser.Parse(source);
        result.Error.ShouldNotBeNull();
        result.Error.Message.ShouldBe("invalid syntax");
        result.Error.Line.ShouldBe(line);
    }

    /// <summary>Errors found while building the tree (the parse succeeded); CPython raises them at
    /// the last token its parser fetched, the call's closing parenthesis. Columns are CPython's 1-based offsets.</summary>
    [Theory]
    [InlineData("f(a=1, b)\n", "positional argument follows keyword argument", 1, 9)]
    [InlineData("f(a=1,\n  b,\n  c)\n", "positional argument follows keyword argument", 3, 4)]
    [InlineData("f(**k, b\n)\n", "positional argument follows keyword argument unpacking", 2, 1)]
    public void Tree_building_fails_with_cpython_error(string source, string message, int line, int offset)
    {
        var error = SyntaxTree.ParseText("t.py", source).Error.ShouldNotBeNull();
        (error.Message, error.Line, error.Column).ShouldBe((message, (int?)line, (int?)offset));
    }

    /// <summary>A string literal's error before the point where the parser stops comes first: CPython's
    /// first pass builds each literal once it has fetched the token after it (found by the fuzzer).
    /// A tokenizer error that raises further down still replaces it; one that only ends the tokenizer
    /// does not. Columns are CPython's 1-based offsets.</summary>
    [Theory]
    [InlineData("x = \"\\x1\"\ny = 1 2\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 5)]
    [InlineData("x = (\"\\x1\" 3)\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 6)]
    [InlineData("x = b\"\u00e9\"\ny = 1 2\n", "bytes can only contain ASCII literal characters", 1, 5)]
    [InlineData("x = f\"{a}\" \"\\x1\" f\"{a}\" 3\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 12)]
    [InlineData("x = \"\\x1\"\nif x:\n  y\n z\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 5)]
    [InlineData("x = 1 2 \"\\x1\"\n", "invalid syntax", 1, 7)]
    [InlineData("x = \"\\x1\"\ny = 0777\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 2, 5)]
    // Bytes and text in one run: CPython checks it once the run is built, at the token after it.
    [InlineData("x = (b\"a\"\n \"b\")\n", "cannot mix bytes and nonbytes literals", 2, 5)]
    [InlineData("x = (b\"a\"\n \"b\")\ny = 1 2\n", "cannot mix bytes and nonbytes literals", 2, 5)]
    [InlineData("b\"a\" \"\"\"x\ny\"\"\"\n", "cannot mix bytes and nonbytes literals", 2, 5)]
    [InlineData("b\"a\" \"b\"", "cannot mix bytes and nonbytes literals", 1, 9)]
    public void String_literal_error_before_the_parse_error_comes_first_as_in_cpython(string source, string message, int line, int offset)
    {
        var error = SyntaxTree.ParseText("t.py", source).Error.ShouldNotBeNull();
        (error.Message, error.Line, error.Column).ShouldBe((message, (int?)line, (int?)offset));
    }

    [Fact]
    public void Lexical_error_wins_over_an_earlier_parse_error_as_in_cpython()
    {
        // CPython tokenizes the rest of the file after a parse error and reports tokenizer errors first.
        PythonSyntaxParser.Parse("x = = 1\ny = 0777\n").Error.ShouldBe(new PythonSyntaxError(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 2, 4));
    }

    [Fact]
    public void Unexpected_indent_before_a_lexical_error_is_reported_first_as_in_cpython()
    {
        PythonSyntaxParser.Parse("x = 1\n  y = 2\nz = €\n").Error.ShouldBe(
            new PythonSyntaxError("unexpected indent", 2, 1, PythonSyntaxErrorKind.IndentationError));
    }

    [Fact]
    public void Null_byte_uses_the_message_cpython_gives_for_files()
    {
        // ast.parse of a str says "source code string cannot contain null bytes" and gives no
        // position; running a file says "source code cannot contain null bytes" on the NUL's line.
        PythonSyntaxParser.Parse("x = 1\ny = 2\0\n").Error.ShouldBe(
            new PythonSyntaxError("source code cannot contain null bytes", 2, 5));
    }
}
