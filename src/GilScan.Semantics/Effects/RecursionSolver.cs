using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Effects;

/// <summary>
/// Counts the work of a recursion whose arguments are constants (<c>fib(35)</c>, <c>hanoi(20, ...)</c>,
/// <c>countdown(1_000_000)</c>): each distinct call (function and constant arguments) is walked once,
/// recording the recursive calls it makes with their arguments (branches the arguments decide, such as
/// the base case, are pruned by the walk); then the calls are added up bottom-up. Iterative, with a cap on
/// the distinct calls explored: beyond it the count is a lower bound. A call that reaches itself again
/// with the same arguments (a recursion that does not progress) is not counted.
/// </summary>
internal static class RecursionSolver
{
    /// <summary>Distinct calls (function + arguments) explored for one recursion.</summary>
    public const int MaxStates = 2048;

    private sealed class State(ProjectFunction function, ArgumentEnvironment env)
    {
        public readonly ProjectFunction Function = function;
        public readonly ArgumentEnvironment Environment = env;
        public EffectSummary? Own;
        public IReadOnlyList<RecursiveCall> Calls = [];
        public WorkEstimate? Total;
        public double Count;
    }

    public static EffectSummary? Solve(EffectAnalysis analysis, ProjectFunction function, ArgumentEnvironment env, int budget)
    {
        var states = new Dictionary<(ProjectFunction, ArgumentEnvironment), State>();
        var order = new List<State>();
        var queue = new Queue<State>();
        var root = new State(function, env);
        states[(function, env)] = root;
        queue.Enqueue(root);
        var truncated = false;
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            (state.Own, state.Calls) = analysis.WalkRecording(state.Function, state.Environment, budget);
            order.Add(state);
            foreach (var call in state.Calls)
            {
                var key = (call.Callee, call.Environment);
                if (states.ContainsKey(key)) continue;
                if (states.Count >= MaxStates)
                {
                    truncated = true;
                    continue;
                }
                var next = new State(call.Callee, call.Environment);
                states[key] = next;
                queue.Enqueue(next);
            }
        }
        // Nothing recursive was recorded (the arguments did not fold): the plain walk says as much.
        if (root.Calls.Count == 0 && root.Own!.Work.HasUnknownTrips) return null;

        // Bottom-up over the exploration order reversed: a state's callees were discovered after it,
        // except along a cycle, whose back edge counts as unknown.
        var onStack = new HashSet<State>();
        WorkEstimate TotalOf(State s)
        {
            if (s.Total is { } done) return done;
            // An explicit stack would be needed for very deep chains; the exploration cap bounds the depth.
            if (!onStack.Add(s)) return new WorkEstimate(0, true, false);
            var total = s.Own!.Work with { RecursiveCalls = 0 };
            var count = 1.0;
            foreach (var call in s.Calls)
            {
                if (!states.TryGetValue((call.Callee, call.Environment), out var callee) || callee.Own is null)
                {
                    total = total.Plus(new WorkEstimate(0, true, false));
                    continue;
                }
                var calleeTotal = TotalOf(callee);
                var repeated = calleeTotal.Times(call.Multiplicity);
                total = total.Plus(repeated);
                count += call.Multiplicity.Kind == TripKind.Known ? callee.Count * call.Multiplicity.Count : callee.Count;
            }
            onStack.Remove(s);
            s.Total = total;
            s.Count = Math.Min(count, TripCount.Saturation);
            return total;
        }

        // Deepest states first keeps the evaluation stack shallow.
        for (var i = order.Count - 1; i >= 0; i--) TotalOf(order[i]);
        var summary = root.Own!;
        var work = root.Total!.Value;
        if (truncated) work = work with { HasUnknownTrips = true };
        summary.Work = work;
        summary.IsRecursive = true;
        summary.RecursiveCallCount = root.Count;
        var generic = analysis.GenericOf(function);
        summary.RecursionBranches = generic.RecursionBranches;
        summary.Recursion = generic.Recursion;
        return summary;
    }
}
