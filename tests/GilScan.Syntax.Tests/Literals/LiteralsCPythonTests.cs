using System.Text;
using System.Text.Json;
using GilScan.Syntax.Literals;
using GilScan.Syntax.Tests.Text;

namespace GilScan.Syntax.Tests.Literals;

/// <summary>
/// Runs CPython 3.13 over generated literal tokens (hand-picked edge cases plus a seeded fuzz) and
/// compares values, errors and warnings with <see cref="StringLiteral"/> and <see cref="NumberLiteral"/>.
/// </summary>
public sealed class LiteralsCPythonTests
{
    // For each token: "skip" unless it is exactly one STRING/NUMBER token (or one f-string without
    // replacement fields); else its value, or the SyntaxError, and the first SyntaxWarning.
    private const string Script = """
        import ast, io, json, struct, sys, tokenize, warnings
        def single_token(src):
            # CPython's own tokenizer sees CR and CRLF as LF; the tokenize module splits on LF only.
            src = src.replace('\r\n', '\n').replace('\r', '\n')
            try:
                toks = [t for t in tokenize.generate_tokens(io.StringIO(src).readline)
                        if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)]
            except (tokenize.TokenError, SyntaxError):
                return None
            kinds = [tokenize.tok_name[t.type] for t in toks]
            if kinds in (['STRING'], ['NUMBER']) and toks[0].string == src:
                return kinds[0]
            if kinds and kinds[0] == 'FSTRING_START' and kinds[-1] == 'FSTRING_END' and set(kinds[1:-1]) <= {'FSTRING_MIDDLE'}:
                return 'FSTRING'
            return None
        def encode(v):
            if isinstance(v, str):
                # Adjacent surrogate escapes read as one astral character, as in UTF-16 (see StringLiteralValue).
                return {'str': [ord(c) for c in v.encode('utf-16-le', 'surrogatepass').decode('utf-16-le', 'surrogatepass')]}
            if isinstance(v, bytes):
                return {'bytes': v.hex()}
            if isinstance(v, bool) or v is None:
                return {'other': repr(v)}
            if isinstance(v, int):
                return {'int': hex(v)}
            if isinstance(v, float):
                return {'float': struct.unpack('<q', struct.pack('<d', v))[0]}
            if isinstance(v, complex):
                return {'imag': struct.unpack('<q', struct.pack('<d', v.imag))[0]}
            return {'other': repr(v)}
        out = []
        for src in json.load(sys.stdin):
            kind = single_token(src)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter('always')
                try:
                    tree = ast.parse(src)
                except SyntaxError as e:
                    out.append({'kind': kind, 'error': e.msg, 'offset': e.offset, 'line': e.lineno})
                    continue
                except UnicodeDecodeError as e:
                    out.append({'kind': kind, 'error': str(e), 'offset': None, 'line': None})
                    continue
            warning = next((str(w.message) for w in caught if w.category is SyntaxWarning), None)
            node = tree.body[0].value if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr) else None
            if kind == 'FSTRING' and isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values):
                out.append({'kind': kind, 'value': encode(''.join(v.value for v in node.values)), 'warning': warning})
            elif kind in ('STRING', 'NUMBER') and isinstance(node, ast.Constant):
                out.append({'kind': kind, 'value': encode(node.value), 'warning': warning, 'ukind': node.kind})
            else:
                out.append({'kind': None})
        json.dump(out, sys.stdout, separators=(',', ':'))
        """;

