using System.Collections.Immutable;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Calls;

/// <summary>
/// The project's call graph: every call in every function's own code, resolved to project functions
/// (plain calls, methods through <c>self</c> and typed receivers, constructors to <c>__init__</c>,
/// bound methods, <c>functools.partial</c>, lambdas, <c>super()</c>) or to a qualified external name
/// classified by the call catalog. Callables that flow through parameters are resolved at the call
/// sites of the function that receives them (context-insensitively, through at most
/// <see cref="MaxParameterDepth"/> levels of parameters), and each such target records the chain
/// of call sites it came through.
/// </summary>
public sealed class CallGraph
{
    public const int MaxParameterDepth = 4;
    private const int MaxFlowTargets = 16;

    private readonly ProjectModel _project;
    private readonly Dictionary<ProjectFunction, List<CallSite>> _sites = new();
    private readonly Dictionary<ProjectFunction, List<CallSite>> _callers = new();
    private readonly Dictionary<Call, CallSite> _byCall = new(ReferenceEqualityComparer.Instance);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ParameterValue, List<CallTarget>> _flows = new();

    private CallGraph(ProjectModel project) => _project = project;

    /// <summary>Strongly connected components of the graph, callees before callers (reverse
    /// topological order); a recursive function or a mutually recursive group is one component.</summary>
    public IReadOnlyList<IReadOnlyList<ProjectFunction>> Components { get; private set; } = [];

    internal static CallGraph Build(ProjectModel project)
    {
        var graph = new CallGraph(project);
        // Sites are resolved in parallel (the evaluator is thread-safe and deterministic), then merged
        // in function order.
        var functions = project.Functions;
        var resolved = new (List<CallSite> Sites, List<(CallSite, ParameterValue)> Pending)[functions.Count];
        Parallel.For(0, functions.Count, project.Parallelism,
            () => new EvaluationContext(),
            (i, _, context) =>
            {
                var function = functions[i];
                var sites = new List<CallSite>(function.Calls.Count);
                var waiting = new List<(CallSite, ParameterValue)>();
                foreach (var call in function.Calls.Each()) sites.Add(graph.ResolveSite(function, call, waiting, context));
                resolved[i] = (sites, waiting);
                return context;
            },
            _ => { });
        var pending = new List<(CallSite Site, ParameterValue Parameter)>();
        for (var i = 0; i < functions.Count; i++)
        {
            graph._sites[functions[i]] = resolved[i].Sites;
            foreach (var site in resolved[i].Sites) graph._byCall[site.Call] = site;
            pending.AddRange(resolved[i].Pending);
        }
        graph.IndexCallers();
        // Parameter flows are resolved against the direct edges found above.
        foreach (var (site, parameter) in pending)
            foreach (var target in graph.ThroughParameter(parameter, 0))
                site.AddTarget(target);
        graph.ResolveReceiversFromCallers();
        graph.IndexCallers();
        graph.Components = StronglyConnected(project.Functions, graph);
        return graph;
    }

    /// <summary>The call sites in <paramref name="function"/>'s own code, in source (walk) order.</summary>
    public IReadOnlyList<CallSite> SitesIn(ProjectFunction function) => _sites.TryGetValue(function, out var list) ? list : [];

    /// <summary>The call sites that may run <paramref name="function"/>.</summary>
    public IReadOnlyList<CallSite> CallersOf(ProjectFunction function) => _callers.TryGetValue(function, out var list) ? list : [];

    public CallSite? SiteOf(Call call) => _byCall.GetValueOrDefault(call);

    /// <summary>The project functions a callable value may be, e.g. the <c>target=</c> of a Thread or
    /// the first argument of <c>executor.submit</c>: functions, lambdas, bound methods, partials, and
    /// callables that reach a parameter from the callers (with the call sites they came through).</summary>
    public IReadOnlyList<CallTarget> CallableTargets(Expr value)
    {
        var result = new List<CallTarget>();
        foreach (var v in _project.Values.Evaluate(value).Items)
        {
            if (v is ParameterValue p)
                foreach (var t in ThroughParameter(p, 0)) Add(result, t);
            else if (TargetOf(v, CallEdgeKind.Direct) is { } target)
                Add(result, target);
        }
        return result;
    }

