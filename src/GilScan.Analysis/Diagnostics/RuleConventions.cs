using System.Globalization;
using System.Text.RegularExpressions;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The writing conventions of rule descriptors (STYLE.md), checked when a descriptor is created so
/// that a rule that breaks them fails at start-up and in the meta-tests, not in a user's report.
/// Each check returns the problem in words, or null when the value is fine.
/// </summary>
public static partial class RuleConventions
{
    /// <summary>Tags must stay few enough for GitHub to show them (it allows at most 20; 10 are useful).</summary>
    public const int MaxTags = 10;

    /// <summary>Whether <paramref name="id"/> is <c>GIL</c> followed by exactly three digits.</summary>
    public static bool IsWellFormedId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The three-digit number of a well-formed id (GIL101 -> 101).</summary>
    public static int NumberOf(string id) =>
        IsWellFormedId(id)
            ? int.Parse(id.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new ArgumentException($"'{id}' is not a rule id of the form GIL + 3 digits.", nameof(id));

    public static string? CheckId(string id, RuleCategory category)
    {
        if (!IsWellFormedId(id))
        {
            return $"id '{id}' must be 'GIL' followed by three digits";
        }

        var number = NumberOf(id);
        return category.Contains(number)
            ? null
            : $"id '{id}' is outside the {category} range GIL{category.FirstNumber():D3}-GIL{category.LastNumber():D3}";
    }

    /// <summary>A name is the PascalCase name of the pattern the rule flags (never of its fix).</summary>
    public static string? CheckName(string name) =>
        NamePattern().IsMatch(name) ? null : $"name '{name}' must be PascalCase letters and digits";

    /// <summary>A title is a short noun phrase: capitalised, one line, no final period.</summary>
    public static string? CheckTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title != title.Trim())
        {
            return $"title '{title}' must be non-empty without surrounding spaces";
        }

        if (!char.IsUpper(title[0]))
        {
            return $"title '{title}' must start with a capital letter";
        }

        if (title.EndsWith('.') || title.Contains('\n'))
        {
            return $"title '{title}' must be one line without a final period";
        }

        return null;
    }

    /// <summary>
    /// A message is one sentence ending with a period; every placeholder <c>{n}</c> sits inside
    /// single quotes (<c>'{0}'</c>) and the placeholders are numbered 0..n-1 without gaps.
    /// </summary>
    public static string? CheckMessage(string message)
    {
        if (string.IsNullOrWhiteSpace(message) || message != message.Trim() || message.Contains('\n'))
        {
            return $"message '{message}' must be one non-empty line without surrounding spaces";
        }

        if (!char.IsUpper(message[0]) && message[0] != '\'')
        {
            return $"message '{message}' must start with a capital letter or a quoted part";
        }

        if (!message.EndsWith('.'))
        {
            return $"message '{message}' must end with a period";
        }

        var quoted = QuotedPart().Matches(message).Select(m => (m.Index, End: m.Index + m.Length)).ToArray();
        bool IsQuoted(int index) => quoted.Any(q => index > q.Index && index < q.End);

        var placeholders = Placeholder().Matches(message);
        var numbers = new SortedSet<int>();
        foreach (Match placeholder in placeholders)
        {
            if (!IsQuoted(placeholder.Index))
            {
                return $"message '{message}' must quote its dynamic part '{placeholder.Value}' in single quotes";
            }

            numbers.Add(int.Parse(placeholder.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        if (numbers.Count > 0 && (numbers.Min != 0 || numbers.Max != numbers.Count - 1))
        {
            return $"message '{message}' must number its placeholders 0..n-1 without gaps";
        }

        // One sentence: no sentence end before the final period, outside quoted parts.
        for (var i = 0; i < message.Length - 1; i++)
        {
            if (message[i] is '.' or '?' or '!' && char.IsWhiteSpace(message[i + 1]) && !IsQuoted(i))
            {
                return $"message '{message}' must be a single sentence";
            }
        }

        return null;
    }

    /// <summary>Tags are lowercase kebab-case words.</summary>
    public static string? CheckTag(string tag) =>
        TagPattern().IsMatch(tag) ? null : $"tag '{tag}' must be lowercase kebab-case";

    /// <summary>How many arguments a message format takes (its highest placeholder number + 1).</summary>
    public static int PlaceholderCount(string message) =>
        Placeholder().Matches(message).Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) + 1)
            .DefaultIfEmpty(0).Max();

    [GeneratedRegex("^GIL[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    // {0}, {1:N0}, {2,5}: composite-format placeholders (escaped braces {{ are not placeholders).
    [GeneratedRegex(@"(?<!\{)\{(?<n>[0-9]+)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    // A quoted part opens with a quote that does not follow a letter or digit, so the apostrophe in
    // "can't" never opens one, and closes with a quote not followed by a letter or digit.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])'[^']*'(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPart();
}
