using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;

namespace GilScan.Syntax.Literals;

/// <summary>
/// The character names that <c>\N{...}</c> accepts in CPython 3.13 literals: names stored in
/// unicodedata (matched ignoring ASCII case), formal name aliases, and the algorithmic names of CJK
/// unified ideographs and Hangul syllables (matched case-sensitively, as CPython does). Named
/// sequences are not accepted. Loaded once, on first use, from Data/unicode-names.txt.gz, which
/// tools/generate_python_text_data.py generates from CPython itself.
/// </summary>
internal sealed class UnicodeNames
{
    private const string HangulPrefix = "HANGUL SYLLABLE ";
    private const string CjkPrefix = "CJK UNIFIED IDEOGRAPH-";
    private const int HangulBase = 0xAC00;

    private static readonly Lazy<UnicodeNames> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, int> _codePointsByName;
    private readonly (int First, int Last)[] _cjkRanges;
    private readonly string[] _leads;
    private readonly string[] _vowels;
    private readonly string[] _tails;

    private UnicodeNames(FrozenDictionary<string, int> codePointsByName, (int, int)[] cjkRanges, string[] leads, string[] vowels, string[] tails)
    {
        _codePointsByName = codePointsByName;
        _cjkRanges = cjkRanges;
        _leads = leads;
        _vowels = vowels;
        _tails = tails;
    }

    public static UnicodeNames Instance => Loaded.Value;

    /// <summary>The code point named <paramref name="name"/>, or null if CPython would report "unknown Unicode character name".</summary>
    public int? Lookup(ReadOnlySpan<char> name)
    {
        if (name.StartsWith(HangulPrefix, StringComparison.Ordinal))
        {
            return LookupHangul(name[HangulPrefix.Length..]);
        }
        if (name.StartsWith(CjkPrefix, StringComparison.Ordinal))
        {
            return LookupCjk(name[CjkPrefix.Length..]);
        }
        Span<char> upper = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            upper[i] = char.IsAsciiLetterLower(name[i]) ? (char)(name[i] - 32) : name[i];
        }
        return _codePointsByName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(upper, out int codePoint) ? codePoint : null;
    }

    private int? LookupCjk(ReadOnlySpan<char> hex)
    {
        if (hex.Length is not (4 or 5))
        {
            return null;
        }
        int value = 0;
        foreach (char c in hex)
        {
            int digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return null;
            }
            value = value * 16 + digit;
        }
        foreach (var (first, last) in _cjkRanges)
        {
            if (value >= first && value <= last)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>Greedy longest match of a lead, a vowel and a tail jamo short name, as CPython's find_syllable does.</summary>
    private int? LookupHangul(ReadOnlySpan<char> rest)
    {
        int lead = LongestPrefix(ref rest, _leads);
        int vowel = LongestPrefix(ref rest, _vowels);
        int tail = LongestPrefix(ref rest, _tails);
        if (lead < 0 || vowel < 0 || tail < 0 || rest.Length != 0)
        {
            return null;
        }
        return HangulBase + (lead * _vowels.Length + vowel) * _tails.Length + tail;
    }

    private static int LongestPrefix(ref ReadOnlySpan<char> text, string[] table)
    {
        int best = -1;
        int bestLength = -1;
        for (int i = 0; i < table.Length; i++)
        {
            if (table[i].Length > bestLength && text.StartsWith(table[i], StringComparison.Ordinal))
            {
                best = i;
                bestLength = table[i].Length;
            }
        }
        if (best >= 0)
        {
            text = text[bestLength..];
        }
        return best;
    }

    private static UnicodeNames Load()
    {
        var names = new Dictionary<string, int>(40_000, StringComparer.Ordinal);
        var cjk = new List<(int, int)>();
        string[] leads = [], vowels = [], tails = [];
        using var stream = typeof(UnicodeNames).Assembly.GetManifestResourceStream("GilScan.Syntax.Literals.Data.unicode-names.txt.gz")
            ?? throw new InvalidOperationException("embedded resource unicode-names.txt.gz is missing");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        int next = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line[0] == '@')
            {
                int space = line.IndexOf(' ');
                next = Hex(line.AsSpan(1, space - 1));
                line = line[(space + 1)..];
            }
            else if (line.StartsWith("cjk ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ');
                cjk.Add((Hex(parts[1]), Hex(parts[2])));
                continue;
            }
            else if (line.StartsWith("hangul-", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ');
                string[] table = parts[1..].Select(p => p == "-" ? "" : p).ToArray();
                switch (parts[0])
                {
                    case "hangul-l": leads = table; break;
                    case "hangul-v": vowels = table; break;
                    default: tails = table; break;
                }
                continue;
            }
            else if (line.StartsWith("alias ", StringComparison.Ordinal))
            {
                int space = line.IndexOf(' ', 6);
                names.TryAdd(line[(space + 1)..], Hex(line.AsSpan(6, space - 6)));
                continue;
            }
            names.TryAdd(line, next);
            next++;
        }
        return new UnicodeNames(names.ToFrozenDictionary(StringComparer.Ordinal), cjk.ToArray(), leads, vowels, tails);
    }

    private static int Hex(ReadOnlySpan<char> text) => int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
