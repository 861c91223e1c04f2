using System.Collections.Frozen;
using System.Collections.Immutable;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Rules;

/// <summary>
/// Which <see cref="NodeKind"/>s a node class stands for: a concrete class is one kind (the enum
/// member is named after the class), an abstract class such as <see cref="Expr"/> or
/// <see cref="Stmt"/> is every kind derived from it. Computed once from the AST assembly.
/// </summary>
public static class NodeKinds
{
    private static readonly FrozenDictionary<Type, NodeKind> KindOfClass = typeof(Node).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(Node)) && !type.IsAbstract)
        .ToFrozenDictionary(type => type, type => Enum.Parse<NodeKind>(type.Name));

    /// <summary>The concrete node class of every kind.</summary>
    public static IReadOnlyDictionary<Type, NodeKind> ConcreteClasses => KindOfClass;

    /// <summary>The kinds of <typeparamref name="T"/> and its subclasses, in enum order.</summary>
    public static ImmutableArray<NodeKind> Of<T>()
        where T : Node => Of(typeof(T));

    public static ImmutableArray<NodeKind> Of(Type nodeClass)
    {
        if (!typeof(Node).IsAssignableFrom(nodeClass))
        {
            throw new ArgumentException($"{nodeClass.Name} is not an AST node class.", nameof(nodeClass));
        }

        return [.. KindOfClass.Where(pair => nodeClass.IsAssignableFrom(pair.Key)).Select(pair => pair.Value).Order()];
    }
}
