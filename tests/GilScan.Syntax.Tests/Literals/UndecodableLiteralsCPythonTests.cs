using System.Text;
using System.Text.Json;
using GilScan.Syntax.Literals;
using GilScan.Syntax.Text;
using GilScan.Syntax.Tests.Text;

namespace GilScan.Syntax.Tests.Literals;

/// <summary>
/// Sources whose string literals hold bytes that are not UTF-8: CPython fails when it parses the
/// literal; gilscan decodes the file with markers and fails in <see cref="StringLiteral"/> with the same message.
/// </summary>
public sealed class UndecodableLiteralsCPythonTests
{
    private const string Script = """
        import ast, base64, json, sys, warnings
        warnings.simplefilter('ignore')
        out = []
        for b64 in json.load(sys.stdin):
            try:
                ast.parse(base64.b64decode(b64))
                out.append(None)
            except (SyntaxError, UnicodeDecodeError) as e:
                out.append(e.msg if isinstance(e, SyntaxError) else str(e))
        json.dump(out, sys.stdout)
        """;

    private static readonly string[] Tokens =
    [
        "\"abc\xF6\"", "\"\xC3\xA9\xF6\"", "\"\xF6" + "abc\"", "\"ab\xE4\xBDxyz\"", "\"ab\xE4\xBD\xF6xyz\"", "\"a\\n\xF6\"", "\"a\\\xF6\"",
        "r\"abc\xF6\"", "u\"\xF6\"", "\"\xC3\"", "\"\xC3 \"", "\"\xC3\xA9\xC3\"", "\"\\N{\xF6}\"", "\"\xED\xA0\x80\"", "\"\xF0\x9F\x98\"",
        "\"\xF4\x90\x80\x80\"", "\"\"\"\nabc\n\xF6\"\"\"", "\"\xE0\x80\x80\"", "\"\xF0\x80\x80\x80x\"", "\"\\x41\xFF\xFE\"", "b\"abc\xF6\"",
        "f\"abc\xF6\"", "f\"a\\n\xF6\"", "f\"\xC3\xA9\xF6\"",
    ];

    [CPythonFact]
    public void Undecodable_bytes_in_literals_fail_with_cpythons_message()
    {
        var sources = Tokens.Select(token => Encoding.Latin1.GetBytes("x = " + token + "\n")).ToList();
        var messages = JsonSerializer.Deserialize<string?[]>(CPython313.Run(Script, JsonSerializer.Serialize(sources.Select(Convert.ToBase64String))))!;
        var mismatches = new List<string>();
        for (int i = 0; i < sources.Count; i++)
        {
            var decoded = SourceDecoder.Decode(sources[i]);
            decoded.HasUndecodableBytes.ShouldBeTrue(Tokens[i]);
            string token = decoded.Text!["x = ".Length..^1];
            string? ours;
            if (token.StartsWith('f'))
            {
                ours = StringLiteral.DecodeFStringPart(token[2..^1], isRaw: false, hasUndecodableByteMarkers: true).Error?.Message;
            }
            else
            {
                ours = StringLiteral.Parse(token, hasUndecodableByteMarkers: true).Error?.Message;
            }
            if (ours != messages[i])
            {
                mismatches.Add($"{Tokens[i]}: CPython {messages[i] ?? "parses it"}, ours {ours ?? "parses it"}");
            }
        }
        mismatches.ShouldBeEmpty();
    }
}
