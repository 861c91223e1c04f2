using GilScan.Syntax.Ast;
using GilScan.Syntax.Building;
using GilScan.Syntax.Parsing;
using GilScan.Syntax.Text;

namespace GilScan.Syntax;

/// <summary>The outcome of parsing one file: a tree, or the one error CPython would report.</summary>
public sealed class ParseResult
{
    private ParseResult(SyntaxTree? tree, SyntaxDiagnostic? error)
    {
        Tree = tree;
        Error = error;
    }

    public SyntaxTree? Tree { get; }

    public SyntaxDiagnostic? Error { get; }

    internal static ParseResult Success(SyntaxTree tree) => new(tree, null);

    internal static ParseResult Failure(SyntaxDiagnostic error) => new(null, error);

    /// <summary>A failure of gilscan itself on a file (a bug), reported in the file's place, without a position.</summary>
    public static ParseResult InternalError(string message) => new(null, new SyntaxDiagnostic(SyntaxErrorKind.Internal, message, null, null));
}

/// <summary>
/// The front end's entry point: decode (BOM, PEP 263) → lex and parse (our ANTLR grammar) → build
/// CPython's AST. Thread-safe; each call is independent, so files parse in parallel. Never throws
/// for bad input: undecodable bytes, syntax errors and inputs beyond our limits come back as a
/// <see cref="SyntaxDiagnostic"/>.
/// </summary>
public sealed class SyntaxTree
{
    /// <summary>Builder depth allowed on the caller's thread; deeper trees are built again on a
    /// dedicated thread with a large stack (the parser has already bounded the depth).</summary>
    private const int CallerThreadBuildDepth = 600;

    private const int DeepStackBytes = 512 * 1024 * 1024;

    /// <summary>
    /// The largest file parsed by default. Parse trees take a few hundred bytes per source byte, so
    /// a generated 50 MB module would need gigabytes; real source files stay far below this (the
    /// largest in CPython's standard library is 0.8 MB). Larger files get a clear diagnostic.
    /// </summary>
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    private SyntaxTree(string path, SourceText text, Module root, string encodingName, IReadOnlyList<SyntaxComment> comments)
    {
        Path = path;
        Text = text;
        Root = root;
        EncodingName = encodingName;
        Comments = comments;
    }

    /// <summary>The path the tree was read from, as given.</summary>
    public string Path { get; }

    public SourceText Text { get; }

    public Module Root { get; }

    /// <summary>Python's name of the source encoding ("utf-8", "iso8859-1", ...).</summary>
    public string EncodingName { get; }

    /// <summary>Every comment token, in source order (suppression comments such as <c># noqa</c> are read from these,
    /// so a <c>#</c> inside a string never counts).</summary>
    public IReadOnlyList<SyntaxComment> Comments { get; }

