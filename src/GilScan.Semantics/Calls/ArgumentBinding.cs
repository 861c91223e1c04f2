using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Calls;

/// <summary>An argument expression and the scope it is evaluated in.</summary>
public readonly record struct BoundArgument(Expr Expression, Scope Scope);

/// <summary>Matches a call's arguments to a target's parameters as CPython does for the simple cases:
/// positional arguments in order after the bound receiver and partial arguments, then keywords by
/// name. A <c>*args</c> or <c>**kwargs</c> at the call makes the parameters after it unknown.</summary>
public static class ArgumentBinding
{
    /// <summary>The argument that fills <paramref name="parameter"/> when <paramref name="target"/> is
    /// called with <paramref name="positional"/> and <paramref name="keywords"/> (evaluated in
    /// <paramref name="scope"/>); null when none does (the default applies) or it cannot be told.</summary>
    public static BoundArgument? ArgumentFor(ProjectModel project, CallTarget target, Parameter parameter,
        IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords, Scope scope)
    {
        var args = new List<BoundArgument>();
        var kwargs = new List<(Keyword Keyword, Scope Scope)>();
        if (target.Partial is { } partial)
        {
            var partialScope = project.ModuleOf(partial.Site).ScopeOf(partial.Site);
            args.AddRange(partial.Site.Args.Skip(1).Select(a => new BoundArgument(a, partialScope)));
            kwargs.AddRange(partial.Site.Keywords.Select(k => (k, partialScope)));
        }
        args.AddRange(positional.Select(a => new BoundArgument(a, scope)));
        kwargs.AddRange(keywords.Select(k => (k, scope)));

        if (parameter.Position >= 0)
        {
            var index = parameter.Position - target.BoundPositionals;
            if (index < 0) return null;
            for (var i = 0; i < args.Count && i <= index; i++)
            {
                if (args[i].Expression is Starred) return null;
                if (i == index) return args[i];
            }
        }
        if (parameter.Kind is ParameterKind.PositionalOrKeyword or ParameterKind.KeywordOnly)
        {
            // The last keyword wins: a call's own keywords override the partial's.
            BoundArgument? found = null;
            foreach (var (k, s) in kwargs)
            {
                if (k.Arg == parameter.Name) found = new BoundArgument(k.Value, s);
                else if (k.Arg is null) found = null;
            }
            return found;
        }
        return null;
    }
}
