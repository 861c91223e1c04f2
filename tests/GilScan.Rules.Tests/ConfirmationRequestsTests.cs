using GilScan.Analysis.Configuration;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Syntax;
using Ast = GilScan.Syntax.Ast;

namespace GilScan.Rules.Tests;

/// <summary>What a rule's confirmation request says about the flagged function (the folder it imports from,
/// whether it can be called with no arguments) and how folded constants become the harness's Python values.</summary>
public sealed class ConfirmationRequestsTests
{
    private const string Jobs = """
        import asyncio

        def crunch(n, mode="fast"):
            return n

        async def tick():
            return 1

        async def handler(request, *, verbose=False):
            return request

        def keyword_only(*, size):
            return size

        class Service:
            def method(self):
                return 1

            def defaults(self, size=1):
                return size

            @classmethod
            def build(cls, size=1):
                return cls

            @staticmethod
            def helper(n):
                return n

            async def serve(self):
                return 1

        def outer():
            def inner():
                return 1
            return inner
        """;

    private static ProjectModel Model(params (string Path, string Source)[] files) =>
        SemanticModelBuilder.Build(new ProjectModelInput(
            [.. files.Select(f => new ProjectFile(f.Path, SyntaxTree.ParseText(f.Path, f.Source).Tree!))], AnalysisOptions.Default));

    private static readonly ProjectModel Project = Model(("src/app/__init__.py", ""), ("src/app/jobs.py", Jobs), ("tools/gen.py", "def main():\n    pass\n"));

    private static CallableConfirmationRequest Request(string module, string name, ConfirmationKind kind = ConfirmationKind.ThreadWork, SharedState? state = null) =>
        ConfirmationRequests.Call(Project.Functions.Single(f => f.Module.Name == module && f.DisplayName == name), kind, arguments: null, state);

    [Fact]
    public void A_request_names_the_module_as_the_model_resolved_it_and_the_folder_it_imports_from()
    {
        var crunch = Request("app.jobs", "crunch");
        var tool = Request("tools.gen", "main");

        crunch.Module.ShouldBe("app.jobs");
        crunch.Function.ShouldBe("crunch");
        crunch.Key.ShouldBe("app.jobs:crunch");
        crunch.ImportRoot.ShouldBe("src");
        tool.ImportRoot.ShouldBe("");
    }

    [Theory]
    [InlineData("crunch", ParameterNeed.Required)]
    [InlineData("tick", ParameterNeed.None)]
    [InlineData("handler", ParameterNeed.Required)]
    [InlineData("keyword_only", ParameterNeed.Required)]
    [InlineData("Service.method", ParameterNeed.Required)]
    [InlineData("Service.build", ParameterNeed.None)]
    [InlineData("Service.helper", ParameterNeed.Required)]
    [InlineData("Service.serve", ParameterNeed.Required)]
    [InlineData("outer.inner", ParameterNeed.Unknown)]
    public void A_definition_says_whether_it_can_be_called_without_arguments(string name, ParameterNeed need)
    {
        var function = Project.Functions.Single(f => f.Module.Name == "app.jobs" && f.DisplayName.Replace(".<locals>", "") == name);

        ConfirmationRequests.Call(function, ConfirmationKind.CoroutineWork, arguments: null).Parameters.ShouldBe(need);
    }

    [Fact]
    public void A_method_whose_instance_the_harness_makes_needs_no_receiver()
    {
        var onInstance = new SharedState("receiver-attribute", null, "total", Items: false);
        var global = new SharedState("global", "app.jobs", "total", Items: false);

        Request("app.jobs", "Service.method", ConfirmationKind.LostUpdates, onInstance).Parameters.ShouldBe(ParameterNeed.None);
        Request("app.jobs", "Service.defaults", ConfirmationKind.LostUpdates, onInstance).Parameters.ShouldBe(ParameterNeed.None);
        Request("app.jobs", "Service.method", ConfirmationKind.LostUpdates, global).Parameters.ShouldBe(ParameterNeed.Required);
        Request("app.jobs", "Service.method", ConfirmationKind.LostUpdates, onInstance).State.ShouldBe(onInstance);
    }

    /// <summary>The value of <c>x = source</c>, folded by the model, as the harness's Python value and as the SARIF literal.</summary>
    private static (PythonValue? Value, string? Literal) Folded(string source)
    {
        var model = Model(("values.py", $"def f(n):\n    return n\n\nx = {source}\n"));
        var assignment = (Ast.Assign)model.Modules.Single().Tree.Body[^1];
        var folded = model.Constants.Evaluate(assignment.Value);
        return (ConfirmationRequests.ValueOf(folded), PythonLiterals.Of(folded));
    }

    [Theory]
    [InlineData("20000000", "20000000")]
    [InlineData("-5", "-5")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("2.5", "2.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("1e300", "1E+300")]
    [InlineData("True", "True")]
    [InlineData("None", "None")]
    [InlineData("'it\\'s'", "'it\\'s'")]
    [InlineData("'ab' * 3", "'ababab'")]
    [InlineData("b'\\x00ab'", "b'\\x00ab'")]
    [InlineData("(1,)", "(1,)")]
    [InlineData("(1, 'a', [2.0, None])", "(1, 'a', [2.0, None])")]
    [InlineData("[]", "[]")]
    public void Folded_constants_become_the_python_values_the_harness_passes(string source, string written)
    {
        var (value, literal) = Folded(source);

        value.ShouldNotBeNull().ToPythonSource().ShouldBe(written);
        literal.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("f(1)")]
    [InlineData("1j")]
    [InlineData("...")]
    [InlineData("{'size': 10}")]
    [InlineData("'x' * 300")]
    [InlineData("range(10)")]
    public void A_value_without_a_literal_gives_no_argument_to_confirm_with(string source)
    {
        var (value, literal) = Folded(source);

        value.ShouldBeNull();
        literal.ShouldBeNull();
    }

    [Fact]
    public void One_argument_without_a_value_leaves_the_call_without_arguments()
    {
        var (one, _) = Folded("3");

        ConfirmationRequests.Arguments([new Semantics.Constants.IntValue(3)], [("mode", new Semantics.Constants.BoolValue(true))])
            .ShouldNotBeNull().Positional.ShouldBe([one!]);
        ConfirmationRequests.Arguments([new Semantics.Constants.IntValue(3), null], []).ShouldBeNull();
        ConfirmationRequests.Arguments([], [("mode", null)]).ShouldBeNull();
    }
}
