using GilScan.Semantics.Binding;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Tests.Support;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Tests.Flow;

public class ReachingDefinitionsTests
{
    /// <summary>The lines of the bindings that reach the <paramref name="occurrence"/>-th read of
    /// <paramref name="name"/>, or null when that read is not tracked.</summary>
    private static int[]? Reaching(string source, string name, int occurrence = 0)
    {
        var project = TestProject.Single(source);
        var read = Nodes.NameNode(project.Tree("m"), name, ExprContext.Load, occurrence);
        return project.Flow.ReachingBindings(read)?.Select(b => ((LocatedNode)b.Site).Lineno).Order().ToArray();
    }

    [Fact]
    public void A_later_assignment_replaces_an_earlier_one()
    {
        Reaching("""
            def f():
                x = 1
                use(x)
                x = 2
                use(x)
            """, "x", 1).ShouldBe([4]);
    }

    [Fact]
    public void Branches_join()
    {
        Reaching("""
            def f(flag):
                x = 1
                if flag:
                    x = 2
                use(x)
            """, "x").ShouldBe([2, 4]);
    }

    [Fact]
    public void Both_branches_assigning_hide_the_first_binding()
    {
        Reaching("""
            def f(flag):
                x = 1
                if flag:
                    x = 2
                else:
                    x = 3
                use(x)
            """, "x").ShouldBe([4, 6]);
    }

    [Fact]
    public void A_loop_body_sees_the_binding_before_the_loop_and_its_own_from_the_previous_pass()
    {
        const string source = """
            def f(n):
                i = 0
                while i < n:
                    i += 1
                use(i)
            """;
        Reaching(source, "i").ShouldBe([2, 4]);
        Reaching(source, "i", 1).ShouldBe([2, 4]);
    }

    [Fact]
    public void A_return_ends_the_path()
    {
        Reaching("""
            def f(flag):
                x = 1
                if flag:
                    x = 2
                    return x
                use(x)
            """, "x", 1).ShouldBe([2]);
    }

    [Fact]
    public void Break_goes_past_the_else_block_and_continue_back_to_the_head()
    {
        const string source = """
            def f(items):
                x = 0
                for item in items:
                    if item:
                        x = 1
                        break
                    x = 2
                else:
                    use(x)
                use(x)
            """;
        Reaching(source, "x").ShouldBe([2, 7]);
        Reaching(source, "x", 1).ShouldBe([2, 5, 7]);
    }

    [Fact]
    public void An_except_handler_may_start_before_or_after_each_statement_of_the_try_body()
    {
        Reaching("""
            def f():
                x = 1
                try:
                    x = 2
                    risky()
                    x = 3
                except ValueError:
                    use(x)
            """, "x").ShouldBe([2, 4, 6]);
    }

    [Fact]
    public void The_parameter_reaches_until_it_is_rebound()
    {
        const string source = """
            def f(n):
                use(n)
                n = n * 2
                use(n)
            """;
        Reaching(source, "n").ShouldBe([1]);
        Reaching(source, "n", 1).ShouldBe([1]);
        Reaching(source, "n", 2).ShouldBe([3]);
    }

    [Fact]
    public void A_name_bound_once_is_not_tracked()
    {
        Reaching("""
            def f():
                x = 1
                use(x)
            """, "x").ShouldBeNull();
    }

    [Fact]
    public void Reads_in_a_nested_function_are_not_tracked()
    {
        Reaching("""
            def f():
                x = 1
                def g():
                    return x
                x = 2
                return g
            """, "x").ShouldBeNull();
    }

    [Fact]
    public void A_name_rebound_by_a_nested_function_is_not_tracked()
    {
        Reaching("""
            def f():
                x = 1
                def g():
                    nonlocal x
                    x = 3
                x = 2
                use(x)
            """, "x").ShouldBeNull();
    }

    [Fact]
    public void A_walrus_in_a_comprehension_binds_the_functions_name()
    {
        Reaching("""
            def f(items):
                last = None
                [last := i for i in items]
                use(last)
            """, "last").ShouldBe([2, 3]);
    }

    [Fact]
    public void An_executor_rebound_in_one_function_has_the_right_type_at_each_use()
    {
        var project = TestProject.Single("""
            from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
            def f(work, items):
                with ProcessPoolExecutor() as ex:
                    ex.map(work, items)
                with ThreadPoolExecutor() as ex:
                    ex.map(work, items)
            """);
        var tree = project.Tree("m");
        project.Values.TypeOf(Nodes.NameNode(tree, "ex", ExprContext.Load, 0)).ShouldBe("concurrent.futures.ProcessPoolExecutor");
        project.Values.TypeOf(Nodes.NameNode(tree, "ex", ExprContext.Load, 1)).ShouldBe("concurrent.futures.ThreadPoolExecutor");
    }

    [Fact]
    public void A_class_chosen_on_one_path_is_a_union_where_the_paths_meet()
    {
        var project = TestProject.Single("""
            from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
            def f(flag, work):
                executor_cls = ThreadPoolExecutor
                if flag:
                    executor_cls = ProcessPoolExecutor
                with executor_cls() as ex:
                    ex.submit(work)
            """);
        var read = Nodes.NameNode(project.Tree("m"), "ex");
        project.Values.Evaluate(read).Items.OfType<InstanceValue>().Select(i => i.TypeName).Order()
            .ShouldBe(["concurrent.futures.ProcessPoolExecutor", "concurrent.futures.ThreadPoolExecutor"]);
    }

    [Fact]
    public void A_local_reassigned_from_its_earlier_value_folds_step_by_step()
    {
        var project = TestProject.Single("""
            def f():
                n = 10
                n = n * 2
                return n
            """);
        var read = Nodes.NameNode(project.Tree("m"), "n", ExprContext.Load, 1);
        project.Constants.Evaluate(read).ShouldBe(new IntValue(20));
    }

    [Fact]
    public void A_local_changed_in_a_loop_does_not_fold()
    {
        var project = TestProject.Single("""
            def f():
                n = 10
                while n > 1:
                    n = n // 2
                return n
            """);
        project.Constants.Evaluate(Nodes.NameNode(project.Tree("m"), "n", ExprContext.Load, 2)).ShouldBeNull();
    }
}
