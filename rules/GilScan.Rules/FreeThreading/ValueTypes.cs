using GilScan.Semantics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// The type of a value as the semantic model tells it, or else by the calls that make it: the model types
/// <c>Lock()</c> or <c>{}</c> but not lower-case constructors such as <c>threading.local()</c>,
/// <c>collections.defaultdict(list)</c>, <c>collections.deque()</c> or <c>_thread.allocate_lock()</c>, whose
/// qualified names the knowledge lists. A name or <c>self</c> attribute whose every assignment calls the same
/// callee has that callee's name as its type.
/// </summary>
public static class ValueTypes
{
    public static string? TypeOf(ProjectModel model, Expr expression)
    {
        if (model.Values.TypeOf(expression) is { } typed)
        {
            return typed;
        }

        if (expression is Call call)
        {
            return model.Values.QualifiedNameOf(call.Func);
        }

        IEnumerable<Expr?> values;
        switch (expression)
        {
            case Name name:
                if (model.ModuleOf(name).Resolve(name) is not { } symbol)
                {
                    return null;
                }

                values = symbol.Bindings.Where(b => b.Kind is BindingKind.Assignment or BindingKind.AnnotatedAssignment).Select(b => b.Value);
                break;
            case Attribute { Value: Name self } attribute when model.Values.Evaluate(self).Single is InstanceValue { Class: { } cls }:
                values = cls.Mro.SelectMany(c => c.InstanceAttributes.GetValueOrDefault(attribute.Attr) ?? [])
                    .Where(a => a.Kind is BindingKind.Assignment or BindingKind.AnnotatedAssignment).Select(a => a.Value);
                break;
            default:
                return null;
        }

        string? type = null;
        foreach (var value in values)
        {
            if (value is Constant { Value: null })
            {
                continue;
            }

            var made = value is Call made1 ? model.Values.QualifiedNameOf(made1.Func) : null;
            if (made is null || (type is not null && type != made))
            {
                return null;
            }

            type = made;
        }

        return type;
    }
}
