using System.Collections.Immutable;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Processes;

/// <summary>An expression whose value an examined expression may have, and the nodes that led to it
/// (a binding, an attribute assignment, the call that passed a parameter), outermost first.</summary>
/// <param name="UnpackIndex">When the value is one element of <paramref name="Expression"/>
/// (<c>a, b = multiprocessing.Pipe()</c>), its index.</param>
/// <param name="ViaParameter">The value reached the examined expression through a parameter: what one
/// caller passes, not necessarily what every caller passes.</param>
public sealed record ValueOrigin(Expr Expression, int? UnpackIndex, ImmutableArray<LocatedNode> Trail, bool ViaParameter);

/// <summary>
/// Where values come from, syntactically: a name's assigned values (assignments, <c>with … as</c>,
/// walrus, tuple unpacking, names imported from project modules), <c>self.attr</c> and
/// <c>obj.attr</c> to the assignments of that attribute in the class's methods, and parameters to the
/// arguments their callers pass (direct calls, and the <c>args</c> of a <c>Process</c> or pool task
/// that runs the function) and to their defaults. Complements the <see cref="ValueEvaluator"/>, which
/// answers what a value is but not which expression made it: size estimates and start methods need
/// the making expression (<c>np.zeros((10_000, 1_000))</c>, <c>get_context("spawn")</c>).
/// Flow-insensitive like the rest of the model; bounded by <see cref="MaxDepth"/> hops,
/// <see cref="MaxParameterHops"/> parameter hops and <see cref="MaxOrigins"/> answers.
/// </summary>
public sealed class ValueOrigins
{
    public const int MaxDepth = 10;
    public const int MaxParameterHops = 2;
    public const int MaxOrigins = 8;

    private readonly ProjectModel _project;
    private readonly Func<ProjectFunction, IReadOnlyList<TaskInvocation>> _taskInvocations;

    /// <param name="taskInvocations">The Process/pool-task starts that run a function, so that its
    /// parameters can be followed to the <c>args</c> they are given.</param>
    public ValueOrigins(ProjectModel project, Func<ProjectFunction, IReadOnlyList<TaskInvocation>> taskInvocations)
    {
        _project = project;
        _taskInvocations = taskInvocations;
    }

    /// <summary>The origins of <paramref name="expression"/>; the expression itself when nothing
    /// further can be followed (a call, a literal, a builtin name).</summary>
    public IReadOnlyList<ValueOrigin> Of(Expr expression)
    {
        var result = new List<ValueOrigin>();
        Follow(expression, null, [], false, 0, 0, new HashSet<object>(ReferenceEqualityComparer.Instance), result);
        return result;
    }

    private Expr? EnteredBy(Call call) =>
        _project.Catalog.Find(_project.Values.QualifiedNameOf(call.Func))?.EntersArgument is { } entered
            ? ValueEvaluator.EnteredArgument(call, entered)
            : null;

    private void Follow(Expr e, int? unpack, ImmutableArray<LocatedNode> trail, bool viaParameter, int depth, int parameterHops,
        HashSet<object> visited, List<ValueOrigin> result)
    {
        if (result.Count >= MaxOrigins) return;
        if (depth > MaxDepth || !RuntimeHelpersGuard())
        {
            return;
        }
        switch (e)
        {
            case Name { Ctx: ExprContext.Load } name when unpack is null:
                FollowName(name, trail, viaParameter, depth, parameterHops, visited, result);
                return;
            case Attribute attribute when unpack is null && FollowAttribute(attribute, trail, viaParameter, depth, parameterHops, visited, result):
                return;
            case NamedExpr walrus:
                Follow(walrus.Value, unpack, trail, viaParameter, depth + 1, parameterHops, visited, result);
                return;
            case Call call when unpack is null && EnteredBy(call) is { } entered:
                // `stack.enter_context(Pool())` is the pool (what its __enter__ returns).
                Follow(entered, null, trail.Add(call), viaParameter, depth + 1, parameterHops, visited, result);
                return;
            case Tuple or List when unpack is { } index:
                var elements = e is Tuple t ? t.Elts : ((List)e).Elts;
                if (index < elements.Count && !elements.Any(x => x is Starred))
                    Follow(elements[index], null, trail, viaParameter, depth + 1, parameterHops, visited, result);
                return;
            default:
                Add(result, new ValueOrigin(e, unpack, trail, viaParameter));
                return;
        }
    }

