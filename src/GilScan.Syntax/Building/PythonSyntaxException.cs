using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Building;

/// <summary>
/// A syntax error found while building the AST (CPython rejects the source). Thrown inside the
/// builder only, caught by <see cref="SyntaxTree"/> and turned into a <see cref="SyntaxDiagnostic"/>.
/// </summary>
internal sealed class PythonSyntaxException : Exception
{
    public PythonSyntaxException(string message, SourceRange at) : base(message) => At = at;

    /// <summary>Where CPython points: the start is what its SyntaxError reports.</summary>
    public SourceRange At { get; }
}
