namespace GilScan.Syntax.Literals;

/// <summary>
/// The value of a string or bytes literal as CPython computes it.
/// </summary>
/// <remarks>
/// A str value is a .NET string holding Python's code points in UTF-16: a character beyond the BMP
/// becomes a surrogate pair, and a lone surrogate escape such as "\ud800" stays a lone surrogate.
/// The one ambiguity is a high-surrogate escape followed by a low-surrogate escape ("\ud83d\ude00"),
/// which Python keeps as two code points but UTF-16 reads as one character; JSON written with
/// Python's <c>ensure_ascii=True</c> escapes is identical for both, and <see cref="HasSurrogateCodePoints"/>
/// tells when the distinction could matter.
/// </remarks>
public sealed class StringLiteralValue
{
    internal StringLiteralValue(StringPrefix prefix, string? text, byte[]? bytes, LiteralWarning? warning, bool hasSurrogateCodePoints)
    {
        Prefix = prefix;
        Text = text;
        Bytes = bytes;
        Warning = warning;
        HasSurrogateCodePoints = hasSurrogateCodePoints;
    }

    public StringPrefix Prefix { get; }

    /// <summary>The str value; null for a bytes literal.</summary>
    public string? Text { get; }

    /// <summary>The bytes value; null for a str literal.</summary>
    public byte[]? Bytes { get; }

    /// <summary>CPython's SyntaxWarning for the first invalid escape, if any.</summary>
    public LiteralWarning? Warning { get; }

    /// <summary>True if an escape produced a surrogate code point (U+D800..U+DFFF).</summary>
    public bool HasSurrogateCodePoints { get; }
}