    private static bool RuntimeHelpersGuard() => System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack();

    private static void Add(List<ValueOrigin> result, ValueOrigin origin)
    {
        if (result.Count >= MaxOrigins) return;
        foreach (var o in result)
            if (ReferenceEquals(o.Expression, origin.Expression) && o.UnpackIndex == origin.UnpackIndex) return;
        result.Add(origin);
    }

    private void FollowName(Name name, ImmutableArray<LocatedNode> trail, bool viaParameter, int depth, int parameterHops,
        HashSet<object> visited, List<ValueOrigin> result)
    {
        var module = _project.ModuleOf(name);
        var symbol = BoundModule.Lookup(name.Id, module.ScopeOf(name));
        if (symbol is null || !visited.Add(symbol))
        {
            if (symbol is null) Add(result, new ValueOrigin(name, null, trail, viaParameter));
            return;
        }
        var before = result.Count;
        FollowSymbol(symbol, name, trail, viaParameter, depth, parameterHops, visited, result);
        if (result.Count == before) Add(result, new ValueOrigin(name, null, trail, viaParameter));
    }

    private void FollowSymbol(Symbol symbol, Expr reader, ImmutableArray<LocatedNode> trail, bool viaParameter, int depth, int parameterHops,
        HashSet<object> visited, List<ValueOrigin> result)
    {
        foreach (var binding in symbol.Bindings)
        {
            var step = binding.Site as LocatedNode;
            var next = step is null ? trail : trail.Add(step);
            switch (binding.Kind)
            {
                case BindingKind.Assignment or BindingKind.AnnotatedAssignment or BindingKind.NamedExpression:
                    if (binding.Value is { } value)
                        Follow(value, null, next, viaParameter, depth + 1, parameterHops, visited, result);
                    else if (UnpackedFrom(binding.Site) is { } unpacked)
                        Follow(unpacked.Value, unpacked.Index, next, viaParameter, depth + 1, parameterHops, visited, result);
                    break;
                case BindingKind.WithTarget when binding.Value is { } context:
                    Follow(context, null, next, viaParameter, depth + 1, parameterHops, visited, result);
                    break;
                case BindingKind.ImportFrom when binding.Import?.QualifiedName is { } qualified && ProjectGlobal(qualified) is { } imported:
                    if (visited.Add(imported)) FollowSymbol(imported, reader, next, viaParameter, depth + 1, parameterHops, visited, result);
                    break;
                case BindingKind.Parameter when binding.Site is Arg arg:
                    FollowParameter(symbol, arg, reader, trail, depth, parameterHops, visited, result);
                    break;
            }
        }
    }

