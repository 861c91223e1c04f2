using System.Text;
using System.Text.RegularExpressions;

namespace GilScan.FuzzBench;

/// <summary>What a mutation did, for the agreement table and for a reader of a disagreeing file.</summary>
public sealed record Mutation(string Kind, string Description);

/// <summary>One fuzzed file: its bytes and the mutations that made it from a standard-library file.</summary>
public sealed record FuzzCase(string Name, byte[] Bytes, string Origin, IReadOnlyList<Mutation> Mutations)
{
    /// <summary>The kind of the first mutation: the row of the agreement table the file counts under.</summary>
    public string Kind => Mutations.Count == 0 ? "none" : Mutations[0].Kind;
}

/// <summary>
/// Makes fuzzed Python files from real ones, deterministically for a seed: line edits, token edits,
/// splices from another file, Unicode, bad bytes, truncation and deep nesting. Every mutation is
/// small and local, so that most files stay close to valid Python, where the interesting
/// disagreements are (which error, which line; where exactly CPython's limits lie).
/// With <paramref name="python314Syntax"/> false, token edits never insert syntax that only 3.14
/// accepts (t-strings): gilscan accepts Python 3.8-3.14 on purpose, so against CPython 3.13 such a
/// file is a false accept by design; the tests' seeded slice leaves them out, the bench keeps them.
/// </summary>
public sealed partial class StdlibMutator(IReadOnlyList<string> sourcePaths, int seed, bool python314Syntax = true)
{
    /// <summary>The kinds, each with its weight out of 100.</summary>
    public static readonly IReadOnlyList<(string Kind, int Weight)> Kinds =
    [
        ("line", 18), ("token", 24), ("splice", 10), ("unicode", 10), ("bytes", 10), ("truncate", 10), ("nesting", 18),
    ];

    private readonly Dictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Case number <paramref name="index"/> of this seed: the same bytes on every machine and run.</summary>
    public FuzzCase Make(int index)
    {
        // Not HashCode.Combine: it is randomised per process, and a seed must name the same files everywhere.
        var random = new Random(unchecked((seed * 1_000_003) ^ (index * 7_919) ^ 0x5eed));
        var origin = sourcePaths[random.Next(sourcePaths.Count)];
        var bytes = Read(origin);
        var mutations = new List<Mutation>();
        // Mostly one mutation; sometimes two or three, which also exercises error priority.
        var count = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        for (var i = 0; i < count; i++)
        {
            var kind = PickKind(random);
            var (mutated, description) = Apply(kind, bytes, random);
            bytes = mutated;
            mutations.Add(new Mutation(kind, description));
        }

        return new FuzzCase($"case-{index:D6}.py", bytes, origin, mutations);
    }

    private byte[] Read(string path)
    {
        lock (_cache)
        {
            if (!_cache.TryGetValue(path, out var bytes))
            {
                bytes = File.ReadAllBytes(path);
                _cache[path] = bytes;
            }

            return bytes;
        }
    }

    private static string PickKind(Random random)
    {
        var roll = random.Next(100);
        foreach (var (kind, weight) in Kinds)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }

