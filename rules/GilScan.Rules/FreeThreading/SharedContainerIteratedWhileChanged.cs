using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Processes;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// GIL502: a dict, set, list or deque that threads share is iterated while code on another thread inserts
/// into it or removes from it, with no lock around both. See rules/docs/GIL502.md.
/// </summary>
public sealed class SharedContainerIteratedWhileChanged : Rule
{
    public new const string Id = "GIL502";

    /// <summary>Arguments: the loop, the container, the threads that change it, what the loop can then do (by the
    /// container's type: raise RuntimeError, or skip and repeat items), the fix.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "SharedContainerIteratedWhileChanged", title: "Shared container iterated while another thread changes it",
        message: "'{0}' iterates shared '{1}' while '{2}' inserts into it or removes from it, with no lock around both, so the loop can '{3}' (now and then under the GIL, more often without it); fix: '{4}'.",
        category: RuleCategory.FreeThreading, level: RuleLevel.Warning,
        tags: ["correctness", "race-condition", "threading"]);

    public SharedContainerIteratedWhileChanged()
        : base(Descriptor)
    {
    }

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
    {
        var model = project.GetModel<ProjectModel>();
        var analysis = FreeThreadingAnalysis.Of(model);
        var findings = new FreeThreadingFindings(model);
        foreach (var finding in analysis.Iterations)
        {
            project.Report(Diagnose(analysis, findings, finding));
        }
    });

    private static Diagnostic Diagnose(FreeThreadingAnalysis analysis, FreeThreadingFindings findings, IterationDuringChange finding)
    {
        var iteration = finding.Iteration;
        var change = finding.Change;
        var container = FreeThreadingAnalysis.Plain(iteration.State.Description);
        var changers = FreeThreadingAnalysis.Threads(change.Context.Entry);
        var steps = findings.Steps(iteration.Context, iteration.Access.Node, $"iterates {container} with no lock");
        var changeSteps = findings.Steps(change.Context, change.Access.Node, $"changes the size of {container} ({change.Access.Pattern})");
        var extra = changeSteps.Skip(changeSteps.Count - 1).Select(s => (s.Node, s.Message))
            .Prepend((change.Context.Entry.Site, $"{change.Context.Entry.Starter} runs {change.Context.Entry.Target.DisplayName}, which changes it, on another thread"));
        var (related, flow) = findings.Path(steps, extra);
        var kind = analysis.Finder.ContainerKindOf(iteration.Access.State) ?? analysis.Finder.ContainerKindOf(change.Access.State);
        var fix = Fix(analysis, iteration.Access);
        var outcome = kind is { WhenOnlyAppendedWhileIterated: { } appended } && finding.Changes.All(c => kind.Appending.Contains(c.Access.Pattern))
            ? appended
            : kind?.WhenIteratedWhileChanged ?? UnknownContainerOutcome;
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties["code"] = iteration.Access.Code;
        properties["container"] = container;
        properties["change"] = change.Access.Code;
        properties["changed-by"] = PropertyValue.List(changers);
        properties["fix"] = fix;
        properties["outcome"] = outcome;
        properties["threads"] = PropertyValue.List(new[] { FreeThreadingAnalysis.Threads(iteration.Context.Entry), changers }.Distinct().Order(StringComparer.Ordinal));
        properties["target"] = FindingPaths.TargetName(iteration.Context.Entry.Target);
        return new Diagnostic(Descriptor, findings.LocationOf(iteration.Access.Node), iteration.Access.Code, container, changers,
            outcome, fix)
        {
            Confidence = change.Context.Entry.Id == iteration.Context.Entry.Id || FreeThreadingFindings.ConfidenceOf(change.Context.Entry) == Confidence.High
                ? Confidence.High
                : Confidence.Medium,
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = properties.ToImmutable(),
            FingerprintKey = $"{iteration.State.Identity}|{iteration.Access.Code}",
        };
    }

    // Every container the finder recognises has a knowledge entry, so this is only reached for one whose type the
    // iteration and the change both lost (a consumer over an untyped expression): then say what either kind can do.
    private const string UnknownContainerOutcome = "raise RuntimeError (dict, set, deque) or skip or repeat items (list)";

    /// <summary>Iterate a copy made under the container's lock, or hold one lock around both sides.</summary>
    private static string Fix(FreeThreadingAnalysis analysis, StateAccess iteration)
    {
        var container = CodeShapes.Render(iteration.State);
        var kind = analysis.Finder.ContainerKindOf(iteration.State);
        var loop = iteration.Node switch
        {
            For f => f.Iter,
            AsyncFor f => f.Iter,
            Comprehension c => c.Iter,
            Call c when c.Args.Count > 0 => c.Args[0],
            _ => null,
        };
        var copy = loop is Call { Func: Attribute { Attr: var view } } && kind?.Views.Contains(view) == true
            ? $"list({container}.{view}())"
            : $"list({container})";
        return $"iterate over a copy, {copy}, or hold one threading.Lock around the loop and every change";
    }
}