    private static void Add(List<CallTarget> list, CallTarget target)
    {
        if (list.Count < MaxFlowTargets && !list.Contains(target)) list.Add(target);
    }

    private CallSite ResolveSite(ProjectFunction caller, Call call, List<(CallSite, ParameterValue)> pending, EvaluationContext context)
    {
        var scope = caller.Module.ScopeOf(call);
        var callee = _project.Values.Evaluate(call.Func, scope, context);
        var name = callee.QualifiedName ?? CalledInstanceName(callee);
        var entry = name is not null && !IsProjectName(callee) ? _project.Catalog.Find(name) : null;
        if (name is null && !IsProjectName(callee) && AlikeCatalogued(callee) is var (alikeName, alikeEntry))
            (name, entry) = (alikeName, alikeEntry);
        var site = new CallSite(call, caller, name, entry);
        foreach (var v in callee.Items)
        {
            switch (v)
            {
                case ClassValue c:
                    site.InstantiatedClass = c.Class;
                    if (c.Class.FindMethod("__init__") is { } init)
                        site.AddTarget(new CallTarget(init, CallEdgeKind.Constructor, 1, null, []));
                    break;
                case ParameterValue p:
                    pending.Add((site, p));
                    break;
                case InstanceValue { Class: { } cls } instance when cls.FindMethod("__call__") is { } dunderCall:
                    // Calling an instance runs its class's __call__ with the instance bound.
                    site.AddTarget(new CallTarget(dunderCall, CallEdgeKind.BoundMethod, 1, null, []));
                    break;
                default:
                    if (TargetOf(v, CallEdgeKind.Direct) is { } target) site.AddTarget(target);
                    foreach (var overriding in OverridesOnSelf(caller, call, v)) site.AddTarget(overriding);
                    break;
            }
        }
        site.HasExternalAlternative = site.Targets.Count > 0 && callee.Items.Any(v => v is ExternalValue or ModuleValue { IsProject: false });
        if (entry is not null)
        {
            foreach (var reference in entry.Invokes.Each())
            {
                if (ArgumentExpression(call, reference) is not { } argument) continue;
                foreach (var v in _project.Values.Evaluate(argument, scope, context).Items)
                    if (TargetOf(v, CallEdgeKind.Callback) is { } callback) site.AddTarget(callback);
            }
        }
        return site;
    }

    /// <summary>Most overriding methods added to one call on <c>self</c>.</summary>
    private const int MaxOverrides = 8;

    /// <summary>
    /// <c>self.method()</c> in a method of class C runs the method of the instance's own class, which may
    /// be any subclass of C: when C's method is a placeholder (<see cref="IsPlaceholder"/>), the overrides
    /// in the project's subclasses of C are targets too (the template-method pattern: a base class's
    /// <c>run</c> calls <c>self.process()</c> that each subclass defines). The same holds for any
    /// receiver typed C that the code does not build as exactly C: a parameter annotated with the base
    /// class, a module global that a base class's <c>__init__</c> sets to <c>self</c>.
    /// </summary>
    private IEnumerable<CallTarget> OverridesOnSelf(ProjectFunction caller, Call call, ReferentValue callee)
    {
        if (callee is not FunctionValue { Receiver: InstanceValue { Class: { } receiverClass }, Function: { Class: not null } method } bound ||
            call.Func is not Attribute attribute || !IsPlaceholder(method) || BuiltAsExactly(caller, attribute.Value, receiverClass))
        {
            yield break;
        }

        var count = 0;
        foreach (var subclass in SubclassesOf(receiverClass))
        {
            if (subclass.Methods.TryGetValue(attribute.Attr, out var overriding) && !ReferenceEquals(overriding, method))
            {
                yield return new CallTarget(overriding, CallEdgeKind.BoundMethod, bound.BoundPositionals, null, []);
                if (++count >= MaxOverrides) yield break;
            }
        }
    }

