using System.Text.RegularExpressions;
using GilScan.Semantics;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// Where code holds a lock: inside <c>with lock:</c> (a <c>Lock</c>, <c>RLock</c>, <c>Condition</c>,
/// <c>Semaphore</c>, ... by type, or by name when the type is unknown), after <c>lock.acquire()</c> and before
/// the matching <c>lock.release()</c>, or in a function with a synchronising decorator. A context manager
/// whose type is unknown and that is not made by the <c>with</c> itself (<c>with self._guard:</c>) is taken for a
/// lock: a missed race costs less here than a false one.
/// </summary>
public sealed partial class LockRegions(ProjectModel model, FreeThreadingKnowledge knowledge)
{
    /// <summary>The lock region around <paramref name="node"/> in <paramref name="function"/>'s own code, or null.</summary>
    public Node? Around(Node node, ProjectFunction function)
    {
        var below = node;
        for (var p = node.Parent; p is not null && !ReferenceEquals(below, function.Node); below = p, p = p.Parent)
        {
            switch (p)
            {
                case With w when w.Body.Any(s => ReferenceEquals(s, below)) && w.Items.Any(i => IsLock(i.ContextExpr)):
                    return w;
                case AsyncWith w when w.Body.Any(s => ReferenceEquals(s, below)) && w.Items.Any(i => IsLock(i.ContextExpr)):
                    return w;
            }

            if (ReferenceEquals(p, function.Node))
            {
                break;
            }
        }

        return Acquired(node, function) ?? SynchronisingDecorator(function);
    }

    /// <summary>Whether <paramref name="contextManager"/> (the expression of a <c>with</c> item) is a lock.</summary>
    public bool IsLock(Expr contextManager)
    {
        var values = model.Values.Evaluate(contextManager);
        var known = false;
        foreach (var value in values.Items)
        {
            switch (value)
            {
                case InstanceValue { Class: { } cls }:
                    known = true;
                    if (IsLockClass(cls))
                    {
                        return true;
                    }

                    break;
                case InstanceValue instance:
                    known = true;
                    if (knowledge.Locks.Contains(instance.TypeName) || LockName().IsMatch(Last(instance.TypeName)))
                    {
                        return true;
                    }

                    break;
                case ExternalValue or FunctionValue or ModuleValue or ClassValue:
                    known = true;
                    break;
            }
        }

        if (!known && ValueTypes.TypeOf(model, contextManager) is { } made && knowledge.Locks.Contains(made))
        {
            return true;
        }

        if (contextManager is Call call)
        {
            var callee = model.Values.QualifiedNameOf(call.Func);
            return (callee is not null && knowledge.Locks.Contains(callee)) ||
                   (CodeShapes.LastIdentifier(call.Func) is { } name && LockName().IsMatch(name));
        }

        if (CodeShapes.LastIdentifier(contextManager) is { } identifier && LockName().IsMatch(identifier))
        {
            return true;
        }

        return !known && contextManager is Name or Attribute;
    }

    /// <summary>A project class that is a lock: derives from one, is named like one, or acquires one on <c>__enter__</c>.</summary>
    private bool IsLockClass(GilScan.Semantics.Declarations.ProjectClass cls)
    {
        if (cls.ExternalBases.Any(knowledge.Locks.Contains) || LockName().IsMatch(cls.DisplayName))
        {
            return true;
        }

        return cls.FindMethod("__enter__") is { } enter &&
               enter.Calls.Any(c => c.Func is Attribute { Attr: "acquire" } || (c.Func is Attribute a && LockName().IsMatch(a.Attr)));
    }

    /// <summary>A <c>x.acquire()</c> before <paramref name="node"/> in the function's own code with no <c>x.release()</c> in between.</summary>
    private Node? Acquired(Node node, ProjectFunction function)
    {
        var position = Position(node);
        Call? held = null;
        string? heldBy = null;
        foreach (var call in function.Calls)
        {
            if (Position(call).CompareTo(position) >= 0)
            {
                break;
            }

            if (call.Func is not Attribute { Attr: "acquire" or "release" } method)
            {
                continue;
            }

            var receiver = CodeShapes.Render(method.Value);
            if (method.Attr == "acquire" && IsLock(method.Value))
            {
                (held, heldBy) = (call, receiver);
            }
            else if (method.Attr == "release" && receiver == heldBy)
            {
                (held, heldBy) = (null, null);
            }
        }

        return held;
    }

    private static Node? SynchronisingDecorator(ProjectFunction function) =>
        function.Decorators.FirstOrDefault(d => CodeShapes.LastIdentifier(d) is { } name && (LockName().IsMatch(name) || name.Contains("synchron", StringComparison.OrdinalIgnoreCase)));

    private static (int Line, int Column) Position(Node node)
    {
        var range = GilScan.Semantics.Binding.SourceOrder.RangeOf(node);
        return (range.StartLine, range.StartColumn);
    }

    private static string Last(string qualifiedName) => qualifiedName[(qualifiedName.LastIndexOf('.') + 1)..];

    /// <summary>Names of locks and their kin: <c>_lock</c>, <c>mutex</c>, <c>RLock</c>, <c>cond</c>, <c>cv</c>, <c>sem</c>, <c>semaphore</c>.</summary>
    [GeneratedRegex(@"(?i)(lock|mutex|mtx|semaphore|(^|_)sem(_|$)|(^|_)cv(_|$)|(^|_)cond(ition)?(_|$)|synchron)")]
    private static partial Regex LockName();
}
