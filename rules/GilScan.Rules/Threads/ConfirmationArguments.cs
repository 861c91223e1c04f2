using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Constants;

namespace GilScan.Rules.Threads;

/// <summary>
/// The arguments a thread start passes to its callable, as Python literals, so that <c>--confirm</c>
/// can call the same function the same way: only when the callable is a plain module-level function (no
/// partial or bound receiver) and every argument folds to a constant, read with what the starting
/// function's caller passes when the start sits in a helper (<c>run_threads(work, N, K)</c> starting
/// <c>Thread(target=work, args=(n // k,))</c> gives <c>work</c> the value of <c>N // K</c>).
/// </summary>
public sealed record ConfirmationArguments(IReadOnlyList<string> Positional, IReadOnlyList<KeyValuePair<string, string>> Keywords)
{
    public static ConfirmationArguments? Of(ProjectModel model, ThreadStart start, CallTarget target, ArgumentEnvironment? context)
    {
        if (!start.ArgumentsKnown || target.Partial is not null || target.BoundPositionals != 0 ||
            target.Function.Class is not null || target.Function.DisplayName.Contains('<'))
        {
            return null;
        }

        var scope = start.Site.Caller.Module.ScopeOf(start.Site.Call);
        var env = context is not null && ReferenceEquals(context.Scope, start.Site.Caller.Scope) ? context : null;
        var positional = new List<string>();
        foreach (var argument in start.Positional)
        {
            if (PythonLiterals.Of(model.Constants.Evaluate(argument, scope, env)) is not { } literal) return null;
            positional.Add(literal);
        }

        var keywords = new List<KeyValuePair<string, string>>();
        var named = start.Keywords.Select(k => (k.Arg!, k.Value)).Concat(start.NamedValues.Select(n => (n.Name, n.Value)));
        foreach (var (name, value) in named)
        {
            if (PythonLiterals.Of(model.Constants.Evaluate(value, scope, env)) is not { } literal) return null;
            keywords.Add(KeyValuePair.Create(name, literal));
        }

        return new ConfirmationArguments(positional, keywords);
    }
}
