using GilScan.Semantics.Tests.Support;
using GilScan.Semantics.Values;
using static GilScan.Semantics.Tests.Support.Nodes;

namespace GilScan.Semantics.Tests.Values;

public class TypeFactTests
{
    private static string? CalleeName(ProjectModel project, string callee, string module = "m", int occurrence = 0) =>
        project.Values.QualifiedNameOf(CallTo(project.Tree(module), callee, occurrence).Func);

    [Fact]
    public void A_local_assigned_an_executor_gives_its_methods_qualified_names()
    {
        var project = TestProject.Single("""
            from concurrent.futures import ThreadPoolExecutor
            def main(f):
                ex = ThreadPoolExecutor(max_workers=4)
                ex.submit(f)
            """);
        CalleeName(project, "ex.submit").ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
        project.Values.TypeOf(NameNode(project.Tree("m"), "ex", occurrence: 0)).ShouldBe("concurrent.futures.ThreadPoolExecutor");
    }

    [Fact]
    public void A_loop_over_a_catalogued_attribute_binds_the_items_it_yields()
    {
        var project = TestProject.Single("""
            from pypdf import PdfReader
            def text(path):
                for page in PdfReader(path).pages:
                    page.extract_text()
                for line in open(path):
                    line.strip()
            """);
        CalleeName(project, "page.extract_text").ShouldBe("pypdf.PageObject.extract_text");
        // A file's iterator is not catalogued with its items: the loop variable stays unknown.
        CalleeName(project, "line.strip").ShouldBeNull();
    }

    [Fact]
    public void Unpacking_a_returned_tuple_gives_each_name_its_element()
    {
        var project = TestProject.Single("""
            import transformers
            from concurrent.futures import ThreadPoolExecutor
            def load(path):
                model = transformers.AutoModel.from_pretrained(path)
                tokenizer = transformers.AutoTokenizer.from_pretrained(path)
                return model, tokenizer
            def pools() -> tuple[ThreadPoolExecutor, int]:
                ...
            class Worker:
                def __init__(self, path):
                    self.model, self.tokenizer = load(path)
                def embed(self, ids):
                    return self.model.forward(ids)
            def main(path):
                model, tokenizer = load(path)
                tokenizer.decode(model.generate())
                pool, size = pools()
                pool.submit(print)
                first, *rest = load(path)
                first.generate()
            """);
        CalleeName(project, "self.model.forward").ShouldBe("transformers.PreTrainedModel.forward");
        CalleeName(project, "tokenizer.decode").ShouldBe("transformers.PreTrainedTokenizerBase.decode");
        CalleeName(project, "model.generate").ShouldBe("transformers.PreTrainedModel.generate");
        CalleeName(project, "pool.submit").ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
        // A starred target takes a list of the rest: no element-by-element value.
        CalleeName(project, "first.generate").ShouldBeNull();
    }

    [Fact]
    public void Calling_a_value_that_may_be_a_plain_project_holder_calls_the_other_values()
    {
        var project = TestProject.Single("""
            import transformers
            class Holder:
                def __init__(self, inner):
                    self.inner = inner
            def load(path, plain):
                if plain:
                    return Holder(path)
                return transformers.AutoModel.from_pretrained(path)
            def run(path, ids):
                model = load(path, False)
                return model(ids)
            """);
        var site = project.CallGraph.SiteOf(CallTo(project.Tree("m"), "model"));
        site.ShouldNotBeNull();
        site!.CalleeName.ShouldBe("transformers.PreTrainedModel.__call__");
    }

    [Fact]
    public void An_optional_parameter_is_its_type_where_its_members_are_used()
    {
        var project = TestProject.Single("""
            from pwdlib import PasswordHash
            def check(hasher: PasswordHash | None, password, stored):
                return hasher.verify_and_update(password, stored)
            """);
        CalleeName(project, "hasher.verify_and_update").ShouldBe("pwdlib.PasswordHash.verify_and_update");
    }

    [Fact]
    public void ExitStack_enter_context_returns_what_its_argument_enters()
    {
        var project = TestProject.Single("""
            from contextlib import ExitStack
            from concurrent.futures import ProcessPoolExecutor
            def main(f, items):
                with ExitStack() as stack:
                    pool = stack.enter_context(ProcessPoolExecutor())
                    fh = stack.enter_context(cm=open("x"))
                    pool.map(f, items)
                    fh.read()
            """);
        CalleeName(project, "pool.map").ShouldBe("concurrent.futures.ProcessPoolExecutor.map");
        CalleeName(project, "fh.read").ShouldBe("io.TextIOWrapper.read");
    }

