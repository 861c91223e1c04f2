using System.Collections.Frozen;
using System.Globalization;

namespace GilScan.Syntax.Text;

/// <summary>
/// Python's codec registry as a PEP 263 cookie sees it: the normalisation of <c>codecs.lookup</c> and
/// <c>encodings.search_function</c>, the alias table of <c>encodings.aliases</c>, and one
/// <see cref="PythonCodec"/> per codec module. The facts come from Data/python-codecs.txt, generated
/// from CPython 3.13 by tools/generate_python_text_data.py.
/// </summary>
internal sealed class PythonCodecRegistry
{
    private static readonly Lazy<PythonCodecRegistry> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // CPython's CJK codecs, by the nearest code page .NET provides.
    private static readonly FrozenDictionary<string, int> MultibyteCodePages = new Dictionary<string, int>
    {
        ["big5"] = 950,
        ["big5hkscs"] = 950,
        ["cp950"] = 950,
        ["cp932"] = 932,
        ["shift_jis"] = 932,
        ["shift_jis_2004"] = 932,
        ["shift_jisx0213"] = 932,
        ["euc_jp"] = 51932,
        ["euc_jis_2004"] = 51932,
        ["euc_jisx0213"] = 51932,
        ["cp949"] = 949,
        ["euc_kr"] = 51949,
        ["johab"] = 1361,
        ["gb2312"] = 936,
        ["gbk"] = 936,
        ["gb18030"] = 54936,
        ["hz"] = 52936,
        ["iso2022_jp"] = 50220,
        ["iso2022_jp_1"] = 50220,
        ["iso2022_jp_2"] = 50220,
        ["iso2022_jp_2004"] = 50220,
        ["iso2022_jp_3"] = 50220,
        ["iso2022_jp_ext"] = 50221,
        ["iso2022_kr"] = 50225,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, string> _aliases;
    private readonly FrozenDictionary<string, PythonCodec> _codecsByModule;

    private PythonCodecRegistry(FrozenDictionary<string, string> aliases, FrozenDictionary<string, PythonCodec> codecsByModule)
    {
        _aliases = aliases;
        _codecsByModule = codecsByModule;
    }

    public static PythonCodecRegistry Instance => Loaded.Value;

    /// <summary>The codec <c>codecs.lookup(name)</c> finds, or null where CPython says "unknown encoding".</summary>
    public PythonCodec? Lookup(string name)
    {
        string normalized = Normalize(name);
        string? alias = _aliases.GetValueOrDefault(normalized) ?? _aliases.GetValueOrDefault(normalized.Replace('.', '_'));
        foreach (string? module in new[] { alias, normalized })
        {
            if (!string.IsNullOrEmpty(module) && !module.Contains('.') && _codecsByModule.TryGetValue(module, out var codec))
            {
                return codec;
            }
        }
        return null;
    }

    /// <summary>
    /// Lower-cases ASCII letters and collapses every run of other characters except '.' into one '_',
    /// dropping leading and trailing runs (CPython's _Py_normalize_encoding, which runs before
    /// encodings.normalize_encoding and treats non-ASCII as punctuation).
    /// </summary>
    internal static string Normalize(string name)
    {
        var result = new System.Text.StringBuilder(name.Length);
        bool punctuation = false;
        foreach (char c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '.')
            {
                if (punctuation && result.Length > 0)
                {
                    result.Append('_');
                }
                result.Append(char.ToLowerInvariant(c));
                punctuation = false;
            }
            else
            {
                punctuation = true;
            }
        }
        return result.ToString();
    }

    private static PythonCodecRegistry Load()
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var codecs = new Dictionary<string, PythonCodec>(StringComparer.Ordinal);
        using var stream = typeof(PythonCodecRegistry).Assembly.GetManifestResourceStream("GilScan.Syntax.Text.Data.python-codecs.txt")
            ?? throw new InvalidOperationException("embedded resource python-codecs.txt is missing");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            string[] parts = line.Split(' ');
            if (parts[0] == "alias")
            {
                aliases[parts[1]] = parts[2];
            }
            else if (parts[0] == "codec")
            {
                codecs[parts[1]] = Create(parts[1], parts[2], parts[3], parts.Length > 5 ? parts[4] : null, parts.Length > 5 ? parts[5] : null);
            }
        }
        return new PythonCodecRegistry(aliases.ToFrozenDictionary(StringComparer.Ordinal), codecs.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static PythonCodec Create(string module, string name, string kind, string? tableShape, string? table) => kind switch
    {
        "charmap" => new CharmapCodec(name, ParseTable(tableShape!, table!)),
        "ascii" => new AsciiCodec(name),
        "latin1" => new Latin1Codec(name),
        "utf8" => new Utf8Codec(name, skipsSignature: false),
        "utf8sig" => new Utf8Codec(name, skipsSignature: true),
        "utf16" => new WideUnicodeCodec(name, 2, null),
        "utf16le" => new WideUnicodeCodec(name, 2, false),
        "utf16be" => new WideUnicodeCodec(name, 2, true),
        "utf32" => new WideUnicodeCodec(name, 4, null),
        "utf32le" => new WideUnicodeCodec(name, 4, false),
        "utf32be" => new WideUnicodeCodec(name, 4, true),
        "multibyte" when MultibyteCodePages.TryGetValue(module, out int codePage) => new MultibyteCodec(name, codePage),
        "nontext" => new NonTextCodec(name),
        "undefined" => new UndefinedCodec(name),
        _ => new UnsupportedCodec(name),
    };

    private static char[] ParseTable(string shape, string hex)
    {
        var table = new char[256];
        int first = shape == "low" ? 128 : 0;
        for (int i = 0; i < first; i++)
        {
            table[i] = (char)i;
        }
        for (int i = first; i < 256; i++)
        {
            table[i] = (char)int.Parse(hex.AsSpan((i - first) * 4, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        return table;
    }
}
