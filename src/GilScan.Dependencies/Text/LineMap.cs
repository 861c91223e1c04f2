using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Text;

/// <summary>Turns character offsets of a text into 1-based lines and UTF-16 columns ("\n", "\r\n", "\r" end lines).</summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;

    public LineMap(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                starts.Add(i + 1);
            }
            else if (text[i] is '\n' or '\r')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = starts.ToArray();
        Length = text.Length;
    }

    public int Length { get; }

    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>An anchor over [offset, offset+length); a span that runs past its line ends at the line's end.</summary>
    public SourceAnchor Anchor(string path, int offset, int length)
    {
        var (line, column) = Position(offset);
        var (endLine, endColumn) = Position(offset + Math.Max(length, 0));
        if (endLine != line)
        {
            var lineEnd = line < _lineStarts.Length ? _lineStarts[line] - 1 : Length;
            endColumn = Math.Max(column, lineEnd - _lineStarts[line - 1] + 1);
        }

        return new SourceAnchor(path, line, column, Math.Max(endColumn, column));
    }
}
