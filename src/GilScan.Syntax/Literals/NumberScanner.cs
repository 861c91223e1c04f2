namespace GilScan.Syntax.Literals;

/// <summary>
/// CPython 3.13's number tokenizer (Parser/lexer: scan_number, tok_decimal_tail, verify_end_of_number)
/// replayed over one token, to decide its kind and report its errors with the same messages and
/// cursor positions. The end of the token reads as a character that cannot continue a number.
/// </summary>
internal sealed class NumberScanner
{
    private const int End = -1;
    private readonly string _text;
    private int _cursor;

    private NumberScanner(string text) => _text = text;

    public readonly record struct Result(NumberKind Kind, LiteralError? Error);

    public static Result Scan(string text)
    {
        var scanner = new NumberScanner(text);
        var result = scanner.ScanNumber();
        if (result.Error is null && scanner._cursor < text.Length)
        {
            // The token holds more than a number (a lexer would have split it): CPython's verdict on what follows.
            return new Result(result.Kind, new LiteralError($"invalid {KindWord(result.Kind, text)} literal", scanner._cursor));
        }
        return result;
    }

    private static string KindWord(NumberKind kind, string text) => kind switch
    {
        NumberKind.Imaginary => "imaginary",
        NumberKind.Float => "decimal",
        _ when text.Length > 1 && text[0] == '0' => char.ToLowerInvariant(text[1]) switch
        {
            'x' => "hexadecimal",
            'o' => "octal",
            'b' => "binary",
            _ => "decimal",
        },
        _ => "decimal",
    };

    private int Next() => _cursor < _text.Length ? _text[_cursor++] : Advance();

    private int Advance()
    {
        _cursor++;
        return End;
    }

    private void Backup() => _cursor--;

    private Result Error(string message) => new(NumberKind.Integer, new LiteralError(message, _cursor));

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    private static bool IsHexDigit(int c) => c >= 0 && char.IsAsciiHexDigit((char)c);

    private static bool IsIdentifierChar(int c) => c >= 0 && (char.IsAsciiLetterOrDigit((char)c) || c == '_' || c >= 128);

    private Result ScanNumber()
    {
        int c = Next();
        if (c == '.')
        {
            return Fraction(Next());
        }
        if (c != '0')
        {
            c = DecimalTail(out var tailError);
            return tailError ?? AfterInteger(c);
        }
        c = Next();
        if (c is 'x' or 'X')
        {
            return RadixLiteral(IsHexDigit, "hexadecimal", digitError: null);
        }
        if (c is 'o' or 'O')
        {
            return RadixLiteral(d => d is >= '0' and <= '7', "octal", "octal");
        }
        if (c is 'b' or 'B')
        {
            return RadixLiteral(d => d is '0' or '1', "binary", "binary");
        }
        // Zeros, maybe an old-style octal (refused), maybe a float or imaginary.
        bool nonzero = false;
        while (true)
        {
            if (c == '_')
            {
                c = Next();
                if (!IsDigit(c))
                {
                    Backup();
                    return Error("invalid decimal literal");
                }
            }
            if (c != '0')
            {
                break;
            }
            c = Next();
        }
        if (IsDigit(c))
        {
            nonzero = true;
            c = DecimalTail(out var tailError);
            if (tailError is not null)
            {
                return tailError.Value;
            }
        }
        if (c is '.' or 'e' or 'E' or 'j' or 'J')
        {
            return AfterInteger(c);
        }
        if (nonzero)
        {
            Backup();
            return new Result(NumberKind.Integer, new LiteralError(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1));
        }
        return EndOfNumber(c, "decimal", NumberKind.Integer);
    }

    private Result RadixLiteral(Func<int, bool> isDigit, string kind, string? digitError)
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
                if (digitError is not null && IsDigit(c))
                {
                    return Error($"invalid digit '{(char)c}' in {digitError} literal");
                }
                Backup();
                return Error($"invalid {kind} literal");
            }
            do
            {
                c = Next();
            }
            while (isDigit(c));
        }
        while (c == '_');
        if (digitError is not null && IsDigit(c))
        {
            return Error($"invalid digit '{(char)c}' in {digitError} literal");
        }
        return EndOfNumber(c, kind, NumberKind.Integer);
    }

    private int DecimalTail(out Result? error)
    {
        error = null;
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
                return c;
            }
            c = Next();
            if (!IsDigit(c))
            {
                Backup();
                error = Error("invalid decimal literal");
                return 0;
            }
        }
    }

    private Result AfterInteger(int c)
    {
        if (c == '.')
        {
            return Fraction(Next());
        }
        if (c is 'e' or 'E')
        {
            return Exponent(c, NumberKind.Integer);
        }
        if (c is 'j' or 'J')
        {
            return EndOfNumber(Next(), "imaginary", NumberKind.Imaginary);
        }
        return EndOfNumber(c, "decimal", NumberKind.Integer);
    }

    private Result Fraction(int c)
    {
        if (IsDigit(c))
        {
            c = DecimalTail(out var tailError);
            if (tailError is not null)
            {
                return tailError.Value;
            }
        }
        if (c is 'e' or 'E')
        {
            return Exponent(c, NumberKind.Float);
        }
        if (c is 'j' or 'J')
        {
            return EndOfNumber(Next(), "imaginary", NumberKind.Imaginary);
        }
        return EndOfNumber(c, "decimal", NumberKind.Float);
    }

    private Result Exponent(int e, NumberKind kindWithoutExponent)
    {
        int c = Next();
        if (c is '+' or '-')
        {
            c = Next();
            if (!IsDigit(c))
            {
                Backup();
                return Error("invalid decimal literal");
            }
        }
        else if (!IsDigit(c))
        {
            // Not an exponent after all: the number ended before the 'e'.
            Backup();
            return EndOfNumber(e, "decimal", kindWithoutExponent);
        }
        c = DecimalTail(out var tailError);
        if (tailError is not null)
        {
            return tailError.Value;
        }
        if (c is 'j' or 'J')
        {
            return EndOfNumber(Next(), "imaginary", NumberKind.Imaginary);
        }
        return EndOfNumber(c, "decimal", NumberKind.Float);
    }

    /// <summary>
    /// verify_end_of_number: a letter right after a number is an error ("invalid decimal literal"),
    /// except the start of a keyword that may follow a number (and, else, for, if, in, is, not, or),
    /// which CPython only warns about. Leaves the cursor after the number.
    /// </summary>
    private Result EndOfNumber(int c, string kind, NumberKind numberKind)
    {
        bool keyword = c switch
        {
            'a' => LookingAt("nd"),
            'e' => LookingAt("lse"),
            'f' => LookingAt("or"),
            'i' => _cursor < _text.Length && _text[_cursor] is 'f' or 'n' or 's',
            'o' => LookingAt("r"),
            'n' => LookingAt("ot"),
            _ => false,
        };
        if (!keyword && c is >= 0 and < 128 && IsIdentifierChar(c))
        {
            Backup();
            return Error($"invalid {kind} literal");
        }
        Backup();
        return new Result(numberKind, null);
    }

    private bool LookingAt(string rest)
    {
        if (string.CompareOrdinal(_text, _cursor, rest, 0, rest.Length) != 0 || _cursor + rest.Length > _text.Length)
        {
            return false;
        }
        int after = _cursor + rest.Length;
        return after >= _text.Length || !IsIdentifierChar(_text[after]);
    }
}
