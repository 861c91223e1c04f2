using System.Runtime.CompilerServices;
using GilScan.Semantics.Project;

namespace GilScan.Semantics.Binding;

/// <summary>
/// Builds the scopes, symbols, bindings and references of one module, following CPython's symtable
/// rules: names bound anywhere in a function are local to it unless declared <c>global</c> or
/// <c>nonlocal</c>; class bodies are invisible to the functions nested in them; a comprehension's
/// iteration variables are its own, its first iterable runs in the enclosing scope, and a walrus
/// inside it binds in the nearest enclosing function or module; decorators, defaults and (without
/// type parameters) annotations run in the enclosing scope. One pass over the tree records the
/// bindings, so linear in the size of the module; reads are resolved on demand
/// (<see cref="BoundModule.Resolve"/>, <see cref="Symbol.References"/>). Flow-insensitive: every
/// binding of a name in a scope is recorded, in source order, without deciding which one a given read
/// sees.
/// </summary>
public static class Binder
{
    public static BoundModule Bind(ModuleEntry entry, Module tree) => new ModuleBinder(entry, null).Bind(tree);

    /// <summary>Binds with <paramref name="index"/> resolving absolute imports of a script's sibling
    /// modules (<see cref="ModuleIndex.ResolveAbsolute"/>).</summary>
    public static BoundModule Bind(ModuleEntry entry, Module tree, ModuleIndex index) => new ModuleBinder(entry, index).Bind(tree);
}

internal sealed class ModuleBinder(ModuleEntry entry, ModuleIndex? index)
{
    private string Absolute(string name) => index?.ResolveAbsolute(entry, name) ?? name;

    /// <summary>A relative import that climbs above the module's top-level name: the module sits in a
    /// folder taken as a source root, which is then a namespace package named by the folders of the
    /// file's path (<c>from . import storage</c> in <c>app/server.py</c> is <c>app.storage</c>, that
    /// is <c>storage</c> below the root, which <see cref="Absolute"/> then finds).</summary>
    private string? FromFolders(int level, string? module)
    {
        if (index is null) return null;
        var path = entry.RelativePath;
        var dot = path.LastIndexOf('.');
        var dotted = (dot > 0 ? path[..dot] : path).Replace('/', '.');
        if (entry.IsPackage && dotted.EndsWith(".__init__", StringComparison.Ordinal)) dotted = dotted[..^".__init__".Length];
        return ModuleNames.ResolveRelative(dotted, entry.IsPackage, level, module);
    }

    private readonly List<Scope> _scopes = [];
    private readonly Dictionary<Node, Scope> _scopesByNode = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, Scope> _typeParameterScopes = new(ReferenceEqualityComparer.Instance);
    private readonly List<AttributeAssignment> _attributes = [];
    private int _skipped;
    private Scope _scope = null!;

    public BoundModule Bind(Module tree)
    {
        var global = NewScope(ScopeKind.Module, null, tree, "<module>");
        _scope = global;
        VisitBody(tree.Body);
        ResolveDeclarations();
        return new BoundModule(entry, tree, global, _scopes, _scopesByNode, _typeParameterScopes, _attributes, _skipped);
    }

    private Scope NewScope(ScopeKind kind, Scope? parent, Node node, string name)
    {
        var scope = new Scope(kind, parent, node, name);
        _scopes.Add(scope);
        return scope;
    }

    // ---- statements -------------------------------------------------------------------------

    private void VisitBody(IReadOnlyList<Stmt> body)
    {
        foreach (var statement in body.Each()) VisitStmt(statement);
    }

