using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Processes;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Processes;

/// <summary>GIL303: a lambda, local function, closure, or a bound method or object that cannot be
/// pickled is sent to another process. See rules/docs/GIL303.md.</summary>
public sealed class UnpicklableProcessCallable : ProcessBoundaryRule
{
    public new const string Id = "GIL303";

    private const string DefaultStartMethods =
        "under the spawn and forkserver start methods (the default on macOS and Windows, and on Linux from Python 3.14)";

    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "UnpicklableProcessCallable", title: "Unpicklable callable sent to a process",
        message: "'{0}' sends '{1}' to another process, which fails to pickle it: '{2}'; fix: '{3}'.",
        category: RuleCategory.Processes, level: RuleLevel.Warning, precision: RulePrecision.High,
        tags: ["correctness", "pickle"]);

    public UnpicklableProcessCallable()
        : base(Descriptor)
    {
    }

    protected override void Analyze(ProcessAnalysis analysis, NodeContext<Call> context)
    {
        var boundary = analysis.BoundaryAt(context.Node);
        if (boundary is null) return;
        // A Process (and a pool's initializer, which its worker processes receive the same way) is
        // pickled only when the start method is not fork.
        var startsProcesses = boundary.Api.Kind is BoundaryKind.Process or BoundaryKind.Pool;
        if (startsProcesses && boundary.StartMethod.Method == StartMethod.Fork) return;
        if (boundary.Api.Kind == BoundaryKind.Process && analysis.IsNeverStarted(boundary.Call)) return;
        var pickling = analysis.Pickling;
        var checks = new List<(Expr Expression, PicklingProblem? Problem, bool IsCallable)>();
        if (boundary.Callable is { } callable)
            checks.Add((callable, pickling.OfCallable(callable, startsProcesses, analysis.ValuesAt(callable, boundary.Call)), true));
        if (boundary.Api.Kind is not BoundaryKind.Map)
            foreach (var argument in boundary.Arguments)
                checks.Add((argument, pickling.OfArgument(argument, startsProcesses), false));
        foreach (var (expression, problem, isCallable) in checks)
        {
            if (problem is null) continue;
            context.Report(Finding(analysis.Project, boundary, expression, problem, isCallable, startsProcesses));
        }
    }

    private static Diagnostic Finding(ProjectModel project, ProcessBoundary boundary, Expr expression, PicklingProblem problem, bool isCallable, bool startsProcesses)
    {
        var onlyUnderSpawn = startsProcesses && !boundary.StartMethod.PicklesProcess;
        var error = onlyUnderSpawn ? $"{problem.Error}, {DefaultStartMethods}" : problem.Error;
        var confidence = onlyUnderSpawn || !problem.Through.IsEmpty ? Confidence.Medium : Confidence.High;
        var properties = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        properties[ProcessFindings.Api] = boundary.Api.Name;
        properties["unpicklable"] = problem.What;
        properties["error"] = problem.Error;
        properties["role"] = isCallable ? (boundary.Api.Kind == BoundaryKind.Pool ? "initializer" : "callable") : "argument";
        if (startsProcesses || boundary.Api.Kind is BoundaryKind.Task or BoundaryKind.Map)
            properties[ProcessFindings.StartMethodKey] = boundary.StartMethod.Name;

        var related = new List<(LocatedNode, string)>();
        if (problem.Definition is { } definition) related.Add((definition, $"{problem.What}: defined here"));
        related.AddRange(problem.Through.Select(site => ((LocatedNode)site.Call, "passed on here")));
        if (boundary.StartMethod.ChosenAt is { } chosen) related.Add((chosen, $"start method {boundary.StartMethod.Name} chosen here"));
        return new Diagnostic(Descriptor, ProcessFindings.LocationOf(project, expression),
            ProcessFindings.Unquoted(boundary.CalleeText), ProcessFindings.Unquoted(problem.What), ProcessFindings.Unquoted(error), Fix(problem, isCallable, onlyUnderSpawn))
        {
            Confidence = confidence,
            Properties = properties.ToImmutable(),
            RelatedLocations = ProcessFindings.Related(project, related),
            FingerprintKey = string.Join('|', Id, ProcessFindings.Owner(project, boundary.Call), boundary.Api.Name, ExpressionText.Of(expression)),
        };
    }

    private static string Fix(PicklingProblem problem, bool isCallable, bool onlyUnderSpawn)
    {
        var fork = onlyUnderSpawn ? ", or choose the fork start method explicitly where it is available" : "";
        if (problem.What == "a lambda")
            return "define the function with def at module level (bind extra arguments with functools.partial)" + fork;
        if (problem.What.StartsWith("the closure", StringComparison.Ordinal) || problem.What.StartsWith("the local function", StringComparison.Ordinal)
            || problem.What.StartsWith("a method of the local class", StringComparison.Ordinal))
            return "move the function to module level and pass what it uses as arguments (functools.partial)" + fork;
        if (problem.What.Contains("whose attribute", StringComparison.Ordinal))
            return isCallable
                ? "send a module-level function instead of the bound method, or define __getstate__ to leave the attribute out" + fork
                : "define __getstate__ to leave the attribute out, or send only the data the task needs" + fork;
        if (problem.Error.Contains("through inheritance", StringComparison.Ordinal))
            return "pass it to the workers when they start (the pool initializer), or use a multiprocessing.Manager() queue or lock";
        return "create it in the worker process (for example in the pool initializer) instead of sending it" + fork;
    }
}
