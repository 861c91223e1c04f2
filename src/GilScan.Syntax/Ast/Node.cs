using GilScan.Syntax.Ast.Canonical;

namespace GilScan.Syntax.Ast;

/// <summary>
/// A node of gilscan's Python AST. The classes mirror CPython's <c>ast</c> module one to one (names,
/// fields, field order, optionality); they are generated into Nodes.g.cs by tools/gen_ast.py.
/// Deliberate deviations from CPython: enum-like sums (expr_context, operators) are C# enums, not
/// nodes; every node knows its parent; located nodes carry UTF-16 columns beside CPython's UTF-8 ones.
/// </summary>
public abstract class Node
{
    /// <summary>The node that holds this one in one of its fields; null for the root.</summary>
    public Node? Parent { get; private set; }

    public abstract NodeKind NodeKind { get; }

    /// <summary>The class name in CPython's ast module, e.g. "FunctionDef".</summary>
    public abstract string PythonTypeName { get; }

    /// <summary>Appends the direct child nodes in CPython's field order (not always source order).</summary>
    public abstract void AppendChildren(List<Node> children);

    /// <summary>The direct child nodes in CPython's field order.</summary>
    public List<Node> GetChildren()
    {
        var children = new List<Node>();
        AppendChildren(children);
        return children;
    }

    internal abstract void WriteCanonical(CanonicalJsonWriter writer);

    protected T Adopt<T>(T child) where T : Node?
    {
        if (child is not null) child.Parent = this;
        return child;
    }

    protected IReadOnlyList<T> AdoptAll<T>(IReadOnlyList<T> children) where T : Node?
    {
        foreach (var child in children)
            if (child is not null) child.Parent = this;
        return children;
    }

    /// <summary>Re-parents a node that the builder moved into this one after construction.</summary>
    internal void AdoptLate(Node? child)
    {
        if (child is not null) child.Parent = this;
    }
}

/// <summary>A node with CPython's four position attributes (statements, expressions, patterns, ...).</summary>
public abstract class LocatedNode : Node
{
    protected LocatedNode(SourceRange range) => Range = range;

    public SourceRange Range { get; internal set; }

    public int Lineno => Range.StartLine;
    public int ColOffset => Range.StartColumn;
    public int EndLineno => Range.EndLine;
    public int EndColOffset => Range.EndColumn;
}

public abstract class Mod : Node { }

public abstract class Stmt : LocatedNode { protected Stmt(SourceRange range) : base(range) { } }

public abstract class Expr : LocatedNode { protected Expr(SourceRange range) : base(range) { } }

public abstract class ExceptHandlerBase : LocatedNode { protected ExceptHandlerBase(SourceRange range) : base(range) { } }

public abstract class Pattern : LocatedNode { protected Pattern(SourceRange range) : base(range) { } }

public abstract class TypeParam : LocatedNode { protected TypeParam(SourceRange range) : base(range) { } }

public abstract class TypeIgnoreBase : Node { }
