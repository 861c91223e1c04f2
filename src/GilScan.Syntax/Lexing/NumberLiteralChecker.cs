using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// Re-scans a numeric literal that is directly followed by an identifier character ('1a', '0777',
/// '1_', '0b12', '1if', ...) with the rules of CPython's tokenizer, to tell an invalid literal
/// (with CPython's message and column) from a valid one followed by a keyword such as 'if'.
/// The grammar's NUMBER token already covers every valid literal; this only runs on the rare
/// tokens that touch a letter, digit or underscore.
/// </summary>
internal static class NumberLiteralChecker
{
    private const int Eof = -1;

    /// <summary>
    /// Checks the literal that starts at offset 0 of <paramref name="charAt"/>.
    /// </summary>
    /// <param name="charAt">Code point at an offset from the literal's start, or -1 past the end.</param>
    /// <param name="line">Line of the literal.</param>
    /// <param name="column">Column of the literal's first character.</param>
    /// <returns>The error, or null when the literal is valid and merely followed by a keyword.</returns>
    public static PythonSyntaxError? Check(Func<int, int> charAt, int line, int column)
    {
        var scan = new Scanner(charAt);
        var message = scan.Run();
        if (message is null)
        {
            return null;
        }

        // CPython reports the column just before its read position, except for leading zeros,
        // which point at the literal itself.
        int errorColumn = scan.PointsAtStart ? column : column + scan.Position - 1;
        return new PythonSyntaxError(message, line, errorColumn);
    }

    private sealed class Scanner(Func<int, int> charAt)
    {
        /// <summary>Number of characters read so far (CPython's cursor, relative to the start).</summary>
        public int Position { get; private set; }

        public bool PointsAtStart { get; private set; }

        private int Next() => charAt(Position++);

        private void Backup() => Position--;

        private bool LookaheadIs(string rest)
        {
            for (int i = 0; i < rest.Length; i++)
            {
                if (charAt(Position + i) != rest[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsDigit(int c) => c is >= '0' and <= '9';

        private static bool IsHexDigit(int c) => IsDigit(c) || c is >= 'a' and <= 'f' or >= 'A' and <= 'F';

        private static bool IsIdentifierChar(int c) =>
            c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

        public string? Run()
        {
            int c = Next();
            if (c == '.')
            {
                return Fraction(Next());
            }

            if (c != '0')
            {
                var (tail, error) = DecimalTail();
                return error ?? AfterInteger(tail);
            }

            c = Next();
            return c switch
            {
                'x' or 'X' => Radix(IsHexDigit, "hexadecimal", reportsInvalidDigit: false),
                'o' or 'O' => Radix(d => d is >= '0' and <= '7', "octal", reportsInvalidDigit: true),
                'b' or 'B' => Radix(d => d is '0' or '1', "binary", reportsInvalidDigit: true),
                _ => Zero(c),
            };
        }

        private string? Radix(Func<int, bool> isDigit, string kind, bool reportsInvalidDigit)
        {
            int c = Next();
            do
            {
                if (c == '_')
                {
                    c = Next();
                }

                if (!isDigit(c))
                {
                    if (reportsInvalidDigit && IsDigit(c))
                    {
                        return $"invalid digit '{(char)c}' in {kind} literal";
                    }

                    Backup();
                    return $"invalid {kind} literal";
                }

                do
                {
                    c = Next();
                }
                while (isDigit(c));
            }
            while (c == '_');

            if (reportsInvalidDigit && IsDigit(c))
            {
                return $"invalid digit '{(char)c}' in {kind} literal";
            }

            return VerifyEnd(c, kind);
        }

        // After a leading '0' that is not a radix prefix: more zeros, then maybe a float.
        private string? Zero(int c)
        {
            while (true)
            {
                if (c == '_')
                {
                    c = Next();
                    if (!IsDigit(c))
                    {
                        Backup();
                        return "invalid decimal literal";
                    }
                }

                if (c != '0')
                {
                    break;
                }

                c = Next();
            }

            bool nonZero = false;
            if (IsDigit(c))
            {
                nonZero = true;
                var (tail, error) = DecimalTail();
                if (error is not null)
                {
                    return error;
                }

                c = tail;
            }

            switch (c)
            {
                case '.':
                    return Fraction(Next());
                case 'e' or 'E':
                    return Exponent(c);
                case 'j' or 'J':
                    return VerifyEnd(Next(), "imaginary");
            }

            if (nonZero)
            {
                PointsAtStart = true;
                return "leading zeros in decimal integer literals are not permitted; " +
                       "use an 0o prefix for octal integers";
            }

            return VerifyEnd(c, "decimal");
        }

        private string? AfterInteger(int c) => c == '.' ? Fraction(Next()) : FloatTail(c);

        private string? Fraction(int c)
        {
            if (IsDigit(c))
            {
                var (tail, error) = DecimalTail();
                if (error is not null)
                {
                    return error;
                }

                c = tail;
            }

            return FloatTail(c);
        }

        private string? FloatTail(int c)
        {
            if (c is 'e' or 'E')
            {
                return Exponent(c);
            }

            return c is 'j' or 'J' ? VerifyEnd(Next(), "imaginary") : VerifyEnd(c, "decimal");
        }

        private string? Exponent(int e)
        {
            int c = Next();
            if (c is '+' or '-')
            {
                c = Next();
                if (!IsDigit(c))
                {
                    Backup();
                    return "invalid decimal literal";
                }
            }
            else if (!IsDigit(c))
            {
                Backup();
                // The 'e' is not part of the number: check it as the character after it.
                return VerifyEnd(e, "decimal");
            }

            var (tail, error) = DecimalTail();
            if (error is not null)
            {
                return error;
            }

            return tail is 'j' or 'J' ? VerifyEnd(Next(), "imaginary") : VerifyEnd(tail, "decimal");
        }

        // Digits and single underscores between digits; returns the first character after them.
        private (int Next, string? Error) DecimalTail()
        {
            while (true)
            {
                int c;
                do
                {
                    c = Next();
                }
                while (IsDigit(c));

                if (c != '_')
                {
                    return (c, null);
                }

                c = Next();
                if (!IsDigit(c))
                {
                    Backup();
                    return (Eof, "invalid decimal literal");
                }
            }
        }

        // CPython's verify_end_of_number, with 'c' just read: a literal may touch 'and', 'else', 'for', 'if', 'in',
        // 'is', 'not', 'or' (a warning in CPython), but no other identifier character.
        private string? VerifyEnd(int c, string kind)
        {
            bool keyword = c switch
            {
                'a' => LookaheadIs("nd"),
                'e' => LookaheadIs("lse"),
                'f' => LookaheadIs("or"),
                'i' => charAt(Position) is 'f' or 'n' or 's',
                'o' => LookaheadIs("r"),
                'n' => LookaheadIs("ot"),
                _ => false,
            };
            if (keyword)
            {
                return null;
            }

            if (c is >= 0 and < 128 && IsIdentifierChar(c))
            {
                Backup();
                return $"invalid {kind} literal";
            }

            return null;
        }
    }
}
