using GilScan.Analysis.Engine;
using GilScan.Analysis.Rules;
using GilScan.Analysis.Tests.TestRules;
using GilScan.Syntax.Ast;
using GilScan.Testing;

namespace GilScan.Analysis.Tests.Engine;

/// <summary>How the driver calls rules: registrations by node class and kind, file start and end, one walk.</summary>
public sealed class DriverDispatchTests
{
    [Fact]
    public Task A_call_registration_sees_every_call_with_its_exact_span() => Verify<ReportsEveryCall>.Diagnostics(
        """
        import threading
        def work(n):
            return {|GIL190:sum(i * i for i in {|GIL190:range(n)|})|}
        {|GIL190:{|GIL190:threading.Thread(target=work, args=({|GIL190:len("ab")|},))|}.start()|}
        """,
        "Call to 'sum'.", "Call to 'range'.", "Call to 'Thread'.", "Call to 'start'.", "Call to 'len'.");

    [Fact]
    public Task Calls_spanning_lines_and_non_ascii_text_have_utf16_columns() => Verify<ReportsEveryCall>.Diagnostics(
        """
        s = "é€😀"; {|GIL190:f(
            1)|}
        """);

    [Fact]
    public void Each_node_is_dispatched_once_per_registration_in_parent_first_order_between_file_start_and_end()
    {
        var recording = new Recording();

        Verifier.Default.Run([new RecordingRule(recording)], [("m.py", "x = f(y)\n")]);

        // CPython's field order: Assign.targets before Assign.value; for one node, registrations in the order made.
        recording.For("m.py").ShouldBe(
        [
            "start",
            "name x",
            "expr Name",
            "expr Call",
            "name f",
            "expr Name",
            "name y",
            "expr Name",
            "end",
        ]);
    }

    [Fact]
    public void An_abstract_node_class_stands_for_every_kind_derived_from_it()
    {
        var kinds = NodeKinds.Of<Expr>();

        kinds.ShouldContain(NodeKind.Call);
        kinds.ShouldContain(NodeKind.Lambda);
        kinds.ShouldNotContain(NodeKind.ExprStmt);
        kinds.ShouldNotContain(NodeKind.Keyword);
        NodeKinds.Of<Call>().ShouldBe([NodeKind.Call]);
    }

    [Fact]
    public void Every_node_kind_has_exactly_one_concrete_class()
    {
        NodeKinds.ConcreteClasses.Values.Order().ShouldBe(Enum.GetValues<NodeKind>().Order());
        NodeKinds.ConcreteClasses.Count.ShouldBe(Enum.GetValues<NodeKind>().Length);
    }

    [Fact]
    public void Rules_run_in_id_order_whatever_order_they_are_given_in()
    {
        var driver = new AnalysisDriver([new ThrowsOnBoom(), new ReportsEveryCall()]);

        driver.Rules.Select(rule => rule.Id).ShouldBe(["GIL190", "GIL192"]);
        driver.HasProjectActions.ShouldBeFalse();
    }

    [Fact]
    public void Two_rules_with_the_same_id_are_refused()
    {
        var error = Should.Throw<ArgumentException>(() => new AnalysisDriver([new ReportsEveryCall(), new ReportsEveryCall()]));

        error.Message.ShouldStartWith("Rule GIL190 is given more than once.");
    }

    [Fact]
    public void A_rule_class_cannot_claim_a_tool_rule_id()
    {
        var error = Should.Throw<ArgumentException>(() => RuleCatalog.Create([new ToolIdImpostor()]));

        error.Message.ShouldStartWith("Rule id GIL001 is used more than once");
    }

    [Fact]
    public void The_same_path_twice_is_refused()
    {
        var driver = new AnalysisDriver([new ReportsEveryCall()]);

        Should.Throw<ArgumentException>(() => driver.Run([SourceDocument.FromText("a.py", "f()"), SourceDocument.FromText("a.py", "g()")]))
            .Message.ShouldStartWith("a.py is given more than once.");
    }

    private sealed class ToolIdImpostor() : Rule(Diagnostics.ToolRules.SyntaxError)
    {
        public override void Initialize(RuleRegistrar on)
        {
        }
    }
}
