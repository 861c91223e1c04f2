using System.Text;
using System.Text.Json;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Tests.Text;

/// <summary>Compares <see cref="SourceDecoder"/> with what CPython 3.13's ast.parse(bytes) does on the same bytes.</summary>
public sealed class SourceDecoderCPythonTests
{
    // For each input: ast.parse's verdict and, when it parses, the text tokenize.detect_encoding decodes.
    private const string Script = """
        import ast, base64, json, sys, tokenize, io, warnings
        warnings.simplefilter('ignore')
        out = []
        for b64 in json.load(sys.stdin):
            data = base64.b64decode(b64)
            try:
                ast.parse(data)
                # CPython finds the cookie after translating CR and CRLF; a first line that is not
                # UTF-8 makes tokenize give up, while CPython goes on in UTF-8.
                translated = data.replace(b'\r\n', b'\n').replace(b'\r', b'\n')
                try:
                    encoding, _ = tokenize.detect_encoding(io.BytesIO(translated).readline)
                except SyntaxError:
                    encoding = 'utf-8'
                # Undecodable bytes (legal in comments) appear as gilscan's markers, U+10FF00 + byte.
                text = data.decode(encoding, 'surrogateescape')
                text = ''.join(chr(0x10FF00 + ord(c) - 0xDC00) if 0xDC80 <= ord(c) <= 0xDCFF else c for c in text)
                out.append({'ok': True, 'text': text})
            except SyntaxError as e:
                out.append({'ok': False, 'msg': e.msg, 'line': e.lineno, 'offset': e.offset})
        json.dump(out, sys.stdout)
        """;

    private static readonly string[] HandWritten =
    [
        "# \xF6\nx=1\n", "x = \"\xF6\"\n", "x\xF6 = 1\n", "a=1\nb=2\nc=\"\xE4\xBD\"\n", "a=1\n\0\n", "\xEF\xBB\xBF# coding: latin-1\nx=1\n",
        "\xEF\xBB\xBF# coding: utf-8\nx=1\n", "\xEF\xBB\xBF# coding: utf-8-sig\nx=1\n", "# coding: uft-8\nx=1\n", "\n# coding: uft-8\nx=1\n",
        "x=1\n# coding: uft-8\n", "# coding: latin-1\nx=\"\xF6\"\n", "# coding: ascii\nx=\"\xF6\"\n", "# coding: ascii\n\n\n\nx=\"\xF6\"\n",
        "# coding: utf-16\nx=1\n", "# coding: utf_32\n", "# coding: utf-16-be\nx=1\n", "# coding: latin-1\rx=\"\xF6\"\r",
        "# -*- coding: latin-1 -*-\nx=\"\xF6\"\n", "# vim: set fileencoding=latin-1 :\nx=\"\xF6\"\n", "# coding: euc-jp\nx=\"\xA4\xA2\"\n",
        "# coding: UFT-8\n", "# coding: base64\nx=1\n", "# coding: rot13\nx=1\n", "# coding: hex\n", "# coding: undefined\n", "# coding: mbcs\n",
        "# coding: cp1252\nx=\"\x81\"\n", "# coding: cp1252\nx=\"\x80\"\n", "# coding: cp037\n", "# coding: Latin-1\nx=\"\xF6\"\n",
        "# coding: latin_1\nx=\"\xF6\"\n", "# coding: ISO_8859_1\nx=\"\xF6\"\n", "# coding: latin-1-unix\nx=\"\xF6\"\n", "# coding: utf-8-whatever\n# \xF6\n",
        "\xEF\xBB\xBF# coding: utf-8-whatever\n", "\xEF\xBB\xBF# coding: UTF-8\n", "\xEF\xBB\xBF# coding: utf8\n", "# coding: ascii\r\n\r\n x=\"\xF6\"",
        "# coding: ascii\n x=\"\xF6\"", "#coding:latin1\n", "  \t# coding: uft-8\n", "x # coding: uft-8\n", "#\n#\n# coding: uft-8\n",
        "# coding: ! coding: uft-8\n", "# coding=uft-8\n", "# coding = uft-8\n", "# codingX: uft-8\n", "# encoding: uft-8\n",
        "#!/usr/bin/python\n# vim:fileencoding=uft-8\n", "\f# coding: uft-8\n", "\\\n# coding: uft-8\n", "\"\"\"\n# coding: uft-8\n\"\"\"\n",
        "# coding: uft-8.x_y-z\n", "# coding: \xC3\xA9\n", "# coding: latin-1", "\n\n# coding: uft-8\n", "\r# coding: uft-8\n",
        "   \n# coding: uft-8\n", "\xEF\xBB\xBF\n# coding: uft-8\n", "\xEF\xBB\xBF\n# coding: latin-1\n", "# coding: koi8-r\nx=\"\xC1\"\n",
        "# coding: big5\nx=\"\xA4\x40\"\n", "# coding: gbk\nx=\"\xC4\xE3\"\n", "# coding: tis-620\n", "# coding: cp65001\n", "# coding: u8\n",
        "# coding: 8859\n", "# coding: latin\n", "# coding: L1\n", "# coding: csASCII\n", "# coding: us-ascii\n", "# coding: ANSI_X3.4-1968\n",
        "# coding: ANSI_X3_4_1968\n", "# coding: mac-roman\nx='\x80\xFF'\n", "# coding: palmos\n", "# coding: euc-jp\nx=\"\xA4\"\nz=1\n",
        "# coding: utf-8-sig\n# \xF6\n", "# coding: utf8-sig\nx=1\n", "# coding: utf_16_be\n", "# coding:  \t  latin-1\nx='\xE9'\n",
        "#coding:latin1\r\n\r\n\r\n\r\n", "", "\n", "\xEF\xBB\xBF", "# coding: iso-8859-15\nx='\xA4'\n", "# coding: cp437\nx='\x80'\n",
    ];

