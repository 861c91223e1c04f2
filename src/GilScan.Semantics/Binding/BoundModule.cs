using GilScan.Semantics.Project;

namespace GilScan.Semantics.Binding;

/// <summary>
/// One module after binding: its scopes, symbols, bindings and references. Built once by
/// <see cref="Binder"/>, read-only afterwards (safe to query from several threads).
/// </summary>
public sealed class BoundModule
{
    private readonly Dictionary<Node, Scope> _scopesByNode;
    private readonly Dictionary<Node, Scope> _typeParameterScopes;

    internal BoundModule(ModuleEntry entry, Module tree, Scope globalScope, List<Scope> scopes,
        Dictionary<Node, Scope> scopesByNode, Dictionary<Node, Scope> typeParameterScopes,
        List<AttributeAssignment> attributeAssignments, int skippedDeepNodes)
    {
        Entry = entry;
        Tree = tree;
        GlobalScope = globalScope;
        Scopes = scopes;
        _scopesByNode = scopesByNode;
        _typeParameterScopes = typeParameterScopes;
        AttributeAssignments = attributeAssignments;
        SkippedDeepNodes = skippedDeepNodes;
        foreach (var scope in scopes) scope.Module = this;
        _attributeAssignmentsByTarget = new Dictionary<Attribute, AttributeAssignment>(ReferenceEqualityComparer.Instance);
        foreach (var a in attributeAssignments) _attributeAssignmentsByTarget.TryAdd(a.Target, a);
    }

    private readonly Dictionary<Attribute, AttributeAssignment> _attributeAssignmentsByTarget;

    /// <summary>The assignment whose target is <paramref name="target"/>, if any.</summary>
    public AttributeAssignment? AttributeAssignmentOf(Attribute target) => _attributeAssignmentsByTarget.GetValueOrDefault(target);

    public ModuleEntry Entry { get; }

    public string Name => Entry.Name;

    public Module Tree { get; }

    public Scope GlobalScope { get; }

    /// <summary>Every scope, parents before children, in source order.</summary>
    public IReadOnlyList<Scope> Scopes { get; }

    /// <summary>Attribute assignments (<c>obj.attr = v</c>) in source order.</summary>
    public IReadOnlyList<AttributeAssignment> AttributeAssignments { get; }

    /// <summary>Nodes the binder did not enter because the tree was deeper than the stack allows
    /// (non-zero only for pathological, machine-made sources).</summary>
    public int SkippedDeepNodes { get; }

    /// <summary>The scope that <paramref name="scopeNode"/> (a def, class, lambda or comprehension)
    /// opens; for the Module node, the global scope.</summary>
    public Scope? ScopeOpenedBy(Node scopeNode) =>
        scopeNode is Module ? GlobalScope : _scopesByNode.GetValueOrDefault(scopeNode);

    /// <summary>The PEP 695 type-parameter scope of a generic def, class or type alias.</summary>
    public Scope? TypeParameterScopeOf(Node node) => _typeParameterScopes.GetValueOrDefault(node);

    /// <summary>The scope in which <paramref name="node"/>'s names resolve. Decorators, defaults and
    /// (without type parameters) annotations and bases belong to the enclosing scope; a
    /// comprehension's first iterable belongs to the enclosing scope, the rest to the comprehension.</summary>
    public Scope ScopeOf(Node node) => ScopeLocator.Locate(this, node);

    // Shortcuts left by long climbs of ScopeLocator (only trees deeper than its ShortcutDepth have any).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Node, Scope> _locatedShortcuts = new(ReferenceEqualityComparer.Instance);

    internal Scope? LocatedShortcut(Node node) => _locatedShortcuts.GetValueOrDefault(node);

    internal void RememberLocated(Node node, Scope scope) => _locatedShortcuts.TryAdd(node, scope);

    private readonly object _referencesGate = new();
    private volatile bool _referencesIndexed;

    /// <summary>Resolves every read of the module once, filling <see cref="Symbol.References"/>
    /// (rules that need references pay for them; the build does not).</summary>
    internal void EnsureReferences()
    {
        if (_referencesIndexed) return;
        lock (_referencesGate)
        {
            if (_referencesIndexed) return;
            foreach (var node in AstWalker.DescendantsAndSelf(Tree))
            {
                if (node is not Name name) continue;
                var isRead = name.Ctx == ExprContext.Load || name.Parent is AugAssign aug && ReferenceEquals(aug.Target, name);
                if (!isRead) continue;
                var scope = ScopeOf(name);
                var symbol = Lookup(name.Id, scope);
                symbol?.AddReference(name, symbol.Scope.IsFunctionLike && !ReferenceEquals(symbol.Scope, scope.NearestNonComprehension));
            }
            _referencesIndexed = true;
        }
    }

    /// <summary>The symbol a Name node refers to or binds; null for a builtin or an undefined name.</summary>
    public Symbol? Resolve(Name name)
    {
        var scope = ScopeOf(name);
        if (name.Ctx != ExprContext.Load)
        {
            if (name.Parent is NamedExpr walrus && ReferenceEquals(walrus.Target, name))
                scope = scope.NearestNonComprehension;
            var own = scope.TryGetSymbol(name.Id);
            if (own is not null) return own.DeclaredTarget ?? own;
        }
        return Lookup(name.Id, scope);
    }

    /// <summary>Python's name lookup from <paramref name="scope"/>: the scope's own local, else the
    /// enclosing function scopes (class bodies are skipped), else the module's globals. Null when the
    /// name is a builtin or undefined.</summary>
    public static Symbol? Lookup(string name, Scope scope)
    {
        var own = scope.TryGetSymbol(name);
        if (own is not null)
        {
            if (own.DeclaredTarget is not null) return own.DeclaredTarget;
            if (own.IsLocal) return own;
            if (own.Has(SymbolFlags.DeclaredGlobal) || own.Has(SymbolFlags.DeclaredNonlocal)) return null;
        }
        for (var s = scope.Parent; s is not null; s = s.Parent)
        {
            if (s.Kind == ScopeKind.Class) continue;
            var symbol = s.TryGetSymbol(name);
            if (symbol is not null)
            {
                if (symbol.DeclaredTarget is not null) return symbol.DeclaredTarget;
                if (symbol.IsLocal) return symbol;
            }
        }
        return null;
    }
}
