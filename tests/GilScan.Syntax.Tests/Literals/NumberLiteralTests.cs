using System.Numerics;
using GilScan.Syntax.Literals;

namespace GilScan.Syntax.Tests.Literals;

public sealed class NumberLiteralTests
{
    private static NumberValue Value(string token)
    {
        var result = NumberLiteral.Parse(token);
        result.Error.ShouldBeNull();
        return result.Value!;
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("00", 0L)]
    [InlineData("000_000", 0L)]
    [InlineData("42", 42L)]
    [InlineData("1_000_000", 1_000_000L)]
    [InlineData("0x_ff", 255L)]
    [InlineData("0X_F_F", 255L)]
    [InlineData("0o_17", 15L)]
    [InlineData("0b1010", 10L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Integers_fit_in_a_long(string token, long expected)
    {
        var value = Value(token);
        value.Kind.ShouldBe(NumberKind.Integer);
        value.FitsInt64.ShouldBeTrue();
        value.Int64.ShouldBe(expected);
    }

    [Fact]
    public void Big_integers_are_exact()
    {
        Value("9223372036854775808").Integer.ShouldBe(BigInteger.Parse("9223372036854775808"));
        Value("0x" + new string('f', 5000)).Integer.ShouldBe((BigInteger.One << 20000) - 1);
        Value("0b1" + new string('0', 200)).Integer.ShouldBe(BigInteger.One << 200);
        Value("0o7" + new string('0', 100)).Integer.ShouldBe(new BigInteger(7) << 300);
        Value(new string('9', 4300)).ToDecimalString().ShouldBe(new string('9', 4300));
        Value(new string('0', 5000)).Int64.ShouldBe(0);
    }

    [Fact]
    public void Decimal_literal_over_4300_digits_is_refused_like_cpython()
    {
        NumberLiteral.Parse("1" + new string('0', 4300)).Error.ShouldBe(new LiteralError(
            "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() "
            + "to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.", 0));
    }

    [Theory]
    [InlineData("1_000.5e-3", 1.0005)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("1e-324", 0.0)]
    [InlineData("2.2250738585072014e-308", 2.2250738585072014e-308)]
    [InlineData("4.9406564584124654e-324", double.Epsilon)]
    [InlineData("0.1", 0.1)]
    [InlineData("1_0.0_1", 10.01)]
    [InlineData("09.5", 9.5)]
    [InlineData("1E1_0", 1e10)]
    [InlineData("0e0", 0.0)]
    public void Floats_are_correctly_rounded(string token, double expected)
    {
        var value = Value(token);
        value.Kind.ShouldBe(NumberKind.Float);
        BitConverter.DoubleToInt64Bits(value.Double).ShouldBe(BitConverter.DoubleToInt64Bits(expected));
    }

    [Theory]
    [InlineData("1j", 1.0)]
    [InlineData("1.5J", 1.5)]
    [InlineData("1e3j", 1000.0)]
    [InlineData("09j", 9.0)]
    [InlineData("5.j", 5.0)]
    [InlineData("00j", 0.0)]
    public void Imaginary_literals_keep_their_imaginary_part(string token, double expected)
    {
        var value = Value(token);
        value.Kind.ShouldBe(NumberKind.Imaginary);
        value.Double.ShouldBe(expected);
    }

    [Theory]
    [InlineData("01", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1)]
    [InlineData("0_1", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1)]
    [InlineData("0x", "invalid hexadecimal literal", 2)]
    [InlineData("0b102", "invalid digit '2' in binary literal", 5)]
    [InlineData("0o8", "invalid digit '8' in octal literal", 3)]
    [InlineData("1__0", "invalid decimal literal", 2)]
    [InlineData("1_", "invalid decimal literal", 2)]
    [InlineData("1e", "invalid decimal literal", 1)]
    [InlineData("1e+", "invalid decimal literal", 3)]
    [InlineData("1._5", "invalid decimal literal", 2)]
    [InlineData("1.5_", "invalid decimal literal", 4)]
    [InlineData("0x1_", "invalid hexadecimal literal", 4)]
    [InlineData("0b1e1", "invalid binary literal", 3)]
    public void Malformed_numbers_fail_with_cpythons_message_and_cursor(string token, string message, int offset)
    {
        NumberLiteral.Parse(token).Error.ShouldBe(new LiteralError(message, offset));
    }
}