    private static readonly string[] HandPickedStrings =
    [
        "'\\777'", "b'\\777'", "b'\\400'", "'\\400'", "'\\0'", "'\\08'", "'\\1234'", "'\\x'", "'\\x4'", "'\\x4g'", "'\\u12'",
        "'\\U0011ffff'", "'\\U00110000'", "'\\ud800'", "'\\N'", "'\\N{'", "'\\N{}'", "'\\N{foo}'", "'\\N{dash'", "'é\\x'", "'\\é'",
        "'\\\\x\\x'", "'\\N{latin small letter a}'", "'\\N{CJK UNIFIED IDEOGRAPH-4E00}'", "'\\N{cjk unified ideograph-4e00}'",
        "'\\N{CJK UNIFIED IDEOGRAPH-4e00}'", "'\\N{CJK UNIFIED IDEOGRAPH-04E00}'", "'\\N{CJK UNIFIED IDEOGRAPH-9FFF}'",
        "'\\N{CJK UNIFIED IDEOGRAPH-A000}'", "'\\N{HANGUL SYLLABLE GAG}'", "'\\N{hangul syllable gag}'", "'\\N{Hangul Syllable GAG}'",
        "'\\N{HANGUL SYLLABLE gag}'", "'\\N{HANGUL SYLLABLE A}'", "'\\N{HANGUL SYLLABLE GGWAELH}'", "'\\N{HANGUL SYLLABLE X}'",
        "'\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}'", "'\\N{KEYCAP NUMBER SIGN}'", "'\\N{BOM}'", "'\\N{bom}'",
        "'\\N{TANGUT IDEOGRAPH-17000}'", "'\\N{CJK COMPATIBILITY IDEOGRAPH-F900}'", "'\\N{KHITAN SMALL SCRIPT CHARACTER-18B00}'",
        "'\\N{NUSHU CHARACTER-1B170}'", "'\\N{LINE FEED}'", "'\\N{NULL}'", "'\\N{VS256}'", "'\\N{EM  DASH}'", "'\\N{ EM DASH}'",
        "'\\N{EM-DASH}'", "'\\N{em dash}'", "'\\N{é}'", "'\\d'", "b'\\d'", "b'\\N{DASH}'", "b'\\u1234'", "b'\\x4'", "b'é'", "u'x'", "U'x'",
        "Rb'\\d'", "bR'\\d'", "'\\x41\\u0042\\U00000043\\103'", "'\\8'", "'\\d\\q'", "'a\\\\b\\c'", "'''\\\n\\d'''", "'''a\r\nb'''",
        "'a\\\r\nb'", "'a\\\rb'", "r'a\\\r\nb'", "'''\r'''", "\"\"\"a\rb\"\"\"", "'\\ud83d\\ude00'", "'\\U0001F600'", "'😀\\x41'",
        "'\\😀'", "b''", "''", "''''''", "r''", "'\\''", "\"\\\"\"", "'\\a\\b\\f\\n\\r\\t\\v'", "b'\\a\\b\\f\\n\\r\\t\\v\\x00\\xff\\xFf'",
        "'\\uD800\\uDC00'", "'\\N{DIGIT ONE}\\N{DIGIT TWO}'", "'\\0777'", "'\\01'", "'\\xZZ'", "'\\U1234'", "'\\uabcd'",
        "f'\\N{EM DASH}'", "f'{{\\N{EM DASH}}}'", "f'\\{{'", "f'a\\N{EM DASH}b'", "f'\\x'", "f'é\\x'", "f'a{{\\x'", "f'{{'",
        "f'}}'", "f'a{{b}}c'", "rf'\\d{{'", "Rf'\\n'", "f'\\d'", "f''", "f'''a\r\nb'''", "f'\\N{foo}'", "f'\\\\'",
    ];

    private static readonly string[] HandPickedNumbers =
    [
        "0", "00", "0_0", "000_000", "01", "0_1", "09", "0x", "0x_ff", "0X_F_F", "0b102", "0o8", "0o_7", "1__0", "1_", "1.e5", "1e",
        "1e+", "1_000.5e-3", "1e400", ".5", "5.", "1e-324", "2.2250738585072014e-308", "0.1", "1_0.0_1", "1j", "1.5J", "1e3j", "0j",
        "00j", "09.5", "09e1", "09j", "0_9", "0e0", "1._5", "1.5_", "0b1e1", "1.e", "4e", "5.j", "1E1_0", "1e1_0j", "0_7", "00_0", "0b",
        "0o", "0_", "1__", "0x1_", "1ea", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "1.7976931348623157e308", "1.7976931348623159e308", "9007199254740993", "9007199254740993.0", "0.30000000000000004",
        "123456789012345678901234567890", "0xffffffffffffffff", "0o1777777777777777777777", "0b" + new string('1', 64),
        new string('1', 4300), new string('1', 4301), "1_" + string.Concat(Enumerable.Repeat("1_", 4299)) + "1",
        new string('1', 5000) + ".0", new string('1', 5000) + "j", "0." + new string('0', 400) + "1e400", "1" + new string('0', 400) + "e-400",
        "0x" + new string('f', 5000), "0e", "0e1", "0.", "0.e1", "0_0.5", "1_2_3j", "0xAbC", "0O17", "0B11", "1if", "1e5e5",
    ];

    [CPythonFact]
    public void String_literals_match_cpython()
    {
        var tokens = HandPickedStrings.Concat(FuzzStrings(seed: 3131, count: 2500)).ToList();
        var mismatches = new List<string>();
        int compared = 0;
        foreach (var (token, verdict) in AskCPython(tokens))
        {
            string? kind = verdict.GetProperty("kind").GetString();
            if (kind is not ("STRING" or "FSTRING"))
            {
                continue;
            }
            compared++;
            string? problem = kind == "STRING" ? CompareString(token, verdict) : CompareFString(token, verdict);
            if (problem is not null)
            {
                mismatches.Add($"{Show(token)}: {problem}");
            }
        }
        compared.ShouldBeGreaterThan(1000);
        mismatches.ShouldBeEmpty();
    }

