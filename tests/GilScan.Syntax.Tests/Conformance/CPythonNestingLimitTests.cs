using System.Text;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>
/// CPython 3.13's nesting limits, reproduced: each case is a statement with a hole, a chain that
/// fills it n deep, and the largest n that CPython 3.13.0's ast.parse accepts (measured with
/// tools/measure_cpython_limits.py; 'M': beyond it, the parser's MemoryError, 'R': the
/// RecursionError of ast construction). gilscan must accept n and reject n + 1 with CPython's
/// message and no position.
/// </summary>
public sealed class CPythonNestingLimitTests
{
    [Theory]
    [InlineData("{}", "not", 5969, 'M')]
    [InlineData("{}", "minus", 5969, 'M')]
    [InlineData("{}", "ternary", 5969, 'M')]
    [InlineData("{}", "lambda", 2984, 'M')]
    [InlineData("{}", "power", 2984, 'M')]
    [InlineData("{}", "attribute", 9994, 'R')]
    [InlineData("{}", "sum", 9994, 'R')]
    [InlineData("y = {}", "not", 5967, 'M')]
    [InlineData("y = z = {}", "not", 5967, 'M')]
    [InlineData("y += {}", "not", 5967, 'M')]
    [InlineData("y: int = {}", "not", 5966, 'M')]
    [InlineData("y: {}", "not", 5970, 'M')]
    [InlineData("def f():\n    return {}", "not", 5961, 'M')]
    [InlineData("def f():\n    {}", "not", 5962, 'M')]
    [InlineData("def f():\n    {}", "minus", 5962, 'M')]
    [InlineData("def f():\n    {}", "ternary", 5962, 'M')]
    [InlineData("def f():\n    {}", "lambda", 2981, 'M')]
    [InlineData("def f():\n    {}", "power", 2981, 'M')]
    [InlineData("def f():\n    {}", "attribute", 9993, 'R')]
    [InlineData("def f():\n    {}", "sum", 9993, 'R')]
    [InlineData("async def f():\n    {}", "not", 5962, 'M')]
    [InlineData("class C:\n    {}", "not", 5962, 'M')]
    [InlineData("if a:\n    {}", "not", 5963, 'M')]
    [InlineData("if a:\n    if b:\n        {}", "not", 5957, 'M')]
    [InlineData("if a:\n    if b:\n        {}", "minus", 5957, 'M')]
    [InlineData("if a:\n    if b:\n        {}", "ternary", 5957, 'M')]
    [InlineData("if a:\n    if b:\n        {}", "lambda", 2978, 'M')]
    [InlineData("if a:\n    if b:\n        {}", "power", 2978, 'M')]
    [InlineData("if a:\n    if b:\n        {}", "attribute", 9992, 'R')]
    [InlineData("if a:\n    if b:\n        {}", "sum", 9992, 'R')]
    [InlineData("if a: {}", "not", 5966, 'M')]
    [InlineData("if a:\n    pass\nelse:\n    {}", "not", 5962, 'M')]
    [InlineData("if a:\n    pass\nelif b:\n    {}", "not", 5962, 'M')]
    [InlineData("for a in b:\n    {}", "not", 5963, 'M')]
    [InlineData("while a:\n    {}", "not", 5963, 'M')]
    [InlineData("with a:\n    {}", "not", 5963, 'M')]
    [InlineData("try:\n    {}\nexcept E:\n    pass", "not", 5963, 'M')]
    [InlineData("try:\n    pass\nexcept E:\n    {}", "not", 5961, 'M')]
    [InlineData("try:\n    pass\nfinally:\n    {}", "not", 5962, 'M')]
    [InlineData("match a:\n    case 1:\n        {}", "not", 5961, 'M')]
    [InlineData("@d\ndef f():\n    {}", "not", 5962, 'M')]
    [InlineData("pass; {}", "not", 5967, 'M')]
    [InlineData("if {}:\n    pass", "not", 5970, 'M')]
    [InlineData("if a:\n    pass\nelif {}:\n    pass", "not", 5969, 'M')]
    [InlineData("while {}:\n    pass", "not", 5970, 'M')]
    [InlineData("for a in {}:\n    pass", "not", 5969, 'M')]
    [InlineData("with {}:\n    pass", "not", 5969, 'M')]
    [InlineData("assert {}", "not", 5970, 'M')]
    [InlineData("assert a, {}", "not", 5969, 'M')]
    [InlineData("raise {}", "not", 5970, 'M')]
    [InlineData("f({})", "not", 5964, 'M')]
    [InlineData("f(a, {})", "not", 5960, 'M')]
    [InlineData("f(a={})", "not", 5961, 'M')]
    [InlineData("f(a={})", "minus", 5961, 'M')]
    [InlineData("f(a={})", "ternary", 5961, 'M')]
    [InlineData("f(a={})", "lambda", 2980, 'M')]
    [InlineData("f(a={})", "power", 2980, 'M')]
    [InlineData("f(a={})", "attribute", 9992, 'R')]
    [InlineData("f(a={})", "sum", 9992, 'R')]
    [InlineData("({})", "not", 5960, 'M')]
    [InlineData("({},)", "not", 5960, 'M')]
    [InlineData("(a, {})", "not", 5958, 'M')]
    [InlineData("a, {}", "not", 5967, 'M')]
    [InlineData("[{}]", "not", 5959, 'M')]
    [InlineData("[a, {}]", "not", 5958, 'M')]
    [InlineData("[a, {}]", "minus", 5958, 'M')]
    [InlineData("[a, {}]", "ternary", 5958, 'M')]
    [InlineData("[a, {}]", "lambda", 2979, 'M')]
    [InlineData("[a, {}]", "power", 2979, 'M')]
    [InlineData("[a, {}]", "attribute", 9993, 'R')]
    [InlineData("[a, {}]", "sum", 9993, 'R')]
    [InlineData("{{{}}}", "not", 5959, 'M')]
    [InlineData("{{1: {}}}", "not", 5959, 'M')]
    [InlineData("{{1: {}}}", "minus", 5959, 'M')]
    [InlineData("{{1: {}}}", "ternary", 5959, 'M')]
    [InlineData("{{1: {}}}", "lambda", 2979, 'M')]
    [InlineData("{{1: {}}}", "power", 2979, 'M')]
    [InlineData("{{1: {}}}", "attribute", 9993, 'R')]
    [InlineData("{{1: {}}}", "sum", 9993, 'R')]
    [InlineData("{{{}: 1}}", "not", 5959, 'M')]
    [InlineData("a[{}]", "not", 5964, 'M')]
    [InlineData("a[1:{}]", "not", 5964, 'M')]
    [InlineData("lambda: {}", "not", 5967, 'M')]
    [InlineData("lambda: {}", "minus", 5967, 'M')]
    [InlineData("lambda: {}", "ternary", 5967, 'M')]
    [InlineData("lambda: {}", "lambda", 2983, 'M')]
    [InlineData("lambda: {}", "power", 2983, 'M')]
    [InlineData("lambda: {}", "attribute", 9993, 'R')]
    [InlineData("lambda: {}", "sum", 9993, 'R')]
    [InlineData("[{} for c in d]", "not", 5959, 'M')]
    [InlineData("[c for c in {}]", "not", 5961, 'M')]
    [InlineData("[c for c in d if {}]", "not", 5959, 'M')]
    [InlineData("f({} for c in d)", "not", 5964, 'M')]
    [InlineData("f'{{{}}}'", "not", 5955, 'M')]
    [InlineData("f'{{{}}}'", "minus", 5955, 'M')]
    [InlineData("f'{{{}}}'", "ternary", 5955, 'M')]
    [InlineData("f'{{{}}}'", "power", 2977, 'M')]
    [InlineData("f'{{{}}}'", "attribute", 9992, 'R')]
    [InlineData("f'{{{}}}'", "sum", 9992, 'R')]
    [InlineData("@{}\ndef f(): pass", "not", 5967, 'M')]
    [InlineData("def f(a={}): pass", "not", 5964, 'M')]
    [InlineData("def f(a={}): pass", "minus", 5964, 'M')]
    [InlineData("def f(a={}): pass", "ternary", 5964, 'M')]
    [InlineData("def f(a={}): pass", "lambda", 2982, 'M')]
    [InlineData("def f(a={}): pass", "power", 2982, 'M')]
    [InlineData("def f(a={}): pass", "attribute", 9993, 'R')]
    [InlineData("def f(a={}): pass", "sum", 9993, 'R')]
    [InlineData("def f(a: {}): pass", "not", 5963, 'M')]
    [InlineData("def f() -> {}: pass", "not", 5969, 'M')]
    [InlineData("def f():\n    yield {}", "not", 5960, 'M')]
    [InlineData("def f():\n    x = yield {}", "not", 5959, 'M')]
    [InlineData("a if b else {}", "not", 5968, 'M')]
    [InlineData("(y := {})", "not", 5959, 'M')]
    [InlineData("class C({}): pass", "not", 5964, 'M')]
    [InlineData("match {}:\n    case 1:\n        pass", "not", 5968, 'M')]
    [InlineData("match a:\n    case 1 if {}:\n        pass", "not", 5967, 'M')]
    [InlineData("a + {}", "minus", 5969, 'M')]
    [InlineData("a + {}", "power", 2984, 'M')]
    [InlineData("a + {}", "attribute", 9993, 'R')]
    [InlineData("a + {}", "call", 9993, 'R')]
    [InlineData("a + {}", "subscript", 9993, 'R')]
    [InlineData("a < {}", "minus", 5966, 'M')]
    [InlineData("a < {}", "power", 2983, 'M')]
    [InlineData("a < {}", "attribute", 9993, 'R')]
    [InlineData("a < {}", "call", 9993, 'R')]
    [InlineData("a < {}", "subscript", 9993, 'R')]
    [InlineData("a or b or {}", "minus", 5967, 'M')]
    [InlineData("a or b or {}", "power", 2983, 'M')]
    [InlineData("a or b or {}", "attribute", 9993, 'R')]
    [InlineData("a or b or {}", "call", 9993, 'R')]
    [InlineData("a or b or {}", "subscript", 9993, 'R')]
    [InlineData("a ** {}", "minus", 5967, 'M')]
    [InlineData("a ** {}", "power", 2983, 'M')]
    [InlineData("a ** {}", "attribute", 9993, 'R')]
    [InlineData("a ** {}", "call", 9993, 'R')]
    [InlineData("a ** {}", "subscript", 9993, 'R')]
    [InlineData("-{}", "minus", 5968, 'M')]
    [InlineData("-{}", "power", 2984, 'M')]
    [InlineData("-{}", "attribute", 9993, 'R')]
    [InlineData("-{}", "call", 9993, 'R')]
    [InlineData("-{}", "subscript", 9993, 'R')]
    [InlineData("async def f():\n    await {}", "power", 2981, 'M')]
    [InlineData("async def f():\n    await {}", "attribute", 9992, 'R')]
    [InlineData("async def f():\n    await {}", "call", 9992, 'R')]
    [InlineData("async def f():\n    await {}", "subscript", 9992, 'R')]
    [InlineData("f(*{})", "minus", 5961, 'M')]
    [InlineData("f(*{})", "power", 2980, 'M')]
    [InlineData("f(*{})", "attribute", 9992, 'R')]
    [InlineData("f(*{})", "call", 9992, 'R')]
    [InlineData("f(*{})", "subscript", 9992, 'R')]
    [InlineData("{}", "lambda_arg", 2984, 'M')]
    [InlineData("{}", "call", 9994, 'R')]
    [InlineData("{}", "subscript", 9994, 'R')]
    [InlineData("elif", "elif", 5962, 'M')]
    [InlineData("def_elif", "def_elif", 5955, 'M')]
    [InlineData("x = f({})", "not", 5961, 'M')]
    [InlineData("x = f(a, {})", "not", 5957, 'M')]
    [InlineData("x = ({})", "not", 5957, 'M')]
    [InlineData("x = a[{}]", "not", 5961, 'M')]
    [InlineData("x = [{}]", "not", 5956, 'M')]
    [InlineData("x = y = f({})", "not", 5961, 'M')]
    [InlineData("f(a)({})", "not", 5964, 'M')]
    [InlineData("a.b({})", "not", 5964, 'M')]
    [InlineData("x = a + f({})", "not", 5943, 'M')]
    [InlineData("f(g({}))", "not", 5940, 'M')]
    [InlineData("(f({}))", "not", 5963, 'M')]
    [InlineData("f(*a, {})", "not", 5960, 'M')]
    [InlineData("f(a, b={})", "not", 5960, 'M')]
    [InlineData("f(a=1, b={})", "not", 5960, 'M')]
    [InlineData("def f():\n    return g({})", "not", 5937, 'M')]
    [InlineData("if f({}):\n    pass", "not", 5946, 'M')]
    [InlineData("x += f({})", "not", 5943, 'M')]
    [InlineData("a, b = f({})", "not", 5961, 'M')]
    [InlineData("for a in f({}):\n    pass", "not", 5945, 'M')]
    [InlineData("lambda a={}: 0", "not", 5961, 'M')]
    [InlineData("{{a: {} for a in b}}", "not", 5959, 'M')]
    [InlineData("{{{} for a in b}}", "not", 5959, 'M')]
    [InlineData("({} for a in b)", "not", 5960, 'M')]
    [InlineData("f(a for a in {})", "not", 5963, 'M')]
    [InlineData("a[b, {}]", "not", 5961, 'M')]
    [InlineData("f(a for a in b if {})", "not", 5961, 'M')]
    [InlineData("x: int = f({})", "not", 5942, 'M')]
    [InlineData("a + f({})", "not", 5945, 'M')]
    [InlineData("[f({})]", "not", 5935, 'M')]
    [InlineData("a.b[{}]", "not", 5964, 'M')]
    [InlineData("f()[{}]", "not", 5964, 'M')]
    [InlineData("del a[{}]", "not", 5963, 'M')]
    [InlineData("with f({}):\n    pass", "not", 5945, 'M')]
    [InlineData("f(a=g({}))", "not", 5937, 'M')]
    [InlineData("f'{{g({})}}'", "not", 5931, 'M')]
    [InlineData("x = a if f({}) else b", "not", 5943, 'M')]
    public void Gilscan_accepts_and_rejects_where_cpython_313_does(string template, string chain, int largest, char limit)
    {
        var accepted = Parse(Fill(template, chain, largest));
        accepted.Error.ShouldBeNull($"{chain} x{largest} in {template}: {accepted.Error}");

        var rejected = Parse(Fill(template, chain, largest + 1));
        var error = rejected.Error.ShouldNotBeNull($"{chain} x{largest + 1} in {template} was accepted");
        error.Message.ShouldBe(limit == 'M'
            ? "Parser stack overflowed - Python source too complex to parse"
            : "maximum recursion depth exceeded during ast construction");
        (error.Line, error.Column).ShouldBe((null, null));
        error.Near.ShouldNotBeNull();
    }

