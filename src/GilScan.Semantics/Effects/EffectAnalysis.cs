using System.Collections.Concurrent;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Effects;

/// <summary>
/// Effect summaries of project functions, computed over the call graph's strongly connected
/// components, callees first. A generic summary assumes nothing about the parameters but their constant
/// defaults; a call whose arguments say more (constants, types, callables) gets a summary specialised
/// to them, up to <see cref="SpecialisationDepth"/> calls deep, so that <c>work(10_000_000)</c> sees its
/// <c>range(n)</c> as 10,000,000 iterations and <c>configure(log_config={...})</c> skips the branch that
/// opens a file. Inside a recursive component, calls between members count as work of unknown size,
/// unless their arguments are constants: then <see cref="RecursionSolver"/> counts the calls.
/// </summary>
public sealed class EffectAnalysis
{
    public const int SpecialisationDepth = 3;

    /// <summary>Callers whose arguments are tried per function by <see cref="CallerEnvironments"/>.</summary>
    public const int MaxCallerContexts = 8;

    private readonly EffectSummary?[] _generic;
    private readonly Dictionary<ProjectFunction, ArgumentEnvironment> _defaults = new();
    private readonly ConcurrentDictionary<(ProjectFunction, ArgumentEnvironment, int), EffectSummary> _specialised = new();
    private readonly int[] _component;
    private readonly bool[] _done;
    private readonly object _gate = new();
    private int[][] _calleeComponents = [];
    private int[] _level = [];

    private EffectAnalysis(ProjectModel project)
    {
        Project = project;
        _component = new int[project.Functions.Count];
        _generic = new EffectSummary?[project.Functions.Count];
        _done = new bool[project.CallGraph.Components.Count];
        var operatorModules = project.Catalog.OperatorModules;
        OperatorModulesUsed = operatorModules.Count == 0 ? new HashSet<string>() : project.Modules
            .SelectMany(m => m.Scopes).SelectMany(s => s.Symbols.Values).SelectMany(sym => sym.Bindings)
            .Select(b => b.Import?.ImportedModule).OfType<string>()
            .Select(imported => imported.Split('.')[0]).Where(operatorModules.Contains).ToHashSet(StringComparer.Ordinal);
        ProjectUsesNumpy = project.Modules.Any(m => m.Scopes.Any(s => s.Symbols.Values.Any(sym =>
            sym.Bindings.Any(b => b.Import?.ImportedModule is { } imported && (imported == "numpy" || imported.StartsWith("numpy.", StringComparison.Ordinal))))));
    }

    internal ProjectModel Project { get; }

    /// <summary>The modules with catalogued operator methods that some module imports: binary operations
    /// are checked for operands of their types (<see cref="Catalog.OperatorMethods"/>) only then.</summary>
    internal IReadOnlySet<string> OperatorModulesUsed { get; }

    /// <summary>True when some module imports numpy: only then are binary operations checked for
    /// ndarray operands.</summary>
    internal bool ProjectUsesNumpy { get; }

    internal static EffectAnalysis Build(ProjectModel project)
    {
        var analysis = new EffectAnalysis(project);
        var components = project.CallGraph.Components;
        for (var c = 0; c < components.Count; c++)
            foreach (var f in components[c]) analysis._component[f.Id] = c;
        analysis._calleeComponents = CalleeComponents(project, components, analysis._component);
        analysis._level = new int[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            // Components come callees first, so every callee's level is known here.
            var l = 0;
            foreach (var callee in analysis._calleeComponents[c]) l = Math.Max(l, analysis._level[callee] + 1);
            analysis._level[c] = l;
        }
        return analysis;
    }

