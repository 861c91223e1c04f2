using System.Collections.Concurrent;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Effects;

/// <summary>
/// Effect summaries of all project functions, computed once over the call graph's strongly connected
/// components, callees first; inside a recursive component, calls between members count as work of
/// unknown size (the recursion depth is not known) and set <see cref="EffectSummary.IsRecursive"/>.
/// A call whose arguments fold to constants gets a summary specialised to those values (so
/// <c>work(10_000_000)</c> sees its <c>range(n)</c> as 10,000,000 iterations), up to
/// <see cref="SpecialisationDepth"/> calls deep; without them, parameters take their constant defaults.
/// </summary>
public sealed class EffectAnalysis
{
    public const int SpecialisationDepth = 3;

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
        ProjectUsesNumpy = project.Modules.Any(m => m.Scopes.Any(s => s.Symbols.Values.Any(sym =>
            sym.Bindings.Any(b => b.Import?.ImportedModule is { } imported && (imported == "numpy" || imported.StartsWith("numpy.", StringComparison.Ordinal))))));
    }

    internal ProjectModel Project { get; }

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
                    {
                        var summary = new EffectWalker(this, function, DefaultEnvironment(function), SpecialisationDepth).Run();
                        if (component.Count > 1) summary.IsRecursive = true;
                        _generic[function.Id] = summary;
                    }
                });
                foreach (var c in level) Volatile.Write(ref _done[c], true);
            }
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
    /// <c>args</c> of a <c>threading.Thread</c>: arguments that fold to constants specialise it.</summary>
    public EffectSummary SummaryForArguments(CallTarget target, IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords, Scope scope,
        IReadOnlyList<NamedArgument>? namedValues = null)
    {
        var generic = SummaryOf(target.Function);
        if (!generic.DependsOnParameters) return generic;
        var env = EnvironmentFor(target, positional, keywords, scope, null, generic.SensitiveParameters, namedValues);
        return env.Equals(Restricted(target.Function, generic)) ? generic : Specialised(target.Function, env, SpecialisationDepth);
    }

    /// <summary>The values the parameters of <paramref name="target"/> receive from a call: constant
    /// arguments, constant defaults for parameters not passed; others unknown.</summary>
    public ArgumentEnvironment EnvironmentFor(CallTarget target, IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords,
        Scope scope, ArgumentEnvironment? callerEnvironment) =>
        EnvironmentFor(target, positional, keywords, scope, callerEnvironment, null);

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
            if (argument is not { } a) continue;
            var value = Project.Constants.Evaluate(a.Expression, a.Scope, callerEnvironment);
            env = value is null ? env.Without(parameter.Name) : env.With(parameter.Name, value);
        }
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
    private ArgumentEnvironment Restricted(ProjectFunction function, EffectSummary generic)
    {
        var env = DefaultEnvironment(function);
        foreach (var kv in DefaultEnvironment(function).Values)
            if (!generic.SensitiveParameters.Contains(kv.Key)) env = env.Without(kv.Key);
        return env;
    }

    internal bool InSameComponent(ProjectFunction a, ProjectFunction b) => _component[a.Id] == _component[b.Id];

    internal EffectSummary SummaryForCall(CallTarget target, CallSite site, ArgumentEnvironment callerEnvironment, int budget)
    {
        var function = target.Function;
        var generic = _generic[function.Id] ?? throw new InvalidOperationException($"summary of {function} requested before its component was done");
        if (budget <= 0 || !generic.DependsOnParameters) return generic;
        var scope = site.Caller.Module.ScopeOf(site.Call);
        var env = EnvironmentFor(target, site.Call.Args, site.Call.Keywords, scope,
            ReferenceEquals(callerEnvironment.Scope, site.Caller.Scope) ? callerEnvironment : null, generic.SensitiveParameters);
        return env.Equals(Restricted(function, generic)) ? generic : Specialised(function, env, budget - 1);
    }

    private EffectSummary Specialised(ProjectFunction function, ArgumentEnvironment env, int budget)
    {
        var key = (function, env, budget);
        if (_specialised.TryGetValue(key, out var known)) return known;
        var summary = new EffectWalker(this, function, env, budget).Run();
        summary.IsRecursive = _generic[function.Id]!.IsRecursive;
        return _specialised.GetOrAdd(key, summary);
    }
}
