using System.Diagnostics;
using System.Text;
using GilScan.Syntax;
using GilScan.Syntax.Ast.Canonical;
using GilScan.Syntax.Lexing;
using GilScan.Syntax.Parsing;

/// <summary>
/// Long-chain shapes (issue 16: linear time): each shape is generated at several sizes and timed
/// through the front end's phases, printing seconds per 1,000 elements so that a superlinear phase
/// shows as a column that grows with the size. The sizes stay within CPython 3.13's limits (measured
/// with <c>compile(..., PyCF_ONLY_AST)</c>: 5,962 elifs, 9,995 calls, attributes or subscripts, 9,996
/// operands of <c>+</c>) and go beyond them, where the file must be rejected just as fast.
/// Usage: dotnet run -c Release --project bench/GilScan.FrontEndBench -- --shapes [--repeat N] [--only NAME]
/// </summary>
internal static class ShapeBench
{
    private sealed record Shape(string Name, Func<int, string> Make, int[] Sizes);

    private static readonly Shape[] Shapes =
    [
        new("elif", Elifs, [1_000, 2_000, 4_000, 5_900, 8_000, 16_000, 40_000]),
        new("call f()()", n => "f" + Repeat("()", n) + "\n", [1_250, 2_500, 5_000, 9_900, 20_000, 40_000, 100_000]),
        new("attribute a.b", n => "a" + Repeat(".b", n) + "\n", [1_250, 2_500, 5_000, 9_900, 20_000, 40_000, 100_000]),
        new("subscript a[0]", n => "a" + Repeat("[0]", n) + "\n", [1_250, 2_500, 5_000, 9_900, 20_000, 40_000]),
        new("operator 1+1", n => string.Join("+", Enumerable.Repeat("1", n)) + "\n", [1_250, 2_500, 5_000, 9_900, 20_000, 40_000, 65_000]),
        new("boolean a and", n => string.Join(" and ", Enumerable.Repeat("a", n)) + "\n", [2_500, 10_000, 40_000, 100_000]),
        new("statements", n => Repeat("x = 1\n", n), [2_500, 10_000, 40_000, 100_000]),
    ];

    public static void Run(string[] args)
    {
        int repeat = 3;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--shapes": break;
                case "--repeat": repeat = int.Parse(args[++i]); break;
                case "--only": only = args[++i]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        // Warm-up: the JIT and ANTLR's shared DFA cache, so the first size is not charged for them.
        foreach (var shape in Shapes) Measure(shape.Make(500), 1);

        Console.WriteLine("best of " + repeat + "; seconds per 1,000 elements by phase (lex, parse = lex + parse, ast = whole front end, dump = canonical JSON)");
        Console.WriteLine($"{"shape",-16} {"size",8} {"outcome",-10} {"total s",8} {"lex/1k",8} {"parse/1k",9} {"ast/1k",8} {"dump/1k",8}");
        foreach (var shape in Shapes)
        {
            if (only is not null && !shape.Name.StartsWith(only, StringComparison.Ordinal)) continue;
            foreach (var size in shape.Sizes)
            {
                var m = Measure(shape.Make(size), repeat);
                double per = 1000.0 / size;
                Console.WriteLine($"{shape.Name,-16} {size,8:N0} {m.Outcome,-10} {m.Ast + m.Dump,8:F3} {m.Lex * per,8:F4} {m.Parse * per,9:F4} {m.Ast * per,8:F4} {m.Dump * per,8:F4}");
            }
        }
    }

    private sealed record Timing(string Outcome, double Lex, double Parse, double Ast, double Dump);

    private static Timing Measure(string text, int repeat)
    {
        double lex = double.MaxValue, parse = double.MaxValue, ast = double.MaxValue, dump = double.MaxValue;
        string outcome = "";
        for (var i = 0; i < repeat; i++)
        {
            lex = Math.Min(lex, Time(() => PythonTokenizer.Tokenize(text)));
            parse = Math.Min(parse, Time(() => PythonSyntaxParser.Parse(text)));
            GilScan.Syntax.ParseResult? result = null;
            ast = Math.Min(ast, Time(() => result = SyntaxTree.ParseText("shape.py", text)));
            outcome = result!.Tree is not null ? "accepted" : "rejected";
            var line = new StringBuilder();
            dump = Math.Min(dump, Time(() => CanonicalDump.WriteFileLine("shape.py", result, line)));
        }

        return new Timing(outcome, lex, parse, ast, dump);
    }

    private static double Time(Action action)
    {
        // The previous size's garbage is collected outside the timing, so each figure pays only for its own.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static string Repeat(string piece, int count) => new StringBuilder(piece.Length * count).Insert(0, piece, count).ToString();

    private static string Elifs(int count)
    {
        var text = new StringBuilder("if x == 0:\n    pass\n");
        for (var i = 1; i <= count; i++) text.Append("elif x == ").Append(i).Append(":\n    pass\n");
        return text.ToString();
    }
}