    /// <summary>
    /// Computes the generic summaries of <paramref name="functions"/> and of everything they call, if
    /// not done yet. Summaries are made on demand: a rule asks for the functions where work starts (thread
    /// targets, coroutines), and only their call-graph closure is summarised, not every function of the
    /// project. Components of one dependency level call only lower levels, so a level's summaries are
    /// computed in parallel; each summary is a pure function of its callees' summaries, so the result does
    /// not depend on the order of requests.
    /// </summary>
    public void Prepare(IEnumerable<ProjectFunction> functions)
    {
        var wanted = functions.Select(f => _component[f.Id]).Where(c => !_done[c]).ToList();
        if (wanted.Count == 0) return;
        lock (_gate)
        {
            var needed = new List<int>();
            var seen = new HashSet<int>();
            var stack = new Stack<int>(wanted);
            while (stack.Count > 0)
            {
                var c = stack.Pop();
                if (_done[c] || !seen.Add(c)) continue;
                needed.Add(c);
                foreach (var callee in _calleeComponents[c]) stack.Push(callee);
            }
            var components = Project.CallGraph.Components;
            foreach (var level in needed.GroupBy(c => _level[c]).OrderBy(g => g.Key))
            {
                Parallel.ForEach(level, Project.Parallelism, c =>
                {
                    var component = components[c];
                    foreach (var function in component)
                        _generic[function.Id] = new EffectWalker(this, function, DefaultEnvironment(function), SpecialisationDepth, defaultsAreArguments: false).Run();
                    if (component.Any(f => _generic[f.Id]!.IsRecursive)) MarkRecursion(component);
                });
                foreach (var c in level) Volatile.Write(ref _done[c], true);
            }
        }
    }

    /// <summary>Every member of a recursive component gets the component's recursion fact: whether it
    /// branches and whether its code is pure computation (no unknown calls, no I/O, no GIL-releasing
    /// native work).</summary>
    private void MarkRecursion(IReadOnlyList<ProjectFunction> component)
    {
        var branches = false;
        var pure = true;
        foreach (var f in component)
        {
            var s = _generic[f.Id]!;
            s.IsRecursive = true;
            branches |= s.RecursionBranches;
            pure &= s.UnknownCalls == 0 && !s.HasBlockingIo && !s.HasGilReleasing;
        }
        foreach (var f in component)
        {
            var s = _generic[f.Id]!;
            s.RecursionBranches = branches;
            s.Recursion = new RecursionFact(f, branches, pure, []);
        }
    }

    /// <summary>For each component, the other components its functions call.</summary>
    private static int[][] CalleeComponents(ProjectModel project, IReadOnlyList<IReadOnlyList<ProjectFunction>> components, int[] componentOf)
    {
        var result = new int[components.Count][];
        var callees = new HashSet<int>();
        for (var c = 0; c < components.Count; c++)
        {
            callees.Clear();
            foreach (var f in components[c])
                foreach (var site in project.CallGraph.SitesIn(f).Each())
                    foreach (var target in site.Targets.Each())
                    {
                        var callee = componentOf[target.Function.Id];
                        if (callee != c) callees.Add(callee);
                    }
            result[c] = [.. callees.Order()];
        }
        return result;
    }

    /// <summary>The summary of one call of <paramref name="function"/> with its parameters unknown
    /// (constant defaults assumed).</summary>
    public EffectSummary SummaryOf(ProjectFunction function)
    {
        if (!Volatile.Read(ref _done[_component[function.Id]])) Prepare([function]);
        return _generic[function.Id] ?? throw new InvalidOperationException($"no summary for {function}");
    }

    /// <summary>The summary of <paramref name="target"/> called with <paramref name="positional"/> and
    /// <paramref name="keywords"/> read in <paramref name="scope"/> — e.g. the <c>target</c> and
    /// <c>args</c> of a <c>threading.Thread</c>: what the arguments tell specialises it. The arguments
    /// are read with <paramref name="callerEnvironment"/> when they belong to its function (a thread
    /// started inside a helper, with the helper's parameters known from its caller).</summary>
    public EffectSummary SummaryForArguments(CallTarget target, IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords, Scope scope,
        IReadOnlyList<NamedArgument>? namedValues = null, ArgumentEnvironment? callerEnvironment = null)
    {
        var generic = SummaryOf(target.Function);
        if (!generic.DependsOnParameters) return generic;
        var env = EnvironmentFor(target, positional, keywords, scope, callerEnvironment, generic.SensitiveParameters, namedValues);
        return Specialise(target.Function, generic, env, SpecialisationDepth);
    }

