using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Shared;
using GilScan.Semantics.Calls;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Asyncio;

/// <summary>Where a coroutine's finding belongs: the first call of the chain in the coroutine's own
/// code (the line to change), or the site itself when the coroutine holds it.</summary>
public static class CoroutinePaths
{
    public static Node ReportedNode(ImmutableArray<CallSite> chain, Node site) => chain.IsEmpty ? site : chain[0].Call;

    /// <summary>True when the chain passes through another coroutine (an awaited one): that coroutine
    /// has the same finding in its own code, reported there once rather than at every caller.</summary>
    public static bool EntersAnotherCoroutine(FindingPaths paths, ImmutableArray<CallSite> chain, Node end)
    {
        for (var i = 0; i < chain.Length; i++)
        {
            if (paths.Entered(chain, i, end).IsCoroutine)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The code flow from <paramref name="reported"/> (the chain's first call, or the site itself)
    /// down the rest of <paramref name="chain"/> to <paramref name="end"/>, without repeating a step.</summary>
    public static (ImmutableArray<RelatedLocation> Related, ImmutableArray<CodeFlowStep> Flow) Path(
        FindingPaths paths, Node reported, string reportedMessage, ImmutableArray<CallSite> chain, Node end, string endMessage)
    {
        var steps = new List<(Node, string)> { (reported, reportedMessage) };
        steps.AddRange(paths.ChainSteps(chain, end, endMessage).Where(step => !ReferenceEquals(step.Node, reported)));
        return paths.Path(steps);
    }
}
