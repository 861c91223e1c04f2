using Antlr4.Runtime.Tree;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Tests.Parsing;

public sealed class ParallelParseTests
{
    [Fact]
    public void Parsing_on_many_threads_gives_the_same_trees_as_one_thread()
    {
        string[] sources = Enumerable.Range(0, 64).Select(i =>
            $"def f{i}(a, *b, c={i}, **d):\n    match a:\n        case [x, *_] if x > {i}: return f\"{{x!r:>{{c}}}}\"\n    return [y async for y in b] if a else {{k: v for k, v in d.items()}}\n").ToArray();
        string[] expected = sources.Select(Render).ToArray();

        string[] actual = new string[sources.Length];
        Parallel.For(0, sources.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            actual[i % sources.Length] = Render(sources[i % sources.Length]);
        });

        actual.ShouldBe(expected);
    }

    private static string Render(string source)
    {
        var result = PythonSyntaxParser.Parse(source);
        result.Error.ShouldBeNull();
        return Trees.ToStringTree(result.Tree, PythonParser.ruleNames);
    }
}
