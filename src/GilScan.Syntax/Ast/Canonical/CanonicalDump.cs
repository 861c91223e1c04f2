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

    public static void Write(Node node, StringBuilder output) => node.WriteCanonical(new CanonicalJsonWriter(output));

    /// <summary>A JSON string literal escaped the same way as the dump (ASCII only, Python's escapes).</summary>
    public static string JsonString(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        new CanonicalJsonWriter(text).String(value);
        return text.ToString();
    }
}
