using System.Text;

namespace GilScan.Syntax.Ast.Canonical;

/// <summary>The canonical AST dump of DESIGN.md ("The front end"), comparable with CPython's.</summary>
public static class CanonicalDump
{
    /// <summary>The compact JSON of <paramref name="node"/>, keys sorted, ASCII only.</summary>
    public static string ToJson(Node node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    public static void Write(Node node, StringBuilder output) => new CanonicalJsonWriter(output).WriteTree(node);

    /// <summary>
    /// The line `gilscan ast` prints for one file (without the line break): <c>{"ast": CANON, "path": P}</c>
    /// or <c>{"error": {"column": C, "line": L, "message": M}, "path": P}</c>, keys sorted as the
    /// reference script under tests/reference writes them.
    /// </summary>
    public static void WriteFileLine(string path, ParseResult parsed, StringBuilder line)
    {
        if (parsed.Tree is { } tree)
        {
            line.Append("{\"ast\":");
            Write(tree.Root, line);
        }
        else
        {
            var error = parsed.Error!;
            line.Append("{\"error\":{\"column\":").Append(error.Column?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")
                .Append(",\"line\":").Append(error.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")
                .Append(",\"message\":").Append(JsonString(error.Message)).Append('}');
        }
        line.Append(",\"path\":").Append(JsonString(path)).Append('}');
    }

    /// <summary>A JSON string literal escaped the same way as the dump (ASCII only, Python's escapes).</summary>
    public static string JsonString(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        new CanonicalJsonWriter(text).String(value);
        return text.ToString();
    }
}
