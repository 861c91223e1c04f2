using GilScan.Analysis.Diagnostics;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Rules;

/// <summary>Turns AST positions into diagnostic locations; both keep UTF-8 and UTF-16 columns.</summary>
public static class SyntaxLocations
{
    public static SourceSpan SpanOf(SourceRange range) => new(
        range.StartLine, range.StartColumn, range.StartColumnUtf16,
        range.EndLine, range.EndColumn, range.EndColumnUtf16);

    public static Location Of(string path, LocatedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new Location(path, SpanOf(node.Range));
    }
}
