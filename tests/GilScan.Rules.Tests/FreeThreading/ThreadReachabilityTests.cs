using GilScan.Analysis.Configuration;
using GilScan.Analysis.Rules;
using GilScan.Rules.FreeThreading;
using GilScan.Semantics.Declarations;
using GilScan.Syntax;

namespace GilScan.Rules.Tests.FreeThreading;

/// <summary>Item 1 of issue 14: which functions run on more than one thread at once, and what state they touch.</summary>
public sealed class ThreadReachabilityTests
{
    private static FreeThreadingAnalysis Analyse(string source)
    {
        var tree = SyntaxTree.ParseText("app.py", source).Tree!;
        var model = Shared.SemanticModelBuilder.Build(new ProjectModelInput([new ProjectFile("app.py", tree)], AnalysisOptions.Default));
        return FreeThreadingAnalysis.Of(model);
    }

    private static ProjectFunction Function(FreeThreadingAnalysis analysis, string name) =>
        analysis.Model.Functions.Single(f => f.DisplayName == name);

    [Fact]
    public void Functions_reached_from_a_start_in_a_loop_run_concurrently_and_single_starts_do_not()
    {
        var analysis = Analyse("""
            import threading
            from concurrent.futures import ThreadPoolExecutor

            def helper():
                pass

            def worker():
                helper()

            def once():
                pass

            def task(x):
                pass

            def main(items):
                for _ in range(4):
                    threading.Thread(target=worker).start()
                threading.Thread(target=once).start()
                with ThreadPoolExecutor() as pool:
                    pool.map(task, items)
            """);
        var reach = analysis.Reachability;
        reach.RunsConcurrently(Function(analysis, "worker")).ShouldBeTrue();
        reach.RunsConcurrently(Function(analysis, "helper")).ShouldBeTrue();
        reach.RunsConcurrently(Function(analysis, "task")).ShouldBeTrue();
        reach.RunsConcurrently(Function(analysis, "once")).ShouldBeFalse();
        reach.ContextsOf(Function(analysis, "helper")).ShouldHaveSingleItem().Path.Select(s => s.Caller.DisplayName).ShouldBe(["worker"]);
        reach.Entries.Where(e => !e.IsStartingCode).Select(e => (e.Target.DisplayName, e.ManyReason)).ShouldBe([
            ("worker", "started in a loop in 'main'"),
            ("once", null),
            ("task", "one task per item"),
        ]);
    }

    [Fact]
    public void A_thread_subclass_started_more_than_once_and_a_class_with_a_thread_pool_handler_are_entries()
    {
        var analysis = Analyse("""
            import threading
            from fastapi import FastAPI

            app = FastAPI()

            class Worker(threading.Thread):
                def run(self):
                    pass

            @app.post("/items")
            def create():
                pass

            workers = [Worker() for _ in range(3)]
            """);
        analysis.Reachability.RunsConcurrently(Function(analysis, "Worker.run")).ShouldBeTrue();
        analysis.Reachability.RunsConcurrently(Function(analysis, "create")).ShouldBeTrue();
        analysis.Reachability.Entries.Single(e => e.Target.DisplayName == "create").ManyReason.ShouldBe("one call per request");
    }

    [Fact]
    public void The_state_each_function_touches_is_named_by_owner()
    {
        var analysis = Analyse("""
            import threading

            hits = 0

            class Stats:
                count = 0

                def __init__(self):
                    self.seen = 0

                def record(self):
                    global hits
                    hits += 1
                    Stats.count += 1
                    self.seen += 1

            def run():
                stats = Stats()
                total = 0

                def work():
                    nonlocal total
                    total += 1
                    stats.record()

                for _ in range(4):
                    threading.Thread(target=work).start()
            """);
        analysis.Accesses.Select(a => (a.Access.Code, a.State.Sharing, a.State.Identity)).Distinct().OrderBy(a => a.Code, StringComparer.Ordinal).ShouldBe([
            ("Stats.count += 1", Sharing.Process, "class:app.Stats.count"),
            ("hits += 1", Sharing.Process, "global:app.hits"),
            ("self.seen += 1", Sharing.Entry, $"cell:{Function(analysis, "run").Id}:stats.seen"),
            ("total += 1", Sharing.Entry, $"cell:{Function(analysis, "run").Id}:total"),
        ]);
    }
}
