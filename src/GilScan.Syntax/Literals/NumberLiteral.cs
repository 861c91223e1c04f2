using System.Globalization;
using System.Numerics;

namespace GilScan.Syntax.Literals;

/// <summary>
/// Parses Python number tokens as CPython 3.13 does: validation with its tokenizer's messages, then
/// the value (ints of any size, correctly rounded floats, imaginary parts).
/// </summary>
public static class NumberLiteral
{
    /// <summary>CPython's int max str digits default: decimal literals with more digits are refused.</summary>
    public const int MaxDecimalDigits = 4300;

    /// <summary>Parses one number token (<c>42</c>, <c>0x_ff</c>, <c>1_000.5e-3</c>, <c>.5</c>, <c>1e3j</c>).</summary>
    /// <exception cref="ArgumentException">The text does not start like a number (a digit, or '.' and a digit).</exception>
    /// <returns>
    /// The value, or CPython's error. For tokenizer errors CPython reports the column
    /// token start + <see cref="LiteralError.Offset"/> (1-based, in characters); for the digit limit it
    /// reports column 0 of the token's line, and Offset is 0.
    /// </returns>
    public static LiteralResult<NumberValue> Parse(string tokenText)
    {
        ArgumentNullException.ThrowIfNull(tokenText);
        bool startsNumber = tokenText.Length > 0 && (char.IsAsciiDigit(tokenText[0])
            || tokenText[0] == '.' && tokenText.Length > 1 && char.IsAsciiDigit(tokenText[1]));
        if (!startsNumber)
        {
            throw new ArgumentException($"not a number token: {tokenText}", nameof(tokenText));
        }
        var scan = NumberScanner.Scan(tokenText);
        if (scan.Error is { } error)
        {
            return LiteralResult<NumberValue>.Failure(error);
        }
        string digits = tokenText.Contains('_') ? tokenText.Replace("_", "") : tokenText;
        return scan.Kind switch
        {
            NumberKind.Float => LiteralResult<NumberValue>.Success(NumberValue.FromFloat(ParseDouble(digits))),
            NumberKind.Imaginary => LiteralResult<NumberValue>.Success(NumberValue.FromImaginary(ParseDouble(digits[..^1]))),
            _ => ParseInteger(digits),
        };
    }

    private static double ParseDouble(string digits) =>
        // .NET Core 3.0+ parses IEEE-correctly rounded, overflowing to infinity like Python's float().
        double.Parse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    private static LiteralResult<NumberValue> ParseInteger(string digits)
    {
        if (digits.Length > 1 && digits[0] == '0' && char.IsAsciiLetter(digits[1]))
        {
            int radixBits = char.ToLowerInvariant(digits[1]) switch { 'x' => 4, 'o' => 3, _ => 1 };
            return LiteralResult<NumberValue>.Success(NumberValue.FromBigInteger(ParsePowerOfTwoRadix(digits.AsSpan(2), radixBits)));
        }
        if (digits[0] == '0')
        {
            // Only zeros can follow a leading zero here; CPython reads them without the digit limit.
            return LiteralResult<NumberValue>.Success(NumberValue.FromInt64(0));
        }
        if (digits.Length <= 18)
        {
            return LiteralResult<NumberValue>.Success(NumberValue.FromInt64(long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)));
        }
        if (digits.Length > MaxDecimalDigits)
        {
            return LiteralResult<NumberValue>.Failure(new LiteralError(
                $"Exceeds the limit ({MaxDecimalDigits} digits) for integer string conversion: value has {digits.Length} digits; "
                + "use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals "
                + "to avoid decimal conversion limits.", 0));
        }
        return LiteralResult<NumberValue>.Success(NumberValue.FromBigInteger(BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)));
    }

    private static BigInteger ParsePowerOfTwoRadix(ReadOnlySpan<char> digits, int bitsPerDigit)
    {
        // Accumulate up to 60 bits in a ulong at a time, then shift them into the BigInteger.
        int digitsPerChunk = 60 / bitsPerDigit;
        BigInteger value = BigInteger.Zero;
        for (int start = 0; start < digits.Length; start += digitsPerChunk)
        {
            var chunk = digits.Slice(start, Math.Min(digitsPerChunk, digits.Length - start));
            ulong bits = 0;
            foreach (char c in chunk)
            {
                bits = (bits << bitsPerDigit) | (uint)HexDigit.Value(c);
            }
            value = (value << (chunk.Length * bitsPerDigit)) | bits;
        }
        return value;
    }
}
