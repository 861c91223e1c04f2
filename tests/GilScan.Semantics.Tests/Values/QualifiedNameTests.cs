using GilScan.Semantics.Tests.Support;
using static GilScan.Semantics.Tests.Support.Nodes;

namespace GilScan.Semantics.Tests.Values;

public class QualifiedNameTests
{
    /// <summary>The qualified name of the expression statement on the last line of module m.</summary>
    private static string? LastExpression(ProjectModel project, string module = "m")
    {
        var tree = project.Tree(module);
        return project.Values.QualifiedNameOf(((ExprStmt)tree.Body[^1]).Value);
    }

    [Theory]
    [InlineData("from concurrent.futures import ThreadPoolExecutor as TPE\nTPE", "concurrent.futures.ThreadPoolExecutor")]
    [InlineData("import concurrent.futures as cf\ncf.ThreadPoolExecutor", "concurrent.futures.ThreadPoolExecutor")]
    [InlineData("import concurrent.futures\nconcurrent.futures.ThreadPoolExecutor", "concurrent.futures.ThreadPoolExecutor")]
    [InlineData("import numpy as np\nnp.dot", "numpy.dot")]
    [InlineData("import numpy as np\nnp.linalg.norm", "numpy.linalg.norm")]
    [InlineData("from os import path\npath.join", "os.path.join")]
    [InlineData("from pdb import set_trace as st\nst", "pdb.set_trace")]
    [InlineData("from concurrent.futures import ThreadPoolExecutor as TPE\nPool = TPE\nPool", "concurrent.futures.ThreadPoolExecutor")]
    [InlineData("sorted", "builtins.sorted")]
    [InlineData("try:\n    import numpy as np\nexcept ImportError:\n    np = None\nnp.sum", "numpy.sum")]
    public void Imports_and_aliases_resolve_to_the_name_they_stand_for(string source, string expected) =>
        LastExpression(TestProject.Single(source)).ShouldBe(expected);

    [Fact]
    public void An_undefined_name_has_no_qualified_name() =>
        LastExpression(TestProject.Single("undefined_thing")).ShouldBeNull();

    [Fact]
    public void Names_defined_in_project_modules_resolve_to_their_defining_module()
    {
        var project = TestProject.Build(
            ("pkg/__init__.py", ""),
            ("pkg/mod.py", """
                def func(): pass
                class Cls:
                    def method(self): pass
                """),
            ("a.py", "from pkg.mod import func\nfunc"),
            ("b.py", "import pkg.mod\npkg.mod.func"),
            ("c.py", "from pkg import mod\nmod.Cls.method"),
            ("d.py", "import pkg.mod as pm\npm.Cls"));
        LastExpression(project, "a").ShouldBe("pkg.mod.func");
        LastExpression(project, "b").ShouldBe("pkg.mod.func");
        LastExpression(project, "c").ShouldBe("pkg.mod.Cls.method");
        LastExpression(project, "d").ShouldBe("pkg.mod.Cls");
    }

    [Fact]
    public void Re_exports_through_init_resolve_to_the_defining_module()
    {
        var project = TestProject.Build(
            ("pkg/__init__.py", "from .impl import helper\nfrom . import impl as _impl\n"),
            ("pkg/impl.py", "def helper(): pass"),
            ("a.py", "from pkg import helper\nhelper"),
            ("b.py", "import pkg\npkg.helper"),
            ("c.py", "import pkg\npkg.impl.helper"));
        LastExpression(project, "a").ShouldBe("pkg.impl.helper");
        LastExpression(project, "b").ShouldBe("pkg.impl.helper");
        LastExpression(project, "c").ShouldBe("pkg.impl.helper");
    }

    [Fact]
    public void Relative_imports_resolve_inside_nested_packages()
    {
        var project = TestProject.Build(
            ("pkg/__init__.py", ""),
            ("pkg/a.py", "def b(): pass"),
            ("pkg/sub/__init__.py", "from .. import a as parent_a\nparent_a.b"),
            ("pkg/sub/mod.py", "from ..a import b\nb"));
        LastExpression(project, "pkg.sub.mod").ShouldBe("pkg.a.b");
        LastExpression(project, "pkg.sub").ShouldBe("pkg.a.b");
    }

    [Fact]
    public void Star_imports_from_project_modules_bring_their_public_names()
    {
        var project = TestProject.Build(
            ("tools.py", "def work(): pass\ndef _private(): pass"),
            ("m.py", "from tools import *\nwork"),
            ("n.py", "from tools import *\n_private"));
        LastExpression(project, "m").ShouldBe("tools.work");
        LastExpression(project, "n").ShouldBeNull();
    }

    [Fact]
    public void Src_layout_modules_resolve_by_their_import_name()
    {
        var project = TestProject.Build(
            ("src/mylib/__init__.py", ""),
            ("src/mylib/core.py", "def run(): pass"),
            ("tests/test_core.py", "from mylib.core import run\nrun"));
        LastExpression(project, "tests.test_core").ShouldBe("mylib.core.run");
    }

    [Fact]
    public void Nested_functions_and_lambdas_get_python_qualnames()
    {
        var project = TestProject.Single("""
            def outer():
                def inner():
                    pass
                return lambda: inner()
            class K:
                class Inner:
                    def m(self): pass
            """);
        project.Functions.Select(f => f.QualifiedName).ShouldBe([
            "m.<module>", "m.outer", "m.outer.<locals>.inner", "m.outer.<locals>.<lambda>", "m.K.Inner.m"]);
        project.Classes.Select(c => c.QualifiedName).ShouldBe(["m.K", "m.K.Inner"]);
    }

    [Fact]
    public void A_module_defined_in_a_project_namespace_package_resolves()
    {
        var project = TestProject.Build(
            ("ns/part/mod.py", "def f(): pass"),
            ("m.py", "import ns.part.mod\nns.part.mod.f"),
            ("n.py", "import ns\nns.part"));
        LastExpression(project, "m").ShouldBe("ns.part.mod.f");
        LastExpression(project, "n").ShouldBe("ns.part");
    }

    /// <summary>Neither module defines x (Python raises ImportError): the cycle is cut where it closes
    /// and the name keeps the spelling it was reached by there.</summary>
    [Fact]
    public void Mutually_importing_modules_do_not_loop()
    {
        var project = TestProject.Build(
            ("a.py", "from b import x\nx"),
            ("b.py", "from a import x\nx"));
        LastExpression(project, "a").ShouldBe("a.x");
        LastExpression(project, "b").ShouldBe("b.x");
    }
}
