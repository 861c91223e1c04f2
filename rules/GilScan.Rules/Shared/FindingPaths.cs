using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Shared;

/// <summary>
/// Locations anywhere in the project, and the path of a finding (start site, call chain, hot spot)
/// as related locations and a code flow. A loop is located by its header (<c>for x in it</c>,
/// <c>while test</c>), not its whole body, so that a viewer highlights one line.
/// </summary>
public sealed class FindingPaths(ProjectModel model)
{
    public Location LocationOf(Node node)
    {
        var path = model.ModuleOf(node).Entry.RelativePath;
        return node switch
        {
            For f => Header(path, f, f.Iter),
            AsyncFor f => Header(path, f, f.Iter),
            While w => Header(path, w, w.Test),
            LocatedNode located => SyntaxLocations.Of(path, located),
            _ => Location.StartOf(path),
        };
    }

    /// <summary>The function a chain enters at step <paramref name="index"/>: the caller of the next
    /// site, or, after the last site, the function that holds <paramref name="end"/>.</summary>
    public ProjectFunction Entered(ImmutableArray<CallSite> chain, int index, Node end) =>
        index + 1 < chain.Length ? chain[index + 1].Caller : model.EnclosingFunction(end);

    /// <summary>
    /// False when the chain takes a call edge that only exists for other callers: the call graph's
    /// parameter flows are context-insensitive (a helper <c>def run(fn): fn()</c> may call whatever any
    /// caller passes), so a chain through <c>fn()</c> is only real when a call site that passed that
    /// callable lies on the path itself (in <paramref name="outer"/> or earlier in the chain).
    /// </summary>
    /// <param name="outer">Call sites known to be on the path before the chain starts (a thread start
    /// and the helpers that handed the callable to it).</param>
    public bool IsFeasible(IReadOnlyList<CallSite> outer, ImmutableArray<CallSite> chain, Node end)
    {
        for (var i = 0; i < chain.Length; i++)
        {
            var entered = Entered(chain, i, end);

            // `await x.f()` resolved to a plain function: what runs at run time must return an
            // awaitable, so the value is another callable (a flow-insensitive union of an attribute's
            // values, such as a retry helper's `sleep` that is time.sleep in one class and asyncio.sleep
            // in its async subclass).
            if (chain[i].IsAwaited && !entered.IsAsync)
            {
                return false;
            }

            var feasible = false;
            var matched = false;
            foreach (var target in chain[i].Targets)
            {
                if (!ReferenceEquals(target.Function, entered))
                {
                    continue;
                }

                matched = true;
                if (target.Through.IsEmpty || target.Through.All(site => outer.Contains(site) || chain.Take(i).Contains(site)))
                {
                    feasible = true;
                    break;
                }
            }

            if (matched && !feasible)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The code flow through <paramref name="steps"/> (the reported node first, the hot spot
    /// last; nesting grows by one per step) and every step but the first as a related location.
    /// A path ends at the project's call into an installed package: the package's code is not the
    /// project's to show or to fix, and its files may lie outside the project.</summary>
    public (ImmutableArray<RelatedLocation> Related, ImmutableArray<CodeFlowStep> Flow) Path(IReadOnlyList<(Node Node, string Message)> steps)
    {
        var related = ImmutableArray.CreateBuilder<RelatedLocation>();
        var flow = ImmutableArray.CreateBuilder<CodeFlowStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (i > 0 && IsInstalled(steps[i].Node))
            {
                break;
            }

            var location = LocationOf(steps[i].Node);
            flow.Add(new CodeFlowStep(location, steps[i].Message, i));
            if (i > 0)
            {
                related.Add(new RelatedLocation(location, steps[i].Message));
            }
        }

        return (related.ToImmutable(), flow.ToImmutable());
    }

    /// <summary>The steps of <paramref name="chain"/> (each call site, named by the function it enters)
    /// followed by <paramref name="end"/>.</summary>
    public IEnumerable<(Node Node, string Message)> ChainSteps(ImmutableArray<CallSite> chain, Node end, string endMessage)
    {
        for (var i = 0; i < chain.Length; i++)
        {
            yield return (chain[i].Call, $"{chain[i].Caller.DisplayName} calls {NameOf(Entered(chain, i, end))}");
        }

        yield return (end, endMessage);
    }

    /// <summary>True when <paramref name="node"/> is code of an installed package the model follows.</summary>
    public bool IsInstalled(Node node) => model.ModuleOf(node).Entry.IsLibrary;

    /// <summary>A function as messages name it: its <c>__qualname__</c> in the project's code, its full
    /// name (module included) in an installed package's.</summary>
    public static string NameOf(ProjectFunction function) =>
        function.Module.Entry.IsLibrary ? function.QualifiedName : function.DisplayName;

    /// <summary>" in the installed package markdown (markdown.core.Markdown.convert)" when the hot spot is
    /// in an installed package's code, ", most of it in the installed package ..." when the project's loop
    /// spends most of its work there, else "": a message's line numbers are the project's.</summary>
    public string InstalledPlace(HotSpot hot)
    {
        // The function of the hot spot itself when it is installed code, else that of its innermost part
        // (a project call into a package whose loop does the work).
        var holder = model.EnclosingFunction(hot.Node);
        if (holder.Module.Entry.IsLibrary)
        {
            return $" in the installed package {holder.Module.Name.Split('.')[0]} ({holder.QualifiedName})";
        }

        var innermost = model.EnclosingFunction(hot.Innermost.Node);
        return innermost.Module.Entry.IsLibrary
            ? $", most of it in the installed package {innermost.Module.Name.Split('.')[0]} ({innermost.QualifiedName})"
            : "";
    }

    /// <summary>"pkg.mod:Cls.method": the module and <c>__qualname__</c> of a function, as the
    /// confirmation harness and <c>[tool.gilscan.confirm."module:function"]</c> name it.</summary>
    public static string TargetName(ProjectFunction function) => $"{function.Module.Name}:{function.DisplayName}";

    private static Location Header(string path, LocatedNode statement, Expr last) =>
        new(path, SyntaxLocations.SpanOf(SourceRange.Cover(statement.Range, last.Range)));
}
