using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>What GIL501 and GIL502 findings share: where an access is, the path from the thread start to it,
/// and how messages name the threads.</summary>
public sealed class FreeThreadingFindings(ProjectModel model)
{
    private readonly FindingPaths _paths = new(model);

    /// <summary>An access's location: the test of an <c>if</c>, the header of a loop or comprehension, else the node.</summary>
    public Location LocationOf(Node node)
    {
        var path = model.ModuleOf(node).Entry.RelativePath;
        return node switch
        {
            If test => SyntaxLocations.Of(path, test.Test),
            Comprehension generator => new Location(path, SyntaxLocations.SpanOf(SourceRange.Cover(generator.Target.Range, generator.Iter.Range))),
            _ => _paths.LocationOf(node),
        };
    }

    /// <summary>The steps from where the thread starts to the access: the hand-overs, the start, each call, the access.</summary>
    public List<(Node Node, string Message)> Steps(ReachedFunction context, Node access, string accessMessage)
    {
        var entry = context.Entry;
        var steps = new List<(Node, string)>();
        foreach (var passed in entry.HandedOver)
        {
            steps.Add((passed.Call, $"{passed.Caller.DisplayName} hands {entry.Target.DisplayName} to a helper that starts a thread"));
        }

        var many = entry.ManyReason is null ? "" : $" ({FreeThreadingAnalysis.Plain(entry.ManyReason)})";
        steps.Add(entry.IsStartingCode
            ? (entry.Site, $"{entry.StartingFunction.DisplayName} starts a thread here and goes on running beside it")
            : (entry.Site, $"{entry.Starter} runs {entry.Target.DisplayName} on another thread{many}"));
        for (var i = 0; i < context.Path.Length; i++)
        {
            var site = context.Path[i];
            var entered = i + 1 < context.Path.Length ? context.Path[i + 1].Caller : context.Function;
            steps.Add((site.Call, $"{site.Caller.DisplayName} calls {entered.DisplayName}"));
        }

        steps.Add((access, accessMessage));
        return steps;
    }

    /// <summary>The code flow through <paramref name="steps"/> and the related locations: every step but the
    /// reported one (the last), then <paramref name="extra"/>.</summary>
    public (ImmutableArray<RelatedLocation> Related, ImmutableArray<CodeFlowStep> Flow) Path(
        IReadOnlyList<(Node Node, string Message)> steps, IEnumerable<(Node Node, string Message)> extra)
    {
        var flow = ImmutableArray.CreateBuilder<CodeFlowStep>();
        var related = ImmutableArray.CreateBuilder<RelatedLocation>();
        for (var i = 0; i < steps.Count; i++)
        {
            var location = LocationOf(steps[i].Node);
            flow.Add(new CodeFlowStep(location, steps[i].Message, i));
            if (i < steps.Count - 1)
            {
                related.Add(new RelatedLocation(location, steps[i].Message));
            }
        }

        foreach (var (node, message) in extra)
        {
            related.Add(new RelatedLocation(LocationOf(node), message));
        }

        return (related.ToImmutable(), flow.ToImmutable());
    }

    /// <summary>The writers of a state, as a message names them: "worker on threading.Thread (started in a loop in main)".</summary>
    public static string Threads(IEnumerable<ThreadEntry> entries) =>
        string.Join(" and ", entries.DistinctBy(e => e.ThreadKey).OrderBy(e => e.Id).Take(3).Select(FreeThreadingAnalysis.Threads));

    /// <summary>High when one start visibly runs the code on several threads (a loop, a map, requests) and the
    /// state is a global or an object made before the threads start; medium when it rests on the callers
    /// (a function called in a loop) or on two different starts.</summary>
    public static Confidence ConfidenceOf(ThreadEntry entry) =>
        entry.ManyReason is { } reason && (reason.StartsWith("started in a loop", StringComparison.Ordinal) ||
                                           reason is "one task per item" or "one call per request" or "each call starts a thread")
            ? Confidence.High
            : Confidence.Medium;
}
