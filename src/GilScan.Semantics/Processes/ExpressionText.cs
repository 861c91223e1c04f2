using System.Globalization;
using System.Numerics;
using System.Text;

namespace GilScan.Semantics.Processes;

/// <summary>
/// A short rendering of an expression for messages and evidence ("np.zeros((10000, 1000))",
/// "self.frame", "pool.map"), close to the source but not a round trip: deep or long parts become
/// "…" so that a message stays one readable line.
/// </summary>
public static class ExpressionText
{
    public const int MaxLength = 60;

    public static string Of(Expr expression)
    {
        var text = new StringBuilder();
        Append(text, expression, 0);
        return text.Length <= MaxLength ? text.ToString() : text.ToString(0, MaxLength - 1) + "…";
    }

    /// <summary>The dotted name of a name or attribute chain ("pool.map"), else null.</summary>
    public static string? Dotted(Expr expression) => expression switch
    {
        Name n => n.Id,
        Attribute a when Dotted(a.Value) is { } left => left + "." + a.Attr,
        _ => null,
    };

    private static void Append(StringBuilder text, Expr e, int depth)
    {
        if (depth > 3 || text.Length > MaxLength)
        {
            text.Append('…');
            return;
        }
        switch (e)
        {
            case Name n:
                text.Append(n.Id);
                break;
            case Attribute a:
                Append(text, a.Value, depth + 1);
                text.Append('.').Append(a.Attr);
                break;
            case Call c:
                Append(text, c.Func, depth + 1);
                text.Append('(');
                var first = true;
                foreach (var arg in c.Args)
                {
                    if (!first) text.Append(", ");
                    first = false;
                    Append(text, arg, depth + 1);
                }
                foreach (var k in c.Keywords)
                {
                    if (!first) text.Append(", ");
                    first = false;
                    text.Append(k.Arg is null ? "**" : k.Arg + "=");
                    Append(text, k.Value, depth + 1);
                }
                text.Append(')');
                break;
            case Constant k:
                text.Append(k.Value switch
                {
                    null => "None",
                    bool b => b ? "True" : "False",
                    string s => s.Length <= 24 ? "\"" + s + "\"" : "\"…\"",
                    byte[] => "b\"…\"",
                    BigInteger i => i.ToString(CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    _ => "…",
                });
                break;
            case Tuple t:
                text.Append('(');
                AppendAll(text, t.Elts, depth);
                if (t.Elts.Count == 1) text.Append(',');
                text.Append(')');
                break;
            case List l:
                text.Append('[');
                AppendAll(text, l.Elts, depth);
                text.Append(']');
                break;
            case Starred s:
                text.Append('*');
                Append(text, s.Value, depth + 1);
                break;
            case UnaryOp { Op: UnaryOperator.USub } u:
                text.Append('-');
                Append(text, u.Operand, depth + 1);
                break;
            case BinOp b:
                Append(text, b.Left, depth + 1);
                text.Append(b.Op switch
                {
                    BinaryOperator.Mult => " * ",
                    BinaryOperator.Add => " + ",
                    BinaryOperator.Sub => " - ",
                    BinaryOperator.Pow => " ** ",
                    BinaryOperator.FloorDiv => " // ",
                    _ => " ? ",
                });
                Append(text, b.Right, depth + 1);
                break;
            case Lambda:
                text.Append("lambda");
                break;
            case ListComp or GeneratorExp or SetComp or DictComp:
                text.Append(e is ListComp ? "[…]" : e is SetComp or DictComp ? "{…}" : "(…)");
                break;
            case Subscript s:
                Append(text, s.Value, depth + 1);
                text.Append("[…]");
                break;
            default:
                text.Append('…');
                break;
        }
    }

    private static void AppendAll(StringBuilder text, IReadOnlyList<Expr> items, int depth)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append(", ");
            Append(text, items[i], depth + 1);
        }
    }
}
