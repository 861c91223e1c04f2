namespace GilScan.Syntax.Literals;

/// <summary>
/// CPython translates "\r\n" and "\r" to "\n" in the whole source before tokenizing, so literal values
/// (and error positions) are computed on translated text. This applies that translation to one
/// literal and maps indexes in the result back to the original text.
/// </summary>
internal readonly struct SourceNewlines
{
    private readonly int[]? _removedBefore;

    private SourceNewlines(string text, int[]? removedBefore)
    {
        Text = text;
        _removedBefore = removedBefore;
    }

    public string Text { get; }

    public static SourceNewlines Translate(ReadOnlySpan<char> original)
    {
        if (original.IndexOf('\r') < 0)
        {
            return new SourceNewlines(original.ToString(), null);
        }
        var text = new System.Text.StringBuilder(original.Length);
        var removed = new List<int>(original.Length + 1);
        int dropped = 0;
        for (int i = 0; i < original.Length; i++)
        {
            removed.Add(dropped);
            if (original[i] == '\r')
            {
                text.Append('\n');
                if (i + 1 < original.Length && original[i + 1] == '\n')
                {
                    i++;
                    dropped++;
                }
            }
            else
            {
                text.Append(original[i]);
            }
        }
        removed.Add(dropped);
        return new SourceNewlines(text.ToString(), removed.ToArray());
    }

    /// <summary>The index in the original text of index <paramref name="translatedIndex"/> of <see cref="Text"/>.</summary>
    public int ToOriginal(int translatedIndex) =>
        _removedBefore is null ? translatedIndex : translatedIndex + _removedBefore[Math.Min(translatedIndex, _removedBefore.Length - 1)];
}
