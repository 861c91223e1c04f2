using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Building;

/// <summary>What CPython calls an expression in its error messages ("cannot assign to function call").</summary>
internal static class ExpressionNames
{
    public static string Describe(Expr expression) => expression switch
    {
        Attribute => "attribute",
        Subscript => "subscript",
        Starred => "starred",
        Name => "name",
        List => "list",
        Tuple => "tuple",
        Lambda => "lambda",
        Call => "function call",
        BoolOp or BinOp or UnaryOp => "expression",
        GeneratorExp => "generator expression",
        Yield or YieldFrom => "yield expression",
        Await => "await expression",
        ListComp => "list comprehension",
        SetComp => "set comprehension",
        DictComp => "dict comprehension",
        Dict => "dict literal",
        Set => "set display",
        JoinedStr or FormattedValue => "f-string expression",
        TemplateStr or Interpolation => "t-string expression",
        Constant { Value: null } => "None",
        Constant { Value: true } => "True",
        Constant { Value: false } => "False",
        Constant { Value: EllipsisValue } => "ellipsis",
        Constant => "literal",
        Compare => "comparison",
        IfExp => "conditional expression",
        NamedExpr => "named expression",
        _ => expression.PythonTypeName,
    };
}
