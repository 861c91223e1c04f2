namespace GilScan.Syntax.Text;

/// <summary>
/// Finds a PEP 263 coding declaration the way CPython 3.13's string tokenizer does (decode_str and
/// check_coding_spec in Parser/tokenizer): on line 1, or on line 2 when line 1 holds only whitespace
/// and/or a comment. Lines end at LF, CRLF or CR, because CPython translates newlines first.
/// </summary>
internal static class CodingCookie
{
    /// <summary>The declared encoding, normalised as CPython's get_normal_name does, or null.</summary>
    public static string? Find(ReadOnlySpan<byte> source)
    {
        var first = NextLine(source, 0, out int afterFirst);
        if (FindOnLine(first) is { } declared)
        {
            return declared;
        }
        if (!IsBlankOrComment(first) || afterFirst >= source.Length)
        {
            return null;
        }
        return FindOnLine(NextLine(source, afterFirst, out _));
    }

    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> source, int start, out int next)
    {
        var rest = source[start..];
        int end = rest.IndexOfAny((byte)'\n', (byte)'\r');
        if (end < 0)
        {
            next = source.Length;
            return rest;
        }
        next = start + end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
        return rest[..end];
    }

    private static bool IsBlankOrComment(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b == '#')
            {
                return true;
            }
            if (!IsSpace(b))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or 0x0C;

    /// <summary>A comment that is the line's only content and contains "coding:" or "coding=" then a name.</summary>
    private static string? FindOnLine(ReadOnlySpan<byte> line)
    {
        int i = 0;
        while (i < line.Length && IsSpace(line[i]))
        {
            i++;
        }
        if (i >= line.Length || line[i] != '#')
        {
            return null;
        }
        ReadOnlySpan<byte> coding = "coding"u8;
        int searchFrom = i;
        while (true)
        {
            int at = line[searchFrom..].IndexOf(coding);
            if (at < 0)
            {
                return null;
            }
            int j = searchFrom + at + coding.Length;
            if (j < line.Length && line[j] is (byte)':' or (byte)'=')
            {
                j++;
                while (j < line.Length && line[j] is (byte)' ' or (byte)'\t')
                {
                    j++;
                }
                int begin = j;
                while (j < line.Length && (char.IsAsciiLetterOrDigit((char)line[j]) || line[j] is (byte)'-' or (byte)'_' or (byte)'.'))
                {
                    j++;
                }
                if (j > begin)
                {
                    return NormalName(System.Text.Encoding.ASCII.GetString(line[begin..j]));
                }
            }
            searchFrom += at + 1;
        }
    }

    /// <summary>CPython's get_normal_name: spellings of UTF-8 and Latin-1 become "utf-8" and "iso-8859-1".</summary>
    internal static string NormalName(string name)
    {
        // CPython compares only the first 12 characters, lower-cased with '_' read as '-'.
        string head = new string(name.AsSpan(0, Math.Min(12, name.Length))).ToLowerInvariant().Replace('_', '-');
        if (head == "utf-8" || head.StartsWith("utf-8-", StringComparison.Ordinal))
        {
            return "utf-8";
        }
        if (head is "latin-1" or "iso-8859-1" or "iso-latin-1" || head.StartsWith("latin-1-", StringComparison.Ordinal)
            || head.StartsWith("iso-8859-1-", StringComparison.Ordinal) || head.StartsWith("iso-latin-1-", StringComparison.Ordinal))
        {
            return "iso-8859-1";
        }
        return name;
    }
}
