using System.Globalization;
using System.Text;

namespace GilScan.Syntax.Ast.Canonical;

/// <summary>Formats a double exactly as Python's <c>float.hex()</c> does, e.g. 1.0 -> "0x1.0000000000000p+0".</summary>
public static class PythonFloatHex
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;

    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var biasedExponent = (int)((bits >> MantissaBits) & 0x7FF);
        var mantissa = bits & ((1L << MantissaBits) - 1);
        var text = new StringBuilder(24);
        if (negative) text.Append('-');
        if (biasedExponent == 0 && mantissa == 0)
            return text.Append("0x0.0p+0").ToString();

        // Normal numbers print a leading 1; subnormals a leading 0 with the minimum exponent.
        var leading = biasedExponent == 0 ? 0 : 1;
        var exponent = biasedExponent == 0 ? 1 - ExponentBias : biasedExponent - ExponentBias;
        text.Append("0x").Append(leading).Append('.')
            .Append(mantissa.ToString("x13", CultureInfo.InvariantCulture))
            .Append('p').Append(exponent >= 0 ? "+" : "-")
            .Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Parses what <see cref="Format"/> writes (Python's float.hex output) back to the double.</summary>
    public static double Parse(string text)
    {
        switch (text)
        {
            case "nan": return double.NaN;
            case "inf": return double.PositiveInfinity;
            case "-inf": return double.NegativeInfinity;
        }
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var p = body.IndexOf('p');
        var mantissaText = body[2..p];
        var exponent = int.Parse(body[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissaText.IndexOf('.');
        var leading = long.Parse(mantissaText[..dot], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var fraction = mantissaText[(dot + 1)..].PadRight(13, '0');
        var mantissa = long.Parse(fraction, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        long bits;
        if (leading == 0)
            bits = mantissa; // zero or subnormal: biased exponent 0
        else
            bits = ((long)(exponent + ExponentBias) << MantissaBits) | mantissa;
        var value = BitConverter.Int64BitsToDouble(bits);
        return negative ? -value : value;
    }
}
