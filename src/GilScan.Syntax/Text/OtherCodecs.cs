using System.Text;

namespace GilScan.Syntax.Text;

/// <summary>
/// A CJK multibyte codec (euc_jp, shift_jis, gbk, big5, ...), decoded with the nearest Windows code
/// page that .NET provides. The code pages are close to, not identical with, CPython's tables (for
/// example shift_jis is decoded as cp932, which adds NEC and IBM extensions), so a rare byte sequence
/// may decode here where CPython rejects it.
/// </summary>
internal sealed class MultibyteCodec(string name, int codePage) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ExceptionFallback,
            DecoderFallback.ExceptionFallback);
        if (encoding is null)
        {
            return CodecOutcome.Failed($"gilscan cannot decode the '{Name}' source encoding");
        }
        try
        {
            return CodecOutcome.Decoded(encoding.GetString(input));
        }
        catch (DecoderFallbackException e)
        {
            int start = Math.Clamp(e.Index, 0, Math.Max(0, input.Length - 1));
            int length = Math.Max(1, e.BytesUnknown?.Length ?? 1);
            string reason = start + length >= input.Length ? "incomplete multibyte sequence" : "illegal multibyte sequence";
            return CodecOutcome.Failed(CodecErrorMessage.Format(Name, input, start, start + 1, reason));
        }
    }
}

/// <summary>A codec that is not a text encoding (base64, rot13, zlib, ...): CPython refuses it as a source encoding.</summary>
internal sealed class NonTextCodec(string name) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName) =>
        CodecOutcome.Failed($"'{requestedName}' is not a text encoding; use codecs.decode() to handle arbitrary codecs");
}

/// <summary>Python's "undefined" codec, which fails for any input.</summary>
internal sealed class UndefinedCodec(string name) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName) =>
        CodecOutcome.Failed("undefined encoding");
}

/// <summary>A codec CPython has but gilscan does not implement (utf-7, idna, punycode, the escape codecs).</summary>
internal sealed class UnsupportedCodec(string name) : PythonCodec(name)
{
    public override CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName) =>
        CodecOutcome.Failed($"gilscan cannot decode the '{Name}' source encoding");
}
