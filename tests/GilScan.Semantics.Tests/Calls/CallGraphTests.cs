using GilScan.Semantics.Calls;
using GilScan.Semantics.Tests.Support;
using static GilScan.Semantics.Tests.Support.Nodes;

namespace GilScan.Semantics.Tests.Calls;

public class CallGraphTests
{
    private static IReadOnlyList<string> Targets(ProjectModel project, string callee, string module = "m", int occurrence = 0) =>
        project.CallGraph.SiteOf(CallTo(project.Tree(module), callee, occurrence))!.Targets
            .Select(t => $"{t.Kind} {t.Function.QualifiedName}").ToList();

    [Fact]
    public void Plain_calls_resolve_across_modules()
    {
        var project = TestProject.Build(
            ("pkg/__init__.py", "from .work import crunch"),
            ("pkg/work.py", "def crunch(n): return n"),
            ("m.py", "import pkg\nfrom pkg.work import crunch as c\ndef main():\n    pkg.crunch(1)\n    c(2)\n"));
        Targets(project, "pkg.crunch").ShouldBe(["Direct pkg.work.crunch"]);
        Targets(project, "c").ShouldBe(["Direct pkg.work.crunch"]);
        var crunch = project.Functions.Single(f => f.QualifiedName == "pkg.work.crunch");
        project.CallGraph.CallersOf(crunch).Select(s => s.Call.Lineno).ShouldBe([4, 5]);
    }

    [Fact]
    public void A_script_imports_the_modules_beside_it()
    {
        // service/ is no package: run as `python service/app.py` (or uvicorn from that folder), its folder
        // is sys.path[0], so `predict` is service/predict.py. Inside a regular package there is no such
        // implicit sibling import, and a name the project has at its root keeps resolving there.
        var project = TestProject.Build(
            ("service/app.py", "import predict\nfrom helpers import clean\nimport tools\ndef handle():\n    predict.run(1)\n    clean(2)\n    tools.work()\n"),
            ("service/predict.py", "def run(n): return n"),
            ("service/helpers.py", "def clean(n): return n"),
            ("service/tools.py", "def work(): pass"),
            ("tools.py", "def work(): pass"),
            ("pkg/__init__.py", ""),
            ("pkg/main.py", "from helpers import clean\ndef go():\n    clean(3)\n"),
            ("pkg/helpers.py", "def clean(n): return n"));
        Targets(project, "predict.run", "service.app").ShouldBe(["Direct service.predict.run"]);
        Targets(project, "clean", "service.app").ShouldBe(["Direct service.helpers.clean"]);
        Targets(project, "tools.work", "service.app").ShouldBe(["Direct tools.work"]);
        Targets(project, "clean", "pkg.main").ShouldBeEmpty();
    }

    [Fact]
    public void Methods_through_self_constructors_and_bound_methods()
    {
        var project = TestProject.Single("""
            class Base:
                def __init__(self, n):
                    self.n = n
                def step(self): pass
            class Job(Base):
                def __init__(self, n):
                    super().__init__(n)
                def run(self):
                    self.step()
                    go = self.step
                    go()
            job = Job(3)
            job.run()
            """);
        var superInit = Single<Call>(project.Tree("m"), c => c.Func is Attribute { Attr: "__init__", Value: Call });
        project.CallGraph.SiteOf(superInit)!.Targets.Select(t => $"{t.Kind} {t.Function.QualifiedName}").ShouldBe(["BoundMethod m.Base.__init__"]);
        Targets(project, "self.step").ShouldBe(["BoundMethod m.Base.step"]);
        Targets(project, "go").ShouldBe(["BoundMethod m.Base.step"]);
        Targets(project, "Job").ShouldBe(["Constructor m.Job.__init__"]);
        project.CallGraph.SiteOf(CallTo(project.Tree("m"), "Job"))!.InstantiatedClass!.QualifiedName.ShouldBe("m.Job");
        Targets(project, "job.run").ShouldBe(["BoundMethod m.Job.run"]);
    }

    [Fact]
    public void Partials_and_lambdas_are_callable_values()
    {
        var project = TestProject.Single("""
            import functools
            def work(n, scale=1): return n * scale
            def main():
                f = functools.partial(work, 10)
                f(scale=2)
                g = lambda: work(5)
                g()
            """);
        Targets(project, "f").ShouldBe(["Partial m.work"]);
        Targets(project, "g").ShouldBe(["Direct m.main.<locals>.<lambda>"]);
        var lambda = project.Functions.Single(f => f.DisplayName == "main.<locals>.<lambda>");
        project.CallGraph.SitesIn(lambda).Single().Targets.Single().Function.DisplayName.ShouldBe("work");
    }

