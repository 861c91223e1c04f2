using System.Collections.Frozen;
using GilScan.Syntax.Generated;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// Token types of the keywords (hard and soft), taken from the grammar's vocabulary, for the
/// lexer's identifier fast path.
/// </summary>
internal static class Keywords
{
    /// <summary>Every keyword is at most 8 ASCII characters, packed one byte each into a ulong.</summary>
    private const int MaxLength = 8;

    private static readonly FrozenDictionary<ulong, int> ByPackedText = BuildTable();

    /// <summary>The keyword token type of the ASCII identifier in [start, end), or NAME.</summary>
    public static int Classify(PythonCharStream text, int start, int end)
    {
        if (end - start > MaxLength)
        {
            return PythonLexer.NAME;
        }

        ulong packed = 0;
        for (int i = start; i < end; i++)
        {
            packed = (packed << 8) | (uint)text.At(i);
        }

        return ByPackedText.TryGetValue(packed, out int type) ? type : PythonLexer.NAME;
    }

    private static FrozenDictionary<ulong, int> BuildTable()
    {
        var table = new Dictionary<ulong, int>();
        var vocabulary = PythonLexer.DefaultVocabulary;
        for (int type = 1; type < 256; type++)
        {
            // Literal names of keyword tokens look like 'if'.
            string? literal = vocabulary.GetLiteralName(type);
            if (literal is null || literal.Length < 3 || !char.IsAsciiLetter(literal[1]))
            {
                continue;
            }

            string word = literal[1..^1];
            if (word.Length > MaxLength || !word.All(char.IsAsciiLetter))
            {
                throw new InvalidOperationException($"keyword '{word}' does not fit the packed table");
            }

            ulong packed = 0;
            foreach (char c in word)
            {
                packed = (packed << 8) | c;
            }

            table.Add(packed, type);
        }

        return table.ToFrozenDictionary();
    }
}
