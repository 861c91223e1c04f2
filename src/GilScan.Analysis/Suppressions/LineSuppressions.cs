using System.Collections.Frozen;
using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Syntax;

namespace GilScan.Analysis.Suppressions;

/// <summary>The suppression directives of one file, by line; applies them to findings whose primary location starts on that line.</summary>
public sealed class LineSuppressions
{
    private readonly FrozenDictionary<int, ImmutableArray<SuppressionDirective>> _byLine;

    private LineSuppressions(FrozenDictionary<int, ImmutableArray<SuppressionDirective>> byLine) => _byLine = byLine;

    public static LineSuppressions Empty { get; } = new(FrozenDictionary<int, ImmutableArray<SuppressionDirective>>.Empty);

    public int LineCount => _byLine.Count;

    public static LineSuppressions FromComments(IEnumerable<SyntaxComment> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var lines = new Dictionary<int, ImmutableArray<SuppressionDirective>>();
        foreach (var comment in comments)
        {
            var directives = SuppressionComments.Parse(comment.Text);
            if (!directives.IsEmpty)
            {
                lines[comment.Line] = lines.TryGetValue(comment.Line, out var earlier) ? earlier.AddRange(directives) : directives;
            }
        }

        return lines.Count == 0 ? Empty : new LineSuppressions(lines.ToFrozenDictionary());
    }

    /// <summary>The directive that suppresses <paramref name="ruleId"/> on <paramref name="line"/>, or null.</summary>
    public SuppressionDirective? Find(string ruleId, int line) =>
        _byLine.TryGetValue(line, out var directives) ? directives.FirstOrDefault(d => d.Covers(ruleId)) : null;

    /// <summary>The finding, marked suppressed (kind InSource) when a directive on its line covers its rule.</summary>
    public Diagnostic Apply(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (diagnostic.IsSuppressed || Find(diagnostic.RuleId, diagnostic.Location.Span.StartLine) is not { } directive)
        {
            return diagnostic;
        }

        return diagnostic with { Suppression = new Suppression(SuppressionKind.InSource, directive.Text) };
    }
}
