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
/// GIL501: a read-modify-write (or check-then-act) of state that several threads update at once, with no
/// lock: <c>hits += 1</c> on a global, <c>counts[w] = counts.get(w, 0) + 1</c>, <c>self.total += amount</c>
/// on an object the tasks share, <c>if k not in d: d[k] = []</c>. See rules/docs/GIL501.md.
/// </summary>
public sealed class UnsynchronisedReadModifyWrite : Rule
{
    public new const string Id = "GIL501";

    /// <summary>Arguments: the code, the state, the threads, the fix.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "UnsynchronisedReadModifyWrite", title: "Unsynchronised read-modify-write of state shared by threads",
        message: "'{0}' reads and updates shared '{1}' with no lock while several threads run it ('{2}'), so without the GIL concurrent updates are lost; fix: '{3}'.",
        category: RuleCategory.FreeThreading, level: RuleLevel.Warning,
        tags: ["correctness", "race-condition", "threading"]);

    public UnsynchronisedReadModifyWrite()
        : base(Descriptor)
    {
    }

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
    {
        var model = project.GetModel<ProjectModel>();
        var analysis = FreeThreadingAnalysis.Of(model);
        var findings = new FreeThreadingFindings(model);
        foreach (var update in analysis.Updates)
        {
            project.Report(Diagnose(model, findings, update));
        }
    });

    private static Diagnostic Diagnose(ProjectModel model, FreeThreadingFindings findings, UnsynchronisedUpdate update)
    {
        var shown = update.Shown;
        var access = shown.Access;
        var state = FreeThreadingAnalysis.Plain(Describe(access, shown.State));
        var unlocked = update.Writers.Where(w => w.Lock is null).ToList();
        var threads = FreeThreadingFindings.Threads(new[] { shown.Context.Entry }.Concat(unlocked.Select(w => w.Context.Entry)));
        var steps = findings.Steps(shown.Context, access.Node, $"reads and updates {state} with no lock");
        var others = update.Writers.Where(w => !ReferenceEquals(w.Access.Node, access.Node)).DistinctBy(w => w.Access.Node)
            .Select(w => (w.Access.Node, w.Lock is null
                ? $"{FreeThreadingAnalysis.Threads(w.Context.Entry)} also updates it here"
                : $"{FreeThreadingAnalysis.Threads(w.Context.Entry)} updates it here under a lock the other writers do not take"))
            .Take(5);
        var (related, flow) = findings.Path(steps, others);
        var fix = Fix(access);
        var lostUpdates = LostUpdateTarget.Of(model, update);
        return new Diagnostic(Descriptor, findings.LocationOf(access.Node), access.Code, state, threads, fix)
        {
            Confidence = FreeThreadingFindings.ConfidenceOf(shown.Context.Entry),
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = Properties(update, state, fix, lostUpdates),
            FingerprintKey = $"{shown.State.Identity}|{access.Code}",
            Confirmation = lostUpdates?.Request(shown.Context.Entry.Target),
        };
    }

    /// <summary>The state as a message names it: the variable itself, an attribute of its owner, or an item of a container.</summary>
    private static string Describe(StateAccess access, ObjectFact state) => access switch
    {
        { State: Subscript } or { Kind: AccessKind.CheckThenAct } => state.Description,
        _ => state.Description,
    };

    /// <summary>The fix for the pattern, in one line of advice with code.</summary>
    private static string Fix(StateAccess access)
    {
        var code = access.Code;
        return access switch
        {
            { Pattern: "check-then-act (create if missing)" } when access.State is { } container && access.Key is { } key =>
                $"use {CodeShapes.Render(container)}.setdefault({CodeShapes.Render(key)}, ...) (one atomic call) or hold one threading.Lock around the check and the update",
            { Pattern: "check-then-act (delete if present)" } when access.Key is { } key =>
                $"use {CodeShapes.Render(access.State)}.pop({CodeShapes.Render(key)}, None) (one atomic call) or hold one threading.Lock around the check and the delete",
            { Pattern: "check-then-act (pop if not empty)" } =>
                "use a queue.Queue (get() waits or raises Empty), or try the pop and catch IndexError, instead of checking first",
            { Node: Assign { Value: BinOp { Op: BinaryOperator.Add } } } when access.State is not Subscript =>
                $"change the object in place ({CodeShapes.Render(access.State)}.append/extend are atomic) or hold one threading.Lock around '{code}'",
            { State: Subscript } =>
                $"hold one threading.Lock around every update (with lock: {code}), or count per thread (a collections.Counter each) and merge after join()",
            { State: Attribute { Value: Name { Id: "self" } } } =>
                $"hold one threading.Lock around every update (with self._lock: {code}), or keep per-thread totals and add them up at the end",
            { State: Attribute } =>
                $"hold one threading.Lock around every update (with lock: {code}), or keep per-thread totals and add them up at the end",
            _ => $"hold one threading.Lock around every update (with lock: {code}), or give each thread its own result (threading.local or a return value) and combine them at the end",
        };
    }

    private static ImmutableSortedDictionary<string, PropertyValue> Properties(UnsynchronisedUpdate update, string state, string fix, LostUpdateTarget? lostUpdates)
    {
        var shown = update.Shown;
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties["code"] = shown.Access.Code;
        properties["state"] = state;
        properties["fix"] = fix;
        properties["pattern"] = shown.Access.Pattern;
        properties["threads"] = PropertyValue.List(update.Writers.Where(w => w.Lock is null).Select(w => FreeThreadingAnalysis.Threads(w.Context.Entry)).Distinct().Order(StringComparer.Ordinal));
        properties["starter"] = shown.Context.Entry.Starter;
        properties["target"] = FindingPaths.TargetName(shown.Context.Entry.Target);
        foreach (var (key, value) in lostUpdates?.Properties() ?? [])
        {
            properties[key] = value;
        }

        return properties.ToImmutable();
    }
}
