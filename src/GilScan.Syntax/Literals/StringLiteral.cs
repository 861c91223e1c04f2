using System.Text;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Literals;

/// <summary>
/// Computes the values of Python string and bytes literals exactly as CPython 3.13 does, escapes,
/// line continuations, \N{...} names and error messages included.
/// </summary>
public static class StringLiteral
{
    private const string BytesNotAscii = "bytes can only contain ASCII literal characters";

    /// <summary>
    /// Parses a complete non-f string token, prefix and quotes included (<c>'a'</c>, <c>r"\d"</c>,
    /// <c>b'\x00'</c>, <c>"""..."""</c>, <c>U'...'</c>, <c>Rb'..'</c>).
    /// </summary>
    /// <param name="tokenText">The token as it is in the decoded source.</param>
    /// <param name="hasUndecodableByteMarkers">
    /// True when the source's <see cref="DecodeResult.HasUndecodableBytes"/> was set: markers in the
    /// token are then undecodable bytes, and the result is CPython's "(unicode error) 'utf-8' codec ..." error.
    /// </param>
    /// <returns>
    /// The value, or the error CPython raises; CPython reports every error of a string literal at the
    /// token's start, whatever <see cref="LiteralError.Offset"/> says about the escape at fault.
    /// </returns>
    /// <exception cref="ArgumentException">The text is not a string token, or is an f-string or t-string.</exception>
    public static LiteralResult<StringLiteralValue> Parse(string tokenText, bool hasUndecodableByteMarkers = false)
    {
        ArgumentNullException.ThrowIfNull(tokenText);
        var prefix = StringPrefix.Read(tokenText, out int prefixLength)
            ?? throw new ArgumentException($"not a string token: {tokenText}", nameof(tokenText));
        if (prefix.IsFormatted || prefix.IsTemplate)
        {
            throw new ArgumentException("f-strings and t-strings are parsed by parts: use DecodeFStringPart", nameof(tokenText));
        }
        int quoteLength = QuoteLength(tokenText, prefixLength);
        int bodyStart = prefixLength + quoteLength;
        var newlines = SourceNewlines.Translate(tokenText.AsSpan(bodyStart, tokenText.Length - bodyStart - quoteLength));
        string body = newlines.Text;
        bool raw = prefix.IsRaw || !body.Contains('\\');

        if (prefix.IsBytes)
        {
            if (!Ascii.IsValid(body))
            {
                return LiteralResult<StringLiteralValue>.Failure(new LiteralError(BytesNotAscii, 0));
            }
            if (raw)
            {
                return Success(prefix, null, Encoding.ASCII.GetBytes(body), null, false);
            }
            var bytes = BytesEscapeDecoder.Decode(body);
            return bytes.ErrorMessage is { } bytesError
                ? Failure(bytesError, bodyStart + newlines.ToOriginal(bytes.ErrorIndex))
                : Success(prefix, null, bytes.Value, Shift(bytes.Warning, bodyStart, newlines), false);
        }

        if (raw)
        {
            if (hasUndecodableByteMarkers && UndecodableBytes.ContainsMarker(body) && PythonUtf8Access.FindFailure(UndecodableBytes.ToSourceBytes(body)) is { } utf8Error)
            {
                return Failure("(unicode error) " + utf8Error, bodyStart);
            }
            return Success(prefix, body, null, null, false);
        }
        var text = UnicodeEscapeDecoder.Decode(body, hasUndecodableByteMarkers);
        return text.ErrorMessage is { } textError
            ? Failure(textError, bodyStart + newlines.ToOriginal(text.ErrorIndex))
            : Success(prefix, text.Value, null, Shift(text.Warning, bodyStart, newlines), text.HasSurrogates);
    }

