using Antlr4.Runtime;
using GilScan.Syntax.Generated;

namespace GilScan.Syntax.Parsing;

/// <summary>The outcome of parsing one source text: a parse tree or the first syntax error.</summary>
public sealed class ParseResult
{
    internal ParseResult(
        string text,
        PythonParser.File_inputContext? tree,
        IReadOnlyList<IToken> tokens,
        IReadOnlyList<IToken> comments,
        PythonSyntaxError? error,
        bool usedFullContext)
    {
        Text = text;
        Tree = tree;
        Tokens = tokens;
        Comments = comments;
        Error = error;
        UsedFullContext = usedFullContext;
    }

    /// <summary>The text that token positions and indices refer to (line ends normalised to '\n').</summary>
    public string Text { get; }

    /// <summary>The parse tree, or null when <see cref="Error"/> is set.</summary>
    public PythonParser.File_inputContext? Tree { get; }

    /// <summary>Every token the parser saw, EOF last (up to the error point on a lexical error).</summary>
    public IReadOnlyList<IToken> Tokens { get; }

    /// <summary>Every comment, in source order.</summary>
    public IReadOnlyList<IToken> Comments { get; }

    /// <summary>The first syntax error, or null.</summary>
    public PythonSyntaxError? Error { get; }

    /// <summary>
    /// On a syntax error: the index of the token where the parser stopped, when CPython's first pass
    /// would have evaluated the string literals that end before it (their errors come first) and no
    /// tokenizer error further down replaces those; otherwise -1.
    /// </summary>
    internal int StringsDecodedBefore { get; init; } = -1;

    /// <summary>True when SLL prediction failed and the text was parsed again with full LL.</summary>
    public bool UsedFullContext { get; }

    /// <summary>True when the text parsed.</summary>
    public bool Succeeded => Error is null;
}
