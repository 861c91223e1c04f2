using System.Collections.Immutable;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Processes;

/// <summary>Why a value cannot be pickled, and where the code makes it so.</summary>
/// <param name="What">The value, for messages: "a lambda", "the local function 'outer.&lt;locals&gt;.scale'",
/// "a bound method of 'Cache', whose attribute 'self.lock' holds a 'threading.Lock'".</param>
/// <param name="Error">The error Python raises (for the message and the docs).</param>
/// <param name="Definition">The lambda, def or attribute assignment that makes the value unpicklable.</param>
/// <param name="Through">When the callable arrived through parameters: the call sites it came through.</param>
public sealed record PicklingProblem(string What, string Error, LocatedNode? Definition, ImmutableArray<CallSite> Through);

/// <summary>
/// Decides whether a callable or argument sent to another process can be pickled, by the rules of
/// the pickle module (functions and classes are pickled by reference to a module-level name):
/// lambdas and functions or classes defined inside a function cannot; a bound method pickles its
/// instance, so an instance whose attributes hold locks, pools, executors, open files, sockets,
/// threads or lambdas cannot (unless the class customises pickling); multiprocessing queues and locks
/// may be passed to a starting Process but nowhere else. Only what the code shows is reported: an
/// unknown value is taken to be picklable.
/// </summary>
public sealed class Picklability
{
    private static readonly string[] CustomPickling = ["__getstate__", "__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__"];

    private readonly ProjectModel _project;
    private readonly ProcessKnowledge _knowledge;

    public Picklability(ProjectModel project, ProcessKnowledge knowledge)
    {
        _project = project;
        _knowledge = knowledge;
    }