    [Fact]
    public void A_chain_far_beyond_the_limits_is_rejected_like_cpython_not_parsed()
    {
        foreach (var (chain, message) in new[] { ("attribute", "maximum recursion depth exceeded during ast construction"), ("not", "Parser stack overflowed - Python source too complex to parse"), ("call", "maximum recursion depth exceeded during ast construction") })
            Parse(Fill("{}", chain, 100_000)).Error.ShouldNotBeNull().Message.ShouldBe(message, chain);
    }

    private static ParseResult Parse(string text) => SyntaxTree.ParseBytes("limits.py", Encoding.UTF8.GetBytes(text + "\n"));

    private static string Fill(string template, string chain, int n)
    {
        if (chain == "elif") return "if a:\n    pass\n" + Repeat("elif a:\n    pass\n", n);
        if (chain == "def_elif") return "def f():\n    if a:\n        pass\n" + Repeat("    elif a:\n        pass\n", n);
        var filled = chain switch
        {
            "not" => Repeat("not ", n) + "x",
            "minus" => Repeat("-", n) + "x",
            "ternary" => Repeat("a if b else ", n) + "x",
            "lambda" => Repeat("lambda: ", n) + "x",
            "lambda_arg" => Repeat("lambda x: ", n) + "x",
            "power" => "x" + Repeat(" ** y", n),
            "attribute" => "x" + Repeat(".b", n),
            "call" => "x" + Repeat("()", n),
            "subscript" => "x" + Repeat("[0]", n),
            "sum" => "x" + Repeat(" + 1", n),
            _ => throw new ArgumentOutOfRangeException(nameof(chain), chain, "unknown chain"),
        };
        // The templates are Python format strings: {} is the hole, {{ and }} are braces.
        var hole = template.IndexOf("{}", StringComparison.Ordinal);
        return Unescape(template[..hole]) + filled + Unescape(template[(hole + 2)..]);
    }

    private static string Unescape(string text) => text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
