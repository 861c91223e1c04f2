using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Rules;

/// <summary>
/// Every rule a build of gilscan knows: the tool rules (GIL001-GIL003, reported by the engine and
/// the configuration loader) and the rule classes. The meta-tests check it as a whole (ids unique
/// and in their category's range, each documented in rules/docs); configuration validates codes
/// against it; SARIF lists the rules that ran from it.
/// </summary>
public sealed class RuleCatalog
{
    private readonly ImmutableSortedDictionary<string, RuleDescriptor> _byId;

    private RuleCatalog(ImmutableArray<Rule> rules)
    {
        Rules = rules;
        Descriptors = [.. ToolRules.All.Concat(rules.Select(rule => rule.Definition)).OrderBy(d => d.Id, StringComparer.Ordinal)];
        _byId = Descriptors.ToImmutableSortedDictionary(d => d.Id, d => d, StringComparer.Ordinal);
    }

    /// <summary>The rule classes, in id order.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <summary>Every descriptor, tool rules included, in id order.</summary>
    public ImmutableArray<RuleDescriptor> Descriptors { get; }

    public IReadOnlyCollection<string> Ids => _byId.Keys.ToArray();

    /// <exception cref="ArgumentException">Two rules share an id, or a rule class claims a tool rule's id.</exception>
    public static RuleCatalog Create(IEnumerable<Rule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var ordered = rules.OrderBy(rule => rule.Id, StringComparer.Ordinal).ToImmutableArray();
        var ids = ToolRules.All.Select(d => d.Id).Concat(ordered.Select(rule => rule.Id));
        var duplicate = ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Rule id {duplicate.Key} is used more than once (tool rules GIL001-GIL003 included).", nameof(rules));
        }

        return new RuleCatalog(ordered);
    }

    public RuleDescriptor? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The rule classes whose ids are in <paramref name="enabledIds"/>.</summary>
    public IReadOnlyList<Rule> RulesFor(IEnumerable<string> enabledIds)
    {
        var enabled = enabledIds.ToHashSet(StringComparer.Ordinal);
        return [.. Rules.Where(rule => enabled.Contains(rule.Id))];
    }
}