        return Kinds[^1].Kind;
    }

    private (byte[] Bytes, string Description) Apply(string kind, byte[] bytes, Random random) => kind switch
    {
        "line" => AsText(bytes, text => LineEdit(text, random)),
        "token" => AsText(bytes, text => TokenEdit(text, random)),
        "splice" => AsText(bytes, text => Splice(text, random)),
        "unicode" => AsText(bytes, text => UnicodeEdit(text, random)),
        "bytes" => ByteEdit(bytes, random),
        "truncate" => Truncate(bytes, random),
        "nesting" => AsText(bytes, text => DeepNesting(text, random)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown mutation kind"),
    };

    // Text edits work on the file as Latin-1, one char per byte, so that bytes which are not UTF-8
    // (from an earlier mutation or a latin-1 test file) survive unchanged; inserted non-ASCII text is
    // encoded to UTF-8 first.
    private static (byte[], string) AsText(byte[] bytes, Func<string, (string, string)> edit)
    {
        var (text, description) = edit(Encoding.Latin1.GetString(bytes));
        return (Encoding.Latin1.GetBytes(text), description);
    }

    private static string Utf8AsLatin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static (string, string) LineEdit(string text, Random random)
    {
        var lines = Lines(text);
        if (lines.Count == 0) return ("x\n", "empty file: one line added");
        var at = random.Next(lines.Count);
        var line = lines[at];
        string description;
        switch (random.Next(7))
        {
            case 0:
                lines.RemoveAt(at);
                description = $"line {at + 1} deleted";
                break;
            case 1:
                lines.Insert(at, line);
                description = $"line {at + 1} duplicated";
                break;
            case 2 when at + 1 < lines.Count:
                (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);
                description = $"lines {at + 1} and {at + 2} swapped";
                break;
            case 3:
                var spaces = random.Next(1, 9);
                lines[at] = (random.Next(4) == 0 ? "\t" : new string(' ', spaces)) + line;
                description = $"line {at + 1} indented";
                break;
            case 4:
                var indent = line.Length - line.TrimStart(' ', '\t').Length;
                var cut = indent == 0 ? 0 : random.Next(1, indent + 1);
                lines[at] = line[cut..];
                description = $"line {at + 1} dedented by {cut}";
                break;
            case 5 when at + 1 < lines.Count:
                lines[at] = line.TrimEnd('\n', '\r') + " " + lines[at + 1].TrimStart();
                lines.RemoveAt(at + 1);
                description = $"lines {at + 1} and {at + 2} joined";
                break;
            default:
                var split = line.Length == 0 ? 0 : random.Next(line.Length);
                lines[at] = line[..split] + "\n" + line[split..];
                description = $"line {at + 1} split at column {split}";
                break;
        }

        return (string.Concat(lines), description);
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z_0-9]*|\d[\d_.eExXa-fA-FjJoObB]*|""""""|'''|[rbfuRBFU]{0,2}(""[^""\n]*""|'[^'\n]*')|\*\*=?|//=?|<<=?|>>=?|->|:=|[-+*/%@&|^=<>!]=|[][(){}.,:;@=+\-*/%<>&|^~]|#[^\n]*|\n|[ \t]+|\\\n|.", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    private static readonly string[] Vocabulary =
    [
        "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "=", "==", ":=", "->", "*", "**", "+", "-", "@", "|", "\\\n",
        "if", "else", "elif", "for", "in", "not", "and", "or", "is", "lambda", "yield", "await", "async", "def", "class",
        "return", "import", "from", "as", "with", "try", "except", "finally", "while", "pass", "None", "True", "match",
        "case", "type", "print", "x", "1", "0x", "1_000", "1e", "'s'", "\"", "'", "\"\"\"", "f'{x}'", "f'{", "}", "t'{x}'",
        "b'\\xff'", "\n", "\n    ", "\t", "#", "...", "!", "$", "?", "`",
    ];

    private static readonly string[] Vocabulary313 = Vocabulary.Where(token => token != "t'{x}'").ToArray();

    private (string, string) TokenEdit(string text, Random random)
    {
        var vocabulary = python314Syntax ? Vocabulary : Vocabulary313;
        var tokens = TokenPattern().Matches(text).Select(m => m.Value).ToList();
        var meaningful = Enumerable.Range(0, tokens.Count).Where(i => !string.IsNullOrWhiteSpace(tokens[i]) && tokens[i] != "\n").ToList();
        if (meaningful.Count == 0) return (text + "(\n", "no tokens: '(' appended");
        var at = meaningful[random.Next(meaningful.Count)];
        var before = tokens[at];
        string description;
        switch (random.Next(4))
        {
            case 0:
                tokens.RemoveAt(at);
                description = $"token '{Shorten(before)}' deleted";
                break;
            case 1:
                tokens.Insert(at, before);
                description = $"token '{Shorten(before)}' duplicated";
                break;
            case 2:
                var replacement = vocabulary[random.Next(vocabulary.Length)];
                tokens[at] = replacement;
                description = $"token '{Shorten(before)}' replaced by '{Shorten(replacement)}'";
                break;
            default:
                var inserted = vocabulary[random.Next(vocabulary.Length)];
                tokens.Insert(at, inserted + (random.Next(2) == 0 ? " " : ""));
                description = $"token '{Shorten(inserted)}' inserted before '{Shorten(before)}'";
                break;
        }

        return (string.Concat(tokens), description);
    }

    private static string Shorten(string token)
    {
        var shown = token.Replace("\n", "\\n", StringComparison.Ordinal);
        return shown.Length > 20 ? shown[..20] + "…" : shown;
    }

    private (string, string) Splice(string text, Random random)
    {
        var donorPath = sourcePaths[random.Next(sourcePaths.Count)];
        var donor = Lines(Encoding.Latin1.GetString(Read(donorPath)));
        var lines = Lines(text);
        if (donor.Count == 0) return (text, "splice from an empty file");
        var from = random.Next(donor.Count);
        var length = Math.Min(donor.Count - from, random.Next(1, 30));
        var at = random.Next(lines.Count + 1);
        var removed = Math.Min(lines.Count - at, random.Next(0, 10));
        lines.RemoveRange(at, removed);
        lines.InsertRange(at, donor.GetRange(from, length));
        return (string.Concat(lines), $"{length} lines of {Path.GetFileName(donorPath)}:{from + 1} spliced over {removed} lines at line {at + 1}");
    }

    private static readonly string[] UnicodeSamples =
    [
        "é", "ß", "ℕ", "ﬁ", "µ", "Ω", "𝔘", "ǅ", "ª", "\u00a0", "\u200b", "\u2028", "\u202e", "\ufeff", "\u0301", "😀",
        "€", "¼", "１", "٣", "ⅷ", "\u3000", "·", "℘", "゛", "\u00ad", "〇", "ＡＢ", "ⓐ", "\u1885", "ﹳ",
    ];

    private static (string, string) UnicodeEdit(string text, Random random)
    {
        var sample = UnicodeSamples[random.Next(UnicodeSamples.Length)];
        var at = random.Next(text.Length + 1);
        // Often right after an identifier character, where it becomes part of the name.
        var where = random.Next(3) == 0 ? NextIdentifierEnd(text, at) : at;
        var codePoints = string.Join(" ", sample.EnumerateRunes().Select(r => $"U+{r.Value:X4}"));
        return (text[..where] + Utf8AsLatin1(sample) + text[where..], $"{codePoints} inserted at byte {where}");
    }

    private static int NextIdentifierEnd(string text, int from)
    {
        var i = from;
        while (i < text.Length && !(char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        return i;
    }

    private static (byte[], string) ByteEdit(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length + 1);
        byte[] inserted;
        string description;
        switch (random.Next(8))
        {
            case 0:
                inserted = [(byte)random.Next(0x80, 0x100)];
                description = $"byte 0x{inserted[0]:x2} inserted at {at}";
                break;
            case 1:
                inserted = [0];
                description = $"NUL inserted at {at}";
                break;
            case 2:
                inserted = [(byte)'\r'];
                description = $"lone CR inserted at {at}";
                break;
            case 3:
                inserted = [0xEF, 0xBB, 0xBF];
                description = $"UTF-8 BOM inserted at {at}";
                break;
            case 4:
                var cookie = random.Next(4) switch { 0 => "latin-1", 1 => "utf-16", 2 => "ascii", _ => "no-such-codec" };
                var line = Encoding.ASCII.GetBytes($"# -*- coding: {cookie} -*-\n");
                return ([.. line, .. bytes], $"coding cookie '{cookie}' prepended");
            case 5:
                inserted = [0xE2, 0x82];
                description = $"truncated UTF-8 sequence inserted at {at}";
                break;
            case 6 when bytes.Length > 0:
                var flip = random.Next(bytes.Length);
                var copy = (byte[])bytes.Clone();
                copy[flip] ^= (byte)(1 << random.Next(8));
                return (copy, $"bit flipped at byte {flip}");
            default:
                inserted = [(byte)'\f'];
                description = $"form feed inserted at {at}";
                break;
        }

        return ([.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)], description);
    }

    private static (byte[], string) Truncate(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length + 1);
        return (bytes[..at], $"truncated to {at} of {bytes.Length} bytes");
    }
}