    /// <summary>Whether <paramref name="receiver"/> is an instance built as exactly
    /// <paramref name="cls"/> (<c>C(...)</c>, or a local name every binding of which is such a call):
    /// its class is then known, and a placeholder method is what runs.</summary>
    private bool BuiltAsExactly(ProjectFunction caller, Expr receiver, ProjectClass cls)
    {
        if (receiver is Call construct) return Constructs(caller, construct, cls);
        if (receiver is not Name name) return false;
        var symbol = BoundModule.Lookup(name.Id, caller.Module.ScopeOf(name));
        if (symbol is null || symbol.Bindings.Count == 0) return false;
        return symbol.Bindings.All(b => b.Kind is BindingKind.Assignment or BindingKind.AnnotatedAssignment && b.Value is Call c && Constructs(caller, c, cls));
    }

    private bool Constructs(ProjectFunction caller, Call call, ProjectClass cls) =>
        _project.Values.Evaluate(call.Func, caller.Module.ScopeOf(call), new EvaluationContext()).Items
            .Any(v => v is ClassValue c && ReferenceEquals(c.Class, cls));

    /// <summary>A method that only marks a place for subclasses to fill: its body (after a docstring) is
    /// <c>pass</c>, <c>...</c>, <c>raise NotImplementedError</c> or a bare <c>return</c>, or it is an
    /// <c>abstractmethod</c>. Overrides of a method with a body of its own are left out: the base's
    /// behaviour is the one the analysis follows, and adding every override of every called method
    /// would make the heaviest of them the judged work everywhere.</summary>
    private static bool IsPlaceholder(ProjectFunction method)
    {
        var body = method.Node switch
        {
            FunctionDef f => f.Body,
            AsyncFunctionDef f => f.Body,
            _ => null,
        };
        if (body is null) return false;
        if (method.Decorators.Any(d => d is Name { Id: "abstractmethod" } or Attribute { Attr: "abstractmethod" })) return true;
        var statements = body.SkipWhile((s, i) => i == 0 && s is ExprStmt { Value: Constant { Value: string } }).ToList();
        return statements.Count > 0 && statements.All(s => s switch
        {
            Pass => true,
            ExprStmt { Value: Constant { Value: GilScan.Syntax.Ast.EllipsisValue } } => true,
            Raise => true,
            Return { Value: null or Constant { Value: null } } => true,
            _ => false,
        });
    }

    private Dictionary<ProjectClass, List<ProjectClass>>? _subclasses;

    /// <summary>The project's classes that derive from <paramref name="cls"/> (not itself), in project order.</summary>
    private IReadOnlyList<ProjectClass> SubclassesOf(ProjectClass cls)
    {
        var index = LazyInitializer.EnsureInitialized(ref _subclasses, () =>
        {
            var bySuper = new Dictionary<ProjectClass, List<ProjectClass>>();
            foreach (var c in _project.Classes)
            {
                foreach (var super in c.Mro)
                {
                    if (ReferenceEquals(super, c)) continue;
                    if (!bySuper.TryGetValue(super, out var list)) bySuper[super] = list = [];
                    list.Add(c);
                }
            }
            return bySuper;
        });
        return index.TryGetValue(cls, out var found) ? found : [];
    }

    /// <summary>"TYPE.__call__" when every value is an instance of the same type that the project does not
    /// define a <c>__call__</c> for (a model, a pipeline, a compiled pattern's bound method): the catalog
    /// says what calling it does. For a project class, the first external base stands for the type.</summary>
    /// <summary>A callee with several possible values that are all catalogued alike (<c>loader.load()</c>
    /// where <c>loader</c> is one of several document loaders): the first value's name and entry, so
    /// that the call counts as what every one of them is. Null when a value is not catalogued, or two
    /// entries differ in category.</summary>
    private (string Name, Catalog.CatalogEntry Entry)? AlikeCatalogued(ValueSet callee)
    {
        if (callee.Items.Length < 2) return null;
        (string, Catalog.CatalogEntry)? first = null;
        foreach (var v in callee.Items)
        {
            if (v is not ExternalValue || v.QualifiedName is not { } qualified ||
                _project.Catalog.Find(qualified) is not { } found)
                return null;
            if (first is { } seen && seen.Item2.Category != found.Category) return null;
            first ??= (qualified, found);
        }
        return first;
    }

