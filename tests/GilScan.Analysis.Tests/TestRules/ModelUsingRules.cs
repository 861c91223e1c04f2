using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Tests.TestRules;

/// <summary>A test-only shared project model: how many top-level functions the project defines.</summary>
public sealed record FunctionCountModel(int Functions);

/// <summary>Test-only GIL291/GIL292: two project rules reading the same shared model at project end.</summary>
public sealed class ReportsFunctionCount(string id) : Rule(DescriptorFor(id))
{
    public static RuleDescriptor DescriptorFor(string id) => RuleDescriptor.Create(
        id, name: "FunctionCount", title: "Function count", message: "The project defines '{0}' functions.",
        category: RuleCategory.Asyncio, level: RuleLevel.Note);

    public static ProjectModelRegistry Registry(Action onBuild) => ProjectModelRegistry.Empty.With(input =>
    {
        onBuild();
        return new FunctionCountModel(input.Files.Sum(file => file.Tree.Root.Body.OfType<FunctionDef>().Count()));
    });

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
    {
        var model = project.GetModel<FunctionCountModel>();
        var first = project.Files[0];
        project.Report(new Diagnostic(Definition, Location.StartOf(first.Path), model.Functions));
    });
}
