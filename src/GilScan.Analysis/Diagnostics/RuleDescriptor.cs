using System.Collections.Immutable;
using System.Globalization;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// What a rule is: its id, names, message and defaults. Made only by <see cref="Create"/>, which
/// derives the help link from the id and rejects descriptors that break the conventions of
/// STYLE.md, so every descriptor that exists is well-formed. Immutable and shared by all threads.
/// </summary>
public sealed class RuleDescriptor
{
    private RuleDescriptor(
        string id, string name, string title, string messageFormat, RuleCategory category,
        RuleLevel defaultLevel, RulePrecision precision, ImmutableArray<string> tags, bool enabledByDefault)
    {
        Id = id;
        Name = name;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultLevel = defaultLevel;
        Precision = precision;
        Tags = tags;
        IsEnabledByDefault = enabledByDefault;
        HelpUri = RuleHelpLinks.For(id);
        MessageArgumentCount = RuleConventions.PlaceholderCount(messageFormat);
    }

    /// <summary>The stable code, <c>GIL</c> + 3 digits (GIL101).</summary>
    public string Id { get; }

    /// <summary>PascalCase name of the flagged pattern (CpuBoundThreadTarget); SARIF <c>rule.name</c>.</summary>
    public string Name { get; }

    /// <summary>Short noun phrase without a period (CPU-bound work on a thread).</summary>
    public string Title { get; }

    /// <summary>Composite format of the result message: one sentence, placeholders in single quotes.</summary>
    public string MessageFormat { get; }

    /// <summary>How many arguments <see cref="MessageFormat"/> takes.</summary>
    public int MessageArgumentCount { get; }

    public RuleCategory Category { get; }

    public RuleLevel DefaultLevel { get; }

    public RulePrecision Precision { get; }

    /// <summary>The category's tag first, then the rule's own tags, without duplicates.</summary>
    public ImmutableArray<string> Tags { get; }

    public bool IsEnabledByDefault { get; }

    /// <summary>The rule's documentation page, derived from the id by <see cref="RuleHelpLinks"/>.</summary>
    public Uri HelpUri { get; }

    /// <summary>
    /// Makes a descriptor, or throws <see cref="ArgumentException"/> naming every convention the
    /// arguments break (id in its category's range, PascalCase name, title without a period,
    /// one-sentence message with quoted placeholders, kebab-case tags).
    /// </summary>
    public static RuleDescriptor Create(
        string id,
        string name,
        string title,
        string message,
        RuleCategory category,
        RuleLevel level,
        RulePrecision precision = RulePrecision.High,
        IEnumerable<string>? tags = null,
        bool enabledByDefault = true)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(message);
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown rule category.");
        }

        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown rule level.");
        }

        var allTags = new[] { category.Tag() }.Concat(tags ?? []).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var problems = new[]
            {
                RuleConventions.CheckId(id, category),
                RuleConventions.CheckName(name),
                RuleConventions.CheckTitle(title),
                RuleConventions.CheckMessage(message),
                allTags.Length > RuleConventions.MaxTags ? $"at most {RuleConventions.MaxTags} tags are allowed" : null,
            }
            .Concat(allTags.Select(RuleConventions.CheckTag))
            .OfType<string>()
            .ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Rule descriptor {id} breaks the conventions: {string.Join("; ", problems)}.");
        }

        return new RuleDescriptor(id, name, title, message, category, level, precision, allTags, enabledByDefault);
    }

    /// <summary>
    /// Formats the message with invariant culture. Line breaks in arguments become spaces, because a
    /// message is one line in every output format.
    /// </summary>
    public string FormatMessage(params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length != MessageArgumentCount)
        {
            throw new ArgumentException(
                $"{Id} takes {MessageArgumentCount} message argument(s), got {arguments.Length}.", nameof(arguments));
        }

        return string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments).ReplaceLineEndings(" ");
    }

    public override string ToString() => $"{Id} {Name}";
}