    public static ParseResult ParseFile(string path, long maxFileBytes = DefaultMaxFileBytes)
    {
        // A named pipe or a device would block or never end: such paths are never opened.
        if (FileKinds.Of(path) is var kind and not (FileKind.Regular or FileKind.Missing))
            return ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Decoding, FileKinds.NotReadMessage(kind), null, null));
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxFileBytes) return TooLarge(length, maxFileBytes);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Decoding, $"cannot read file: {error.Message}", null, null));
        }
        return ParseBytes(path, bytes);
    }

    public static ParseResult ParseBytes(string path, ReadOnlySpan<byte> bytes, long maxFileBytes = DefaultMaxFileBytes)
    {
        if (bytes.Length > maxFileBytes) return TooLarge(bytes.Length, maxFileBytes);
        var decoded = SourceDecoder.Decode(bytes);
        if (decoded.Error is { } decodeError)
            return ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Decoding, decodeError.Message, decodeError.Line, decodeError.Column));
        return Parse(path, decoded.Text!, decoded.EncodingName ?? "utf-8", decoded.HasUndecodableBytes);
    }

    private static ParseResult TooLarge(long length, long limit) =>
        ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Limit,
            $"file is {length / (1024.0 * 1024.0):F1} MB; gilscan parses files up to {limit / (1024.0 * 1024.0):F1} MB (max-file-size)",
            1, 1));

    /// <summary>Parses text that is already decoded (tests, editors).</summary>
    public static ParseResult ParseText(string path, string text) => Parse(path, text, "utf-8", hasUndecodableBytes: false);

    // The part of a file before an error, parsed again to find a nesting overflow CPython meets first:
    // in its first pass, when the tokenizer raises the error there; in its second, which looks for
    // the message of a syntax error, otherwise.
    private static Func<string, ParseResult> PrefixParser(string errorMessage)
    {
        var stack = OverflowBeforeError.IsTokenizerError(errorMessage) ? CPythonNesting.ParserStack : CPythonNesting.ErrorPassParserStack;
        return text => Parse("prefix.py", text, "utf-8", hasUndecodableBytes: false, checkEarlierOverflow: false, parserStack: stack);
    }

    private static ParseResult Parse(string path, string text, string encodingName, bool hasUndecodableBytes, bool checkEarlierOverflow = true,
        int parserStack = CPythonNesting.ParserStack)
    {
        var parsed = PythonSyntaxParser.Parse(text);
        if (parsed.Error is { } syntaxError)
        {
            if (syntaxError.Message == PythonSyntaxParser.TooComplexMessage || syntaxError.Kind == PythonSyntaxErrorKind.UnicodeDecodeError)
            {
                // Deeper than our parser goes is deeper than CPython's: its MemoryError has no position;
                // nor has the UnicodeDecodeError CPython raises for a name found after a syntax error.
                return ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Syntax, syntaxError.Message, null, null)
                {
                    Near = (syntaxError.Line, syntaxError.Column),
                });
            }

            if (StringErrorBefore(parsed, hasUndecodableBytes) is var (message, stringToken))
                syntaxError = new PythonSyntaxError(message, stringToken.Line, stringToken.Column);
            if (checkEarlierOverflow && OverflowBeforeError.Find(parsed.Text, parsed.Tokens, syntaxError.Line, syntaxError.Column,
                    syntaxError.Message == "too many nested parentheses", PrefixParser(syntaxError.Message)) is { } overflow)
                return ParseResult.Failure(overflow);
            var offset = hasUndecodableBytes ? CPythonOffset(new SourceText(parsed.Text, true), syntaxError.Line, syntaxError.Column) : syntaxError.Column + 1;
            return ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Syntax, syntaxError.Message, syntaxError.Line, offset));
        }

        // The tokenizer reads line ends as CPython does (CRLF and CR become LF), and token indices
        // count in that text, so positions are mapped through it too.
        var source = new SourceText(parsed.Text, hasUndecodableBytes);
        try
        {
            var (root, facts) = BuildWithEnoughStack(() => Build(new AstBuilder(source, parsed.Tokens, parsed.Comments, hasUndecodableBytes, CallerThreadBuildDepth), parsed.Tree!),
                () => Build(new AstBuilder(source, parsed.Tokens, parsed.Comments, hasUndecodableBytes, int.MaxValue), parsed.Tree!));
            // CPython's own nesting limits: a tree our parser takes but ast.parse refuses is CPython's
            // MemoryError or RecursionError, which carry no position; `check` points at the place.
            if (CPythonNesting.Check(root, facts, CPythonNesting.BracketDepth(parsed.Tokens), parserStack) is { } tooDeep)
                return ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Syntax, tooDeep.Message, null, null)
                {
                    Near = (tooDeep.At.Range.StartLine, tooDeep.At.Range.StartColumnUtf16),
                });
            var comments = parsed.Comments.Select(token => new SyntaxComment(token.Line, token.Text)).ToArray();
            return ParseResult.Success(new SyntaxTree(path, source, root, encodingName, comments));
        }
        catch (PythonSyntaxException error)
        {
            var line = error.At.StartLine;
            var lineStart = source.GetCodePointIndex(line, 0);
            var column = source.GetCodePointIndex(line, error.At.StartColumn) - lineStart;
            if (checkEarlierOverflow && OverflowBeforeError.Find(parsed.Text, parsed.Tokens, line, column, tooManyParentheses: false, PrefixParser(error.Message)) is { } overflow)
                return ParseResult.Failure(overflow);
            var offset = hasUndecodableBytes ? CPythonOffset(source, line, column) : column + 1;
            return ParseResult.Failure(new SyntaxDiagnostic(SyntaxErrorKind.Syntax, error.Message, line, offset, error.At.StartColumnUtf16));
        }
    }

    /// <summary>
    /// The first plain string literal with an error (a bad escape, undecodable bytes, non-ASCII
    /// bytes), or run of adjacent strings that mixes bytes and text, that ends before the point where
    /// the parser stopped: CPython's first pass raises it there, before reaching its own syntax error.
    /// </summary>
    private static (string Message, Antlr4.Runtime.IToken Token)? StringErrorBefore(Parsing.ParseResult parsed, bool hasUndecodableBytes)
    {
        var tokens = parsed.Tokens;
        var reached = Math.Min(parsed.StringsDecodedBefore, tokens.Count);
        for (var i = 0; i < reached; i++)
        {
            var type = tokens[i].Type;
            if (type is not (Generated.PythonLexer.STRING or Generated.PythonLexer.FSTRING_START)) continue;
            var end = EndOfStrings(tokens, i);
            if (end >= reached) return null;
            bool bytes = false, text = false;
            for (var depth = 0; i <= end; i++)
            {
                type = tokens[i].Type;
                if (type == Generated.PythonLexer.FSTRING_START) { text |= depth == 0; depth++; }
                else if (type == Generated.PythonLexer.TSTRING_START) depth++;
                else if (type == Generated.PythonLexer.FSTRING_END) depth--;
                else if (type == Generated.PythonLexer.STRING)
                {
                    var literal = Literals.StringLiteral.Parse(tokens[i].Text, hasUndecodableBytes);
                    if (literal.Error is { } error) return (error.Message, tokens[i]);
                    if (depth == 0 && literal.Value!.Bytes is not null) bytes = true;
                    else if (depth == 0) text = true;
                }
            }
            // Checked once the run is built, at the token after it (the last one CPython fetched).
            if (bytes && text) return ("cannot mix bytes and nonbytes literals", tokens[end + 1]);
            i = end;
        }
        return null;
    }

    // The last token of the run of adjacent strings, f-strings and t-strings that starts at `start`.
    private static int EndOfStrings(IReadOnlyList<Antlr4.Runtime.IToken> tokens, int start)
    {
        var i = start;
        var depth = 0;
        for (; i < tokens.Count; i++)
        {
            var type = tokens[i].Type;
            if (type is Generated.PythonLexer.FSTRING_START or Generated.PythonLexer.TSTRING_START) depth++;
            else if (type == Generated.PythonLexer.FSTRING_END) depth--;
            else if (depth == 0 && type != Generated.PythonLexer.STRING) break;
        }
        return i - 1;
    }

    /// <summary>CPython's <c>SyntaxError.offset</c> for a 0-based code-point column on a line that may hold undecodable bytes.</summary>
    private static int CPythonOffset(SourceText source, int line, int column) =>
        line >= 1 && line <= source.LineCount ? BrokenLineColumns.CPythonOffset(source.GetLineText(line), column) : column + 1;

    private static (Module Root, SyntaxFacts Facts) Build(AstBuilder builder, Generated.PythonParser.File_inputContext tree) =>
        (builder.BuildModule(tree), builder.Facts);

    private static (Module Root, SyntaxFacts Facts) BuildWithEnoughStack(Func<(Module, SyntaxFacts)> onCallerThread, Func<(Module, SyntaxFacts)> onDeepStack)
    {
        try
        {
            return onCallerThread();
        }
        catch (BuildTooDeepException)
        {
            (Module, SyntaxFacts)? result = null;
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try { result = onDeepStack(); }
                catch (Exception error) { failure = error; }
            }, DeepStackBytes);
            thread.Name = "gilscan deep build";
            thread.IsBackground = true;
            thread.Start();
            thread.Join();
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            return result!.Value;
        }
    }
}

/// <summary>A comment token: its 1-based line and its text from the <c>#</c> to the end of the line.</summary>
public sealed record SyntaxComment(int Line, string Text);