    private static string? CalledInstanceName(ValueSet callee)
    {
        string? type = null;
        foreach (var v in callee.Items)
        {
            // Calling None, or an instance of a project class with no __call__ and no base outside the
            // project, raises TypeError: a call that goes on calls one of the other values (a model
            // attribute that is a library model or a project's plain holder class on another path).
            if (v is InstanceValue { TypeName: "builtins.NoneType" } || IsUncallableProjectInstance(v)) continue;
            var t = v switch
            {
                InstanceValue { Class: null } external => external.TypeName,
                InstanceValue { Class: { } cls } when cls.FindMethod("__call__") is null && cls.ExternalBases.Count > 0 => cls.ExternalBases[0],
                _ => null,
            };
            if (t is null || (type is not null && type != t)) return null;
            type = t;
        }
        return type is null ? null : type + ".__call__";
    }

    private static bool IsUncallableProjectInstance(ReferentValue value) =>
        value is InstanceValue { Class: { ExternalBases.Count: 0, HasUnknownBase: false } cls } && cls.FindMethod("__call__") is null;

    private static bool IsProjectName(ValueSet callee)
    {
        foreach (var v in callee.Items)
            if (v is not (FunctionValue or ClassValue or ModuleValue { IsProject: true })) return false;
        return true;
    }

    internal static Expr? ArgumentExpression(Call call, Catalog.ArgumentRef reference)
    {
        if (reference.Keyword is not null)
            foreach (var k in call.Keywords.Each())
                if (k.Arg == reference.Keyword) return k.Value;
        if (reference.Position is { } position)
        {
            for (var i = 0; i < call.Args.Count && i <= position; i++)
            {
                if (call.Args[i] is Starred) return null;
                if (i == position) return call.Args[i];
            }
        }
        return null;
    }

    private static CallTarget? TargetOf(ReferentValue value, CallEdgeKind plainKind) => value switch
    {
        FunctionValue f => new CallTarget(f.Function, f.Receiver is not null && plainKind == CallEdgeKind.Direct ? CallEdgeKind.BoundMethod : plainKind,
            f.BoundPositionals, null, []),
        PartialValue { Callable: FunctionValue f } p => new CallTarget(f.Function, plainKind == CallEdgeKind.Direct ? CallEdgeKind.Partial : plainKind,
            f.BoundPositionals, p, []),
        PartialValue { Callable: ClassValue c } p when c.Class.FindMethod("__init__") is { } init =>
            new CallTarget(init, CallEdgeKind.Constructor, 1, p, []),
        _ => null,
    };

    /// <summary>Callers that a receiver's type is read from, at most, for one parameter.</summary>
    private const int MaxReceiverCallers = 32;

    /// <summary>
    /// A method called on a parameter that has no annotation (<c>def shrink(image): image.resize(...)</c>)
    /// resolves through what every caller passes for it: when all of them pass an instance of one type,
    /// the call is that type's method, a project method (an edge) or a catalogued one (its entry). One
    /// level of parameters is followed (a helper handing its own parameter on). Callers that pass nothing
    /// (a default is used) or disagree leave the call unresolved.
    /// </summary>
    private void ResolveReceiversFromCallers()
    {
        var known = new Dictionary<ParameterValue, InstanceValue?>();
        foreach (var (_, sites) in _sites)
        {
            foreach (var site in sites)
            {
                if (site.CalleeName is not null || site.CatalogEntry is not null || site.Targets.Count > 0 ||
                    site.Call.Func is not Attribute { Value: Name receiver } method)
                {
                    continue;
                }

                var values = _project.Values.Evaluate(receiver, site.Caller.Module.ScopeOf(receiver));
                if (values.Single is not ParameterValue parameter || parameter.Parameter.Node.Annotation is not null)
                {
                    continue;
                }

                if (!known.TryGetValue(parameter, out var passed))
                {
                    known[parameter] = passed = TypeFromCallers(parameter, 0);
                }

                if (passed is not { } instance)
                {
                    continue;
                }

                if (instance.Class is { } cls)
                {
                    if (cls.FindMethod(method.Attr) is { } found)
                    {
                        site.AddTarget(new CallTarget(found, CallEdgeKind.BoundMethod, 1, null, []));
                    }
                }
                else
                {
                    var name = instance.TypeName + "." + method.Attr;
                    site.ResolveThroughCallers(instance.TypeName, name, _project.Catalog.Find(name));
                }
            }
        }
    }

