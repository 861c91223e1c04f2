using System.Text;

namespace GilScan.FuzzBench;

public sealed partial class StdlibMutator
{
    /// <summary>A nesting shape: how to nest <c>k</c> times around or after a name, and the k where CPython's limits sit.</summary>
    private sealed record Shape(string Name, Func<string, int, string> Build, int NearLimit);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    // NearLimit: where CPython 3.13 stops (its parser's 6,000-level stack, its 10,000-level AST
    // construction, 200 brackets, 150 f-strings), so that about half the chains land close to it.
    private static readonly Shape[] Shapes =
    [
        new("not", (name, k) => Repeat("not ", k) + name, 5969),
        new("minus", (name, k) => Repeat("-", k) + name, 5969),
        new("invert", (name, k) => Repeat("~", k) + name, 5969),
        new("unary mix", (name, k) => Repeat("not -", k / 2) + name, 4000),
        new("ternary", (name, k) => Repeat("a if b else ", k) + name, 5969),
        new("lambda", (name, k) => Repeat("lambda: ", k) + name, 2984),
        new("lambda with parameter", (name, k) => Repeat("lambda x: ", k) + name, 2984),
        new("power", (name, k) => name + Repeat(" ** y", k), 2985),
        new("attribute", (name, k) => name + Repeat(".b", k), 9995),
        new("call", (name, k) => name + Repeat("()", k), 9995),
        new("subscript", (name, k) => name + Repeat("[0]", k), 9995),
        new("sum", (name, k) => name + Repeat(" + 1", k), 9995),
        new("product", (name, k) => name + Repeat("*2", k), 9995),
        new("bit or", (name, k) => name + Repeat(" | c", k), 9995),
        new("comparison", (name, k) => name + Repeat(" < c", k), 20000),
        new("and", (name, k) => name + Repeat(" and c", k), 20000),
        new("strings", (name, k) => name + " if " + Repeat("'a' ", k) + "else 0", 20000),
        new("parentheses", (name, k) => Repeat("(", Math.Min(k, 260)) + name + Repeat(")", Math.Min(k, 260)), 200),
        new("lists", (name, k) => Repeat("[", Math.Min(k, 260)) + name + Repeat("]", Math.Min(k, 260)), 200),
        new("calls", (name, k) => Repeat("f(", Math.Min(k, 260)) + name + Repeat(")", Math.Min(k, 260)), 200),
        new("lambdas in parentheses", (name, k) => Repeat("(lambda: ", Math.Min(k, 260)) + name + Repeat(")", Math.Min(k, 260)), 199),
        new("not in parentheses", (name, k) => Repeat("(not ", Math.Min(k, 260)) + name + Repeat(")", Math.Min(k, 260)), 200),
        new("f-strings", (name, k) => Repeat("f'{", Math.Min(k, 200)) + name + Repeat("}'", Math.Min(k, 200)), 149),
    ];

    private static (string, string) DeepNesting(string text, Random random)
    {
        var lines = Lines(text);
        var statementLines = Enumerable.Range(0, lines.Count).Where(i => LooksLikeStatementStart(lines, i)).ToList();
        var at = statementLines.Count > 0 ? statementLines[random.Next(statementLines.Count)] : lines.Count;
        var line = at < lines.Count ? lines[at] : "";
        var indent = line[..(line.Length - line.TrimStart(' ', '\t').Length)];

        var which = random.Next(Shapes.Length + 2);
        if (which == Shapes.Length)
        {
            var k = PickCount(random, 5963);
            var chain = new StringBuilder($"{indent}if a:\n{indent}    pass\n");
            for (var i = 0; i < k; i++) chain.Append($"{indent}elif a:\n{indent}    pass\n");
            lines.Insert(at, chain.ToString());
            return (string.Concat(lines), $"elif chain of {k} inserted at line {at + 1}");
        }

        if (which == Shapes.Length + 1)
        {
            var k = Math.Min(PickCount(random, 100), 140);
            var blocks = new StringBuilder();
            for (var i = 0; i < k; i++) blocks.Append(indent).Append(' ', i).Append(random.Next(3) switch { 0 => "if a:\n", 1 => "for a in b:\n", _ => "while a:\n" });
            blocks.Append(indent).Append(' ', k).Append("pass\n");
            lines.Insert(at, blocks.ToString());
            return (string.Concat(lines), $"{k} nested blocks inserted at line {at + 1}");
        }

        var shape = Shapes[which];
        var count = PickCount(random, shape.NearLimit);
        var expression = shape.Build("x", count);
        if (random.Next(2) == 0 || line.Length == 0)
        {
            lines.Insert(at, $"{indent}value = {expression}\n");
            return (string.Concat(lines), $"{shape.Name} x{count} assigned at line {at + 1}");
        }

        // In place of a name already in the line: the chain meets whatever surrounds it.
        var names = TokenPattern().Matches(line).Where(m => char.IsAsciiLetter(m.Value[0]) && !Keywords.Contains(m.Value)).ToList();
        if (names.Count == 0)
        {
            lines.Insert(at, $"{indent}{expression}\n");
            return (string.Concat(lines), $"{shape.Name} x{count} as a statement at line {at + 1}");
        }

        var name = names[random.Next(names.Count)];
        lines[at] = line[..name.Index] + shape.Build(name.Value, count) + line[(name.Index + name.Length)..];
        return (string.Concat(lines), $"{shape.Name} x{count} around '{name.Value}' at line {at + 1}");
    }

    private static readonly HashSet<string> Keywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    /// <summary>Half the time within 50 of CPython's limit for the shape (either side), else log-uniform in 1..20,000.</summary>
    private static int PickCount(Random random, int nearLimit) => random.Next(2) == 0
        ? Math.Max(1, nearLimit + random.Next(-50, 51))
        : (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(20_000)));

    // A line that starts a statement, as far as text tells: not a continuation of an open bracket,
    // a backslash or a string (heuristic; a wrong guess just makes another kind of test case).
    private static bool LooksLikeStatementStart(List<string> lines, int index)
    {
        var content = lines[index].TrimStart(' ', '\t');
        if (content.Length == 0 || !char.IsAsciiLetter(content[0])) return false;
        if (index == 0) return true;
        var previous = lines[index - 1].TrimEnd('\n', '\r', ' ', '\t');
        return previous.Length == 0 || previous[^1] is not (',' or '(' or '[' or '{' or '\\' or '+' or '-' or '*' or '/' or '=' or '"' or '\'');
    }
}
