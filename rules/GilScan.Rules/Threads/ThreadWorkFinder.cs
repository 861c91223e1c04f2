using System.Collections.Immutable;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Threads;

/// <summary>
/// The shared analysis of GIL101 and GIL102: every thread start of the project, every callable it may
/// run (functions, lambdas, bound methods, partials, callables handed through a helper's parameters),
/// that callable's effect summary specialised to the start's constant arguments, and the CPU-bound
/// verdict. A callable that reached the start through a helper's parameter is reported at the call
/// that handed it over (the line to change), once per callable.
/// </summary>
public static class ThreadWorkFinder
{
    /// <param name="messageArguments">The rule's message arguments from the callable's name, the starter and the work in words.</param>
    public static IEnumerable<Diagnostic> Find(ProjectModel model, AnalysisOptions options, ThreadStartFamily family, RuleDescriptor descriptor,
        Func<string, string, string, object[]> messageArguments)
    {
        var paths = new FindingPaths(model);
        var starts = new List<(ThreadStart Start, IReadOnlyList<CallTarget> Targets)>();
        foreach (var function in model.Functions)
        {
            foreach (var site in model.CallGraph.SitesIn(function))
            {
                if (ThreadStarts.Recognise(model, site) is { } start && start.Family == family)
                {
                    starts.Add((start, TargetsOf(model, start)));
                }
            }
        }

        // Summaries are computed on demand; asking for all targets at once lets them be computed in parallel.
        model.Effects.Prepare(starts.SelectMany(s => s.Targets).Select(t => t.Function));
        var reported = new HashSet<(Call, int)>();
        foreach (var (start, targets) in starts)
        {
            var site = start.Site;
            foreach (var target in targets)
            {
                var summary = start.ArgumentsKnown && target.Through.IsEmpty
                    ? model.Effects.SummaryForArguments(target, start.Positional, start.Keywords, site.Caller.Module.ScopeOf(site.Call), start.NamedValues)
                    : model.Effects.SummaryOf(target.Function);
                if (CpuBoundJudge.OnThread(model, summary, options) is not { } work)
                {
                    continue;
                }

                if (work.HotSpot?.Innermost is { } hot && !paths.IsFeasible([.. target.Through, site], hot.Chain, hot.Node))
                {
                    continue;
                }

                var reportAt = target.Through.IsEmpty ? site.Call : target.Through[0].Call;
                if (reported.Add((reportAt, target.Function.Id)))
                {
                    yield return Report(model, paths, descriptor, messageArguments, start, target, work, reportAt);
                }
            }
        }
    }

    private static IReadOnlyList<CallTarget> TargetsOf(ProjectModel model, ThreadStart start)
    {
        if (start.RunMethod is { } run)
        {
            return [new CallTarget(run, CallEdgeKind.BoundMethod, 1, null, [])];
        }

        return start.Callable is null ? [] : model.CallGraph.CallableTargets(start.Callable);
    }

    private static Diagnostic Report(ProjectModel model, FindingPaths paths, RuleDescriptor descriptor, Func<string, string, string, object[]> messageArguments,
        ThreadStart start, CallTarget target, CpuBoundWork work, Call reportAt)
    {
        var name = NameOfWork(paths, target.Function, work.HotSpot);
        var steps = new List<(Node, string)> { (reportAt, $"{start.Starter} runs {name} on another thread") };
        foreach (var passed in target.Through.Skip(1))
        {
            steps.Add((passed.Call, $"{passed.Caller.DisplayName} passes it on"));
        }

        if (!target.Through.IsEmpty)
        {
            steps.Add((start.Site.Call, $"{start.Site.Caller.DisplayName} starts it with {start.Starter}"));
        }

        var hot = work.HotSpot?.Innermost;
        if (hot is not null)
        {
            steps.AddRange(paths.ChainSteps(hot.Chain, hot.Node, $"hot spot: {WorkDescriptions.Place(hot)}"));
        }
        else
        {
            steps.Add((target.Function.Node, $"{target.Function.DisplayName} recurses"));
        }

        var (related, flow) = paths.Path(steps);
        return new Diagnostic(descriptor, paths.LocationOf(reportAt), messageArguments(name, start.Starter, work.Description))
        {
            Confidence = work.Confidence,
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = Properties(model, start, target, work, reportAt),
            FingerprintKey = $"{FindingPaths.TargetName(target.Function)}|{start.Starter}",
        };
    }

    /// <summary>The function to name in the message: the callable, or for a lambda (which has no
    /// useful name) the function its hot path calls first.</summary>
    private static string NameOfWork(FindingPaths paths, ProjectFunction callable, HotSpot? hot)
    {
        if (callable.Kind == FunctionKind.Lambda && hot is { Chain.Length: > 0 })
        {
            return paths.Entered(hot.Chain, 0, hot.Node).DisplayName;
        }

        return callable.DisplayName;
    }

    /// <summary>Facts for SARIF and for <c>--confirm</c>: <c>target</c> ("module:qualname") and, when
    /// every argument folded to a constant, <c>arguments</c>/<c>keywords</c> as Python literals.</summary>
    private static ImmutableSortedDictionary<string, PropertyValue> Properties(ProjectModel model, ThreadStart start, CallTarget target, CpuBoundWork work, Call reportAt)
    {
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties["target"] = FindingPaths.TargetName(target.Function);
        properties["starter"] = start.Starter;
        properties["evidence"] = work.Evidence switch
        {
            CpuEvidence.KnownWork => "known-work",
            CpuEvidence.RangeOfUnknownLength => "range-of-unknown-length",
            _ => "recursion",
        };
        properties["work-operations"] = work.Summary.Work.Operations;
        properties["estimated-ms"] = Math.Round(WorkCost.Milliseconds(work.Summary.Work.Operations), 1);
        if (ConfirmationArguments.Of(model, start, target, reportAt) is { } folded)
        {
            properties["arguments"] = PropertyValue.List(folded.Positional);
            properties["keywords"] = PropertyValue.Dictionary(folded.Keywords.Select(k => KeyValuePair.Create(k.Key, (PropertyValue)k.Value)));
        }

        return properties.ToImmutable();
    }
}
