using GilScan.Syntax.Building;
using GilScan.Syntax.Parsing;
using GilScan.Syntax.Tests.Support;
using Xunit.Abstractions;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>
/// The shortcut of <see cref="CPythonNesting.Check"/>: a file whose tree and brackets are shallow
/// skips the exact count of CPython's parser rules, on the claim that CPython holds at most
/// <see cref="CPythonNesting.RulesPerLevelBound"/> rules per level of either (plus
/// <see cref="CPythonNesting.RulesAboveTreeBound"/>). Checked here against the exact count: on every
/// chain shape of the limit tests, on every syntax fixture and on the standard library.
/// </summary>
public sealed class CPythonNestingBoundTests(ITestOutputHelper output)
{
    private static readonly string[] Templates =
    [
        "{}", "y = {}", "def f():\n    return {}", "if a:\n    if b:\n        {}", "f({})", "f(a={})", "({})",
        "[a, {}]", "{{1: {}}}", "a[1:{}]", "lambda: {}", "[{} for c in d]", "f'{{{}}}'", "f'{{g({})}}'",
        "def f(a={}): pass", "class C({}): pass", "match a:\n    case 1 if {}:\n        pass", "a + {}",
        "x = a if f({}) else b", "f(g({}))", "[f({})]", "def f():\n    return g({})", "with f({}):\n    pass",
    ];

    private static readonly string[] Chains = ["not", "minus", "ternary", "lambda", "power", "attribute", "call", "subscript", "sum", "nested_call", "parens"];

    [Fact]
    public void The_bound_holds_on_every_chain_shape()
    {
        var worst = 0.0;
        var measured = 0;
        foreach (var template in Templates)
            foreach (var chain in Chains)
                foreach (var n in new[] { 1, 2, 5, 20, 60 })
                {
                    var text = NestingChains.Fill(template, chain, n) + "\n";
                    var (exact, bound) = Measure(text);
                    if (bound == 0) continue; // not Python (a lambda as an assignment target, say)
                    measured++;
                    exact.ShouldBeLessThanOrEqualTo(bound, $"{chain} x{n} in {template}");
                    worst = Math.Max(worst, (double)exact / bound);
                }
        output.WriteLine($"{measured} texts; largest share of the bound reached: {worst:P0}");
        measured.ShouldBeGreaterThan(Templates.Length * Chains.Length * 4);
    }

    [Fact]
    public void The_bound_holds_on_every_syntax_fixture()
    {
        var files = Directory.EnumerateFiles(PythonReference.Fixtures("syntax"), "*.py", SearchOption.AllDirectories).ToList();
        files.Count.ShouldBeGreaterThan(10);
        var measured = 0;
        foreach (var file in files)
        {
            var (exact, bound) = Measure(File.ReadAllText(file));
            if (bound == 0) continue;
            exact.ShouldBeLessThanOrEqualTo(bound, file);
            measured++;
        }
        measured.ShouldBeGreaterThan(10);
    }

    [SkippableFact]
    public void The_bound_holds_on_the_standard_library()
    {
        var lib = PythonReference.StandardLibrary;
        Skip.If(lib is null, PythonReference.MissingReason + " (or its lib/python3.13)");
        var files = Directory.EnumerateFiles(lib!, "*.py", SearchOption.AllDirectories).ToList();
        var broken = new System.Collections.Concurrent.ConcurrentBag<string>();
        var shallow = 0;
        Parallel.ForEach(files, file =>
        {
            string text;
            try { text = File.ReadAllText(file); }
            catch (IOException) { return; }
            var (exact, bound) = Measure(text);
            if (exact > bound) broken.Add($"{file}: {exact} rules > bound {bound}");
            if (bound > 0 && bound <= CPythonNesting.ParserStack) Interlocked.Increment(ref shallow);
        });
        output.WriteLine($"{files.Count} files, {shallow} shallow enough to skip the exact count");
        broken.Order(StringComparer.Ordinal).Take(10).ShouldBeEmpty();
        shallow.ShouldBeGreaterThan(files.Count * 9 / 10);
    }

    /// <summary>The exact count of CPython's active rules and the shortcut's bound (0, 0 when the text does not parse).</summary>
    private static (long Exact, long Bound) Measure(string text)
    {
        var parsed = PythonSyntaxParser.Parse(text);
        if (parsed.Tree is null) return (0, 0);
        var builder = new AstBuilder(new GilScan.Syntax.Text.SourceText(parsed.Text), parsed.Tokens, parsed.Comments, false, int.MaxValue);
        GilScan.Syntax.Ast.Module module;
        try { module = builder.BuildModule(parsed.Tree); }
        catch (PythonSyntaxException) { return (0, 0); }
        var exact = CPythonNesting.ParserStackDepth(module, builder.Facts, out _);
        var (depth, _) = CPythonNesting.TreeDepthOf(module);
        var bound = CPythonNesting.RulesAboveTreeBound + CPythonNesting.RulesPerLevelBound * (long)(depth + CPythonNesting.BracketDepth(parsed.Tokens));
        return (exact, bound);
    }
}
