using System.Text;

namespace GilScan.Syntax.Tests.Support;

/// <summary>
/// Python texts that nest one construct n deep inside a statement template: the shapes of CPython's
/// nesting limits (CPythonNestingLimitTests) and of the shortcut's bound (CPythonNestingBoundTests).
/// </summary>
public static class NestingChains
{
    /// <summary>
    /// <paramref name="template"/> is a Python format string: <c>{}</c> is the hole, <c>{{</c> and
    /// <c>}}</c> are braces; the chains "elif" and "def_elif" are whole files of their own; "ternary to
    /// LEAF" is a ternary chain whose innermost expression is LEAF instead of a name.
    /// </summary>
    public static string Fill(string template, string chain, int n)
    {
        if (chain == "elif") return "if a:\n    pass\n" + Repeat("elif a:\n    pass\n", n);
        if (chain == "def_elif") return "def f():\n    if a:\n        pass\n" + Repeat("    elif a:\n        pass\n", n);
        const string TernaryTo = "ternary to ";
        var filled = chain.StartsWith(TernaryTo, StringComparison.Ordinal)
            ? Repeat("a if b else ", n) + chain[TernaryTo.Length..]
            : chain switch
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
                "nested_call" => Repeat("f(", n) + "x" + Repeat(")", n),
                "parens" => Repeat("(", n) + "x" + Repeat(")", n),
                _ => throw new ArgumentOutOfRangeException(nameof(chain), chain, "unknown chain"),
            };
        var hole = template.IndexOf("{}", StringComparison.Ordinal);
        return Unescape(template[..hole]) + filled + Unescape(template[(hole + 2)..]);
    }

    private static string Unescape(string text) => text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