    [Fact]
    public void A_callable_passed_to_a_helper_reaches_the_helpers_thread_target()
    {
        var project = TestProject.Single("""
            import threading
            def work():
                pass
            def other():
                pass
            def run_in_threads(fn, count=4):
                threads = [threading.Thread(target=fn) for _ in range(count)]
                fn()
            run_in_threads(work)
            run_in_threads(fn=other)
            """);
        var thread = CallTo(project.Tree("m"), "threading.Thread");
        var target = thread.Keywords.Single(k => k.Arg == "target").Value;
        var flows = project.CallGraph.CallableTargets(target);
        flows.Select(t => (t.Function.QualifiedName, t.Through.Single().Call.Lineno)).ShouldBe([("m.work", 9), ("m.other", 10)]);
        Targets(project, "fn").ShouldBe(["Direct m.work", "Direct m.other"]);
    }

    [Fact]
    public void Callables_flow_through_two_levels_of_parameters_and_defaults()
    {
        var project = TestProject.Single("""
            import threading
            def work(): pass
            def fallback(): pass
            def start(fn):
                threading.Thread(target=fn).start()
            def schedule(job):
                start(job)
            def later(job=fallback):
                start(job)
            schedule(work)
            later()
            """);
        var target = CallTo(project.Tree("m"), "threading.Thread").Keywords.Single().Value;
        project.CallGraph.CallableTargets(target)
            .Select(t => (t.Function.QualifiedName, string.Join(">", t.Through.Select(s => s.Call.Lineno))))
            .ShouldBe([("m.work", "10>7"), ("m.fallback", "9")]);
    }

    [Fact]
    public void Callbacks_given_to_catalogued_higher_order_functions_are_edges()
    {
        var project = TestProject.Single("""
            def key(x): return -x
            def double(x): return 2 * x
            def main(xs):
                sorted(xs, key=key)
                list(map(double, xs))
            """);
        Targets(project, "sorted").ShouldBe(["Callback m.key"]);
        Targets(project, "map").ShouldBe(["Callback m.double"]);
        project.CallGraph.SiteOf(CallTo(project.Tree("m"), "sorted"))!.CatalogEntry!.Name.ShouldBe("builtins.sorted");
    }

    [Fact]
    public void String_annotations_give_parameters_their_types()
    {
        var project = TestProject.Single("""
            from typing import Optional
            from PIL import Image
            class Net:
                def forward(self): pass
            def f(im: "Image.Image", net: 'Net', maybe: "Optional[Image.Image]", other: "list[int]"):
                im.rotate(90)
                net.forward()
                maybe.convert("L")
                other.append(1)
            """);
        var tree = project.Tree("m");
        project.CallGraph.SiteOf(CallTo(tree, "im.rotate"))!.CatalogEntry!.Name.ShouldBe("PIL.Image.Image.rotate");
        Targets(project, "net.forward").ShouldBe(["BoundMethod m.Net.forward"]);
        project.CallGraph.SiteOf(CallTo(tree, "maybe.convert"))!.CatalogEntry!.Name.ShouldBe("PIL.Image.Image.convert");
        // A subscripted string annotation is not read: the parameter stays unknown.
        project.CallGraph.SiteOf(CallTo(tree, "other.append"))!.CatalogEntry.ShouldBeNull();
    }

    [Fact]
    public void A_method_called_on_an_unannotated_parameter_resolves_through_the_type_every_caller_passes()
    {
        var project = TestProject.Single("""
            from PIL import Image
            class Model:
                def predict(self, x): return x
            def shrink(image, w):
                return image.resize((w, w))
            def rotate(image):
                return image.rotate(90)
            def infer(model, x):
                return model.predict(x)
            def main(path, other):
                img = Image.open(path)
                shrink(img, 64)
                rotate(img)
                rotate(other)
                infer(Model(), 1)
            """);
        var tree = project.Tree("m");
        var resize = project.CallGraph.SiteOf(CallTo(tree, "image.resize"))!;
        resize.CatalogEntry!.Name.ShouldBe("PIL.Image.Image.resize");
        resize.ReceiverTypeFromCallers.ShouldBe("PIL.Image.Image");
        // One caller passes something unknown: the call stays unresolved.
        project.CallGraph.SiteOf(CallTo(tree, "image.rotate"))!.CatalogEntry.ShouldBeNull();
        Targets(project, "model.predict").ShouldBe(["BoundMethod m.Model.predict"]);
    }

