using GilScan.Analysis.Diagnostics;
using GilScan.Rules.FreeThreading;

namespace GilScan.Reporting.Audit;

/// <summary>
/// One GIL501 or GIL502 finding as the report's "Your code under free-threading" section shows it: the code,
/// what is shared, which threads write it, the fix, and the path from the thread start to the code. The parts
/// come from the finding's properties, which both rules set (<c>code</c>, <c>state</c> or <c>container</c>,
/// <c>threads</c> or <c>changed-by</c>, <c>fix</c>, GIL502's <c>outcome</c>); a part a finding lacks is empty and
/// not shown.
/// </summary>
public sealed record SharedStateReportEntry(Diagnostic Finding, string Code, string Shared, IReadOnlyList<string> WrittenBy, string Fix)
{
    /// <summary>What goes wrong at run time: lost updates (GIL501), or what the container's iterator does when its
    /// size changes under it (GIL502's <c>outcome</c>: RuntimeError for dict, set and deque, skipped or repeated
    /// items for a list).</summary>
    public string WhatGoesWrong { get; init; } = string.Empty;

    /// <summary>The related places that are not steps of the path: the other writers (GIL501), the change and the
    /// thread that makes it (GIL502).</summary>
    public IReadOnlyList<RelatedLocation> AlsoInvolved =>
        [.. Finding.RelatedLocations.Where(r => !Finding.CodeFlow.Any(step => step.Location == r.Location && step.Message == r.Message))];

    public static SharedStateReportEntry From(Diagnostic finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var properties = finding.Properties;
        var isUpdate = finding.RuleId == UnsynchronisedReadModifyWrite.Id;
        return new SharedStateReportEntry(
            finding,
            Text(properties, "code"),
            Text(properties, isUpdate ? "state" : "container"),
            List(properties, isUpdate ? "threads" : "changed-by"),
            Text(properties, "fix"))
        {
            WhatGoesWrong = isUpdate
                ? Text(properties, "pattern").StartsWith("check-then-act", StringComparison.Ordinal)
                    ? "another thread can act between the check and the action, so both act on what they saw (now and then under the GIL, often without it)"
                    : "two threads read the same old value and one of their updates is lost (now and then under the GIL, often without it)"
                : Text(properties, "outcome") is { Length: > 0 } outcome ? $"the loop can {outcome} (now and then under the GIL, more often without it)" : string.Empty,
        };
    }

    private static string Text(IReadOnlyDictionary<string, PropertyValue> properties, string key) =>
        properties.GetValueOrDefault(key) is PropertyValue.Text text ? text.Value : string.Empty;

    private static IReadOnlyList<string> List(IReadOnlyDictionary<string, PropertyValue> properties, string key) =>
        properties.GetValueOrDefault(key) switch
        {
            PropertyValue.TextList list => list.Values,
            PropertyValue.Text text => [text.Value],
            _ => [],
        };
}