    /// <summary><c>a, b = value</c> where value is not a display: the value and the index of the name.</summary>
    private static (Expr Value, int Index)? UnpackedFrom(Node site)
    {
        var target = site.Parent;
        if (target is not (Tuple or List)) return null;
        var elements = target is Tuple t ? t.Elts : ((List)target).Elts;
        var index = -1;
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is Starred) return null;
            if (ReferenceEquals(elements[i], site)) index = i;
        }
        return index >= 0 && target.Parent is Assign assign && assign.Targets.Any(x => ReferenceEquals(x, target))
            ? (assign.Value, index)
            : null;
    }

    private Symbol? ProjectGlobal(string qualifiedName)
    {
        var entry = _project.Index.FindLongestPrefix(qualifiedName, out var rest);
        if (entry is null || rest.Length == 0 || rest.Contains('.')) return null;
        var symbol = _project.ModuleNamed(entry.Name)?.GlobalScope.TryGetSymbol(rest);
        return symbol is not null && symbol.IsLocal ? symbol : null;
    }

    private void FollowParameter(Symbol symbol, Arg arg, Expr reader, ImmutableArray<LocatedNode> trail, int depth, int parameterHops,
        HashSet<object> visited, List<ValueOrigin> result)
    {
        var function = _project.FunctionOf(symbol.Scope.Node);
        var parameter = function?.ParameterNamed(arg.Name);
        if (function is null || parameter is null || ReferenceEquals(function.ReceiverParameter, parameter)) return;
        if (parameter.Default is { } defaultValue)
            Follow(defaultValue, null, trail.Add(arg), true, depth + 1, parameterHops, visited, result);
        if (parameterHops >= MaxParameterHops) return;
        foreach (var site in _project.CallGraph.CallersOf(function))
        {
            foreach (var target in site.Targets)
            {
                if (!ReferenceEquals(target.Function, function) || !target.Through.IsEmpty) continue;
                var scope = site.Caller.Module.ScopeOf(site.Call);
                var argument = ArgumentBinding.ArgumentFor(_project, target, parameter, site.Call.Args, site.Call.Keywords, scope);
                if (argument is { } a)
                    Follow(a.Expression, null, trail.Add(site.Call), true, depth + 1, parameterHops + 1, visited, result);
            }
        }
        foreach (var start in _taskInvocations(function))
        {
            var target = new CallTarget(function, CallEdgeKind.Direct, start.BoundPositionals, null, []);
            var argument = ArgumentBinding.ArgumentFor(_project, target, parameter, start.Positional, start.Keywords, start.Scope);
            if (argument is { } a)
                Follow(a.Expression, null, trail.Add(start.Call), true, depth + 1, parameterHops + 1, visited, result);
        }
    }

    /// <summary><c>self.x</c>, <c>obj.x</c>, <c>module.X</c>: the assignments of the attribute. False
    /// when the receiver is not a project instance, class or module (the attribute is then an origin).</summary>
    private bool FollowAttribute(Attribute attribute, ImmutableArray<LocatedNode> trail, bool viaParameter, int depth, int parameterHops,
        HashSet<object> visited, List<ValueOrigin> result)
    {
        var followed = false;
        foreach (var receiver in _project.Values.Evaluate(attribute.Value).Items)
        {
            switch (receiver)
            {
                case InstanceValue { Class: { } cls }:
                    foreach (var c in cls.Mro)
                    {
                        if (!c.InstanceAttributes.TryGetValue(attribute.Attr, out var assignments)) continue;
                        foreach (var assignment in assignments)
                        {
                            if (assignment.Value is null || assignment.Kind == BindingKind.AugmentedAssignment) continue;
                            followed = true;
                            Follow(assignment.Value, null, trail.Add(assignment.Target), viaParameter, depth + 1, parameterHops, visited, result);
                        }
                    }
                    if (!followed) followed |= FollowClassAttribute(cls, attribute.Attr, attribute, trail, viaParameter, depth, parameterHops, visited, result);
                    break;
                case ClassValue { Class: var cls }:
                    followed |= FollowClassAttribute(cls, attribute.Attr, attribute, trail, viaParameter, depth, parameterHops, visited, result);
                    break;
                case ModuleValue { IsProject: true } module when _project.ModuleNamed(module.Name)?.GlobalScope.TryGetSymbol(attribute.Attr) is { IsLocal: true } global:
                    if (visited.Add(global))
                    {
                        followed = true;
                        FollowSymbol(global, attribute, trail, viaParameter, depth + 1, parameterHops, visited, result);
                    }
                    break;
            }
        }
        return followed;
    }

    private bool FollowClassAttribute(ProjectClass cls, string name, Expr reader, ImmutableArray<LocatedNode> trail, bool viaParameter, int depth,
        int parameterHops, HashSet<object> visited, List<ValueOrigin> result)
    {
        foreach (var c in cls.Mro)
        {
            if (c.Methods.ContainsKey(name)) return false;
            if (c.Scope.TryGetSymbol(name) is { IsLocal: true } symbol && visited.Add(symbol))
            {
                FollowSymbol(symbol, reader, trail, viaParameter, depth + 1, parameterHops, visited, result);
                return true;
            }
        }
        return false;
    }
}

/// <summary>A start of a project function in another process or a pool (<c>Process(target=f,
/// args=(q,))</c>, <c>pool.submit(f, q)</c>), with the argument expressions it is given.</summary>
public sealed record TaskInvocation(Call Call, IReadOnlyList<Expr> Positional, IReadOnlyList<Keyword> Keywords, Binding.Scope Scope, int BoundPositionals);
