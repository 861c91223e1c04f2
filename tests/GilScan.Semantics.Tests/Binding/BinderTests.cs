using GilScan.Semantics.Binding;
using GilScan.Semantics.Tests.Support;
using static GilScan.Semantics.Tests.Support.Nodes;

namespace GilScan.Semantics.Tests.Binding;

public class BinderTests
{
    [Fact]
    public void A_name_bound_in_a_function_is_local_and_an_unbound_one_is_global()
    {
        var m = Bind("""
            x = 1
            def f():
                return x
            def g():
                x = 2
                return x
            """);
        var fx = m.Resolve(NameNode(m.Tree, "x", occurrence: 0))!;
        fx.Scope.Kind.ShouldBe(ScopeKind.Module);
        fx.Bindings.Count.ShouldBe(1);
        var gx = m.Resolve(NameNode(m.Tree, "x", occurrence: 1))!;
        gx.Scope.Name.ShouldBe("g");
        gx.Bindings.Single().Value.ShouldBeOfType<Constant>().Value.ShouldBe(new System.Numerics.BigInteger(2));
        fx.References.Select(r => r.Lineno).ShouldBe([3]);
        gx.References.Select(r => r.Lineno).ShouldBe([6]);
    }

    [Fact]
    public void Class_body_names_are_invisible_to_methods_but_visible_to_defaults()
    {
        var m = Bind("""
            class C:
                y = 1
                def m(self, a=y):
                    return y
            """);
        var inDefault = m.Resolve(NameNode(m.Tree, "y", occurrence: 0))!;
        inDefault.Scope.Kind.ShouldBe(ScopeKind.Class);
        m.Resolve(NameNode(m.Tree, "y", occurrence: 1)).ShouldBeNull();
    }

    [Fact]
    public void Comprehension_variables_stay_inside_and_the_first_iterable_runs_outside()
    {
        var m = Bind("""
            class C:
                xs = [1, 2]
                n = 3
                ys = [x for x in xs]
                zs = [n for x in range(3)]
            [i for i in range(3)]
            i
            """);
        m.Resolve(NameNode(m.Tree, "xs"))!.Scope.Kind.ShouldBe(ScopeKind.Class);
        m.Resolve(NameNode(m.Tree, "n")).ShouldBeNull();
        var x = m.Resolve(NameNode(m.Tree, "x"))!;
        x.Scope.Kind.ShouldBe(ScopeKind.Comprehension);
        x.Bindings.Single().Kind.ShouldBe(BindingKind.ComprehensionTarget);
        m.Resolve(NameNode(m.Tree, "i", occurrence: 1)).ShouldBeNull();
        m.GlobalScope.TryGetSymbol("i").ShouldBeNull();
    }

    [Fact]
    public void Walrus_in_a_comprehension_binds_in_the_enclosing_function()
    {
        var m = Bind("""
            def f(data):
                if any((hit := v) > 10 for v in data):
                    return hit
            """);
        var hit = m.Resolve(NameNode(m.Tree, "hit"))!;
        hit.Scope.Name.ShouldBe("f");
        hit.Bindings.Single().Kind.ShouldBe(BindingKind.NamedExpression);
        hit.Bindings.Single().ExecutingScope.Kind.ShouldBe(ScopeKind.Comprehension);
        m.Resolve(NameNode(m.Tree, "hit", ExprContext.Store)).ShouldBeSameAs(hit);
    }

    [Fact]
    public void Global_and_nonlocal_bind_in_the_declared_scope()
    {
        var m = Bind("""
            counter = 0
            def inc():
                global counter
                counter += 1
            def outer():
                n = 0
                def inner():
                    nonlocal n
                    n = n + 1
                inner()
                return n
            """);
        var counter = m.GlobalScope.TryGetSymbol("counter")!;
        counter.Bindings.Select(b => b.Kind).ShouldBe([BindingKind.Assignment, BindingKind.AugmentedAssignment]);
        counter.Bindings[1].ExecutingScope.Name.ShouldBe("inc");
        m.Resolve(NameNode(m.Tree, "counter", ExprContext.Store, occurrence: 1)).ShouldBeSameAs(counter);
        counter.References.Select(r => r.Lineno).ShouldBe([4]);
        var inc = m.ScopeOpenedBy(Function(m.Tree, "inc"))!;
        inc.TryGetSymbol("counter")!.DeclaredTarget.ShouldBeSameAs(counter);

        var n = m.ScopeOpenedBy(Function(m.Tree, "outer"))!.TryGetSymbol("n")!;
        n.Bindings.Count.ShouldBe(2);
        n.References.Select(r => r.Lineno).ShouldBe([9, 11]);
        n.IsCaptured.ShouldBeTrue();
        counter.IsCaptured.ShouldBeFalse();
    }