    /// <summary>
    /// The value of one literal part of an f-string or t-string as written in the source between
    /// replacement fields: <c>{{</c> and <c>}}</c> become single braces and, unless <paramref name="isRaw"/>,
    /// escapes (\N{...} included) are decoded.
    /// </summary>
    /// <remarks>
    /// CPython's tokenizer splits a part after the first brace of each doubled pair and decodes the
    /// pieces separately; this does the same, so error positions match. CPython reports escape errors
    /// as "(unicode error) ..." SyntaxErrors, but lets an undecodable byte in a piece escape as a
    /// UnicodeDecodeError (not a SyntaxError), whose message this returns without that prefix.
    /// </remarks>
    public static LiteralResult<string> DecodeFStringPart(string rawText, bool isRaw, bool hasUndecodableByteMarkers = false)
    {
        ArgumentNullException.ThrowIfNull(rawText);
        var newlines = SourceNewlines.Translate(rawText);
        string text = newlines.Text;
        var value = new StringBuilder(text.Length);
        int pieceStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                char next = text[i + 1];
                if (next is '{' or '}')
                {
                    i++;
                }
                else if (!isRaw && next == 'N' && i + 2 < text.Length && text[i + 2] == '{')
                {
                    int close = text.IndexOf('}', i + 3);
                    i = close < 0 ? text.Length : close + 1;
                }
                else
                {
                    i += 2;
                }
                continue;
            }
            if (c is '{' or '}')
            {
                if (i + 1 >= text.Length || text[i + 1] != c)
                {
                    if (c == '}')
                    {
                        return LiteralResult<string>.Failure(new LiteralError("f-string: single '}' is not allowed", newlines.ToOriginal(i)));
                    }
                    throw new ArgumentException("a literal part cannot hold a replacement field", nameof(rawText));
                }
                if (DecodePiece(text, pieceStart, i + 1, isRaw, hasUndecodableByteMarkers, value) is { } error)
                {
                    return LiteralResult<string>.Failure(error with { Offset = newlines.ToOriginal(error.Offset) });
                }
                pieceStart = i + 2;
                i += 2;
                continue;
            }
            i++;
        }
        if (DecodePiece(text, pieceStart, text.Length, isRaw, hasUndecodableByteMarkers, value) is { } lastError)
        {
            return LiteralResult<string>.Failure(lastError with { Offset = newlines.ToOriginal(lastError.Offset) });
        }
        return LiteralResult<string>.Success(value.ToString());
    }

    private static LiteralError? DecodePiece(string text, int start, int end, bool isRaw, bool markers, StringBuilder value)
    {
        var piece = text.AsSpan(start, end - start);
        // CPython decodes each piece's bytes as UTF-8 before looking at escapes.
        if (markers && UndecodableBytes.ContainsMarker(piece) && PythonUtf8Access.FindFailure(UndecodableBytes.ToSourceBytes(piece)) is { } utf8Error)
        {
            return new LiteralError(utf8Error, start);
        }
        if (isRaw || !piece.Contains('\\'))
        {
            value.Append(piece);
            return null;
        }
        var decoded = UnicodeEscapeDecoder.Decode(piece, markers);
        if (decoded.ErrorMessage is { } message)
        {
            return new LiteralError(message, start + decoded.ErrorIndex);
        }
        value.Append(decoded.Value);
        return null;
    }

    private static int QuoteLength(string token, int prefixLength)
    {
        char quote = token[prefixLength];
        int rest = token.Length - prefixLength;
        bool closes(int count) => rest >= 2 * count && token.AsSpan(token.Length - count).IndexOfAnyExcept(quote) < 0;
        if (rest >= 6 && token[prefixLength + 1] == quote && token[prefixLength + 2] == quote && closes(3))
        {
            return 3;
        }
        return closes(1) ? 1 : throw new ArgumentException($"string token is not closed: {token}", nameof(token));
    }

    private static LiteralWarning? Shift(LiteralWarning? warning, int bodyStart, SourceNewlines newlines) =>
        warning is null ? null : warning with { Offset = bodyStart + newlines.ToOriginal(warning.Offset) };

    private static LiteralResult<StringLiteralValue> Success(StringPrefix prefix, string? text, byte[]? bytes, LiteralWarning? warning, bool surrogates) =>
        LiteralResult<StringLiteralValue>.Success(new StringLiteralValue(prefix, text, bytes, warning, surrogates));

    private static LiteralResult<StringLiteralValue> Failure(string message, int offset) =>
        LiteralResult<StringLiteralValue>.Failure(new LiteralError(message, offset));
}
