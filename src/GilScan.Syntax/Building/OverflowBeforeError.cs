using Antlr4.Runtime;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Building;

/// <summary>
/// CPython parses a file from the top and stops at its parser's stack limit wherever it meets it:
/// a statement nested too deeply before a syntax error is a MemoryError, not that syntax error.
/// Our parser sees the whole file first, so when it finds an error this checks, by parsing again,
/// the part CPython would have parsed before it:
/// <list type="bullet">
/// <item>the complete statements before the one with the error (followed by <c>pass</c> when a
/// header's block was cut off);</item>
/// <item>for "too many nested parentheses", the text up to the 201st bracket with every open
/// bracket closed around a name: CPython's parser may overflow while it descends into 200 brackets
/// (of lambdas, say) before its tokenizer reaches the next.</item>
/// </list>
/// Only statements long enough to reach the limit are worth it: the parse again is skipped unless
/// some logical line before the error holds <see cref="MinimumTokens"/> tokens. Before an error of
/// the parser, the part is checked against the limit of CPython's second pass
/// (<see cref="CPythonNesting.ErrorPassParserStack"/>: the pass that finds the error's message holds a
/// few more rules at once); before a tokenizer's error, against the first pass's. Long chains of short
/// statements (thousands of <c>elif</c>s) before an error are not re-parsed.
/// </summary>
internal static class OverflowBeforeError
{
    // Errors CPython's tokenizer raises as it reads: the first pass stops there, with no second pass.
    private static readonly string[] TokenizerErrorPrefixes =
    [
        "unterminated ", "invalid character", "invalid non-printable character", "unmatched ", "closing parenthesis",
        "too many nested parentheses", "too many nested f-strings", "unindent does not match", "inconsistent use of tabs",
        "too many levels of indentation", "invalid decimal literal", "invalid hexadecimal literal", "invalid octal literal",
        "invalid binary literal", "invalid digit", "leading zeros", "unexpected character after line continuation",
        "unexpected EOF", "(unicode error)", "f-string", "bytes can only contain ASCII", "cannot mix bytes and nonbytes",
    ];

    /// <summary>True for an error CPython's tokenizer (or a literal's decoding) raises in its first pass;
    /// the others are found by the second pass, with its invalid_ rules.</summary>
    public static bool IsTokenizerError(string message) =>
        TokenizerErrorPrefixes.Any(prefix => message.StartsWith(prefix, StringComparison.Ordinal));

    // 6,000 rule levels take at least this many tokens in one statement (100 indentation levels
    // cost about 700, each bracket about 30 and each further token at most 2).
    private const int MinimumTokens = 150;

    public static SyntaxDiagnostic? Find(string text, IReadOnlyList<IToken> tokens, int errorLine, int errorColumn, bool tooManyParentheses, Func<string, ParseResult> parse)
    {
        if (tooManyParentheses && ClosedAtError(text, tokens, errorLine, errorColumn) is { } closed && Overflow(parse(closed)) is { } inside)
        {
            return inside;
        }

        var statementStart = StatementStart(tokens, errorLine);
        if (statementStart is null || !HasLongLogicalLine(tokens, statementStart.TokenIndex))
        {
            return null;
        }

        var lines = new SourceText(text);
        var prefixEnd = lines.GetUtf16Index(lines.GetCodePointIndex(statementStart.Line, 0));
        // A header whose block is cut off gets one statement, one space deeper than the header (the
        // cut line may be indented less, as after a missing block).
        var block = HeaderColon(tokens, statementStart.TokenIndex) is { } colon && StatementStart(tokens, colon.Line) is { } header
            ? lines.GetLineText(header.Line)[..header.Column] + " pass\n"
            : "";
        return Overflow(parse(text[..prefixEnd] + block));
    }

    private static IToken? HeaderColon(IReadOnlyList<IToken> tokens, int index)
    {
        int i = index - 1;
        while (i >= 0 && tokens[i].Type is PythonLexer.INDENT or PythonLexer.DEDENT or PythonLexer.NEWLINE)
        {
            i--;
        }

        return i >= 0 && tokens[i].Type == PythonLexer.COLON ? tokens[i] : null;
    }

    private static SyntaxDiagnostic? Overflow(ParseResult result) =>
        result.Error is { Message: CPythonNesting.ParserStackMessage } error ? error : null;

    /// <summary>The first token of the logical line that holds <paramref name="line"/> (or the last logical line before it).</summary>
    private static IToken? StatementStart(IReadOnlyList<IToken> tokens, int line)
    {
        int index = 0;
        while (index < tokens.Count && tokens[index].Line < line && tokens[index].Type != TokenConstants.EOF)
        {
            index++;
        }

        while (index > 0 && tokens[index - 1].Type is not (PythonLexer.NEWLINE or PythonLexer.INDENT or PythonLexer.DEDENT))
        {
            index--;
        }

        while (index < tokens.Count && tokens[index].Type is PythonLexer.INDENT or PythonLexer.DEDENT)
        {
            index++;
        }

        // The tokens of a file whose tokenizer failed end with EOF at the failure: the statements before
        // it are complete, and the part to check ends there.
        return index < tokens.Count && (tokens[index].Type != TokenConstants.EOF || index > 0) ? tokens[index] : null;
    }

    private static bool HasLongLogicalLine(IReadOnlyList<IToken> tokens, int end)
    {
        int length = 0;
        for (int i = 0; i < end; i++)
        {
            if (tokens[i].Type == PythonLexer.NEWLINE)
            {
                length = 0;
            }
            else if (++length >= MinimumTokens)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text up to the bracket the tokenizer refused, with a name and the closing brackets instead.</summary>
    private static string? ClosedAtError(string text, IReadOnlyList<IToken> tokens, int errorLine, int errorColumn)
    {
        var open = new Stack<int>();
        foreach (var token in tokens)
        {
            if (token.Line > errorLine || (token.Line == errorLine && token.Column >= errorColumn))
            {
                break;
            }

            switch (token.Type)
            {
                case PythonLexer.LPAR or PythonLexer.LSQB or PythonLexer.LBRACE:
                    open.Push(token.Type);
                    break;
                case PythonLexer.RPAR or PythonLexer.RSQB or PythonLexer.RBRACE when open.Count > 0:
                    open.Pop();
                    break;
            }
        }

        if (open.Count == 0)
        {
            return null;
        }

        var lines = new SourceText(text);
        var at = lines.GetUtf16Index(lines.GetCodePointIndex(errorLine, 0) + errorColumn);
        var closing = string.Concat(open.Select(type => type switch { PythonLexer.LPAR => ")", PythonLexer.LSQB => "]", _ => "}" }));
        // A compound statement's header also needs its ':' and a block.
        var start = StatementStart(tokens, errorLine);
        var header = start is not null && start.Type is PythonLexer.IF or PythonLexer.ELIF or PythonLexer.WHILE or PythonLexer.FOR
            or PythonLexer.WITH or PythonLexer.ASYNC or PythonLexer.EXCEPT
            ? ":\n" + lines.GetLineText(start.Line)[..start.Column] + "    pass"
            : "";
        return text[..at] + "x" + closing + header + "\n";
    }
}
