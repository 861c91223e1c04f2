using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Calls;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Threads;

/// <summary>
/// The arguments a thread start passes to its callable, as Python literals, so that <c>--confirm</c>
/// can call the same function the same way: only when the callable is a plain function reached
/// directly (no helper, partial or bound receiver) and every argument folds to a constant.
/// </summary>
public sealed record ConfirmationArguments(IReadOnlyList<string> Positional, IReadOnlyList<KeyValuePair<string, string>> Keywords)
{
    public static ConfirmationArguments? Of(ProjectModel model, ThreadStart start, CallTarget target, Call reportAt)
    {
        if (!start.ArgumentsKnown || !target.Through.IsEmpty || target.Partial is not null ||
            target.BoundPositionals != 0 || !ReferenceEquals(reportAt, start.Site.Call) ||
            target.Function.Class is not null || target.Function.DisplayName.Contains('<'))
        {
            return null;
        }

        var scope = start.Site.Caller.Module.ScopeOf(start.Site.Call);
        var positional = new List<string>();
        foreach (var argument in start.Positional)
        {
            if (PythonLiterals.Of(model.Constants.Evaluate(argument, scope)) is not { } literal) return null;
            positional.Add(literal);
        }

        var keywords = new List<KeyValuePair<string, string>>();
        var named = start.Keywords.Select(k => (k.Arg!, k.Value)).Concat(start.NamedValues.Select(n => (n.Name, n.Value)));
        foreach (var (name, value) in named)
        {
            if (PythonLiterals.Of(model.Constants.Evaluate(value, scope)) is not { } literal) return null;
            keywords.Add(KeyValuePair.Create(name, literal));
        }

        return new ConfirmationArguments(positional, keywords);
    }
}