    /// <summary>The problem with pickling the callable <paramref name="callable"/> (a task's function, a
    /// Process target, an initializer), or null when none is shown. <paramref name="processStart"/>:
    /// it is pickled to start a Process, where multiprocessing queues and locks are allowed;
    /// <paramref name="valuesAtCall"/>: its values where it is sent (<see cref="ProcessAnalysis.ValuesAt"/>).</summary>
    public PicklingProblem? OfCallable(Expr callable, bool processStart, ValueSet? valuesAtCall = null)
    {
        var values = valuesAtCall ?? _project.Values.Evaluate(callable);
        foreach (var v in values.Items)
        {
            if (v is ParameterValue)
            {
                foreach (var target in _project.CallGraph.CallableTargets(callable))
                    if (target.Through.Length > 0 && OfFunction(target.Function) is { } passed)
                        return passed with { Through = target.Through };
                continue;
            }
            if (OfValue(v, processStart, asCallable: true) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>The problem with pickling an argument or message (<paramref name="argument"/>), or null.</summary>
    public PicklingProblem? OfArgument(Expr argument, bool processStart) => OfArgument(argument, processStart, 0);

    /// <summary>Partials hold arguments that may be partials again (even themselves, through a name):
    /// <paramref name="depth"/> bounds the walk.</summary>
    private PicklingProblem? OfArgument(Expr argument, bool processStart, int depth)
    {
        if (depth > MaxDepth) return null;
        foreach (var v in _project.Values.Evaluate(argument).Items)
            if (OfValue(v, processStart, asCallable: false, depth) is { } problem) return problem;
        return null;
    }

    private const int MaxDepth = 4;

    private PicklingProblem? OfValue(ReferentValue value, bool processStart, bool asCallable, int depth = 0)
    {
        if (depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return null;
        switch (value)
        {
            case FunctionValue f:
                if (OfFunction(f.Function) is { } own) return own;
                return f.Receiver is InstanceValue { Class: { } owner } ? OfInstance(owner, processStart, $"a bound method of '{owner.DisplayName}'") : null;
            case PartialValue p:
                if (OfValue(p.Callable, processStart, asCallable, depth + 1) is { } inner) return inner;
                foreach (var a in p.Site.Args.Skip(1).Concat(p.Site.Keywords.Select(k => k.Value)))
                    if (OfArgument(a, processStart, depth + 1) is { } argument) return argument with { What = $"a functools.partial holding {argument.What}" };
                return null;
            case InstanceValue { Class: { } cls } when !asCallable:
                return OfInstance(cls, processStart, $"an instance of '{cls.DisplayName}'");
            case InstanceValue instance when !asCallable && _knowledge.Unpicklable(instance.TypeName) is { } type && !(processStart && type.InheritanceOnly):
                return new PicklingProblem($"a '{_knowledge.Canonical(instance.TypeName)}'", type.Error, null, []);
            default:
                return null;
        }
    }

    /// <summary>Lambdas and functions defined inside another function (closures or not) have no
    /// module-level name for pickle to look up.</summary>
    public PicklingProblem? OfFunction(ProjectFunction function)
    {
        var local = function.QualifiedName.Contains(".<locals>.", StringComparison.Ordinal);
        if (function.Kind == FunctionKind.Lambda)
            return new PicklingProblem("a lambda", local
                    ? $"AttributeError: Can't get local object '{function.DisplayName}'"
                    : $"_pickle.PicklingError: Can't pickle <function <lambda>>: attribute lookup <lambda> on {function.Module.Name} failed",
                function.Node as LocatedNode, []);
        if (function.Kind == FunctionKind.Function && local)
        {
            var display = function.DisplayName;
            var what = function.Class is { } cls && cls.QualifiedName.Contains(".<locals>.", StringComparison.Ordinal)
                ? $"a method of the local class '{cls.DisplayName}'"
                : IsClosure(function) ? $"the closure '{display}'" : $"the local function '{display}'";
            return new PicklingProblem(what, $"AttributeError: Can't get local object '{display}'", function.Node as LocatedNode, []);
        }
        return null;
    }

    /// <summary>True when the nested function reads a local of an enclosing function.</summary>
    private static bool IsClosure(ProjectFunction function)
    {
        for (var scope = function.Scope.Parent; scope is not null; scope = scope.Parent)
        {
            if (!scope.IsFunctionLike) continue;
            foreach (var symbol in scope.Symbols.Values)
            {
                if (!symbol.IsCaptured) continue;
                foreach (var reference in symbol.References)
                    if (IsInside(reference, function.Node)) return true;
            }
        }
        return false;
    }

    private static bool IsInside(Node node, Node ancestor)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
            if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    /// <summary>An instance pickles its attributes: one that holds an unpicklable value makes it
    /// unpicklable, unless a class on its MRO customises pickling or derives from a class outside the
    /// project (which may).</summary>
    private PicklingProblem? OfInstance(ProjectClass cls, bool processStart, string what)
    {
        if (cls.Mro.Any(c => CustomPickling.Any(c.Methods.ContainsKey))) return null;
        if (cls.QualifiedName.Contains(".<locals>.", StringComparison.Ordinal))
            return new PicklingProblem($"{what} (a class defined inside a function)",
                $"AttributeError: Can't get local object '{cls.DisplayName}'", cls.Node, []);
        if (cls.ExternalBases.Any(b => b != "builtins.object")) return null;
        foreach (var c in cls.Mro)
        {
            foreach (var (attribute, assignments) in c.InstanceAttributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                foreach (var assignment in assignments)
                {
                    if (assignment.Value is null || assignment.Kind == BindingKind.AugmentedAssignment) continue;
                    var values = _project.Values.Evaluate(assignment.Value);
                    if (assignment.Kind == BindingKind.WithTarget) continue;
                    foreach (var v in values.Items)
                    {
                        var held = v switch
                        {
                            FunctionValue { Receiver: null } f => OfFunction(f.Function),
                            InstanceValue { Class: null } i when _knowledge.Unpicklable(i.TypeName) is { } type && !(processStart && type.InheritanceOnly) =>
                                new PicklingProblem($"a '{_knowledge.Canonical(i.TypeName)}'", type.Error, null, []),
                            _ => null,
                        };
                        if (held is not null)
                            return new PicklingProblem($"{what}, whose attribute 'self.{attribute}' holds {held.What}", held.Error, assignment.Target, []);
                    }
                }
            }
        }
        return null;
    }
}
