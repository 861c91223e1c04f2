using Antlr4.Runtime;
using GilScan.Syntax.Generated;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// Fast paths for the long tokens. ANTLR's lexer costs a DFA step per character and falls back to
/// ATN simulation for every character above U+007F; whitespace, comments and strings are more
/// than half of the characters of typical Python (and almost all of its non-ASCII text). When
/// the input is a <see cref="PythonCharStream"/>, this class scans them directly and produces
/// exactly the tokens the grammar's WHITESPACE, COMMENT, STRING, UNTERMINATED_STRING and
/// UNTERMINATED_LONG_STRING rules would (a test lexes a corpus both ways and compares).
/// Everything else, and any input that is not a PythonCharStream, goes through the grammar.
/// </summary>
public abstract partial class PythonLexerBase
{
    /// <summary>When false, every token goes through the grammar (used to check the fast paths).</summary>
    internal bool UseFastPaths { get; set; } = true;

    /// <summary>Returns a hand-scanned token, or null to let the grammar lex the next one.</summary>
    private IToken? ScanFast()
    {
        if (!UseFastPaths || _input is not PythonCharStream text)
        {
            return null;
        }

        int start = text.Index;
        int c = text.At(start);
        if (c is ' ' or '\t' or '\f')
        {
            int end = start + 1;
            while (text.At(end) is ' ' or '\t' or '\f')
            {
                end++;
            }

            text.MoveTo(end);
            Column += end - start;
            start = end;
            c = text.At(start);
        }

        switch (c)
        {
            case '#':
                return ScanComment(text, start);
            case '\'' or '"':
                return ScanString(text, start, prefixLength: 0);
            case (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_':
                return ScanAsciiName(text, start);
            default:
                return null;
        }
    }

    /// <summary>
    /// An ASCII identifier or keyword, or a string with a (non-f, non-t) prefix. Identifiers that
    /// continue with a non-ASCII character, and f-/t-string starts, are left to the grammar.
    /// </summary>
    private CommonToken? ScanAsciiName(PythonCharStream text, int start)
    {
        int end = start + 1;
        while (text.At(end) is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
        {
            end++;
        }

        int next = text.At(end);
        if (next >= 0x80)
        {
            return null;
        }

        if (next is '\'' or '"' && end - start <= 2)
        {
            int prefixLength = StringPrefixLength(text, start, text.At(start));
            if (prefixLength > 0)
            {
                return ScanString(text, start, prefixLength);
            }

            if (IsFormattedStringPrefix(text, start, end))
            {
                return null;
            }
        }

        var token = MakeToken(Keywords.Classify(text, start, end), start, end - 1, Line, Column);
        text.MoveTo(end);
        Column += end - start;
        return token;
    }

    private static bool IsFormattedStringPrefix(PythonCharStream text, int start, int end)
    {
        static bool IsFOrT(int c) => c is 'f' or 'F' or 't' or 'T';
        int first = text.At(start);
        if (end - start == 1)
        {
            return IsFOrT(first);
        }

        int second = text.At(start + 1);
        return (IsFOrT(first) && second is 'r' or 'R') || (first is 'r' or 'R' && IsFOrT(second));
    }

    /// <summary>1 or 2 when a (non-f, non-t) string prefix and a quote start at <paramref name="start"/>.</summary>
    private static int StringPrefixLength(PythonCharStream text, int start, int first)
    {
        int second = text.At(start + 1);
        if (second is '\'' or '"')
        {
            return first is 'r' or 'R' or 'b' or 'B' or 'u' or 'U' ? 1 : 0;
        }

        bool bytesRaw = (first is 'b' or 'B' && second is 'r' or 'R') || (first is 'r' or 'R' && second is 'b' or 'B');
        return bytesRaw && text.At(start + 2) is '\'' or '"' ? 2 : 0;
    }

    private CommonToken ScanComment(PythonCharStream text, int start)
    {
        int end = start + 1;
        while (text.At(end) is not ('\n' or IntStreamConstants.EOF))
        {
            end++;
        }

        var token = MakeToken(PythonLexer.COMMENT, start, end - 1, Line, Column);
        text.MoveTo(end);
        Column += end - start;
        return token;
    }

    private CommonToken ScanString(PythonCharStream text, int start, int prefixLength)
    {
        int quote = text.At(start + prefixLength);
        bool triple = text.At(start + prefixLength + 1) == quote && text.At(start + prefixLength + 2) == quote;
        int end = start + prefixLength + (triple ? 3 : 1);
        int newlines = 0;
        int lastNewline = -1;
        int type;
        while (true)
        {
            int c = text.At(end);
            if (c == IntStreamConstants.EOF)
            {
                type = triple ? PythonLexer.UNTERMINATED_LONG_STRING : PythonLexer.UNTERMINATED_STRING;
                break;
            }

            if (c == quote && (!triple || (text.At(end + 1) == quote && text.At(end + 2) == quote)))
            {
                end += triple ? 3 : 1;
                type = PythonLexer.STRING;
                break;
            }

            if (c == '\\')
            {
                int escaped = text.At(end + 1);
                if (escaped == IntStreamConstants.EOF)
                {
                    // The grammar's "'\\' ." needs a character: the token stops before the backslash.
                    type = triple ? PythonLexer.UNTERMINATED_LONG_STRING : PythonLexer.UNTERMINATED_STRING;
                    break;
                }

                if (escaped == '\n')
                {
                    newlines++;
                    lastNewline = end + 1;
                }

                end += 2;
                continue;
            }

            if (c == '\n')
            {
                if (!triple)
                {
                    type = PythonLexer.UNTERMINATED_STRING;
                    break;
                }

                newlines++;
                lastNewline = end;
            }

            end++;
        }

        var token = MakeToken(type, start, end - 1, Line, Column);
        text.MoveTo(end);
        if (newlines > 0)
        {
            Line += newlines;
            Column = end - (lastNewline + 1);
        }
        else
        {
            Column += end - start;
        }

        return token;
    }
}