    private void VisitStmt(Stmt statement)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _skipped++;
            return;
        }
        switch (statement)
        {
            case FunctionDef or AsyncFunctionDef:
                VisitFunction(statement, FunctionParts.Of(statement)!.Value);
                break;
            case ClassDef c:
                VisitClass(c);
                break;
            case Return r:
                VisitOptional(r.Value);
                break;
            case Delete d:
                foreach (var target in d.Targets.Each()) BindTarget(target, null, BindingKind.Deletion);
                break;
            case Assign a:
                VisitExpr(a.Value);
                foreach (var target in a.Targets.Each()) BindTarget(target, a.Value, BindingKind.Assignment);
                break;
            case AugAssign aug:
                VisitExpr(aug.Value);
                BindTarget(aug.Target, aug.Value, BindingKind.AugmentedAssignment);
                break;
            case AnnAssign ann:
                VisitExpr(ann.Annotation);
                VisitOptional(ann.Value);
                BindTarget(ann.Target, ann.Value, ann.Value is null ? BindingKind.AnnotationOnly : BindingKind.AnnotatedAssignment);
                break;
            case TypeAlias alias:
                VisitTypeAlias(alias);
                break;
            case For f:
                VisitExpr(f.Iter);
                BindTarget(f.Target, f.Iter, BindingKind.ForTarget);
                VisitBody(f.Body);
                VisitBody(f.Orelse);
                break;
            case AsyncFor f:
                VisitExpr(f.Iter);
                BindTarget(f.Target, f.Iter, BindingKind.ForTarget);
                VisitBody(f.Body);
                VisitBody(f.Orelse);
                break;
            case While w:
                VisitExpr(w.Test);
                VisitBody(w.Body);
                VisitBody(w.Orelse);
                break;
            case If i:
                VisitExpr(i.Test);
                VisitBody(i.Body);
                VisitBody(i.Orelse);
                break;
            case With w:
                VisitWithItems(w.Items);
                VisitBody(w.Body);
                break;
            case AsyncWith w:
                VisitWithItems(w.Items);
                VisitBody(w.Body);
                break;
            case Match m:
                VisitExpr(m.Subject);
                foreach (var matchCase in m.Cases.Each())
                {
                    VisitPattern(matchCase.Pattern, m.Subject);
                    VisitOptional(matchCase.Guard);
                    VisitBody(matchCase.Body);
                }
                break;
            case Raise r:
                VisitOptional(r.Exc);
                VisitOptional(r.Cause);
                break;
            case Try t:
                VisitTry(t.Body, t.Handlers, t.Orelse, t.Finalbody);
                break;
            case TryStar t:
                VisitTry(t.Body, t.Handlers, t.Orelse, t.Finalbody);
                break;
            case Assert a:
                VisitExpr(a.Test);
                VisitOptional(a.Msg);
                break;
            case Import import:
                foreach (var alias in import.Names.Each()) BindImport(alias);
                break;
            case ImportFrom from:
                BindImportFrom(from);
                break;
            case Global g:
                if (_scope.Kind != ScopeKind.Module)
                    foreach (var name in g.Names.Each()) _scope.GetOrAdd(name).Flags |= SymbolFlags.DeclaredGlobal;
                break;
            case Nonlocal n:
                foreach (var name in n.Names.Each()) _scope.GetOrAdd(name).Flags |= SymbolFlags.DeclaredNonlocal;
                break;
            case ExprStmt e:
                VisitExpr(e.Value);
                break;
        }
    }

    private void VisitFunction(Stmt node, FunctionParts f)
    {
        foreach (var decorator in f.Decorators.Each()) VisitExpr(decorator);
        VisitDefaults(f.Args);
        var outer = _scope;
        if (f.TypeParams.Count > 0) EnterTypeParameters(node, f.Name, f.TypeParams);
        for (var i = 0; i < FunctionParts.ParameterCount(f.Args); i++) VisitOptional(FunctionParts.ParameterAt(f.Args, i).Annotation);
        VisitOptional(f.Returns);
        var function = NewScope(ScopeKind.Function, _scope, node, f.Name);
        _scopesByNode[node] = function;
        _scope = function;
        BindParameters(f.Args);
        VisitBody(f.Body);
        _scope = outer;
        BindName(f.Name, BindingKind.FunctionDefinition, node, null);
    }

    private void VisitClass(ClassDef c)
    {
        foreach (var decorator in c.DecoratorList.Each()) VisitExpr(decorator);
        var outer = _scope;
        if (c.TypeParams.Count > 0) EnterTypeParameters(c, c.Name, c.TypeParams);
        foreach (var b in c.Bases.Each()) VisitExpr(b);
        foreach (var k in c.Keywords.Each()) VisitExpr(k.Value);
        var body = NewScope(ScopeKind.Class, _scope, c, c.Name);
        _scopesByNode[c] = body;
        _scope = body;
        VisitBody(c.Body);
        _scope = outer;
        BindName(c.Name, BindingKind.ClassDefinition, c, null);
    }

    private void VisitTypeAlias(TypeAlias alias)
    {
        if (alias.Name is Name name) BindName(name.Id, BindingKind.TypeAlias, alias, alias.Value);
        var outer = _scope;
        if (alias.TypeParams.Count > 0) EnterTypeParameters(alias, (alias.Name as Name)?.Id ?? "<alias>", alias.TypeParams);
        VisitExpr(alias.Value);
        _scope = outer;
    }

    private void EnterTypeParameters(Node owner, string name, IReadOnlyList<TypeParam> typeParams)
    {
        var scope = NewScope(ScopeKind.TypeParameters, _scope, owner, name);
        _typeParameterScopes[owner] = scope;
        _scope = scope;
        foreach (var tp in typeParams)
        {
            var (tpName, bound, defaultValue) = tp switch
            {
                TypeVar v => (v.Name, v.Bound, v.DefaultValue),
                ParamSpec p => (p.Name, null, p.DefaultValue),
                TypeVarTuple t => (t.Name, (Expr?)null, t.DefaultValue),
                _ => ("", null, null),
            };
            BindName(tpName, BindingKind.TypeParameter, tp, null);
            VisitOptional(bound);
            VisitOptional(defaultValue);
        }
    }

    private void VisitDefaults(Arguments args)
    {
        foreach (var d in args.Defaults.Each()) VisitExpr(d);
        foreach (var d in args.KwDefaults.Each()) VisitOptional(d);
    }

    private void BindParameters(Arguments args)
    {
        for (var i = 0; i < FunctionParts.ParameterCount(args); i++)
        {
            var parameter = FunctionParts.ParameterAt(args, i);
            BindName(parameter.Name, BindingKind.Parameter, parameter, ParameterDefaults.Of(args, parameter));
        }
    }

    private void VisitWithItems(IReadOnlyList<WithItem> items)
    {
        foreach (var item in items)
        {
            VisitExpr(item.ContextExpr);
            if (item.OptionalVars is not null) BindTarget(item.OptionalVars, item.ContextExpr, BindingKind.WithTarget);
        }
    }

    private void VisitTry(IReadOnlyList<Stmt> body, IReadOnlyList<ExceptHandlerBase> handlers, IReadOnlyList<Stmt> orelse, IReadOnlyList<Stmt> finalbody)
    {
        VisitBody(body);
        foreach (var h in handlers)
        {
            if (h is not ExceptHandler handler) continue;
            VisitOptional(handler.Type);
            if (handler.Name is not null) BindName(handler.Name, BindingKind.ExceptHandler, handler, handler.Type);
            VisitBody(handler.Body);
        }
        VisitBody(orelse);
        VisitBody(finalbody);
    }

    private void VisitPattern(Pattern pattern, Expr? subject)
    {
        switch (pattern)
        {
            case MatchValue v:
                VisitExpr(v.Value);
                break;
            case MatchSequence s:
                foreach (var p in s.Patterns.Each()) VisitPattern(p, null);
                break;
            case MatchMapping m:
                foreach (var k in m.Keys.Each()) VisitExpr(k);
                foreach (var p in m.Patterns.Each()) VisitPattern(p, null);
                if (m.Rest is not null) BindName(m.Rest, BindingKind.MatchCapture, m, null);
                break;
            case MatchClass c:
                VisitExpr(c.Cls);
                foreach (var p in c.Patterns.Each()) VisitPattern(p, null);
                foreach (var p in c.KwdPatterns.Each()) VisitPattern(p, null);
                break;
            case MatchStar s:
                if (s.Name is not null) BindName(s.Name, BindingKind.MatchCapture, s, null);
                break;
            case MatchAs a:
                if (a.Pattern is not null) VisitPattern(a.Pattern, subject);
                if (a.Name is not null) BindName(a.Name, BindingKind.MatchCapture, a, subject);
                break;
            case MatchOr o:
                foreach (var p in o.Patterns.Each()) VisitPattern(p, subject);
                break;
        }
    }

    private void BindImport(Alias alias)
    {
        if (alias.Asname is not null)
        {
            var full = Absolute(alias.Name);
            BindName(alias.Asname, BindingKind.Import, alias, null, new ImportTarget(full, full, 0));
            return;
        }
        var dot = alias.Name.IndexOf('.');
        var top = dot < 0 ? alias.Name : alias.Name[..dot];
        BindName(top, BindingKind.Import, alias, null, new ImportTarget(Absolute(top), Absolute(alias.Name), 0));
    }

    private void BindImportFrom(ImportFrom from)
    {
        var level = from.Level ?? 0;
        var module = level == 0 ? from.Module is null ? null : Absolute(from.Module)
            : entry.IsImportable ? ModuleNames.ResolveRelative(entry.Name, entry.IsPackage, level, from.Module)
            : null;
        var viaFolders = false;
        if (module is null && level > 0 && entry.IsImportable && FromFolders(level, from.Module) is { } folders)
        {
            module = folders;
            viaFolders = true;
        }
        foreach (var alias in from.Names.Each())
        {
            if (alias.Name == "*")
            {
                if (module is not null) _scope.AddStarImport(viaFolders ? Absolute(module) : module);
                continue;
            }
            var qualified = module is null ? null : ModuleNames.Join(module, alias.Name);
            if (viaFolders && qualified is not null) qualified = Absolute(qualified);
            BindName(alias.Asname ?? alias.Name, BindingKind.ImportFrom, alias, null, new ImportTarget(qualified, module, level));
        }
    }

    // ---- expressions ------------------------------------------------------------------------

    private void VisitOptional(Expr? e)
    {
        if (e is not null) VisitExpr(e);
    }

    private void VisitAll(IReadOnlyList<Expr> list)
    {
        foreach (var e in list.Each()) VisitExpr(e);
    }

    private void VisitExpr(Expr e)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _skipped++;
            return;
        }
        switch (e)
        {
            case Name n:
                if (n.Ctx != ExprContext.Load) BindTarget(n, null, n.Ctx == ExprContext.Del ? BindingKind.Deletion : BindingKind.Assignment);
                break;
            case Constant:
                break;
            case Attribute a:
                VisitExpr(a.Value);
                break;
            case Call c:
                VisitExpr(c.Func);
                VisitAll(c.Args);
                foreach (var k in c.Keywords.Each()) VisitExpr(k.Value);
                break;
            case BinOp b:
                VisitExpr(b.Left);
                VisitExpr(b.Right);
                break;
            case Subscript s:
                VisitExpr(s.Value);
                VisitExpr(s.Slice);
                break;
            case Compare c:
                VisitExpr(c.Left);
                VisitAll(c.Comparators);
                break;
            case BoolOp b:
                VisitAll(b.Values);
                break;
            case UnaryOp u:
                VisitExpr(u.Operand);
                break;
            case Tuple t:
                VisitAll(t.Elts);
                break;
            case List l:
                VisitAll(l.Elts);
                break;
            case Set s:
                VisitAll(s.Elts);
                break;
            case Dict d:
                foreach (var k in d.Keys.Each()) VisitOptional(k);
                VisitAll(d.Values);
                break;
            case NamedExpr walrus:
                VisitExpr(walrus.Value);
                if (walrus.Target is Name target)
                    BindName(target.Id, BindingKind.NamedExpression, target, walrus.Value, owner: _scope.NearestNonComprehension);
                break;
            case Lambda lambda:
            {
                VisitDefaults(lambda.Args);
                var outer = _scope;
                var scope = NewScope(ScopeKind.Lambda, outer, lambda, "<lambda>");
                _scopesByNode[lambda] = scope;
                _scope = scope;
                BindParameters(lambda.Args);
                VisitExpr(lambda.Body);
                _scope = outer;
                break;
            }
            case ListComp c:
                VisitComprehension(c, c.Generators, "<listcomp>", c.Elt, null);
                break;
            case SetComp c:
                VisitComprehension(c, c.Generators, "<setcomp>", c.Elt, null);
                break;
            case DictComp c:
                VisitComprehension(c, c.Generators, "<dictcomp>", c.Key, c.Value);
                break;
            case GeneratorExp c:
                VisitComprehension(c, c.Generators, "<genexpr>", c.Elt, null);
                break;
            case IfExp i:
                VisitExpr(i.Test);
                VisitExpr(i.Body);
                VisitExpr(i.Orelse);
                break;
            case Starred s:
                VisitExpr(s.Value);
                break;
            case Await a:
                VisitExpr(a.Value);
                break;
            case Yield y:
                VisitOptional(y.Value);
                break;
            case YieldFrom y:
                VisitExpr(y.Value);
                break;
            case JoinedStr j:
                VisitAll(j.Values);
                break;
            case FormattedValue f:
                VisitExpr(f.Value);
                VisitOptional(f.FormatSpec);
                break;
            case Slice s:
                VisitOptional(s.Lower);
                VisitOptional(s.Upper);
                VisitOptional(s.Step);
                break;
            default:
                foreach (var child in e.GetChildren())
                    if (child is Expr ce) VisitExpr(ce);
                break;
        }
    }

    private void VisitComprehension(Expr node, IReadOnlyList<Comprehension> generators, string name, Expr first, Expr? second)
    {
        VisitExpr(generators[0].Iter);
        var outer = _scope;
        var scope = NewScope(ScopeKind.Comprehension, outer, node, name);
        _scopesByNode[node] = scope;
        _scope = scope;
        for (var i = 0; i < generators.Count; i++)
        {
            var g = generators[i];
            if (i > 0) VisitExpr(g.Iter);
            BindTarget(g.Target, g.Iter, BindingKind.ComprehensionTarget);
            VisitAll(g.Ifs);
        }
        VisitExpr(first);
        VisitOptional(second);
        _scope = outer;
    }

    // ---- binding ----------------------------------------------------------------------------

    private void BindTarget(Expr target, Expr? value, BindingKind kind, UnpackedElement? unpacked = null)
    {
        switch (target)
        {
            case Name n:
                BindName(n.Id, kind, n, value, unpacked: unpacked);
                break;
            case Tuple t:
                BindElements(t.Elts, value, kind);
                break;
            case List l:
                BindElements(l.Elts, value, kind);
                break;
            case Starred s:
                BindTarget(s.Value, null, kind);
                break;
            case Attribute a:
                VisitExpr(a.Value);
                if (kind != BindingKind.Deletion) _attributes.Add(new AttributeAssignment(a, value, kind, _scope, unpacked));
                break;
            case Subscript s:
                VisitExpr(s.Value);
                VisitExpr(s.Slice);
                break;
            default:
                VisitExpr(target);
                break;
        }
    }

    private void BindElements(IReadOnlyList<Expr> targets, Expr? value, BindingKind kind)
    {
        // `a, b = x, y` binds element by element; any other unpacking gives the names no known value.
        var values = kind is BindingKind.Assignment && value is Tuple or List
            ? (value is Tuple vt ? vt.Elts : ((List)value).Elts)
            : null;
        if (values is not null && (values.Count != targets.Count || values.Any(v => v is Starred) || targets.Any(t => t is Starred)))
            values = null;
        // Unpacking anything else (a call's result) keeps the value and each target's place, for a value
        // analysis that knows the tuple's elements (a function that returns `model, tokenizer`).
        var unpackable = values is null && value is not null && kind is BindingKind.Assignment && !targets.Any(t => t is Starred);
        for (var i = 0; i < targets.Count; i++)
            BindTarget(targets[i], values?[i], kind, unpackable ? new UnpackedElement(value!, i, targets.Count) : null);
    }

    private void BindName(string name, BindingKind kind, Node site, Expr? value, ImportTarget? import = null, Scope? owner = null,
        UnpackedElement? unpacked = null)
    {
        var symbol = (owner ?? _scope).GetOrAdd(name);
        symbol.Flags |= kind switch
        {
            BindingKind.AnnotationOnly => SymbolFlags.Annotated,
            BindingKind.AnnotatedAssignment => SymbolFlags.Annotated | SymbolFlags.Bound,
            BindingKind.Parameter => SymbolFlags.Parameter | SymbolFlags.Bound,
            BindingKind.Import or BindingKind.ImportFrom => SymbolFlags.Imported | SymbolFlags.Bound,
            _ => SymbolFlags.Bound,
        };
        symbol.AddBinding(new SymbolBinding(kind, symbol, site, value, _scope, import, unpacked));
    }

    // ---- after the walk ---------------------------------------------------------------------

    /// <summary>Points every global/nonlocal declaration at its real symbol and moves its bindings
    /// there. Scopes are in pre-order, so an outer declaration is settled before an inner one.</summary>
    private void ResolveDeclarations()
    {
        var global = _scopes[0];
        var moved = new List<Symbol>();
        foreach (var scope in _scopes)
        {
            if (scope.Kind == ScopeKind.Module) continue;
            foreach (var symbol in scope.Symbols.Values)
            {
                Symbol? target = null;
                if (symbol.Has(SymbolFlags.DeclaredGlobal)) target = global.GetOrAdd(symbol.Name);
                else if (symbol.Has(SymbolFlags.DeclaredNonlocal)) target = FindNonlocalTarget(scope, symbol.Name);
                if (target is null) continue;
                symbol.DeclaredTarget = target;
                foreach (var binding in symbol.Bindings.Each())
                {
                    binding.Symbol = target;
                    target.AddBinding(binding);
                    target.Flags |= binding.Kind switch
                    {
                        BindingKind.Import or BindingKind.ImportFrom => SymbolFlags.Imported | SymbolFlags.Bound,
                        BindingKind.AnnotationOnly => SymbolFlags.None,
                        _ => SymbolFlags.Bound,
                    };
                }
                symbol.ClearBindings();
                moved.Add(target);
            }
        }
        foreach (var target in moved) target.SortBindings();
    }

    private static Symbol? FindNonlocalTarget(Scope scope, string name)
    {
        for (var s = scope.Parent; s is not null && s.Kind != ScopeKind.Module; s = s.Parent)
        {
            if (s.Kind == ScopeKind.Class) continue;
            var symbol = s.TryGetSymbol(name);
            if (symbol is null) continue;
            if (symbol.DeclaredTarget is not null) return symbol.DeclaredTarget;
            if (symbol.IsLocal) return symbol;
        }
        return null;
    }
}
