using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Calls;

/// <summary>An argument expression and the scope it is evaluated in.</summary>
public readonly record struct BoundArgument(Expr Expression, Scope Scope);

/// <summary>A keyword argument given as a name and a value expression rather than a <see cref="Keyword"/> node.</summary>
public readonly record struct NamedArgument(string Name, Expr Value);

/// <summary>Matches a call's arguments to a target's parameters as CPython does for the simple cases:
/// positional arguments in order after the bound receiver and partial arguments, then keywords by
/// name. A <c>*args</c> or <c>**kwargs</c> at the call makes the parameters after it unknown.</summary>
public static class ArgumentBinding
{
    /// <summary>The argument that fills <paramref name="parameter"/> when <paramref name="target"/> is
    /// called with <paramref name="positional"/> and <paramref name="keywords"/> (evaluated in
    /// <paramref name="scope"/>); null when none does (the default applies) or it cannot be told.</summary>
    /// <param name="namedValues">Keyword arguments that are not <see cref="Keyword"/> nodes of a call, such as
    /// the entries of a <c>Thread(kwargs={...})</c> dict literal; they come after <paramref name="keywords"/>.</param>
    public static BoundArgument? ArgumentFor(ProjectModel project, CallTarget target, Parameter parameter,
        IReadOnlyList<Expr> positional, IReadOnlyList<Keyword> keywords, Scope scope,
        IReadOnlyList<NamedArgument>? namedValues = null)
    {
        // The partial's own arguments come first: positionals before the call's, keywords overridden
        // by the call's.
        IReadOnlyList<Expr> partialArgs = [];
        IReadOnlyList<Keyword> partialKeywords = [];
        Scope? partialScope = null;
        if (target.Partial is { } partial)
        {
            partialScope = project.ModuleOf(partial.Site).ScopeOf(partial.Site);
            partialArgs = partial.Site.Args;
            partialKeywords = partial.Site.Keywords;
        }
        var partialCount = Math.Max(0, partialArgs.Count - 1);

        if (parameter.Position >= 0)
        {
            var index = parameter.Position - target.BoundPositionals;
            if (index < 0) return null;
            var total = partialCount + positional.Count;
            for (var i = 0; i < total && i <= index; i++)
            {
                var (expression, s) = i < partialCount ? (partialArgs[i + 1], partialScope!) : (positional[i - partialCount], scope);
                if (expression is Starred) return null;
                if (i == index) return new BoundArgument(expression, s);
            }
        }
        if (parameter.Kind is not (ParameterKind.PositionalOrKeyword or ParameterKind.KeywordOnly)) return null;
        BoundArgument? found = null;
        foreach (var k in partialKeywords)
        {
            if (k.Arg == parameter.Name) found = new BoundArgument(k.Value, partialScope!);
            else if (k.Arg is null) found = null;
        }
        foreach (var k in keywords)
        {
            if (k.Arg == parameter.Name) found = new BoundArgument(k.Value, scope);
            else if (k.Arg is null) found = null;
        }
        foreach (var named in namedValues ?? [])
        {
            if (named.Name == parameter.Name) found = new BoundArgument(named.Value, scope);
        }
        return found;
    }
}