    /// <summary>The summary of <paramref name="function"/> for one known environment (a caller's
    /// context, an item of a map).</summary>
    public EffectSummary SummaryIn(ProjectFunction function, ArgumentEnvironment environment)
    {
        var generic = SummaryOf(function);
        if (!generic.DependsOnParameters) return generic;
        return Specialise(function, generic, Restrict(environment, generic.SensitiveParameters), SpecialisationDepth);
    }

    /// <summary>What the parameters of <paramref name="target"/> receive from a call: constant arguments
    /// and the values of the others, constant defaults for parameters not passed.</summary>
    public ArgumentEnvironment EnvironmentFor(CallTarget target, IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords,
        Scope scope, ArgumentEnvironment? callerEnvironment) =>
        EnvironmentFor(target, positional, keywords, scope, callerEnvironment, null);

    /// <summary>
    /// The environments <paramref name="function"/> runs in: one per call site that calls it (at most
    /// <see cref="MaxCallerContexts"/>, each with the chain of call sites that reached it), folded
    /// through up to <paramref name="depth"/> levels of callers (a thread started inside a helper that
    /// <c>main</c> calls with module constants). Call sites whose arguments tell nothing are left out.
    /// </summary>
    public IReadOnlyList<(ArgumentEnvironment Environment, System.Collections.Immutable.ImmutableArray<CallSite> Chain)> CallerEnvironments(
        ProjectFunction function, int depth = 2)
    {
        var result = new List<(ArgumentEnvironment, System.Collections.Immutable.ImmutableArray<CallSite>)>();
        if (depth <= 0 || function.Parameters.Count == 0) return result;
        foreach (var site in Project.CallGraph.CallersOf(function))
        {
            if (result.Count >= MaxCallerContexts) break;
            foreach (var target in site.Targets)
            {
                if (!ReferenceEquals(target.Function, function) || !target.Through.IsEmpty) continue;
                var scope = site.Caller.Module.ScopeOf(site.Call);
                var outer = CallerEnvironments(site.Caller, depth - 1);
                foreach (var (outerEnv, outerChain) in outer.Count > 0 ? outer : [(DefaultEnvironment(site.Caller), [])])
                {
                    var env = EnvironmentFor(target, site.Call.Args, site.Call.Keywords, scope, outerEnv, null);
                    if (env.IsEmpty) continue;
                    result.Add((env, outerChain.Add(site)));
                    if (result.Count >= MaxCallerContexts) break;
                }
                break;
            }
        }
        return result;
    }

    /// <summary>As above, restricted to <paramref name="only"/> (the callee's sensitive parameters), so
    /// that calls differing only in irrelevant arguments share one specialised summary.</summary>
    private ArgumentEnvironment EnvironmentFor(CallTarget target, IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords,
        Scope scope, ArgumentEnvironment? callerEnvironment, IReadOnlyList<string>? only, IReadOnlyList<NamedArgument>? namedValues = null)
    {
        var function = target.Function;
        var env = DefaultEnvironment(function);
        foreach (var parameter in function.Parameters)
        {
            if (parameter.Kind is ParameterKind.VarPositional or ParameterKind.VarKeyword) continue;
            if (only is not null && !only.Contains(parameter.Name))
            {
                env = env.Without(parameter.Name);
                continue;
            }
            var argument = ArgumentBinding.ArgumentFor(Project, target, parameter, positional, keywords, scope, namedValues);
            if (argument is not { } a)
            {
                // The receiver of a bound method: the instance the call was made on.
                if (target.BoundPositionals > 0 && ReferenceEquals(parameter, function.ReceiverParameter)) env = env.Without(parameter.Name);
                continue;
            }
            var callerEnv = callerEnvironment is not null && (ReferenceEquals(callerEnvironment.Scope, a.Scope) ||
                                                              ReferenceEquals(callerEnvironment.Scope, a.Scope.NearestNonComprehension))
                ? callerEnvironment
                : null;
            var fact = FactOf(a.Expression, a.Scope, callerEnv);
            env = fact is null ? env.Without(parameter.Name) : env.With(parameter.Name, fact);
        }
        return env;
    }

