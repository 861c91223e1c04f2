using System.Collections.Immutable;

namespace GilScan.Analysis.Suppressions;

/// <summary>
/// One suppression written in a comment: <c># noqa</c> (every rule), <c># noqa: GIL101, GIL102</c>,
/// <c># gilscan: ignore</c> (every rule) or <c># gilscan: ignore[GIL101]</c>. It applies to the
/// findings whose primary location starts on the comment's line.
/// </summary>
/// <param name="Codes">The rule ids it names; empty when it covers every rule.</param>
/// <param name="Text">The directive as written, for the suppression's justification.</param>
public sealed record SuppressionDirective(ImmutableArray<string> Codes, string Text)
{
    public bool CoversAllRules => Codes.IsEmpty;

    public bool Covers(string ruleId) => CoversAllRules || Codes.Contains(ruleId, StringComparer.Ordinal);
}