    [Fact]
    public void Parameters_are_bound_with_their_defaults()
    {
        var m = Bind("""
            def f(a, /, b=2, *args, c, d=4, **kw):
                pass
            """);
        var scope = m.ScopeOpenedBy(Function(m.Tree, "f"))!;
        scope.Symbols.Keys.Order(StringComparer.Ordinal).ShouldBe(["a", "args", "b", "c", "d", "kw"]);
        foreach (var s in scope.Symbols.Values) s.Has(SymbolFlags.Parameter).ShouldBeTrue(s.Name);
        string? Default(string name) => (scope.TryGetSymbol(name)!.Bindings.Single().Value as Constant)?.Value?.ToString();
        Default("a").ShouldBeNull();
        Default("b").ShouldBe("2");
        Default("c").ShouldBeNull();
        Default("d").ShouldBe("4");
    }

    [Fact]
    public void Imports_record_their_qualified_names_with_relative_imports_made_absolute()
    {
        var m = Bind("""
            import a.b.c
            import a.b as ab
            from . import sibling
            from ..u import v as w
            from concurrent.futures import ThreadPoolExecutor as TPE
            from .star import *
            """, moduleName: "pkg.sub.mod");
        string? Q(string name) => m.GlobalScope.TryGetSymbol(name)!.SingleBinding!.Import!.QualifiedName;
        Q("a").ShouldBe("a");
        m.GlobalScope.TryGetSymbol("a")!.SingleBinding!.Import!.ImportedModule.ShouldBe("a.b.c");
        Q("ab").ShouldBe("a.b");
        Q("sibling").ShouldBe("pkg.sub.sibling");
        Q("w").ShouldBe("pkg.u.v");
        Q("TPE").ShouldBe("concurrent.futures.ThreadPoolExecutor");
        m.GlobalScope.StarImports.ShouldBe(["pkg.sub.star"]);
    }

    [Fact]
    public void Del_makes_a_name_local()
    {
        var m = Bind("""
            x = 1
            def f():
                del x
            """);
        var fx = m.ScopeOpenedBy(Function(m.Tree, "f"))!.TryGetSymbol("x")!;
        fx.IsLocal.ShouldBeTrue();
        fx.Bindings.Single().Kind.ShouldBe(BindingKind.Deletion);
    }

    [Fact]
    public void Match_patterns_bind_their_captures()
    {
        var m = Bind("""
            def f(p):
                match p:
                    case [a, *rest]:
                        pass
                    case {"k": v, **others}:
                        pass
                    case Point(x=px) as pt:
                        pass
                    case whole:
                        pass
            """);
        var scope = m.ScopeOpenedBy(Function(m.Tree, "f"))!;
        foreach (var name in new[] { "a", "rest", "v", "others", "px", "pt", "whole" })
            scope.TryGetSymbol(name)!.Bindings.Single().Kind.ShouldBe(BindingKind.MatchCapture, name);
        scope.TryGetSymbol("whole")!.Bindings.Single().Value.ShouldBeOfType<Name>().Id.ShouldBe("p");
        scope.TryGetSymbol("pt")!.Bindings.Single().Value.ShouldBeOfType<Name>().Id.ShouldBe("p");
        scope.TryGetSymbol("a")!.Bindings.Single().Value.ShouldBeNull();
        m.Resolve(NameNode(m.Tree, "Point")).ShouldBeNull();
    }

