using GilScan.Semantics.Binding;

namespace GilScan.Semantics.Declarations;

/// <summary>
/// A function, method, lambda or module body of the project: something whose code the call graph
/// and the effect summaries look at. Its <see cref="Calls"/>, <see cref="Returns"/> and yields are
/// the ones its own code executes: decorators, defaults and nested function bodies belong to others;
/// comprehensions and class bodies nested in it belong to it.
/// </summary>
public sealed class ProjectFunction
{
    internal ProjectFunction(FunctionKind kind, Node node, BoundModule module, Scope scope, string qualifiedName,
        string displayName, bool isAsync, ProjectClass? declaringClass, MethodKind methodKind,
        IReadOnlyList<Parameter> parameters, IReadOnlyList<Expr> decorators)
    {
        Kind = kind;
        Node = node;
        Module = module;
        Scope = scope;
        QualifiedName = qualifiedName;
        DisplayName = displayName;
        IsAsync = isAsync;
        Class = declaringClass;
        MethodKind = methodKind;
        Parameters = parameters;
        Decorators = decorators;
    }

    public FunctionKind Kind { get; }

    /// <summary>FunctionDef, AsyncFunctionDef, Lambda or Module.</summary>
    public Node Node { get; }

    public BoundModule Module { get; }

    /// <summary>The function's own scope (the global scope for a module body).</summary>
    public Scope Scope { get; }

    /// <summary>Module name plus Python's <c>__qualname__</c>: "pkg.mod.Cls.method",
    /// "pkg.mod.outer.&lt;locals&gt;.inner", "pkg.mod.&lt;lambda&gt;", "pkg.mod.&lt;module&gt;".
    /// Not unique when a name is defined twice; <see cref="Id"/> is.</summary>
    public string QualifiedName { get; }

    /// <summary>The <c>__qualname__</c> part, for messages: "Cls.method", "&lt;lambda&gt;".</summary>
    public string DisplayName { get; }

    /// <summary>Position in the project's deterministic order (modules by name, then source order).</summary>
    public int Id { get; internal set; }

    public bool IsAsync { get; }

    public bool IsGenerator { get; internal set; }

    /// <summary>A coroutine function: <c>async def</c> that is not an async generator.</summary>
    public bool IsCoroutine => IsAsync && !IsGenerator;

    /// <summary>The class whose body defines this function directly.</summary>
    public ProjectClass? Class { get; }

    public MethodKind MethodKind { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    public IReadOnlyList<Expr> Decorators { get; }

    /// <summary>Calls this function's own code makes, in source order.</summary>
    public IReadOnlyList<Call> Calls => _calls;

    /// <summary>Return statements (or, for a lambda, its body) of this function's own code.</summary>
    public IReadOnlyList<Expr> Returns => _returns;

    internal readonly List<Call> _calls = [];
    internal readonly List<Expr> _returns = [];

    /// <summary>The positional parameter that receives the instance or class for a bound call:
    /// <c>self</c> of an instance method, <c>cls</c> of a class method.</summary>
    public Parameter? ReceiverParameter =>
        MethodKind is MethodKind.Instance or MethodKind.Class or MethodKind.Property && Parameters.Count > 0 &&
        Parameters[0].Kind is ParameterKind.PositionalOnly or ParameterKind.PositionalOrKeyword
            ? Parameters[0] : null;

    public Parameter? ParameterNamed(string name)
    {
        foreach (var p in Parameters)
            if (p.Name == name) return p;
        return null;
    }

    /// <summary>Where the definition starts (the <c>def</c>/<c>lambda</c>; line 1 for a module body).</summary>
    public SourceRange Range => Node is LocatedNode located ? located.Range : new SourceRange(1, 0, 1, 0, 0, 0);

    public override string ToString() => QualifiedName;
}