    [CPythonFact]
    public void Number_literals_match_cpython()
    {
        // Only texts a lexer could take for one number token: they start a number, hold one '.' at
        // most and before any letter, and a sign only in an exponent; otherwise CPython's error may be about a later token.
        var tokens = HandPickedNumbers.Concat(FuzzNumbers(seed: 4300, count: 4000))
            .Where(t => (char.IsAsciiDigit(t[0]) || t.Length > 1 && t[0] == '.' && char.IsAsciiDigit(t[1]))
                && t.Count(c => c == '.') <= 1 && !t.TakeWhile(c => c != '.').Any(char.IsAsciiLetter)
                && Enumerable.Range(1, t.Length - 1).All(i => t[i] is not ('+' or '-') || t[i - 1] is 'e' or 'E'))
            .ToList();
        var mismatches = new List<string>();
        int compared = 0;
        foreach (var (token, verdict) in AskCPython(tokens))
        {
            var ours = new Lazy<LiteralResult<NumberValue>>(() => NumberLiteral.Parse(token));
            string? kind = verdict.GetProperty("kind").GetString();
            if (verdict.TryGetProperty("error", out var error))
            {
                // Compare errors the number tokenizer reports on line 1 (others belong to the parser).
                if (verdict.GetProperty("line").ValueKind != JsonValueKind.Number || verdict.GetProperty("line").GetInt32() != 1
                    || !IsNumberError(error.GetString()!))
                {
                    continue;
                }
                compared++;
                var expected = new LiteralError(error.GetString()!, verdict.GetProperty("offset").GetInt32());
                if (ours.Value.Error != expected)
                {
                    mismatches.Add($"{Show(token)}: CPython {expected}, ours {(object?)ours.Value.Error ?? Describe(ours.Value.Value!)}");
                }
                continue;
            }
            if (kind != "NUMBER")
            {
                continue;
            }
            compared++;
            string want = verdict.GetProperty("value").GetRawText();
            string got = ours.Value.Value is { } value ? Describe(value) : ours.Value.Error!.ToString();
            if (want != got)
            {
                mismatches.Add($"{Show(token)}: CPython {want}, ours {got}");
            }
        }
        compared.ShouldBeGreaterThan(1000);
        mismatches.ShouldBeEmpty();
    }

    [CPythonFact]
    public void Every_hangul_syllable_and_alias_name_and_a_sample_of_names_resolve_as_in_cpython()
    {
        const string NamesScript = """
            import json, sys, unicodedata, random
            names = [unicodedata.name(chr(c)) for c in range(0xAC00, 0xD7A4)]
            rng = random.Random(15)
            named = [c for c in range(0x110000) if unicodedata.name(chr(c), None)]
            names += [unicodedata.name(chr(c)) for c in rng.sample(named, 3000)]
            json.dump([[n, unicodedata.lookup(n)] for n in names], sys.stdout)
            """;
        using var pairs = JsonDocument.Parse(CPython313.Run(NamesScript, ""));
        var mismatches = new List<string>();
        foreach (var pair in pairs.RootElement.EnumerateArray())
        {
            string name = pair[0].GetString()!;
            string expected = pair[1].GetString()!;
            string? got = StringLiteral.Parse($"'\\N{{{name}}}'").Value?.Text;
            if (got != expected)
            {
                mismatches.Add(name);
            }
        }
        mismatches.ShouldBeEmpty();
    }

    private static bool IsNumberError(string message) =>
        message.StartsWith("invalid ", StringComparison.Ordinal) && message.EndsWith(" literal", StringComparison.Ordinal)
        || message.StartsWith("invalid digit", StringComparison.Ordinal)
        || message.StartsWith("leading zeros", StringComparison.Ordinal)
        || message.StartsWith("Exceeds the limit", StringComparison.Ordinal);

    private static string? CompareString(string token, JsonElement verdict)
    {
        var ours = StringLiteral.Parse(token);
        if (verdict.TryGetProperty("error", out var error))
        {
            return ours.Error?.Message == error.GetString() ? null : $"CPython error {error.GetString()}, ours {ours.Error?.Message ?? "a value"}";
        }
        if (ours.Value is not { } value)
        {
            return $"CPython parses it, ours {ours.Error}";
        }
        string want = verdict.GetProperty("value").GetRawText();
        string got = value.Bytes is { } bytes ? JsonSerializer.Serialize(new { bytes = Convert.ToHexStringLower(bytes) }) : CodePoints(value.Text!);
        if (want != got)
        {
            return $"CPython {want}, ours {got}";
        }
        string? warning = verdict.GetProperty("warning").GetString();
        if (warning != value.Warning?.Message)
        {
            return $"CPython warns {warning ?? "nothing"}, ours {value.Warning?.Message ?? "nothing"}";
        }
        string? kind = verdict.GetProperty("ukind").GetString();
        return kind == value.Prefix.Kind ? null : $"CPython kind {kind}, ours {value.Prefix.Kind}";
    }