    [Fact]
    public void Type_parameters_live_in_their_own_scope()
    {
        var m = Bind("""
            class Base[T]: pass
            def first[T](items: list[T]) -> T:
                return items[0]
            class Box[U](Base[U]):
                def get(self) -> U: ...
            type Pair[K] = tuple[K, K]
            """);
        var t = m.Resolve(NameNode(m.Tree, "T", occurrence: 0))!;
        t.Scope.Kind.ShouldBe(ScopeKind.TypeParameters);
        t.Scope.Name.ShouldBe("first");
        t.Bindings.Single().Kind.ShouldBe(BindingKind.TypeParameter);
        var uInBase = m.Resolve(NameNode(m.Tree, "U", occurrence: 0))!;
        uInBase.Scope.Kind.ShouldBe(ScopeKind.TypeParameters);
        m.Resolve(NameNode(m.Tree, "U", occurrence: 1)).ShouldBeSameAs(uInBase);
        m.Resolve(NameNode(m.Tree, "K"))!.Scope.Name.ShouldBe("Pair");
        m.GlobalScope.TryGetSymbol("Pair")!.Bindings.Single().Kind.ShouldBe(BindingKind.TypeAlias);
        m.GlobalScope.TryGetSymbol("T").ShouldBeNull();
    }

    [Fact]
    public void Lambda_defaults_run_outside_and_parameters_inside()
    {
        var m = Bind("""
            z = 1
            f = lambda x, y=z: x + y + z
            """);
        var lambda = Single<Lambda>(m.Tree, _ => true);
        var scope = m.ScopeOpenedBy(lambda)!;
        scope.Kind.ShouldBe(ScopeKind.Lambda);
        scope.Symbols.Keys.Order(StringComparer.Ordinal).ShouldBe(["x", "y"]);
        var z = m.GlobalScope.TryGetSymbol("z")!;
        z.References.Count.ShouldBe(2);
        m.ScopeOf(NameNode(m.Tree, "z", occurrence: 0)).Kind.ShouldBe(ScopeKind.Module);
        m.ScopeOf(NameNode(m.Tree, "z", occurrence: 1)).Kind.ShouldBe(ScopeKind.Lambda);
    }

    [Fact]
    public void Unpacking_a_display_binds_element_by_element_and_other_unpacking_binds_no_value()
    {
        var m = Bind("""
            a, b = 1, 2
            c, d = pair
            with open("f") as fh, lock:
                pass
            for i, item in enumerate(items):
                pass
            """);
        object? V(string name) => (m.GlobalScope.TryGetSymbol(name)!.Bindings.Single().Value as Constant)?.Value;
        V("a").ShouldBe(new System.Numerics.BigInteger(1));
        V("b").ShouldBe(new System.Numerics.BigInteger(2));
        m.GlobalScope.TryGetSymbol("c")!.Bindings.Single().Value.ShouldBeNull();
        var fh = m.GlobalScope.TryGetSymbol("fh")!.Bindings.Single();
        fh.Kind.ShouldBe(BindingKind.WithTarget);
        Dotted(((Call)fh.Value!).Func).ShouldBe("open");
        m.GlobalScope.TryGetSymbol("item")!.Bindings.Single().Kind.ShouldBe(BindingKind.ForTarget);
    }

    [Fact]
    public void Attribute_assignments_are_kept_with_their_scope()
    {
        var m = Bind("""
            class Service:
                def __init__(self):
                    self.pool = ThreadPoolExecutor()
                    self.a, self.b = 1, 2
            """);
        m.AttributeAssignments.Select(a => (Dotted(a.Target), a.Scope.Name, a.Value?.GetType().Name))
            .ShouldBe([("self.pool", "__init__", "Call"), ("self.a", "__init__", "Constant"), ("self.b", "__init__", "Constant")]);
    }

    [Fact]
    public void Except_handler_names_and_decorators()
    {
        var m = Bind("""
            import functools
            class K:
                deco = staticmethod
                @deco
                def s(): pass
            try:
                pass
            except ValueError as err:
                print(err)
            """);
        m.Resolve(NameNode(m.Tree, "deco"))!.Scope.Kind.ShouldBe(ScopeKind.Class);
        var err = m.GlobalScope.TryGetSymbol("err")!;
        err.Bindings.Single().Kind.ShouldBe(BindingKind.ExceptHandler);
        err.References.Count.ShouldBe(1);
    }

    [Fact]
    public void Optional_import_idiom_keeps_the_import_as_the_single_binding()
    {
        var m = Bind("""
            try:
                import numpy as np
            except ImportError:
                np = None
            """);
        m.GlobalScope.TryGetSymbol("np")!.SingleBinding!.Kind.ShouldBe(BindingKind.Import);
    }
}
