namespace GilScan.Syntax.Text;

/// <summary>
/// The outcome of <see cref="SourceDecoder.Decode"/>: either the decoded text or a <see cref="DecodeError"/>.
/// </summary>
/// <remarks>
/// The text keeps the file's line endings (LF, CRLF or CR) and has no BOM. Bytes that are not valid
/// UTF-8 in a UTF-8 source do not fail decoding, because CPython only rejects them when a string
/// literal or identifier containing them is parsed (comments may hold anything). Each such byte is
/// carried in the text as the marker code point <see cref="UndecodableBytes.MarkerFor"/> (U+10FF80..U+10FFFF),
/// and <see cref="HasUndecodableBytes"/> is set; the literal parsers and <see cref="UndecodableBytes"/>
/// turn markers back into CPython's "(unicode error) 'utf-8' codec can't decode ..." messages.
/// </remarks>
public sealed class DecodeResult
{
    private DecodeResult(string? text, string? encodingName, string? declaredEncoding, bool hasBom,
        bool hasUndecodableBytes, DecodeError? error)
    {
        Text = text;
        EncodingName = encodingName;
        DeclaredEncoding = declaredEncoding;
        HasByteOrderMark = hasBom;
        HasUndecodableBytes = hasUndecodableBytes;
        Error = error;
    }

    /// <summary>The decoded source; null when <see cref="Error"/> is set.</summary>
    public string? Text { get; }

    /// <summary>Python's name of the codec used (<c>codecs.lookup(...).name</c>, e.g. "utf-8", "iso8859-1", "cp1252").</summary>
    public string? EncodingName { get; }

    /// <summary>The PEP 263 cookie's encoding as CPython normalises it ("latin-1" becomes "iso-8859-1"), or null.</summary>
    public string? DeclaredEncoding { get; }

    /// <summary>Whether the file started with a UTF-8 byte order mark (stripped from <see cref="Text"/>).</summary>
    public bool HasByteOrderMark { get; }

    /// <summary>Whether <see cref="Text"/> holds markers for bytes that are not valid UTF-8.</summary>
    public bool HasUndecodableBytes { get; }

    public DecodeError? Error { get; }

    public bool IsSuccess => Error is null;

    internal static DecodeResult Success(string text, string encodingName, string? declaredEncoding, bool hasBom,
        bool hasUndecodableBytes) =>
        new(text, encodingName, declaredEncoding, hasBom, hasUndecodableBytes, null);

    internal static DecodeResult Failure(DecodeError error, string? declaredEncoding = null, bool hasBom = false) =>
        new(null, null, declaredEncoding, hasBom, false, error);
}