    [Fact]
    public void A_call_on_self_to_a_placeholder_method_may_run_the_overrides_of_the_project_subclasses()
    {
        var project = TestProject.Single("""
            class Job:
                def run(self):
                    self.log(0)
                    return self.process(1)
                def process(self, x):
                    raise NotImplementedError
                def log(self, x): print(x)
            class Crunch(Job):
                def process(self, x): return sum(range(x))
                def log(self, x): pass
            class Other:
                def process(self, x): return x
            def main():
                j = Job()
                j.process(2)
            """);
        Targets(project, "self.process").ShouldBe(["BoundMethod m.Job.process", "BoundMethod m.Crunch.process"]);
        // A base method with a body of its own is what the analysis follows; its overrides are left out.
        Targets(project, "self.log").ShouldBe(["BoundMethod m.Job.log"]);
        // An instance the code builds has a known class: no override is added.
        Targets(project, "j.process").ShouldBe(["BoundMethod m.Job.process"]);
    }

    [Fact]
    public void A_placeholder_method_called_on_a_base_typed_receiver_may_run_the_overrides()
    {
        // A parameter annotated with the base class, and a module global that the base's __init__ sets
        // to self, may hold any subclass; an instance built as exactly the base may not.
        var project = TestProject.Single("""
            worker = None
            class Worker:
                def __init__(self):
                    global worker
                    worker = self
                def encode(self, x):
                    raise NotImplementedError
            class ModelWorker(Worker):
                def encode(self, x): return [x] * 3
            def handle(w: Worker):
                return w.encode(1)
            def endpoint():
                return worker.encode(2)
            def exact():
                base = Worker()
                return base.encode(3)
            """);
        Targets(project, "w.encode").ShouldBe(["BoundMethod m.Worker.encode", "BoundMethod m.ModelWorker.encode"]);
        Targets(project, "worker.encode").ShouldBe(["BoundMethod m.Worker.encode", "BoundMethod m.ModelWorker.encode"]);
        Targets(project, "base.encode").ShouldBe(["BoundMethod m.Worker.encode"]);
    }

    [Fact]
    public void A_call_whose_values_are_all_catalogued_alike_carries_their_entry()
    {
        var project = TestProject.Single("""
            from langchain_community.document_loaders import CSVLoader, TextLoader
            import json
            def load(path, tabular, raw):
                loader = CSVLoader(path) if tabular else TextLoader(path)
                loader.load()
                parse = json.loads if raw else loader.load
                parse(path)
            """);
        var tree = project.Tree("m");
        project.CallGraph.SiteOf(CallTo(tree, "loader.load"))!.CatalogEntry!.Category.ShouldBe(GilScan.Semantics.Catalog.CallCategory.BlockingIo);
        // json.loads holds the GIL, a loader's load blocks: no one entry speaks for both.
        project.CallGraph.SiteOf(CallTo(tree, "parse"))!.CatalogEntry.ShouldBeNull();
    }

    [Fact]
    public void External_calls_carry_their_catalog_entry()
    {
        var project = TestProject.Single("""
            import numpy as np, json
            def f(a, s):
                np.dot(a, a)
                json.loads(s)
                mystery(s)
            """);
        var tree = project.Tree("m");
        project.CallGraph.SiteOf(CallTo(tree, "np.dot"))!.CatalogEntry!.Name.ShouldBe("numpy.dot");
        project.CallGraph.SiteOf(CallTo(tree, "json.loads"))!.CatalogEntry!.Name.ShouldBe("json.loads");
        var mystery = project.CallGraph.SiteOf(CallTo(tree, "mystery"))!;
        mystery.CatalogEntry.ShouldBeNull();
        mystery.Targets.ShouldBeEmpty();
    }

    [Fact]
    public void Recursive_functions_form_components_callees_first()
    {
        var project = TestProject.Single("""
            def leaf(): pass
            def even(n): return n == 0 or odd(n - 1)
            def odd(n): return n != 0 and even(n - 1)
            def fact(n): return 1 if n < 2 else n * fact(n - 1)
            def main():
                even(10)
                fact(5)
                leaf()
            """);
        var components = project.CallGraph.Components.Select(c => string.Join(",", c.Select(f => f.DisplayName))).ToList();
        components.ShouldContain("even,odd");
        components.ShouldContain("fact");
        components.IndexOf("even,odd").ShouldBeLessThan(components.IndexOf("main"));
        components.IndexOf("fact").ShouldBeLessThan(components.IndexOf("main"));
        components.IndexOf("leaf").ShouldBeLessThan(components.IndexOf("main"));
        components.Count.ShouldBe(project.Functions.Count - 1);
    }

    [Fact]
    public void Thread_subclasses_know_their_base_and_run_method()
    {
        var project = TestProject.Single("""
            from threading import Thread
            class Worker(Thread):
                def run(self):
                    pass
            class Special(Worker):
                pass
            """);
        var special = project.Classes.Single(c => c.DisplayName == "Special");
        special.DerivesFrom("threading.Thread").ShouldBeTrue();
        special.FindMethod("run")!.QualifiedName.ShouldBe("m.Worker.run");
        special.Mro.Select(c => c.DisplayName).ShouldBe(["Special", "Worker"]);
    }
}
