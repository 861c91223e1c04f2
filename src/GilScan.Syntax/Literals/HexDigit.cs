namespace GilScan.Syntax.Literals;

internal static class HexDigit
{
    /// <summary>The value of an ASCII hex digit (the caller has checked it is one).</summary>
    public static int Value(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