    [CPythonFact]
    public void Hand_written_inputs_decode_or_fail_as_in_cpython()
    {
        CompareWithCPython(HandWritten.Select(Encoding.Latin1.GetBytes).ToList());
    }

    [CPythonFact]
    public void Tokenizer_test_data_and_every_stdlib_file_with_a_coding_cookie_decode_as_in_cpython()
    {
        string stdlib = CPython313.StandardLibrary!;
        var files = Directory.GetFiles(Path.Combine(stdlib, "test", "tokenizedata"), "*.py")
            .Concat(Directory.EnumerateFiles(stdlib, "*.py", SearchOption.AllDirectories)
                .Where(HasCookieInFirstTwoLines))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        files.Count.ShouldBeGreaterThan(25);
        CompareWithCPython(files.Select(File.ReadAllBytes).ToList(), files);
    }

    private static bool HasCookieInFirstTwoLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.Latin1);
        for (int i = 0; i < 2 && reader.ReadLine() is { } line; i++)
        {
            if (line.TrimStart(' ', '\t', '\f').StartsWith('#') && (line.Contains("coding:") || line.Contains("coding=")))
            {
                return true;
            }
        }
        return false;
    }

    private static void CompareWithCPython(List<byte[]> inputs, List<string>? names = null)
    {
        string json = CPython313.Run(Script, JsonSerializer.Serialize(inputs.Select(Convert.ToBase64String)));
        using var verdicts = JsonDocument.Parse(json);
        var mismatches = new List<string>();
        int index = 0;
        foreach (var verdict in verdicts.RootElement.EnumerateArray())
        {
            byte[] input = inputs[index];
            string name = names?[index] ?? Encoding.Latin1.GetString(input).Replace("\n", "\\n").Replace("\r", "\\r");
            index++;
            var ours = SourceDecoder.Decode(input);
            if (verdict.GetProperty("ok").GetBoolean())
            {
                if (ours.Text != verdict.GetProperty("text").GetString())
                {
                    mismatches.Add($"{name}: CPython decodes it, we give {ours.Error?.ToString() ?? "different text"}");
                }
                continue;
            }
            string message = verdict.GetProperty("msg").GetString()!;
            int? line = verdict.GetProperty("line").ValueKind == JsonValueKind.Null ? null : verdict.GetProperty("line").GetInt32();
            int? offset = verdict.GetProperty("offset").ValueKind == JsonValueKind.Null ? null : verdict.GetProperty("offset").GetInt32();
            if (line is null or 0)
            {
                var expected = new DecodeError(message, line, offset);
                if (ours.Error != expected)
                {
                    mismatches.Add($"{name}: CPython says {expected}, we give {ours.Error?.ToString() ?? "text"}");
                }
            }
            else if (!ours.IsSuccess)
            {
                // A located error comes from tokenizing or parsing, which decoding must leave to them.
                mismatches.Add($"{name}: CPython fails later ({message}), we fail decoding with {ours.Error}");
            }
            else if (message.StartsWith("(unicode error) 'utf-8'", StringComparison.Ordinal) && !ours.HasUndecodableBytes)
            {
                mismatches.Add($"{name}: CPython finds undecodable bytes ({message}), we found none");
            }
        }
        index.ShouldBe(inputs.Count);
        mismatches.ShouldBeEmpty();
    }

    [CPythonFact]
    public void Multibyte_codecs_decode_text_cpython_encoded()
    {
        const string EncodeScript = """
            import json, sys
            japanese = '日本語のテキスト、漢字とかな。カタカナ ASCII 123'
            chinese = '中文文本，你好。简体字 繁體字 ASCII 123'
            korean = '한국어 텍스트. 漢字 ASCII 123'
            samples = {'euc_jp': japanese, 'shift_jis': japanese, 'cp932': japanese, 'iso2022_jp': japanese,
                       'gbk': chinese, 'gb2312': chinese, 'gb18030': chinese, 'hz': chinese, 'big5': chinese, 'cp950': chinese,
                       'euc_kr': korean, 'cp949': korean, 'johab': korean, 'iso2022_kr': korean}
            out = {}
            for codec, sample in samples.items():
                encoded = sample.encode(codec, errors='ignore')
                out[codec] = {'bytes': encoded.hex(), 'text': encoded.decode(codec)}
            json.dump(out, sys.stdout)
            """;
        using var expected = JsonDocument.Parse(CPython313.Run(EncodeScript, ""));
        var mismatches = new List<string>();
        foreach (var codec in expected.RootElement.EnumerateObject())
        {
            byte[] body = Convert.FromHexString(codec.Value.GetProperty("bytes").GetString()!);
            byte[] source = [.. Encoding.ASCII.GetBytes($"# coding: {codec.Name}\n"), .. body];
            var result = SourceDecoder.Decode(source);
            string want = $"# coding: {codec.Name}\n" + codec.Value.GetProperty("text").GetString();
            if (result.Text != want)
            {
                mismatches.Add($"{codec.Name}: want {want} got {result.Error?.Message ?? result.Text}");
            }
        }
        mismatches.ShouldBeEmpty();
    }
}