    private static string? CompareFString(string token, JsonElement verdict)
    {
        var prefix = StringPrefix.Read(token, out int prefixLength)!.Value;
        int quotes = token.Length - prefixLength >= 6 && token[prefixLength] == token[prefixLength + 1] && token[prefixLength] == token[prefixLength + 2] ? 3 : 1;
        string content = token[(prefixLength + quotes)..^quotes];
        var ours = StringLiteral.DecodeFStringPart(content, prefix.IsRaw);
        if (verdict.TryGetProperty("error", out var error))
        {
            return ours.Error?.Message == error.GetString() ? null : $"CPython error {error.GetString()}, ours {ours.Error?.Message ?? "a value"}";
        }
        string want = verdict.GetProperty("value").GetRawText();
        string got = ours.Value is { } text ? CodePoints(text) : ours.Error!.ToString();
        return want == got ? null : $"CPython {want}, ours {got}";
    }

    /// <summary>The value as the script writes a str: code points, a surrogate pair read as one (see StringLiteralValue).</summary>
    private static string CodePoints(string text)
    {
        var points = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                points.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                points.Add(text[i]);
            }
        }
        return JsonSerializer.Serialize(new { str = points });
    }

    private static string Describe(NumberValue value) => value.Kind switch
    {
        NumberKind.Integer => JsonSerializer.Serialize(new { @int = "0x" + (value.Integer.IsZero ? "0" : value.Integer.ToString("x").TrimStart('0')) }),
        NumberKind.Float => JsonSerializer.Serialize(new { @float = BitConverter.DoubleToInt64Bits(value.Double) }),
        _ => JsonSerializer.Serialize(new { imag = BitConverter.DoubleToInt64Bits(value.Double) }),
    };

    private static IEnumerable<(string Token, JsonElement Verdict)> AskCPython(List<string> tokens)
    {
        var verdicts = JsonDocument.Parse(CPython313.Run(Script, JsonSerializer.Serialize(tokens))).RootElement.EnumerateArray().ToList();
        verdicts.Count.ShouldBe(tokens.Count);
        return tokens.Zip(verdicts);
    }

    private static IEnumerable<string> FuzzStrings(int seed, int count)
    {
        string[] pieces =
        [
            "\\", "\\", "\\", "x", "N", "{", "}", "{{", "}}", "0", "7", "3", "8", "u", "U", "a", "F", "e", "é", "😀", "\n", "\r\n", "\r",
            "4", "1", "d", "'", "\"", " ", "{EM DASH}", "{LATIN SMALL LETTER A}", "{BOM}", "\\\\", "\\N{", "\\x", "\\u", "\\U000",
            "D800", "dc00", "0041", "ff", "{HANGUL SYLLABLE GAG}", "{em dash}", "\\0", "\\77",
        ];
        string[] prefixes = ["", "", "", "r", "b", "rb", "u", "U", "R", "Br", "f", "rf", "F", "fR"];
        string[] quotes = ["'", "\"", "'''", "\"\"\""];
        var random = new Random(seed);
        for (int n = 0; n < count; n++)
        {
            var body = new StringBuilder();
            int length = random.Next(1, 9);
            for (int k = 0; k < length; k++)
            {
                body.Append(pieces[random.Next(pieces.Length)]);
            }
            string quote = quotes[random.Next(quotes.Length)];
            yield return prefixes[random.Next(prefixes.Length)] + quote + body + quote;
        }
    }

    private static IEnumerable<string> FuzzNumbers(int seed, int count)
    {
        string[] pieces = ["0", "1", "7", "9", "00", "_", ".", "e", "E", "-", "+", "j", "x", "o", "b", "f", "A", "8", "2", "5", "123", "e-3", "e+30"];
        var random = new Random(seed);
        for (int n = 0; n < count; n++)
        {
            var token = new StringBuilder();
            token.Append(random.Next(4) switch { 0 => "0", 1 => ".", _ => random.Next(1, 10).ToString() });
            int length = random.Next(0, 7);
            for (int k = 0; k < length; k++)
            {
                token.Append(pieces[random.Next(pieces.Length)]);
            }
            yield return token.ToString();
        }
    }

    private static string Show(string token) => token.Length > 60 ? token[..60] + "..." : token.Replace("\n", "\\n").Replace("\r", "\\r");
}