    /// <summary>The one instance type that every caller passes for <paramref name="parameter"/>, or null.</summary>
    private InstanceValue? TypeFromCallers(ParameterValue parameter, int depth)
    {
        InstanceValue? type = null;
        var callers = CallersOf(parameter.Function);
        if (callers.Count == 0 || callers.Count > MaxReceiverCallers) return null;
        foreach (var site in callers)
        {
            foreach (var target in site.Targets.Each())
            {
                if (!ReferenceEquals(target.Function, parameter.Function) || !target.Through.IsEmpty) continue;
                var scope = site.Caller.Module.ScopeOf(site.Call);
                if (ArgumentBinding.ArgumentFor(_project, target, parameter.Parameter, site.Call.Args, site.Call.Keywords, scope) is not { } argument)
                    return null;
                var values = _project.Values.Evaluate(argument.Expression, argument.Scope);
                if (values.IsUnknown) return null;
                foreach (var v in values.Items)
                {
                    var one = v switch
                    {
                        InstanceValue instance => instance,
                        ParameterValue outer when depth == 0 && outer.Parameter.Node.Annotation is null => TypeFromCallers(outer, depth + 1),
                        _ => null,
                    };
                    if (one is null || (type is not null && (type.TypeName != one.TypeName || !ReferenceEquals(type.Class, one.Class)))) return null;
                    type = one;
                }
            }
        }
        return type;
    }

    /// <summary>What the callers of <paramref name="parameter"/>'s function pass for it (or its default),
    /// following parameters of parameters up to <see cref="MaxParameterDepth"/> levels. Top-level
    /// answers are cached: the graph's direct edges do not change once built.</summary>
    private List<CallTarget> ThroughParameter(ParameterValue parameter, int depth)
    {
        if (depth > 0) return ComputeThroughParameter(parameter, depth);
        if (_flows.TryGetValue(parameter, out var known)) return known;
        return _flows.GetOrAdd(parameter, ComputeThroughParameter(parameter, 0));
    }

    private List<CallTarget> ComputeThroughParameter(ParameterValue parameter, int depth)
    {
        var result = new List<CallTarget>();
        if (depth >= MaxParameterDepth) return result;
        var passedByAll = true;
        foreach (var site in CallersOf(parameter.Function))
        {
            foreach (var target in site.Targets.Each())
            {
                if (!ReferenceEquals(target.Function, parameter.Function) || !target.Through.IsEmpty) continue;
                var scope = site.Caller.Module.ScopeOf(site.Call);
                var argument = ArgumentBinding.ArgumentFor(_project, target, parameter.Parameter, site.Call.Args, site.Call.Keywords, scope);
                if (argument is null)
                {
                    passedByAll = false;
                    continue;
                }
                foreach (var v in _project.Values.Evaluate(argument.Value.Expression, argument.Value.Scope).Items)
                {
                    if (v is ParameterValue outer)
                    {
                        foreach (var t in ThroughParameter(outer, depth + 1))
                            Add(result, t with { Through = t.Through.Add(site) });
                    }
                    else if (TargetOf(v, CallEdgeKind.Direct) is { } t)
                    {
                        Add(result, t with { Through = [site] });
                    }
                }
            }
        }
        // `@decorator def f` calls decorator(f): a registering decorator that stores or runs its parameter
        // receives every function it decorates.
        if (parameter.Parameter.Position == (parameter.Function.ReceiverParameter is null ? 0 : 1))
            foreach (var decorated in DecoratedBy(parameter.Function))
                Add(result, new CallTarget(decorated, CallEdgeKind.Direct, 0, null, []));
        if ((!passedByAll || CallersOf(parameter.Function).Count == 0) && parameter.Parameter.Default is { } defaultValue)
            foreach (var v in _project.Values.Evaluate(defaultValue).Items)
                if (TargetOf(v, CallEdgeKind.Direct) is { } t) Add(result, t);
        return result;
    }

