using GilScan.Semantics.Binding;

namespace GilScan.Semantics.Declarations;

/// <summary>The functions and classes of one module, with the calls, returns and yields each
/// function's own code executes.</summary>
public sealed class ModuleDeclarations
{
    internal ModuleDeclarations(ProjectFunction body, List<ProjectFunction> functions, List<ProjectClass> classes,
        Dictionary<Node, ProjectFunction> functionsByNode, Dictionary<Node, ProjectClass> classesByNode)
    {
        Body = body;
        Functions = functions;
        Classes = classes;
        FunctionsByNode = functionsByNode;
        ClassesByNode = classesByNode;
    }

    /// <summary>The module's top-level code.</summary>
    public ProjectFunction Body { get; }

    /// <summary>The module body first, then every def and lambda in source (pre-)order.</summary>
    public IReadOnlyList<ProjectFunction> Functions { get; }

    public IReadOnlyList<ProjectClass> Classes { get; }

    internal Dictionary<Node, ProjectFunction> FunctionsByNode { get; }

    internal Dictionary<Node, ProjectClass> ClassesByNode { get; }
}

/// <summary>One iterative walk over a bound module that creates its <see cref="ProjectFunction"/>s and
/// <see cref="ProjectClass"/>es with Python's <c>__qualname__</c> rules (PEP 3155) and assigns every
/// call, return and yield to the function whose code runs it.</summary>
internal static class DeclarationCollector
{
    private sealed record Context(ProjectFunction Owner, string Prefix, ProjectClass? Class);

    public static ModuleDeclarations Collect(BoundModule module)
    {
        var functions = new List<ProjectFunction>();
        var classes = new List<ProjectClass>();
        var functionsByNode = new Dictionary<Node, ProjectFunction>(ReferenceEqualityComparer.Instance);
        var classesByNode = new Dictionary<Node, ProjectClass>(ReferenceEqualityComparer.Instance);
        var body = new ProjectFunction(FunctionKind.ModuleBody, module.Tree, module, module.GlobalScope,
            module.Name + ".<module>", "<module>", false, null, MethodKind.None, [], []);
        functions.Add(body);
        functionsByNode[module.Tree] = body;

        var stack = new Stack<(Node Node, Context Context)>();
        var children = new List<Node>();
        var top = new Context(body, "", null);
        for (var i = module.Tree.Body.Count - 1; i >= 0; i--) stack.Push((module.Tree.Body[i], top));

        while (stack.Count > 0)
        {
            var (node, context) = stack.Pop();
            switch (node)
            {
                case FunctionDef or AsyncFunctionDef:
                {
                    var parts = FunctionParts.Of(node)!.Value;
                    var qualname = context.Prefix + parts.Name;
                    var methodKind = context.Class is null ? MethodKind.None : MethodKindOf(parts.Decorators);
                    var function = new ProjectFunction(FunctionKind.Function, node, module, module.ScopeOpenedBy(node)!,
                        ModuleNames(module, qualname), qualname, parts.IsAsync, context.Class, methodKind,
                        ParametersOf(parts.Args), parts.Decorators);
                    functions.Add(function);
                    functionsByNode[node] = function;
                    context.Class?.AddMethod(parts.Name, function);
                    var inner = new Context(function, qualname + ".<locals>.", null);
                    for (var i = parts.Body.Count - 1; i >= 0; i--) stack.Push((parts.Body[i], inner));
                    PushOutsideParts(stack, parts.Args, parts.Decorators, parts.Returns, context);
                    continue;
                }
                case Lambda lambda:
                {
                    var qualname = context.Prefix + "<lambda>";
                    var function = new ProjectFunction(FunctionKind.Lambda, lambda, module, module.ScopeOpenedBy(lambda)!,
                        ModuleNames(module, qualname), qualname, false, null, MethodKind.None, ParametersOf(lambda.Args), []);
                    functions.Add(function);
                    functionsByNode[lambda] = function;
                    function._returns.Add(lambda.Body);
                    stack.Push((lambda.Body, new Context(function, qualname + ".<locals>.", null)));
                    PushOutsideParts(stack, lambda.Args, [], null, context);
                    continue;
                }
                case ClassDef classDef:
                {
                    var qualname = context.Prefix + classDef.Name;
                    var cls = new ProjectClass(classDef, module, module.ScopeOpenedBy(classDef)!, ModuleNames(module, qualname), qualname);
                    classes.Add(cls);
                    classesByNode[classDef] = cls;
                    var inner = new Context(context.Owner, qualname + ".", cls);
                    for (var i = classDef.Body.Count - 1; i >= 0; i--) stack.Push((classDef.Body[i], inner));
                    var outside = context with { Class = null };
                    for (var i = classDef.Keywords.Count - 1; i >= 0; i--) stack.Push((classDef.Keywords[i].Value, outside));
                    PushReversed(stack, classDef.Bases, outside);
                    PushReversed(stack, classDef.DecoratorList, outside);
                    continue;
                }
                case Return r:
                    if (r.Value is not null) context.Owner._returns.Add(r.Value);
                    break;
                case Call call:
                    context.Owner._calls.Add(call);
                    break;
                case Yield or YieldFrom:
                    context.Owner.IsGenerator = true;
                    break;
            }
            // Statements nested in a class body (if/try blocks) keep the class context; expressions do not
            // define methods, so they drop it.
            var childContext = node is Stmt ? context : context.Class is null ? context : context with { Class = null };
            children.Clear();
            node.AppendChildren(children);
            for (var i = children.Count - 1; i >= 0; i--) stack.Push((children[i], childContext));
        }

        CollectInstanceAttributes(module, functionsByNode);
        return new ModuleDeclarations(body, functions, classes, functionsByNode, classesByNode);
    }

