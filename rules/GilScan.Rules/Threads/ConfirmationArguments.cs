using GilScan.Analysis.Confirmation;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Constants;

namespace GilScan.Rules.Threads;

/// <summary>
/// The arguments a thread start passes to its callable, folded to constants, so that <c>--confirm</c>
/// can call the same function the same way: as Python literals for the finding's SARIF properties and as
/// the typed <see cref="FoldedCall"/> of its confirmation request. Only when the callable is a plain
/// module-level function (no partial or bound receiver) and every argument folds to a constant, read with
/// what the starting function's caller passes when the start sits in a helper (<c>run_threads(work, N, K)</c>
/// starting <c>Thread(target=work, args=(n // k,))</c> gives <c>work</c> the value of <c>N // K</c>).
/// </summary>
public sealed record ConfirmationArguments(IReadOnlyList<string> Positional, IReadOnlyList<KeyValuePair<string, string>> Keywords, FoldedCall Call)
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
        var named = start.Keywords.Select(k => (k.Arg!, k.Value)).Concat(start.NamedValues.Select(n => (n.Name, n.Value))).ToList();
        return Fold(
            [.. start.Positional.Select(argument => model.Constants.Evaluate(argument, scope, env))],
            [.. named.Select(n => (n.Item1, model.Constants.Evaluate(n.Item2, scope, env)))]);
    }

    /// <summary>Arguments folded at a call site; null when one of them has no Python literal.</summary>
    public static ConfirmationArguments? Fold(IReadOnlyList<FoldedValue?> positional, IReadOnlyList<(string Name, FoldedValue? Value)> keywords)
    {
        if (ConfirmationRequests.Arguments(positional, keywords) is not { } call)
        {
            return null;
        }

        // Every value with a PythonValue has a literal (ConfirmationRequests.ValueOf): the two views agree.
        return new ConfirmationArguments(
            [.. positional.Select(value => PythonLiterals.Of(value)!)],
            [.. keywords.Select(k => KeyValuePair.Create(k.Name, PythonLiterals.Of(k.Value)!))],
            call);
    }
}
