using System.Collections.Immutable;
using GilScan.Analysis.Discovery;

namespace GilScan.Analysis.Configuration;

/// <summary>One entry of <c>per-file-ignores</c>: a glob of project paths and the rule selectors it ignores there.</summary>
public sealed class PerFileIgnore
{
    private readonly GlobSet _glob;

    public PerFileIgnore(string pattern, IEnumerable<string> selectors)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        Selectors = [.. selectors];
        _glob = new GlobSet([pattern]);
    }

    public string Pattern { get; }

    public ImmutableArray<string> Selectors { get; }

    /// <summary>Whether the entry ignores <paramref name="ruleId"/> in the file at <paramref name="path"/> (or below a matching directory).</summary>
    public bool Ignores(string path, string ruleId) =>
        Selectors.Any(selector => RuleSelectors.Matches(selector, ruleId)) && _glob.MatchesPathOrAncestor(path);

    public override string ToString() => $"'{Pattern}' = [{string.Join(", ", Selectors)}]";
}
