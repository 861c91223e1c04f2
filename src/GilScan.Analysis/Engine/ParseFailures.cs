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
    /// GIL002 when the error CPython raises first is about the bytes: a decoding error, or the
    /// "(unicode error) 'utf-8' codec can't decode ..." it raises on the token that holds bytes not
    /// valid in the file's encoding; GIL001 for every other error, also in a file with such bytes.
    /// The rule follows the message: importing a module compiles its bytes as <c>ast.parse</c> does,
    /// decoding each token as it comes, so an error before the bad bytes (a bad dedent in front of
    /// them) is what the import raises. Only running the file as a script checks every line's bytes
    /// first ("Non-UTF-8 code ..."), and a script with them in a comment still imports.
    /// </summary>
    public static (Diagnostic Diagnostic, ToolNotification Notification) ForParseError(string path, byte[] content, SyntaxDiagnostic error)
    {
        var decoded = SourceDecoder.Decode(content);
        var undecodable = error.Kind == SyntaxErrorKind.Decoding || decoded.Text is null
            || (decoded.HasUndecodableBytes && IsAboutUndecodableBytes(error.Message));
        var rule = undecodable ? ToolRules.UnreadableFile : ToolRules.SyntaxError;
        var span = error.Message == SourceDecoder.NullBytesMessage && content.AsSpan().IndexOf((byte)0) is var nul and >= 0
            ? SpanOfByte(content, nul)
            : SpanOf(decoded, error);
        return Build(rule, path, span, error.Message);
    }

    // A bad escape ("(unicode error) 'unicodeescape' codec ...") is about the text, not the bytes.
    // A name with such bytes after a syntax error is the codec's bare error ("'utf-8' codec can't decode ...").
    private static bool IsAboutUndecodableBytes(string message) =>
        message.StartsWith("(unicode error) ", StringComparison.Ordinal) && !message.StartsWith("(unicode error) 'unicodeescape'", StringComparison.Ordinal)
        || message.StartsWith("'utf-8' codec can't decode ", StringComparison.Ordinal);

    /// <summary>
    /// The position of byte <paramref name="index"/>: for a file with null bytes, which <c>ast.parse</c>
    /// rejects without a position, the finding points at the first one, the line CPython names when it
    /// runs the file.
    /// </summary>
    private static SourceSpan SpanOfByte(byte[] content, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (content[i] == (byte)'\n' || (content[i] == (byte)'\r' && content[i + 1] != (byte)'\n'))
            {
                line++;
                lineStart = i + 1;
            }
        }

        var utf8Column = index - lineStart;
        // Invalid bytes count as one U+FFFD each, as an editor shows them; never more units than bytes.
        var utf16Column = System.Text.Encoding.UTF8.GetCharCount(content, lineStart, utf8Column);
        return new SourceSpan(line, utf8Column, utf16Column, line, utf8Column, utf16Column);
    }

    /// <summary>GIL001 for a file the front end failed on (a gilscan bug): the run goes on without it.</summary>
    public static (Diagnostic Diagnostic, ToolNotification Notification) ForFrontEndFailure(string path, Exception error) =>
        Build(ToolRules.SyntaxError, path, SourceSpan.StartOfFile, $"gilscan's parser failed on this file: {error.GetType().Name}: {error.Message}");

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
            if (error.Near is (int nearLine, int nearColumn) && decoded.Text is { } nearText && nearLine >= 1)
            {
                // CPython gives no position (its nesting limits); the finding points where gilscan found the cause.
                var lines = new SourceText(nearText, decoded.HasUndecodableBytes);
                var at = lines.GetPosition(lines.GetCodePointIndex(Math.Min(nearLine, lines.LineCount), 0));
                return new SourceSpan(at.Line, 0, 0, at.Line, 0, 0);
            }

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