    [Fact]
    public void Parsed_command_line_arguments_are_an_argparse_namespace()
    {
        var project = TestProject.Single("""
            import argparse
            def main():
                parser = argparse.ArgumentParser()
                args = parser.parse_args()
                return args.count
            """);
        project.Values.TypeOf(NameNode(project.Tree("m"), "args", occurrence: 0)).ShouldBe("argparse.Namespace");
    }

    [Fact]
    public void A_with_target_takes_the_type_of_its_context_manager()
    {
        var project = TestProject.Single("""
            import concurrent.futures as cf
            with cf.ThreadPoolExecutor() as ex:
                ex.map(print, [1])
            with open("x") as fh:
                fh.read()
            """);
        CalleeName(project, "ex.map").ShouldBe("concurrent.futures.ThreadPoolExecutor.map");
        CalleeName(project, "fh.read").ShouldBe("io.TextIOWrapper.read");
    }

    [Fact]
    public void An_attribute_set_in_init_is_known_in_other_methods()
    {
        var project = TestProject.Single("""
            from concurrent.futures import ThreadPoolExecutor
            class Service:
                def __init__(self):
                    self.pool = ThreadPoolExecutor()
                def handle(self, job):
                    return self.pool.submit(job)
            class Derived(Service):
                def again(self, job):
                    self.pool.submit(job)
            """);
        CalleeName(project, "self.pool.submit", occurrence: 0).ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
        CalleeName(project, "self.pool.submit", occurrence: 1).ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
    }

    [Fact]
    public void Catalog_result_types_flow_through_factories()
    {
        var project = TestProject.Single("""
            import asyncio, multiprocessing
            async def main(f):
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, f)
            def spawn(items, f):
                ctx = multiprocessing.get_context("spawn")
                with ctx.Pool(4) as pool:
                    pool.map(f, items)
            """);
        CalleeName(project, "loop.run_in_executor").ShouldBe("asyncio.AbstractEventLoop.run_in_executor");
        CalleeName(project, "ctx.Pool").ShouldBe("multiprocessing.context.BaseContext.Pool");
        CalleeName(project, "pool.map").ShouldBe("multiprocessing.pool.Pool.map");
    }

    [Fact]
    public void Annotated_parameters_and_factory_functions_carry_types()
    {
        var project = TestProject.Single("""
            from concurrent.futures import ThreadPoolExecutor
            def make_pool():
                return ThreadPoolExecutor(8)
            def use(ex: ThreadPoolExecutor, f):
                ex.submit(f)
            def other(f):
                pool = make_pool()
                pool.submit(f)
            """);
        CalleeName(project, "ex.submit").ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
        CalleeName(project, "pool.submit").ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
    }

    [Fact]
    public void Module_level_instances_are_known_across_modules()
    {
        var project = TestProject.Build(
            ("config.py", "from concurrent.futures import ThreadPoolExecutor\nPOOL = ThreadPoolExecutor()\n"),
            ("m.py", "import config\nfrom config import POOL\ndef go(f):\n    config.POOL.submit(f)\n    POOL.submit(f)\n"));
        CalleeName(project, "config.POOL.submit").ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
        CalleeName(project, "POOL.submit").ShouldBe("concurrent.futures.ThreadPoolExecutor.submit");
    }

    [Fact]
    public void Project_classes_give_instances_with_bound_methods()
    {
        var project = TestProject.Single("""
            class Worker:
                def run(self): pass
            w = Worker()
            w.run()
            """);
        var values = project.Values.Evaluate(CallTo(project.Tree("m"), "w.run").Func);
        var bound = values.Single.ShouldBeOfType<FunctionValue>();
        bound.Function.QualifiedName.ShouldBe("m.Worker.run");
        bound.BoundPositionals.ShouldBe(1);
        project.Values.TypeOf(NameNode(project.Tree("m"), "w")).ShouldBe("m.Worker");
    }

    [Fact]
    public void Numpy_arithmetic_keeps_the_ndarray_type()
    {
        var project = TestProject.Single("""
            import numpy as np
            a = np.zeros(1000)
            b = a * 2 + 1
            b.sum()
            """);
        CalleeName(project, "b.sum").ShouldBe("numpy.ndarray.sum");
    }

    [Fact]
    public void Self_referencing_assignments_terminate()
    {
        var project = TestProject.Single("""
            a = b
            b = a
            a.x()
            """);
        CalleeName(project, "a.x").ShouldBeNull();
    }
}
