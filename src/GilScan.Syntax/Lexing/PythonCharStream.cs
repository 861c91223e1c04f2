using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace GilScan.Syntax.Lexing;

/// <summary>
/// The lexer's input: the source as an array of code points, so that indices and columns count
/// code points (as CPython's do) and the lexer base can scan long tokens (whitespace, comments,
/// strings) directly instead of through ANTLR's per-character DFA.
/// </summary>
public sealed class PythonCharStream : ICharStream
{
    private readonly int[] _codePoints;
    private int _position;

    public PythonCharStream(string text, string sourceName = IntStreamConstants.UnknownSourceName)
    {
        SourceName = sourceName;
        _codePoints = new int[text.Length];
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                _codePoints[count++] = char.ConvertToUtf32(c, text[++i]);
            }
            else
            {
                _codePoints[count++] = c;
            }
        }

        Size = count;
    }

    /// <inheritdoc />
    public int Index => _position;

    /// <inheritdoc />
    public int Size { get; }

    /// <inheritdoc />
    public string SourceName { get; }

    /// <summary>The code point at <paramref name="index"/>, or EOF past the end.</summary>
    internal int At(int index) => (uint)index < (uint)Size ? _codePoints[index] : IntStreamConstants.EOF;

    /// <summary>Moves to <paramref name="index"/> (used after scanning a token by hand).</summary>
    internal void MoveTo(int index) => _position = index;

    /// <inheritdoc />
    public void Consume()
    {
        if (_position >= Size)
        {
            throw new InvalidOperationException("cannot consume EOF");
        }

        _position++;
    }

    /// <inheritdoc />
    public int LA(int i)
    {
        int at = i > 0 ? _position + i - 1 : _position + i;
        return i == 0 || (uint)at >= (uint)Size ? (i == 0 ? 0 : IntStreamConstants.EOF) : _codePoints[at];
    }

    /// <inheritdoc />
    public int Mark() => -1;

    /// <inheritdoc />
    public void Release(int marker)
    {
    }

    /// <inheritdoc />
    public void Seek(int index) => _position = Math.Min(index, Size);

    /// <inheritdoc />
    public string GetText(Interval interval)
    {
        int start = Math.Max(0, interval.a);
        int stop = Math.Min(interval.b, Size - 1);
        if (stop < start)
        {
            return string.Empty;
        }

        // Token texts are read often (names, numbers, strings): one allocation, the string itself,
        // sized for the UTF-16 units (a code point above U+FFFF takes two).
        var units = stop - start + 1;
        for (int i = start; i <= stop; i++)
        {
            if (_codePoints[i] >= 0x10000) units++;
        }

        return string.Create(units, (codePoints: _codePoints, start, stop), static (chars, range) =>
        {
            var at = 0;
            for (int i = range.start; i <= range.stop; i++)
            {
                int c = range.codePoints[i];
                if (c < 0x10000)
                {
                    chars[at++] = (char)c;
                }
                else
                {
                    at += new System.Text.Rune(c).EncodeToUtf16(chars[at..]);
                }
            }
        });
    }

    /// <inheritdoc />
    public override string ToString() => GetText(Interval.Of(0, Size - 1));
}