    /// <summary>The functions <paramref name="decorator"/> decorates: by name (<c>@register</c>) or as
    /// what a decorator factory returns (<c>@register("name")</c>), in project order.</summary>
    private IReadOnlyList<ProjectFunction> DecoratedBy(ProjectFunction decorator)
    {
        var index = LazyInitializer.EnsureInitialized(ref _decorated, () =>
        {
            var byDecorator = new Dictionary<ProjectFunction, List<ProjectFunction>>();
            foreach (var function in _project.Functions)
            {
                foreach (var expression in function.Decorators)
                {
                    foreach (var v in _project.Values.Evaluate(expression).Items)
                    {
                        if (v is not FunctionValue { Receiver: null } f || ReferenceEquals(f.Function, function)) continue;
                        if (!byDecorator.TryGetValue(f.Function, out var list)) byDecorator[f.Function] = list = [];
                        if (!list.Contains(function)) list.Add(function);
                    }
                }
            }
            return byDecorator;
        });
        return index.TryGetValue(decorator, out var decorated) ? decorated : [];
    }

    private Dictionary<ProjectFunction, List<ProjectFunction>>? _decorated;

    private void IndexCallers()
    {
        _callers.Clear();
        foreach (var function in _project.Functions)
        {
            foreach (var site in SitesIn(function))
            {
                foreach (var target in site.Targets.Each())
                {
                    if (!_callers.TryGetValue(target.Function, out var list)) _callers[target.Function] = list = [];
                    if (list.Count == 0 || !ReferenceEquals(list[^1], site)) list.Add(site);
                }
            }
        }
    }

    /// <summary>Tarjan's algorithm without recursion, visiting functions and edges in a fixed order.</summary>
    private static List<IReadOnlyList<ProjectFunction>> StronglyConnected(IReadOnlyList<ProjectFunction> functions, CallGraph graph)
    {
        var index = new int[functions.Count];
        var low = new int[functions.Count];
        var onStack = new bool[functions.Count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<IReadOnlyList<ProjectFunction>>();
        var counter = 0;
        var work = new Stack<(int Node, int Edge)>();
        var successors = new List<int>[functions.Count];
        for (var i = 0; i < functions.Count; i++)
        {
            var set = new List<int>();
            foreach (var site in graph.SitesIn(functions[i]))
                foreach (var t in site.Targets.Each())
                    if (!set.Contains(t.Function.Id)) set.Add(t.Function.Id);
            successors[i] = set;
        }

        for (var root = 0; root < functions.Count; root++)
        {
            if (index[root] >= 0) continue;
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge < successors[node].Count)
                {
                    work.Push((node, edge + 1));
                    var next = successors[node][edge];
                    if (index[next] < 0)
                    {
                        index[next] = low[next] = counter++;
                        stack.Push(next);
                        onStack[next] = true;
                        work.Push((next, 0));
                    }
                    else if (onStack[next])
                    {
                        low[node] = Math.Min(low[node], index[next]);
                    }
                    continue;
                }
                if (low[node] == index[node])
                {
                    var component = new List<ProjectFunction>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(functions[member]);
                    } while (member != node);
                    component.Sort((a, b) => a.Id.CompareTo(b.Id));
                    components.Add(component);
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }
        return components;
    }
}
