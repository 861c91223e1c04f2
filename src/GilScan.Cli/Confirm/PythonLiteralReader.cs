using System.Collections.Immutable;
using System.Numerics;
using GilScan.Confirmation.Targets;
using GilScan.Syntax;
using Ast = GilScan.Syntax.Ast;

namespace GilScan.Cli.Confirm;

/// <summary>
/// Reads back the Python literals a rule wrote into a finding's <c>arguments</c> and <c>keywords</c>
/// properties (constant-folded arguments of the call site) as <see cref="PythonValue"/>s, with gilscan's own
/// parser: numbers (negative ones too), strings, bytes, True/False/None, and tuples, lists and dicts of
/// them. Anything else is refused (null), never evaluated.
/// </summary>
internal static class PythonLiteralReader
{
    public static PythonValue? Read(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parsed = SyntaxTree.ParseText("<argument>", source + "\n");
        return parsed.Tree?.Root.Body is [Ast.ExprStmt statement] ? Value(statement.Value) : null;
    }

    private static PythonValue? Value(Ast.Expr expression) => expression switch
    {
        Ast.Constant constant => Constant(constant.Value, negate: false),
        Ast.UnaryOp { Op: Ast.UnaryOperator.USub, Operand: Ast.Constant operand } => Constant(operand.Value, negate: true),
        Ast.Tuple tuple => Items(tuple.Elts) is { } items ? new PythonValue.Sequence(items, isTuple: true) : null,
        Ast.List list => Items(list.Elts) is { } items ? new PythonValue.Sequence(items, isTuple: false) : null,
        Ast.Dict dict => Entries(dict),
        _ => null,
    };

    private static PythonValue? Constant(object? value, bool negate) => (value, negate) switch
    {
        (int i, _) => new PythonValue.Int(negate ? -(BigInteger)i : i),
        (long l, _) => new PythonValue.Int(negate ? -(BigInteger)l : l),
        (BigInteger big, _) => new PythonValue.Int(negate ? -big : big),
        (double d, _) => new PythonValue.Float(negate ? -d : d),
        (null, false) => PythonValue.None,
        (bool b, false) => new PythonValue.Bool(b),
        (string s, false) => new PythonValue.Str(s),
        (byte[] bytes, false) => new PythonValue.Bytes([.. bytes]),
        _ => null,
    };

    private static ImmutableArray<PythonValue>? Items(IReadOnlyList<Ast.Expr> elements)
    {
        var items = ImmutableArray.CreateBuilder<PythonValue>(elements.Count);
        foreach (var element in elements)
        {
            if (Value(element) is not { } item)
            {
                return null;
            }

            items.Add(item);
        }

        return items.MoveToImmutable();
    }

    private static PythonValue? Entries(Ast.Dict dict)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<PythonValue, PythonValue>>(dict.Keys.Count);
        for (var i = 0; i < dict.Keys.Count; i++)
        {
            // A null key is a '**mapping' unpacking: not a literal.
            if (dict.Keys[i] is not { } keyNode || Value(keyNode) is not { } key || Value(dict.Values[i]) is not { } value)
            {
                return null;
            }

            entries.Add(KeyValuePair.Create(key, value));
        }

        return new PythonValue.Dict(entries.MoveToImmutable());
    }
}