    /// <summary>What an argument tells: its constant value, else the values it may be when they are
    /// informative (instances of known types, callables, None), else nothing.</summary>
    internal ArgumentFact? FactOf(Expr argument, Scope scope, ArgumentEnvironment? callerEnvironment)
    {
        var constant = Project.Constants.Evaluate(argument, scope, callerEnvironment);
        var values = Project.Values.Evaluate(argument, scope, callerEnvironment);
        foreach (var v in values.Items)
        {
            if (v is not (ParameterValue or SuperValue or ExternalValue { ReceiverType: not null })) continue;
            values = ValueSet.Unknown;
            break;
        }
        if (constant is null && values.IsUnknown) return null;
        return new ArgumentFact(constant, values.IsUnknown && constant is not null ? ArgumentFact.TypeOf(constant) : values);
    }

    private static ArgumentEnvironment Restrict(ArgumentEnvironment env, IReadOnlyList<string> only)
    {
        foreach (var kv in env.Values)
            if (!only.Contains(kv.Key)) env = env.Without(kv.Key);
        return env;
    }

    /// <summary>Parameters with defaults that fold to constants.</summary>
    public ArgumentEnvironment DefaultEnvironment(ProjectFunction function)
    {
        lock (_defaults)
        {
            if (_defaults.TryGetValue(function, out var cached)) return cached;
        }
        var env = ArgumentEnvironment.Empty(function.Scope);
        foreach (var parameter in function.Parameters)
            if (parameter.Default is { } d && Project.Constants.Evaluate(d) is { } value)
                env = env.With(parameter.Name, value);
        lock (_defaults) _defaults[function] = env;
        return env;
    }

    /// <summary>The default environment restricted to the summary's sensitive parameters: a call
    /// that produces exactly this learns nothing new.</summary>
    private ArgumentEnvironment Restricted(ProjectFunction function, EffectSummary generic) =>
        Restrict(DefaultEnvironment(function), generic.SensitiveParameters);

    internal bool InSameComponent(ProjectFunction a, ProjectFunction b) => _component[a.Id] == _component[b.Id];

    private readonly ConcurrentDictionary<ProjectFunction, bool> _memoised = new();

    /// <summary>The function is wrapped in a memoising decorator (<c>functools.cache</c>,
    /// <c>functools.lru_cache</c>): its body runs once per distinct arguments, a call is a dictionary
    /// lookup after the first.</summary>
    internal bool IsMemoised(ProjectFunction function) => function.Decorators.Count > 0 && _memoised.GetOrAdd(function, f =>
        f.Decorators.Any(d => Project.Values.Evaluate(d is Call c ? c.Func : d).QualifiedName is
            "functools.cache" or "functools.lru_cache" or "cachetools.cached" or "cachetools.func.lru_cache" or "cachetools.func.ttl_cache"));

    private readonly ConcurrentDictionary<ProjectFunction, bool> _startsWorker = new();

    /// <summary>The function is wrapped in a decorator whose call starts it as a worker instead of
    /// running it (textual's <c>@work</c>: a thread with <c>thread=True</c>, else a task on the event
    /// loop): the caller gets a Worker object at once and none of the body's effects.</summary>
    internal bool StartsWorker(ProjectFunction function) => function.Decorators.Count > 0 && _startsWorker.GetOrAdd(function, f =>
        f.Decorators.Any(d => Project.Values.Evaluate(d is Call c ? c.Func : d).QualifiedName is "textual.work" or "textual._work_decorator.work"));