    private static void PushOutsideParts(Stack<(Node, Context)> stack, Arguments args, IReadOnlyList<Expr> decorators, Expr? returns, Context context)
    {
        var outside = context.Class is null ? context : context with { Class = null };
        if (returns is not null) stack.Push((returns, outside));
        for (var i = FunctionParts.ParameterCount(args) - 1; i >= 0; i--)
            if (FunctionParts.ParameterAt(args, i).Annotation is { } annotation) stack.Push((annotation, outside));
        for (var i = args.KwDefaults.Count - 1; i >= 0; i--)
            if (args.KwDefaults[i] is { } d) stack.Push((d, outside));
        PushReversed(stack, args.Defaults, outside);
        PushReversed(stack, decorators, outside);
    }

    private static void PushReversed(Stack<(Node, Context)> stack, IReadOnlyList<Expr> nodes, Context context)
    {
        for (var i = nodes.Count - 1; i >= 0; i--) stack.Push((nodes[i], context));
    }

    private static string ModuleNames(BoundModule module, string qualname) => module.Name + "." + qualname;

    private static MethodKind MethodKindOf(IReadOnlyList<Expr> decorators)
    {
        foreach (var d in decorators)
        {
            switch (d)
            {
                case Name { Id: "staticmethod" }: return MethodKind.Static;
                case Name { Id: "classmethod" }: return MethodKind.Class;
                case Name { Id: "property" or "cached_property" }: return MethodKind.Property;
                case Attribute { Attr: "setter" or "getter" or "deleter" or "cached_property" }: return MethodKind.Property;
            }
        }
        return MethodKind.Instance;
    }

    private static List<Parameter> ParametersOf(Arguments args)
    {
        var list = new List<Parameter>();
        var position = 0;
        foreach (var a in args.Posonlyargs.Each()) list.Add(new Parameter(a.Name, ParameterKind.PositionalOnly, position++, ParameterDefaults.Of(args, a), a));
        foreach (var a in args.Args.Each()) list.Add(new Parameter(a.Name, ParameterKind.PositionalOrKeyword, position++, ParameterDefaults.Of(args, a), a));
        if (args.Vararg is not null) list.Add(new Parameter(args.Vararg.Name, ParameterKind.VarPositional, -1, null, args.Vararg));
        foreach (var a in args.Kwonlyargs.Each()) list.Add(new Parameter(a.Name, ParameterKind.KeywordOnly, -1, ParameterDefaults.Of(args, a), a));
        if (args.Kwarg is not null) list.Add(new Parameter(args.Kwarg.Name, ParameterKind.VarKeyword, -1, null, args.Kwarg));
        return list;
    }

    /// <summary>Records <c>self.x = v</c> in a method (or in a function nested in it that uses the
    /// method's <c>self</c>) as an instance attribute of the method's class.</summary>
    private static void CollectInstanceAttributes(BoundModule module, Dictionary<Node, ProjectFunction> functions)
    {
        foreach (var assignment in module.AttributeAssignments.Each())
        {
            if (assignment.Target.Value is not Name receiver) continue;
            var symbol = BoundModule.Lookup(receiver.Id, assignment.Scope);
            if (symbol?.Scope.Kind != ScopeKind.Function || !functions.TryGetValue(symbol.Scope.Node, out var method)) continue;
            if (method.MethodKind != MethodKind.Instance || method.ReceiverParameter?.Name != symbol.Name || method.Class is null) continue;
            method.Class.AddInstanceAttribute(assignment.Target.Attr, assignment);
        }
    }
}
