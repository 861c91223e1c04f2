using GilScan.Syntax.Ast;

namespace GilScan.Semantics.Catalog;

/// <summary>
/// Python's binary operator protocol: <c>a * b</c> calls <c>type(a).__mul__(a, b)</c>, and when that
/// is missing or returns NotImplemented, <c>type(b).__rmul__(b, a)</c>. A library type whose operators
/// do real work (an elliptic-curve point's scalar multiplication, a pure-Python Fraction) is catalogued
/// under those method names.
/// </summary>
public static class OperatorMethods
{
    /// <summary>The method that <paramref name="op"/> calls on its left operand (<c>__mul__</c>).</summary>
    public static string Left(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "__add__",
        BinaryOperator.Sub => "__sub__",
        BinaryOperator.Mult => "__mul__",
        BinaryOperator.MatMult => "__matmul__",
        BinaryOperator.Div => "__truediv__",
        BinaryOperator.Mod => "__mod__",
        BinaryOperator.Pow => "__pow__",
        BinaryOperator.LShift => "__lshift__",
        BinaryOperator.RShift => "__rshift__",
        BinaryOperator.BitOr => "__or__",
        BinaryOperator.BitXor => "__xor__",
        BinaryOperator.BitAnd => "__and__",
        _ => "__floordiv__",
    };

    /// <summary>The reflected method tried on the right operand (<c>__rmul__</c>).</summary>
    public static string Right(BinaryOperator op) => "__r" + Left(op)[2..];

    private static readonly HashSet<string> Names = new(
        Enum.GetValues<BinaryOperator>().SelectMany(op => new[] { Left(op), Right(op) }), StringComparer.Ordinal);

    public static bool IsBinaryOperatorMethod(string name) => Names.Contains(name);
}
