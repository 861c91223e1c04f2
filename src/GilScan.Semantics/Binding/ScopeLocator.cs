namespace GilScan.Semantics.Binding;

/// <summary>Finds the scope a node's code runs in by climbing its parents, applying Python's rules on
/// which parts of a def/class/lambda/comprehension are evaluated outside it.</summary>
internal static class ScopeLocator
{
    /// <summary>Climbs this far before consulting the module's shortcuts; real code is shallower,
    /// so it never pays for them.</summary>
    internal const int ShortcutDepth = 64;

    /// <summary>On a longer climb, every this many nodes is remembered as a shortcut.</summary>
    private const int ShortcutSpacing = 32;

    public static Scope Locate(BoundModule module, Node node)
    {
        // Climbing a deep tree (f()()()..., a long operator chain) from every node is quadratic, so a
        // long climb leaves shortcuts behind: nodes whose scope is the answer. From `below` on, the
        // climb is Locate(below)'s own unless a step still looks at `below2`, which only happens
        // when `below` is a parameter list, a parameter or a comprehension clause.
        List<Node>? shortcuts = null;
        var steps = 0;
        Node? below2 = null;
        Node below = node;
        for (var p = node.Parent; p is not null; below2 = below, below = p, p = p.Parent)
        {
            if (++steps > ShortcutDepth && below2 is not null && below is not (Arguments or Arg or Comprehension))
            {
                if (module.LocatedShortcut(below) is { } known) return Remember(module, shortcuts, known);
                if (steps % ShortcutSpacing == 0) (shortcuts ??= []).Add(below);
            }

            var found = Step(module, node, p, below, below2);
            if (found is not null) return Remember(module, shortcuts, found);
        }
        return Remember(module, shortcuts, module.GlobalScope);
    }

    private static Scope Remember(BoundModule module, List<Node>? shortcuts, Scope scope)
    {
        if (shortcuts is not null)
            foreach (var shortcut in shortcuts) module.RememberLocated(shortcut, scope);
        return scope;
    }

    /// <summary>The scope decided at <paramref name="p"/>, climbing from <paramref name="below"/>, or null to climb on.</summary>
    private static Scope? Step(BoundModule module, Node node, Node p, Node below, Node? below2)
    {
        switch (p)
        {
            case FunctionDef or AsyncFunctionDef:
            {
                var f = FunctionParts.Of(p)!.Value;
                if (below is Stmt) return module.ScopeOpenedBy(p)!;
                if (ReferenceEquals(below, f.Args))
                {
                    // An Arg node itself binds in the function; its annotation and the defaults do not.
                    if (below2 is Arg && ReferenceEquals(below2, node)) return module.ScopeOpenedBy(p)!;
                    if (below2 is Arg && f.TypeParams.Count > 0) return module.TypeParameterScopeOf(p)!;
                    break;
                }
                if (f.TypeParams.Count > 0 && (ReferenceEquals(below, f.Returns) || below is TypeParam))
                    return module.TypeParameterScopeOf(p)!;
                break;
            }
            case Lambda lambda:
                if (ReferenceEquals(below, lambda.Body)) return module.ScopeOpenedBy(p)!;
                if (ReferenceEquals(below, lambda.Args) && below2 is Arg && ReferenceEquals(below2, node))
                    return module.ScopeOpenedBy(p)!;
                break;
            case ClassDef cls:
                if (below is Stmt) return module.ScopeOpenedBy(p)!;
                if (cls.TypeParams.Count > 0 && below is not Stmt && !Contains(cls.DecoratorList, below))
                    return module.TypeParameterScopeOf(p)!;
                break;
            case ListComp or SetComp or DictComp or GeneratorExp:
                if (below is Comprehension generator && IsFirstGenerator(p, generator) &&
                    ReferenceEquals(below2, generator.Iter))
                    break;
                return module.ScopeOpenedBy(p)!;
            case TypeAlias alias:
                if (alias.TypeParams.Count > 0 && !ReferenceEquals(below, alias.Name))
                    return module.TypeParameterScopeOf(p)!;
                break;
            case Module:
                return module.GlobalScope;
        }
        return null;
    }

    private static bool IsFirstGenerator(Node comprehension, Comprehension generator) => comprehension switch
    {
        ListComp c => ReferenceEquals(c.Generators[0], generator),
        SetComp c => ReferenceEquals(c.Generators[0], generator),
        DictComp c => ReferenceEquals(c.Generators[0], generator),
        GeneratorExp c => ReferenceEquals(c.Generators[0], generator),
        _ => false,
    };

    private static bool Contains<T>(IReadOnlyList<T> list, Node node) where T : Node
    {
        foreach (var item in list)
            if (ReferenceEquals(item, node)) return true;
        return false;
    }
}
