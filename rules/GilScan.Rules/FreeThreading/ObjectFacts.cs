using GilScan.Semantics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Processes;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// Which object an expression stands for, as the threads of an entry see it (<see cref="ObjectFact"/>):
/// evaluated at the start (<see cref="AtStart"/>: the receiver and arguments the starting code hands to
/// the threads) or inside code a thread runs (<see cref="Inside"/>: names, <c>self</c>, parameters,
/// attributes, items). Identity follows where an object is made: module level (one per program), in the
/// starting code outside the loop that starts the threads (one per entry), or in a loop or in the
/// threads' own code (one per thread).
/// </summary>
public sealed class ObjectFacts(ProjectModel model, FreeThreadingKnowledge knowledge)
{
    private const int MaxDepth = 8;

    private readonly Lazy<Dictionary<string, ProjectClass>> _classes = new(() =>
        model.Classes.GroupBy(c => c.QualifiedName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    /// <summary>The object <paramref name="expression"/>, written in the code that starts the threads at
    /// <paramref name="site"/> (in <paramref name="starting"/>), hands to them.</summary>
    /// <param name="perSite">True when the site itself runs once per thread (in a loop, or its function is
    /// called once per thread): what the site's own expressions make is then per thread.</param>
    public ObjectFact AtStart(Expr expression, Node site, ProjectFunction starting, bool perSite, int depth = 0) =>
        Typed(AtStartUntyped(expression, site, starting, perSite, depth), expression);

    /// <summary>The fact with the project class the semantic model gives the expression, when it has none yet.</summary>
    private ObjectFact Typed(ObjectFact fact, Expr expression) =>
        fact.Class is not null || fact.Sharing == Sharing.Unknown || model.Values.Evaluate(expression).Single is not InstanceValue { Class: { } cls }
            ? fact
            : fact with { Class = cls };

    private ObjectFact AtStartUntyped(Expr expression, Node site, ProjectFunction starting, bool perSite, int depth)
    {
        if (depth > MaxDepth)
        {
            return ObjectFact.Unknown;
        }

        var loop = CodeShapes.InnermostLoop(site, starting.Node);
        switch (expression)
        {
            case Name name:
                return NameAtStart(name, starting, loop, perSite);
            case Attribute attribute when Global(attribute) is { } global:
                return global;
            case Attribute attribute:
                var owner = AtStart(attribute.Value, site, starting, perSite, depth + 1);
                return ThreadLocalType(ValueTypes.TypeOf(model, attribute.Value)) ? ObjectFact.PerThread("a thread-local value") : owner.Attribute(attribute.Attr);
            case Constant:
                // The same value for every thread: as a key, every thread updates the same item.
                return new ObjectFact(Sharing.Entry, $"constant:{CodeShapes.Render(expression)}", $"the constant {CodeShapes.Render(expression)}");
            case Subscript:
                return perSite || loop is not null ? ObjectFact.PerThread($"'{CodeShapes.Render(expression)}'") : ObjectFact.Unknown;
            case Call or List or Dict or Set or ListComp or DictComp or SetComp or Tuple or Lambda:
                return perSite || loop is not null
                    ? new ObjectFact(Sharing.PerThread, "per-thread", $"'{CodeShapes.Render(expression)}', made for each thread",
                        Constructed: expression as Call, ConstructedIn: starting)
                    : new ObjectFact(Sharing.Entry, $"made:{model.ModuleOf(expression).Name}:{expression.Lineno}:{expression.ColOffset}",
                        $"the object '{CodeShapes.Render(expression)}' made in '{starting.DisplayName}'");
            default:
                return ObjectFact.Unknown;
        }
    }

    private ObjectFact NameAtStart(Name name, ProjectFunction starting, Node? loop, bool perSite)
    {
        var symbol = CodeShapes.SymbolOf(starting.Module, name);
        if (symbol is null)
        {
            return ObjectFact.Unknown;
        }

        if (symbol.Scope.Kind == ScopeKind.Module)
        {
            return GlobalFact(symbol);
        }

        // A comprehension's variable: the comprehension is the loop that starts the threads.
        if (symbol.Scope.Kind == ScopeKind.Comprehension)
        {
            var binding = symbol.Bindings.FirstOrDefault();
            return binding is not null && loop is not null && IsLoopTarget(binding, loop)
                ? ObjectFact.PerThread($"'{name.Id}'", distinct: IsIndexLoop(loop, binding))
                : ObjectFact.PerThread($"'{name.Id}'");
        }

        var owner = model.FunctionOf(symbol.Scope.Node);
        if (owner is null)
        {
            return ObjectFact.Unknown;
        }

        if (owner.ReceiverParameter is { } receiver && receiver.Name == symbol.Name && owner.Class is { } cls)
        {
            return new ObjectFact(Sharing.Entry, $"self:{cls.QualifiedName}", $"the '{cls.DisplayName}' object '{name.Id}'");
        }

        if (perSite)
        {
            return ObjectFact.PerThread($"'{name.Id}'");
        }

        // A name bound in the loop that starts the threads (its target, or assigned in its body) is a new
        // object for each thread; a range index is a distinct value.
        if (loop is not null)
        {
            foreach (var binding in symbol.Bindings)
            {
                if (IsLoopTarget(binding, loop))
                {
                    return ObjectFact.PerThread($"'{name.Id}'", distinct: IsIndexLoop(loop, binding));
                }

                if (CodeShapes.IsWithin(binding.Site, loop))
                {
                    return ObjectFact.PerThread($"'{name.Id}', made for each thread");
                }
            }
        }

        return new ObjectFact(Sharing.Entry, $"local:{owner.Id}:{symbol.Name}", $"'{name.Id}' in '{owner.DisplayName}'");
    }

    private static bool IsLoopTarget(SymbolBinding binding, Node loop) => loop switch
    {
        For f => CodeShapes.IsWithin(binding.Site, f.Target),
        AsyncFor f => CodeShapes.IsWithin(binding.Site, f.Target),
        ListComp or SetComp or DictComp or GeneratorExp => binding.Kind == BindingKind.ComprehensionTarget && CodeShapes.IsWithin(binding.Site, loop),
        _ => false,
    };

    /// <summary><c>for i in range(n)</c> or the index of <c>for i, x in enumerate(xs)</c>: a different value on each pass.</summary>
    private static bool IsIndexLoop(Node loop, SymbolBinding binding)
    {
        var (target, iterable) = loop switch
        {
            For f => (f.Target, f.Iter),
            AsyncFor f => (f.Target, f.Iter),
            ListComp c => (c.Generators[0].Target, c.Generators[0].Iter),
            SetComp c => (c.Generators[0].Target, c.Generators[0].Iter),
            DictComp c => (c.Generators[0].Target, c.Generators[0].Iter),
            GeneratorExp c => (c.Generators[0].Target, c.Generators[0].Iter),
            _ => ((Expr?)null, (Expr?)null),
        };
        return iterable switch
        {
            Call { Func: Name { Id: "range" } } => ReferenceEquals(target, binding.Site),
            Call { Func: Name { Id: "enumerate" } } => target is Tuple { Elts.Count: 2 } pair && ReferenceEquals(pair.Elts[0], binding.Site),
            _ => false,
        };
    }

    /// <summary>The object <paramref name="expression"/> stands for in code that <paramref name="reach"/> runs.</summary>
    public ObjectFact Inside(Expr expression, ReachedFunction reach, int depth = 0) =>
        Typed(InsideUntyped(expression, reach, depth), expression);

    private ObjectFact InsideUntyped(Expr expression, ReachedFunction reach, int depth)
    {
        if (depth > MaxDepth)
        {
            return ObjectFact.Unknown;
        }

        switch (expression)
        {
            case Name name:
                return NameInside(name, reach, depth);
            case Attribute attribute when Global(attribute) is { } global:
                return global;
            case Attribute { Attr: "__class__", Value: Name self } when IsReceiver(self, reach.Function) && reach.Function.Class is { } owner:
                return new ObjectFact(Sharing.Process, $"class:{owner.QualifiedName}", $"class '{owner.DisplayName}'");
            case Attribute { Attr: "__class__" }:
                return ObjectFact.Unknown;
            case Attribute attribute:
            {
                if (ThreadLocalType(ValueTypes.TypeOf(model, attribute.Value)))
                {
                    return ObjectFact.PerThread($"'{attribute.Attr}' of a threading.local");
                }

                var owner = Inside(attribute.Value, reach, depth + 1);
                return owner.Sharing == Sharing.PerThread
                    ? AttributeOfPerThreadObject(owner, attribute, reach, depth)
                    : owner.Attribute(attribute.Attr);
            }
            case Subscript subscript:
                return Inside(subscript.Value, reach, depth + 1).Item();
            case Call { Func: Name { Id: "type" }, Args: [Name self] } when IsReceiver(self, reach.Function) && reach.Function.Class is { } cls:
                return new ObjectFact(Sharing.Process, $"class:{cls.QualifiedName}", $"class '{cls.DisplayName}'");
            case Call call when model.Values.QualifiedNameOf(call.Func) is { } callee && knowledge.ThreadIdentities.Contains(callee):
                return ObjectFact.PerThread($"'{CodeShapes.Render(call)}'", distinct: true);
            case Call or List or Dict or Set or ListComp or DictComp or SetComp:
                return ObjectFact.PerThread($"'{CodeShapes.Render(expression)}', made by each thread");
            default:
                return ObjectFact.Unknown;
        }
    }

    private ObjectFact NameInside(Name name, ReachedFunction reach, int depth)
    {
        var function = reach.Function;
        var symbol = CodeShapes.SymbolOf(function.Module, name);
        if (symbol is null)
        {
            return ObjectFact.Unknown;
        }

        if (symbol.Scope.Kind == ScopeKind.Module)
        {
            return GlobalFact(symbol);
        }

        var owner = model.FunctionOf(symbol.Scope.Node);
        if (owner is null)
        {
            return ObjectFact.Unknown;
        }

        if (!ReferenceEquals(owner, function))
        {
            // A closure's cell: one per call of the function that defines it.
            return reach.RunsPerThread(owner)
                ? ObjectFact.PerThread($"'{name.Id}' of '{owner.DisplayName}'")
                : new ObjectFact(Sharing.Entry, $"cell:{owner.Id}:{symbol.Name}", $"'{name.Id}', a local of '{owner.DisplayName}' that the threads share through a closure");
        }

        if (function.ReceiverParameter is { } receiver && receiver.Name == symbol.Name)
        {
            return reach.Receiver;
        }

        // The starting code's own names are what it hands to the threads.
        if (reach.IsStartingCode)
        {
            return AtStart(name, reach.Entry.Site, function, perSite: false, depth + 1);
        }

        if (function.ParameterNamed(symbol.Name) is not null)
        {
            return reach.Parameters.GetValueOrDefault(symbol.Name, ObjectFact.Unknown);
        }

        // A local: what its one assignment gives (c = self.counts), else made by this thread.
        var bindings = symbol.Bindings.Where(b => b.Kind != BindingKind.Deletion).ToList();
        if (bindings.Count == 1 && bindings[0] is { Kind: BindingKind.Assignment or BindingKind.AnnotatedAssignment, Value: { } value })
        {
            return Inside(value, reach, depth + 1);
        }

        if (bindings.Count == 1 && bindings[0] is { Kind: BindingKind.ForTarget, Value: { } iterable, Site: Name } &&
            Iterated(iterable) is { } container)
        {
            return Inside(container, reach, depth + 1).Item();
        }

        return ObjectFact.PerThread($"'{name.Id}', a local of '{function.DisplayName}'");
    }

    /// <summary>The container a <c>for</c> takes its items from: <c>xs</c>, <c>xs.values()</c>.</summary>
    private static Expr? Iterated(Expr iterable) => iterable switch
    {
        Name or Attribute => iterable,
        Call { Func: Attribute { Attr: "values", Value: var container }, Args.Count: 0 } => container,
        _ => null,
    };

    /// <summary>
    /// An attribute of an object each thread has for itself (a Thread subclass's <c>self</c>): shared when every
    /// assignment of the attribute in its class stores a shared object, e.g. <c>self.stats = stats</c> in
    /// <c>__init__</c> with the same <c>stats</c> passed to every thread.
    /// </summary>
    private ObjectFact AttributeOfPerThreadObject(ObjectFact owner, Attribute attribute, ReachedFunction reach, int depth)
    {
        var type = model.Values.Evaluate(attribute.Value).Single as InstanceValue;
        if (type?.Class is not { } cls)
        {
            return owner.Attribute(attribute.Attr);
        }

        ObjectFact? found = null;
        foreach (var c in cls.Mro)
        {
            if (!c.InstanceAttributes.TryGetValue(attribute.Attr, out var assignments))
            {
                continue;
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Kind is BindingKind.AugmentedAssignment)
                {
                    continue;
                }

                var fact = assignment.Value is null ? ObjectFact.Unknown : StoredValue(assignment.Value, assignment.Scope, owner, reach, depth);
                if (!fact.IsShared)
                {
                    return owner.Attribute(attribute.Attr);
                }

                if (found is not null && found.Identity != fact.Identity)
                {
                    return owner.Attribute(attribute.Attr);
                }

                found = fact;
            }
        }

        return found ?? owner.Attribute(attribute.Attr);
    }

    /// <summary>What <c>self.x = value</c> stores, seen from the threads: a module global, or an <c>__init__</c>
    /// parameter filled at the constructor call that made the per-thread object.</summary>
    private ObjectFact StoredValue(Expr value, Scope scope, ObjectFact owner, ReachedFunction reach, int depth)
    {
        if (value is not Name name)
        {
            return value is Attribute a && Global(a) is { } global ? global : ObjectFact.Unknown;
        }

        var symbol = BoundModule.Lookup(name.Id, scope);
        if (symbol is null)
        {
            return ObjectFact.Unknown;
        }

        if (symbol.Scope.Kind == ScopeKind.Module)
        {
            return GlobalFact(symbol);
        }

        var function = model.FunctionOf(symbol.Scope.Node);
        if (function is null || function.Node is not FunctionDef { Name: "__init__" } || owner.Constructed is not { } constructor ||
            owner.ConstructedIn is not { } maker || function.ParameterNamed(symbol.Name) is not { } parameter)
        {
            return ObjectFact.Unknown;
        }

        var target = new CallTarget(function, CallEdgeKind.Constructor, 1, null, []);
        var argument = ArgumentBinding.ArgumentFor(model, target, parameter, constructor.Args, constructor.Keywords, maker.Module.ScopeOf(constructor));
        if (argument is null)
        {
            return ObjectFact.Unknown;
        }

        // Evaluated where the object was made: the starting code (a constructor at the start site) or a thread's code.
        return maker.Id == reach.Entry.StartingFunction.Id
            ? AtStart(argument.Value.Expression, constructor, maker, perSite: false, depth + 1)
            : ObjectFact.Unknown;
    }

    private static bool IsReceiver(Name name, ProjectFunction function) => function.ReceiverParameter?.Name == name.Id;

    /// <summary><c>module.x</c> or <c>Class.x</c>: one object for the whole program.</summary>
    private ObjectFact? Global(Attribute attribute)
    {
        var owner = model.Values.Evaluate(attribute.Value);
        return owner.Single switch
        {
            ModuleValue m => new ObjectFact(Sharing.Process, $"global:{m.Name}.{attribute.Attr}", $"'{attribute.Attr}', a global of module '{m.Name}'"),
            ClassValue c => new ObjectFact(Sharing.Process, $"class:{c.Class.QualifiedName}.{attribute.Attr}", $"class attribute '{c.Class.DisplayName}.{attribute.Attr}'"),
            _ => null,
        };
    }

    private ObjectFact GlobalFact(Symbol symbol)
    {
        var module = symbol.Scope.Module.Name;
        var binding = symbol.Bindings.FirstOrDefault(b => b.Site is Name);
        if (binding?.Site is Name site && ThreadLocalType(ValueTypes.TypeOf(model, site)))
        {
            return ObjectFact.PerThread($"the threading.local '{symbol.Name}'");
        }

        return new ObjectFact(Sharing.Process, $"global:{module}.{symbol.Name}", $"module global '{symbol.Name}'");
    }

    private bool ThreadLocalType(string? typeName) =>
        typeName is not null && (knowledge.ThreadLocals.Contains(typeName) ||
                                 _classes.Value.TryGetValue(typeName, out var cls) && cls.ExternalBases.Any(knowledge.ThreadLocals.Contains));
}
