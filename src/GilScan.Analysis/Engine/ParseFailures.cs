using GilScan.Analysis.Diagnostics;
using GilScan.Syntax;
using GilScan.Syntax.Text;

namespace GilScan.Analysis.Engine;

/// <summary>
/// Turns a file that has no tree into its GIL001 (does not parse) or GIL002 (unreadable or
/// undecodable) finding, plus the matching tool notification, so that the run goes on and SARIF's
/// invocation says which files were not analysed.
/// </summary>
internal static class ParseFailures
{
    public static (Diagnostic Diagnostic, ToolNotification Notification) ForUnreadable(string path, string reason) =>
        Build(ToolRules.UnreadableFile, path, SourceSpan.StartOfFile, reason);

    /// <summary>
    /// GIL002 when the bytes are the problem: a decoding error, or a syntax error in a file with bytes
    /// that are not valid in its encoding (CPython reports those as "(unicode error) 'utf-8' codec
    /// can't decode ..." from a string literal, or as "Non-UTF-8 code ..." when run); GIL001 otherwise.
    /// </summary>
    public static (Diagnostic Diagnostic, ToolNotification Notification) ForParseError(string path, byte[] content, SyntaxDiagnostic error)
    {
        var decoded = SourceDecoder.Decode(content);
        var undecodable = error.Kind == SyntaxErrorKind.Decoding || decoded.Text is null || decoded.HasUndecodableBytes;
        var rule = undecodable ? ToolRules.UnreadableFile : ToolRules.SyntaxError;
        return Build(rule, path, SpanOf(decoded, error), error.Message);
    }

    private static (Diagnostic, ToolNotification) Build(RuleDescriptor rule, string path, SourceSpan span, string reason)
    {
        var location = new Location(path, span);
        var diagnostic = new Diagnostic(rule, location, reason);
        var notification = new ToolNotification(RuleLevel.Error, $"{path} was not analysed ({rule.Id}): {reason}")
        {
            Path = path,
            Span = span,
            Rule = rule,
        };
        return (diagnostic, notification);
    }

    /// <summary>
    /// A point at the error's position. CPython gives a 1-based line and a 1-based column in code
    /// points; decoding errors found before tokenizing have no line (CPython's 0 / -1) and point at
    /// the start of the file. Positions beyond the text are clamped to its end.
    /// </summary>
    private static SourceSpan SpanOf(DecodeResult decoded, SyntaxDiagnostic error)
    {
        if (error.Line is not int line || line < 1)
        {
            return SourceSpan.StartOfFile;
        }

        if (decoded.Text is null)
        {
            return new SourceSpan(line, 0, 0, line, 0, 0);
        }

        var text = new SourceText(decoded.Text, decoded.HasUndecodableBytes);
        line = Math.Min(line, text.LineCount);
        var lineStart = text.GetCodePointIndex(line, 0);
        var lineEnd = text.GetCodePointIndex(line, int.MaxValue);
        var column = Math.Max(1, error.Column ?? 1);
        var position = text.GetPosition(Math.Min(lineStart + column - 1, lineEnd));
        return new SourceSpan(position.Line, position.Utf8Column, position.Utf16Column, position.Line, position.Utf8Column, position.Utf16Column);
    }
}
