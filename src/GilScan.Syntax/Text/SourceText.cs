using System.Text;

namespace GilScan.Syntax.Text;

/// <summary>
/// Decoded source with a line index. Converts code-point offsets (what ANTLR's
/// <c>CharStreams.fromString</c> counts) into lines and columns in UTF-8 bytes and UTF-16 units, and
/// back. "\n", "\r\n" and "\r" each end a line, as in CPython's tokenizer; no other character does.
/// Immutable once built, so safe to read from many threads.
/// </summary>
/// <remarks>
/// Memory is a few ints per line, not per character. Lines that are pure ASCII (the common case)
/// convert in O(1) after a binary search; other lines are walked from the nearest checkpoint, taken
/// every <see cref="CheckpointInterval"/> code points, so a huge single-line file stays fast.
/// </remarks>
public sealed class SourceText
{
    internal const int CheckpointInterval = 256;

    private readonly int[] _lineStartUtf16;
    private readonly int[] _lineStartCodePoint;
    private readonly bool[] _lineIsAscii;
    // For non-ASCII lines longer than one interval: (UTF-16 offset, UTF-16 column, UTF-8 offset) from
    // the line start at every CheckpointInterval-th code point, the first at code point CheckpointInterval.
    private readonly Dictionary<int, LineOffsets[]> _checkpoints = new();
    private readonly bool _markersAreBytes;

    /// <param name="text">The decoded source.</param>
    /// <param name="hasUndecodableByteMarkers">
    /// True when <paramref name="text"/> came from a <see cref="DecodeResult"/> with
    /// <see cref="DecodeResult.HasUndecodableBytes"/>: each marker then counts as the one byte it stands for.
    /// </param>
    public SourceText(string text, bool hasUndecodableByteMarkers = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        _markersAreBytes = hasUndecodableByteMarkers;
        var starts16 = new List<int> { 0 };
        var startsCp = new List<int> { 0 };
        var ascii = new List<bool>();
        int codePoints = 0;
        int lineStart = 0;
        var span = text.AsSpan();
        while (true)
        {
            int relativeBreak = span[lineStart..].IndexOfAny('\r', '\n');
            int lineEnd = relativeBreak < 0 ? text.Length : lineStart + relativeBreak;
            var line = span[lineStart..lineEnd];
            bool isAscii = Ascii.IsValid(line);
            ascii.Add(isAscii);
            codePoints += isAscii ? line.Length : CountCodePointsAndCheckpoint(line, starts16.Count - 1);
            if (relativeBreak < 0)
            {
                break;
            }
            int breakLength = text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1;
            lineStart = lineEnd + breakLength;
            codePoints += breakLength;
            starts16.Add(lineStart);
            startsCp.Add(codePoints);
        }
        _lineStartUtf16 = starts16.ToArray();
        _lineStartCodePoint = startsCp.ToArray();
        _lineIsAscii = ascii.ToArray();
        CodePointLength = codePoints;
    }

    public string Text { get; }

    public int LineCount => _lineStartUtf16.Length;

    /// <summary>Length of the text in code points (a surrogate pair counts once).</summary>
    public int CodePointLength { get; }

    /// <summary>
    /// The position of the code point at <paramref name="codePointIndex"/> (0..<see cref="CodePointLength"/>).
    /// An undecodable-byte marker counts as one UTF-8 byte (the byte it stands for) and one UTF-16
    /// unit (the U+FFFD an editor shows in its place), so a UTF-8 column is never below its UTF-16 column.
    /// </summary>
    public SourcePosition GetPosition(int codePointIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(codePointIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codePointIndex, CodePointLength);
        int line = LineOfCodePoint(codePointIndex);
        int within = codePointIndex - _lineStartCodePoint[line];
        if (_lineIsAscii[line])
        {
            return new SourcePosition(line + 1, within, within);
        }
        var offsets = WalkLine(line, within);
        return new SourcePosition(line + 1, offsets.Utf8, offsets.Utf16Column);
    }

    /// <summary>The UTF-16 index in <see cref="Text"/> of the code point at <paramref name="codePointIndex"/>.</summary>
    public int GetUtf16Index(int codePointIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(codePointIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codePointIndex, CodePointLength);
        int line = LineOfCodePoint(codePointIndex);
        int within = codePointIndex - _lineStartCodePoint[line];
        return _lineStartUtf16[line] + (_lineIsAscii[line] ? within : WalkLine(line, within).Utf16Index);
    }

