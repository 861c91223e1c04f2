using System.Text;
using System.Text.Unicode;

namespace GilScan.Syntax.Text;

/// <summary>
/// Turns the bytes of a Python source file into text as CPython 3.13's <c>ast.parse(bytes)</c> does:
/// UTF-8 by default, a UTF-8 BOM stripped, a PEP 263 coding cookie on line 1 or 2 honoured, and the
/// same refusals with the same messages (null bytes, unknown codecs, BOM/cookie conflicts, bytes the
/// declared codec cannot decode). Never throws for any input.
/// </summary>
/// <remarks>
/// In a UTF-8 source CPython accepts invalid bytes in comments and rejects them only where a string
/// or identifier holding them is parsed; such bytes are passed on as markers (see
/// <see cref="UndecodableBytes"/>). Line endings are left as they are in the file, except for a
/// source in another codec, where CPython decodes after translating CRLF and CR to LF: there the
/// error positions follow that translation, and the text keeps the file's own endings.
/// </remarks>
public static class SourceDecoder
{
    public const string NullBytesMessage = "source code string cannot contain null bytes";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static DecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return DecodeResult.Failure(new DecodeError(NullBytesMessage, null, null));
        }
        bool hasBom = bytes.StartsWith(Utf8Bom);
        var body = hasBom ? bytes[Utf8Bom.Length..] : bytes;
        string? declared = CodingCookie.Find(body);
        if (declared is null || declared == "utf-8")
        {
            return DecodeUtf8KeepingUndecodableBytes(body, declared, hasBom);
        }
        if (hasBom)
        {
            return DecodeResult.Failure(BeforeTokenizing($"encoding problem: {declared} with BOM"), declared, hasBom);
        }
        var codec = PythonCodecRegistry.Instance.Lookup(declared);
        if (codec is null)
        {
            return DecodeResult.Failure(BeforeTokenizing($"unknown encoding: {declared}"), declared);
        }
        // CPython decodes the newline-translated buffer, so that is what decides success and positions.
        var translated = CodecOutcomeOnTranslatedNewlines(codec, body, declared);
        if (translated.ErrorMessage is { } message)
        {
            return DecodeResult.Failure(BeforeTokenizing(message), declared);
        }
        var original = codec.Decode(body, declared);
        return DecodeResult.Success(original.Text ?? translated.Text!, codec.Name, declared, hasBom: false, hasUndecodableBytes: false);
    }

    /// <summary>Errors found before tokenizing carry line 0 and offset -1 in CPython.</summary>
    private static DecodeError BeforeTokenizing(string message) => new(message, 0, -1);

    private static CodecOutcome CodecOutcomeOnTranslatedNewlines(PythonCodec codec, ReadOnlySpan<byte> body, string declared)
    {
        if (body.IndexOf((byte)'\r') < 0 && body.Length > 0 && body[^1] == '\n')
        {
            return codec.Decode(body, declared);
        }
        var translated = new List<byte>(body.Length + 1);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] == '\r')
            {
                translated.Add((byte)'\n');
                if (i + 1 < body.Length && body[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                translated.Add(body[i]);
            }
        }
        if (translated.Count == 0 || translated[^1] != '\n')
        {
            translated.Add((byte)'\n');
        }
        return codec.Decode(translated.ToArray(), declared);
    }

    private static DecodeResult DecodeUtf8KeepingUndecodableBytes(ReadOnlySpan<byte> body, string? declared, bool hasBom)
    {
        if (Utf8.IsValid(body))
        {
            return DecodeResult.Success(Encoding.UTF8.GetString(body), "utf-8", declared, hasBom, hasUndecodableBytes: false);
        }
        var text = new StringBuilder(body.Length);
        int i = 0;
        while (i < body.Length)
        {
            var status = Rune.DecodeFromUtf8(body[i..], out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune);
            }
            else
            {
                // .NET, like CPython, rejects a maximal invalid subsequence at a time; keep each byte.
                for (int k = 0; k < consumed; k++)
                {
                    text.Append(new Rune(UndecodableBytes.MarkerFor(body[i + k])));
                }
            }
            i += consumed;
        }
        return DecodeResult.Success(text.ToString(), "utf-8", declared, hasBom, hasUndecodableBytes: true);
    }
}
