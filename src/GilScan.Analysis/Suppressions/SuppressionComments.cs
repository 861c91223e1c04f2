using System.Collections.Immutable;

namespace GilScan.Analysis.Suppressions;

/// <summary>
/// Reads suppression directives from the text of one comment token (from its '#' to the end of the
/// line; the tokenizer has already told comments from '#' inside strings). A comment may hold other
/// tools' directives too (<c># type: ignore  # noqa: GIL101</c>): every '#' starts a candidate.
/// <list type="bullet">
/// <item><c>noqa</c> is matched case-insensitively, as flake8 and ruff do; <c># noqa:</c> without
/// codes counts as a bare <c># noqa</c>, as in flake8; codes are separated by commas or spaces and
/// must look like <c>ABC123</c> (a <c># noqa: E501</c> for another tool suppresses nothing here).</item>
/// <item><c># gilscan: ignore[GIL101, GIL102]</c>; a bare <c># gilscan: ignore</c> covers every rule.</item>
/// </list>
/// </summary>
public static class SuppressionComments
{
    public static ImmutableArray<SuppressionDirective> Parse(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var directives = ImmutableArray.CreateBuilder<SuppressionDirective>();
        for (var hash = comment.IndexOf('#'); hash >= 0; hash = comment.IndexOf('#', hash + 1))
        {
            var at = SkipSpaces(comment, hash + 1);
            var directive = TryNoqa(comment, hash, at) ?? TryGilscanIgnore(comment, hash, at);
            if (directive is not null)
            {
                directives.Add(directive);
            }
        }

        return directives.ToImmutable();
    }

    private static SuppressionDirective? TryNoqa(string text, int hash, int at)
    {
        const string Keyword = "noqa";
        if (string.Compare(text, at, Keyword, 0, Keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return null;
        }

        var end = at + Keyword.Length;
        if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            return null;
        }

        if (end >= text.Length || text[end] != ':')
        {
            return new SuppressionDirective([], text[hash..end]);
        }

        var (codes, codesEnd) = ReadCodes(text, end + 1);
        return new SuppressionDirective(codes, text[hash..(codes.IsEmpty ? end + 1 : codesEnd)].TrimEnd());
    }

    private static SuppressionDirective? TryGilscanIgnore(string text, int hash, int at)
    {
        const string Tool = "gilscan:";
        if (string.Compare(text, at, Tool, 0, Tool.Length, StringComparison.Ordinal) != 0)
        {
            return null;
        }

        var keywordAt = SkipSpaces(text, at + Tool.Length);
        const string Keyword = "ignore";
        if (string.Compare(text, keywordAt, Keyword, 0, Keyword.Length, StringComparison.Ordinal) != 0)
        {
            return null;
        }

        var end = keywordAt + Keyword.Length;
        if (end < text.Length && text[end] == '[')
        {
            var close = text.IndexOf(']', end);
            if (close < 0)
            {
                return null;
            }

            var (codes, _) = ReadCodes(text[..close], end + 1);
            return codes.IsEmpty ? null : new SuppressionDirective(codes, text[hash..(close + 1)]);
        }

        return end >= text.Length || char.IsWhiteSpace(text[end]) || text[end] == '#'
            ? new SuppressionDirective([], text[hash..end])
            : null;
    }

    // Codes separated by commas or white space, from `start` until anything that is not a code.
    private static (ImmutableArray<string> Codes, int End) ReadCodes(string text, int start)
    {
        var codes = ImmutableArray.CreateBuilder<string>();
        var i = start;
        var end = start;
        while (true)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var codeStart = i;
            while (i < text.Length && char.IsAsciiLetterUpper(text[i]))
            {
                i++;
            }

            var lettersEnd = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var isCode = lettersEnd > codeStart && i > lettersEnd && (i == text.Length || !char.IsLetterOrDigit(text[i]));
            if (!isCode)
            {
                break;
            }

            codes.Add(text[codeStart..i]);
            end = i;
        }

        return (codes.ToImmutable(), end);
    }

    private static int SkipSpaces(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }
}
