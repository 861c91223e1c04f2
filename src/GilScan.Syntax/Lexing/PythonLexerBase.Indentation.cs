using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// Logical lines and indentation, as CPython's tokenizer does them:
/// a NEWLINE only ends a line that had a token and is not inside brackets; the first token of the
/// next logical line measures its leading whitespace (a tab advances to the next multiple of 8, a
/// form feed resets the column, a backslash continuation inside the indentation freezes it), and
/// the same whitespace measured with tabs as 1 column must agree, or it is a TabError.
/// </summary>
public abstract partial class PythonLexerBase
{
    private const int TabSize = 8;

    /// <summary>CPython's MAXINDENT: at most 99 indentation levels.</summary>
    private const int MaxIndentLevels = 100;

    private readonly List<int> _indents = [0];
    private readonly List<int> _alternateIndents = [0];

    /// <summary>The next token starts a logical line (we are not inside brackets).</summary>
    private bool _atLineStart = true;

    /// <summary>The current logical line has produced a token.</summary>
    private bool _lineHasContent;

    /// <summary>Character index where the current physical line starts.</summary>
    private int _lineStart;

    private IToken? OnPhysicalLineEnd(IToken newline)
    {
        if (_brackets.Count > 0)
        {
            return null;
        }

        _lineStart = newline.StopIndex + 1;
        if (!_lineHasContent)
        {
            // Blank or comment-only line: no NEWLINE, and the next line measures its indentation.
            return null;
        }

        _lineHasContent = false;
        _atLineStart = true;
        _pendingContinuation = null;
        return newline;
    }

    /// <summary>Queues INDENT / DEDENT tokens before <paramref name="first"/>; true if any.</summary>
    private bool OnFirstTokenOfLine(IToken first)
    {
        var (column, alternateColumn) = MeasureIndentation(first.StartIndex);
        int top = _indents[^1];
        if (column == top)
        {
            if (alternateColumn != _alternateIndents[^1])
            {
                FailTabError(first);
            }

            return false;
        }

        if (column > top)
        {
            if (_indents.Count >= MaxIndentLevels)
            {
                Fail("too many levels of indentation", first.Line, 0, PythonSyntaxErrorKind.IndentationError);
                return false;
            }

            if (alternateColumn <= _alternateIndents[^1])
            {
                FailTabError(first);
                return false;
            }

            _indents.Add(column);
            _alternateIndents.Add(alternateColumn);
            _pending.Enqueue(MakeIndent(first));
            return true;
        }

        while (_indents.Count > 1 && column < _indents[^1])
        {
            _indents.RemoveAt(_indents.Count - 1);
            _alternateIndents.RemoveAt(_alternateIndents.Count - 1);
            _pending.Enqueue(Synthetic(PythonLexer.DEDENT, first));
        }

        if (column != _indents[^1])
        {
            // CPython points past the end of the offending line.
            Fail(
                "unindent does not match any outer indentation level",
                first.Line,
                LengthOfLine(first),
                PythonSyntaxErrorKind.IndentationError);
        }
        else if (alternateColumn != _alternateIndents[^1])
        {
            FailTabError(first);
        }

        return true;
    }

    private void FailTabError(IToken first)
    {
        Fail("inconsistent use of tabs and spaces in indentation", first.Line, 0, PythonSyntaxErrorKind.TabError);
    }

    private (int Column, int AlternateColumn) MeasureIndentation(int firstTokenStart)
    {
        if (firstTokenStart <= _lineStart)
        {
            return (0, 0);
        }

        // Only spaces, tabs, form feeds and backslash continuations can precede the first token.
        string whitespace = _input.GetText(Interval.Of(_lineStart, firstTokenStart - 1));
        int column = 0;
        int alternateColumn = 0;
        int continuationColumn = 0;
        foreach (char c in whitespace)
        {
            switch (c)
            {
                case ' ':
                    column++;
                    alternateColumn++;
                    break;
                case '\t':
                    column = ((column / TabSize) + 1) * TabSize;
                    alternateColumn++;
                    break;
                case '\f':
                    column = 0;
                    alternateColumn = 0;
                    break;
                case '\\':
                    // The first continuation fixes the indentation (CPython treats column 0 as
                    // "not set", and so do we).
                    continuationColumn = continuationColumn != 0 ? continuationColumn : column;
                    break;
            }
        }

        return continuationColumn != 0 ? (continuationColumn, continuationColumn) : (column, alternateColumn);
    }

    private void QueueDedentsToColumnZero(IToken at)
    {
        while (_indents.Count > 1)
        {
            _indents.RemoveAt(_indents.Count - 1);
            _alternateIndents.RemoveAt(_alternateIndents.Count - 1);
            _pending.Enqueue(Synthetic(PythonLexer.DEDENT, at));
        }
    }

    /// <summary>INDENT covers the leading whitespace of the line it opens.</summary>
    private CommonToken MakeIndent(IToken first)
    {
        var indent = MakeToken(PythonLexer.INDENT, _lineStart, first.StartIndex - 1, first.Line, 0);
        return indent;
    }

    private int LengthOfLine(IToken first)
    {
        int length = first.Column + (first.StopIndex - first.StartIndex + 1);
        for (int k = 1; ; k++)
        {
            int c = _input.LA(k);
            if (c is '\n' or IntStreamConstants.EOF)
            {
                return length;
            }

            length++;
        }
    }
}