    /// <param name="receiver">For a method called on the caller's own <c>self</c>: what the caller knows
    /// of that object's attributes.</param>
    internal EffectSummary SummaryForCall(CallTarget target, CallSite site, ArgumentEnvironment callerEnvironment, int budget, ArgumentFact? receiver = null)
    {
        var function = target.Function;
        var generic = _generic[function.Id] ?? throw new InvalidOperationException($"summary of {function} requested before its component was done");
        if (budget <= 0 || !generic.DependsOnParameters) return generic;
        var scope = site.Caller.Module.ScopeOf(site.Call);
        var env = EnvironmentFor(target, site.Call.Args, site.Call.Keywords, scope,
            ReferenceEquals(callerEnvironment.Scope, site.Caller.Scope) ? callerEnvironment : null, generic.SensitiveParameters);
        if (receiver is not null && function.ReceiverParameter is { } self && generic.SensitiveParameters.Contains(self.Name))
            env = env.With(self.Name, receiver);
        return Specialise(function, generic, env, budget - 1);
    }

    /// <summary>The environment of a call back into the caller's own recursive component, when it gives
    /// every sensitive parameter of the callee a constant (what the recursion solver needs to count the
    /// calls); null otherwise.</summary>
    internal ArgumentEnvironment? RecursiveEnvironment(CallTarget target, CallSite site, ArgumentEnvironment callerEnvironment)
    {
        if (_generic[target.Function.Id] is not { } generic || !generic.DependsOnParameters) return null;
        var scope = site.Caller.Module.ScopeOf(site.Call);
        var env = EnvironmentFor(target, site.Call.Args, site.Call.Keywords, scope,
            ReferenceEquals(callerEnvironment.Scope, site.Caller.Scope) ? callerEnvironment : null, generic.SensitiveParameters);
        foreach (var name in generic.SensitiveParameters)
            if (env.FactOf(name)?.Constant is null) return null;
        return env;
    }

    private EffectSummary Specialise(ProjectFunction function, EffectSummary generic, ArgumentEnvironment env, int budget)
    {
        // A call that passes only what the defaults are still gets a walk of its own: the generic one
        // decides no branch on a default.
        if (env.Equals(Restricted(function, generic)) && !generic.BranchesOnDefaults) return generic;
        var key = (function, env, budget);
        if (_specialised.TryGetValue(key, out var known)) return known;
        EffectSummary summary;
        if (generic.IsRecursive && RecursionSolver.Solve(this, function, env, budget) is { } solved)
        {
            summary = solved;
        }
        else
        {
            summary = new EffectWalker(this, function, env, budget).Run();
            summary.IsRecursive = generic.IsRecursive;
            summary.RecursionBranches = generic.RecursionBranches;
            summary.Recursion ??= generic.Recursion;
        }
        return _specialised.GetOrAdd(key, summary);
    }

    /// <summary>One walk of <paramref name="function"/> that records its calls back into the recursive
    /// component with their arguments (for the solver).</summary>
    internal (EffectSummary Summary, IReadOnlyList<RecursiveCall> Calls) WalkRecording(ProjectFunction function, ArgumentEnvironment env, int budget)
    {
        var walker = new EffectWalker(this, function, env, budget, recordRecursion: true);
        var summary = walker.Run();
        return (summary, walker.RecursiveCalls);
    }

    internal EffectSummary GenericOf(ProjectFunction function) => _generic[function.Id]!;

    /// <summary>How many items iterating <paramref name="iterable"/> yields: a constant, a bound, where
    /// the data comes from, or nothing known. <paramref name="environment"/> applies to the iterable's
    /// own function.</summary>
    public TripCount IterationCount(Expr iterable, ArgumentEnvironment? environment) =>
        TripCounter.ForIteration(Project, iterable, environment ?? ArgumentEnvironment.Empty(Project.EnclosingFunction(iterable).Scope), new EvaluationContext());
}
