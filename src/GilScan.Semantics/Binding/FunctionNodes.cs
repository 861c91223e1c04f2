namespace GilScan.Semantics.Binding;

/// <summary>Uniform access to the parts of FunctionDef and AsyncFunctionDef, which CPython keeps as
/// two node types with the same fields.</summary>
public readonly record struct FunctionParts(
    string Name, Arguments Args, IReadOnlyList<Stmt> Body, IReadOnlyList<Expr> Decorators, Expr? Returns,
    IReadOnlyList<TypeParam> TypeParams, bool IsAsync)
{
    public static FunctionParts? Of(Node node) => node switch
    {
        FunctionDef f => new FunctionParts(f.Name, f.Args, f.Body, f.DecoratorList, f.Returns, f.TypeParams, false),
        AsyncFunctionDef f => new FunctionParts(f.Name, f.Args, f.Body, f.DecoratorList, f.Returns, f.TypeParams, true),
        _ => null,
    };

    /// <summary>Every parameter in declaration order: positional-only, positional, *args,
    /// keyword-only, **kwargs.</summary>
    public static IEnumerable<Arg> AllParameters(Arguments args)
    {
        foreach (var a in args.Posonlyargs) yield return a;
        foreach (var a in args.Args) yield return a;
        if (args.Vararg is not null) yield return args.Vararg;
        foreach (var a in args.Kwonlyargs) yield return a;
        if (args.Kwarg is not null) yield return args.Kwarg;
    }

    /// <summary>The number of parameters, and the <paramref name="index"/>-th in declaration order:
    /// the allocation-free form of <see cref="AllParameters"/> for the walkers.</summary>
    public static int ParameterCount(Arguments args) =>
        args.Posonlyargs.Count + args.Args.Count + (args.Vararg is null ? 0 : 1) + args.Kwonlyargs.Count + (args.Kwarg is null ? 0 : 1);

    public static Arg ParameterAt(Arguments args, int index)
    {
        if (index < args.Posonlyargs.Count) return args.Posonlyargs[index];
        index -= args.Posonlyargs.Count;
        if (index < args.Args.Count) return args.Args[index];
        index -= args.Args.Count;
        if (args.Vararg is not null && index-- == 0) return args.Vararg;
        if (index < args.Kwonlyargs.Count) return args.Kwonlyargs[index];
        return args.Kwarg!;
    }
}

/// <summary>Parameter defaults, aligned as CPython aligns them.</summary>
public static class ParameterDefaults
{
    /// <summary>The default value of <paramref name="parameter"/>: <c>defaults</c> belong to the last
    /// positional (positional-only and positional) parameters, <c>kw_defaults</c> one to one to the
    /// keyword-only ones.</summary>
    public static Expr? Of(Arguments args, Arg parameter)
    {
        var positionalCount = args.Posonlyargs.Count + args.Args.Count;
        var firstWithDefault = positionalCount - args.Defaults.Count;
        for (var i = 0; i < positionalCount; i++)
        {
            var p = i < args.Posonlyargs.Count ? args.Posonlyargs[i] : args.Args[i - args.Posonlyargs.Count];
            if (ReferenceEquals(p, parameter)) return i >= firstWithDefault ? args.Defaults[i - firstWithDefault] : null;
        }
        for (var i = 0; i < args.Kwonlyargs.Count; i++)
            if (ReferenceEquals(args.Kwonlyargs[i], parameter)) return i < args.KwDefaults.Count ? args.KwDefaults[i] : null;
        return null;
    }
}
