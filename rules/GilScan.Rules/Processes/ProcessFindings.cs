using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Processes;
using GilScan.Semantics.Sizes;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Processes;

/// <summary>
/// What the three process rules share when they write a finding: locations of nodes anywhere in the
/// project, related locations and code-flow steps for the way a value travels (where it is made, the
/// bindings it passes, the loop that repeats the send), and the property names of the evidence.
/// </summary>
internal static partial class ProcessFindings
{
    public const string SizeBytes = "size-bytes";
    public const string SizeEvidence = "size-evidence";
    public const string SizeBasisKey = "size-basis";
    public const string Messages = "messages";
    public const string MessagesText = "messages-text";
    public const string StartMethodKey = "start-method";
    public const string Api = "api";
    public const string Payload = "payload";
    public const string DataSourceKey = "data-source";
    public const string AlternativeKey = "alternative";

    /// <summary>When a Process is pickled although the code does not choose spawn: the platforms where
    /// that is the default.</summary>
    public const string DefaultStartMethods =
        "under the spawn and forkserver start methods (the default on macOS and Windows, and on Linux from Python 3.14)";

    public static Location LocationOf(ProjectModel project, LocatedNode node) =>
        new(project.ModuleOf(node).Entry.RelativePath, SyntaxLocations.SpanOf(node.Range));

    /// <summary>The steps from where a value is made to the call that sends it: the making node, the
    /// bindings it passed through (most recent first in the trail is reversed to source order of travel),
    /// the loops that repeat the send, and the send itself.</summary>
    public static ImmutableArray<CodeFlowStep> Flow(ProjectModel project, SizeFact? fact, IReadOnlyList<LocatedNode> loops, LocatedNode send, string sendMessage)
    {
        var steps = ImmutableArray.CreateBuilder<CodeFlowStep>();
        if (fact is not null)
        {
            steps.Add(new CodeFlowStep(LocationOf(project, fact.Origin), $"made here: {fact.Describe()}", 0));
            foreach (var node in fact.Trail.Reverse())
                if (!ReferenceEquals(node, fact.Origin)) steps.Add(new CodeFlowStep(LocationOf(project, node), "passed on here", 0));
        }
        foreach (var loop in loops) steps.Add(new CodeFlowStep(LocationOf(project, loop), "repeated by this loop", 0));
        steps.Add(new CodeFlowStep(LocationOf(project, send), sendMessage, 0));
        return steps.ToImmutable();
    }

    public static ImmutableArray<RelatedLocation> Related(ProjectModel project, IEnumerable<(LocatedNode Node, string Message)> places)
    {
        var result = ImmutableArray.CreateBuilder<RelatedLocation>();
        var seen = new HashSet<LocatedNode>(ReferenceEqualityComparer.Instance);
        foreach (var (node, message) in places)
            if (seen.Add(node)) result.Add(new RelatedLocation(LocationOf(project, node), message));
        return result.ToImmutable();
    }

    /// <summary>"200,000 times (range(200000))", "in a loop that iterates `paths`", "in a loop (while True
    /// with a break)".</summary>
    public static string RepetitionText(Repetition repetition) => repetition.Count is { } n
        ? $"{SizeFact.Count(n)} times ({repetition.Trips.Reason})"
        : repetition.Trips.Reason.StartsWith("iterates", StringComparison.Ordinal)
            ? $"in a loop that {repetition.Trips.Reason}"
            : $"in a loop ({repetition.Trips.Reason})";

    /// <summary>A message argument is quoted as a whole ('…'), so quotes inside it become backticks
    /// (apostrophes, as in "Can't", stay).</summary>
    public static string Unquoted(string text) => InnerQuote().Replace(text, "`$1`");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\p{L}\p{N}])'([^']*)'(?![\p{L}\p{N}])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex InnerQuote();

    /// <summary>The fingerprint part that names where a finding is: the enclosing function's qualified name.</summary>
    public static string Owner(ProjectModel project, Node node) => project.EnclosingFunction(node).QualifiedName;
}
