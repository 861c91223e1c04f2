namespace GilScan.Analysis.Diagnostics;

/// <summary>Splits text into lines the way Python numbers them: at <c>\r\n</c>, <c>\n</c> or <c>\r</c>.</summary>
public static class SourceLines
{
    /// <summary>The lines of <paramref name="text"/> without their terminators; a final terminator starts an empty last line.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text[start..]);
        return lines;
    }
}
