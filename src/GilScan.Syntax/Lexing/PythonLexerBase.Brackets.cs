using Antlr4.Runtime;
using GilScan.Syntax.Generated;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// Bracket depth: inside brackets line ends are not NEWLINEs. As in CPython, the '{' that opens an
/// f-string replacement field counts as a bracket, more than 200 open brackets is an error ("too
/// many nested parentheses", which is also how 100,000 '(' fail cleanly), and a closing bracket
/// must match the innermost open one.
/// </summary>
public abstract partial class PythonLexerBase
{
    /// <summary>CPython's MAXLEVEL.</summary>
    private const int MaxBracketDepth = 200;

    private readonly List<IToken> _brackets = [];

    private void OpenBracket(IToken open)
    {
        if (_brackets.Count >= MaxBracketDepth)
        {
            Fail("too many nested parentheses", open.Line, open.Column);
            return;
        }

        _brackets.Add(open);
    }

    private void CloseBracket(IToken close)
    {
        char closing = ClosingChar(close.Type);
        if (_brackets.Count == 0)
        {
            Fail($"unmatched '{closing}'", close.Line, close.Column);
            return;
        }

        if (TopField is { } field && field.BracketIndex == _brackets.Count - 1)
        {
            if (close.Type != PythonLexer.RBRACE)
            {
                Fail($"f-string: unmatched '{closing}'", close.Line, close.Column);
                return;
            }

            _brackets.RemoveAt(_brackets.Count - 1);
            CloseField();
            return;
        }

        IToken open = _brackets[^1];
        if (!Matches(open.Type, close.Type))
        {
            char opening = OpeningChar(open.Type);
            string message = open.Line == close.Line
                ? $"closing parenthesis '{closing}' does not match opening parenthesis '{opening}'"
                : $"closing parenthesis '{closing}' does not match opening parenthesis '{opening}' on line {open.Line}";
            Fail(message, close.Line, close.Column);
            return;
        }

        _brackets.RemoveAt(_brackets.Count - 1);
    }

    private static bool Matches(int open, int close) =>
        (open, close) is (PythonLexer.LPAR, PythonLexer.RPAR)
            or (PythonLexer.LSQB, PythonLexer.RSQB)
            or (PythonLexer.LBRACE, PythonLexer.RBRACE);

    private static char ClosingChar(int close) => close switch
    {
        PythonLexer.RPAR => ')',
        PythonLexer.RSQB => ']',
        _ => '}',
    };

    private static char OpeningChar(int open) => open switch
    {
        PythonLexer.LPAR => '(',
        PythonLexer.LSQB => '[',
        _ => '{',
    };
}