    /// <summary>
    /// The code-point offset of (1-based <paramref name="line"/>, 0-based <paramref name="utf8Column"/>).
    /// A column past the end of the line's content lands on its line break.
    /// </summary>
    public int GetCodePointIndex(int line, int utf8Column)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(line, LineCount);
        ArgumentOutOfRangeException.ThrowIfNegative(utf8Column);
        int index = line - 1;
        var content = LineContent(index);
        if (_lineIsAscii[index])
        {
            return _lineStartCodePoint[index] + Math.Min(utf8Column, content.Length);
        }
        int bytes = 0;
        int codePoints = 0;
        int i = 0;
        while (i < content.Length && bytes < utf8Column)
        {
            Rune.DecodeFromUtf16(content[i..], out var rune, out int used);
            bytes += Utf8Length(rune);
            codePoints++;
            i += used;
        }
        return _lineStartCodePoint[index] + codePoints;
    }

    /// <summary>The text from code point <paramref name="startCodePoint"/> up to (not including) <paramref name="endCodePoint"/>.</summary>
    public string GetText(int startCodePoint, int endCodePoint)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startCodePoint, endCodePoint);
        int start = GetUtf16Index(startCodePoint);
        return Text[start..GetUtf16Index(endCodePoint)];
    }

    /// <summary>The text of 1-based <paramref name="line"/>, without its line break.</summary>
    public string GetLineText(int line)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(line, LineCount);
        return new string(LineContent(line - 1));
    }

    private ReadOnlySpan<char> LineContent(int index)
    {
        int start = _lineStartUtf16[index];
        int end = index + 1 < _lineStartUtf16.Length ? _lineStartUtf16[index + 1] : Text.Length;
        var line = Text.AsSpan(start, end - start);
        return line.TrimEnd("\r\n");
    }

    private int LineOfCodePoint(int codePointIndex)
    {
        int found = Array.BinarySearch(_lineStartCodePoint, codePointIndex);
        return found >= 0 ? found : ~found - 1;
    }

    private LineOffsets WalkLine(int line, int codePoints)
    {
        var at = default(LineOffsets);
        int done = 0;
        if (codePoints >= CheckpointInterval && _checkpoints.TryGetValue(line, out var marks))
        {
            int mark = Math.Min(codePoints / CheckpointInterval, marks.Length) - 1;
            at = marks[mark];
            done = (mark + 1) * CheckpointInterval;
        }
        var content = Text.AsSpan(_lineStartUtf16[line]);
        while (done < codePoints && at.Utf16Index < content.Length)
        {
            Rune.DecodeFromUtf16(content[at.Utf16Index..], out var rune, out int used);
            at = at.After(rune, used, IsByteMarker(rune));
            done++;
        }
        // Past the line's content lie its line-break characters, one code point, unit and byte each.
        int rest = codePoints - done;
        return new LineOffsets(at.Utf16Index + rest, at.Utf16Column + rest, at.Utf8 + rest);
    }

    private int CountCodePointsAndCheckpoint(ReadOnlySpan<char> line, int lineIndex)
    {
        List<LineOffsets>? marks = null;
        int codePoints = 0;
        var at = default(LineOffsets);
        while (at.Utf16Index < line.Length)
        {
            Rune.DecodeFromUtf16(line[at.Utf16Index..], out var rune, out int used);
            at = at.After(rune, used, IsByteMarker(rune));
            codePoints++;
            if (codePoints % CheckpointInterval == 0)
            {
                (marks ??= new()).Add(at);
            }
        }
        if (marks is not null)
        {
            _checkpoints[lineIndex] = marks.ToArray();
        }
        return codePoints;
    }

    private int Utf8Length(Rune rune) => IsByteMarker(rune) ? 1 : rune.Utf8SequenceLength;

    private bool IsByteMarker(Rune rune) => _markersAreBytes && UndecodableBytes.IsMarker(rune.Value);

    /// <summary>Offsets from a line's start: index into the string, UTF-16 column, UTF-8 column.</summary>
    private readonly record struct LineOffsets(int Utf16Index, int Utf16Column, int Utf8)
    {
        public LineOffsets After(Rune rune, int utf16Units, bool isByteMarker) => isByteMarker
            ? new(Utf16Index + utf16Units, Utf16Column + 1, Utf8 + 1)
            : new(Utf16Index + utf16Units, Utf16Column + utf16Units, Utf8 + rune.Utf8SequenceLength);
    }
}
