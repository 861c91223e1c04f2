using GilScan.Rules.Dependencies;
using GilScan.Syntax;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>The shared per-run state a driver feeds file by file and the three rules read once.</summary>
public sealed class DependencyFindingsBuilderTests
{
    [Fact]
    public void Each_rule_takes_its_own_diagnostics_from_one_computation()
    {
        var run = new DependencyFindingsBuilder(ProjectDependencyAudit.Open(FixtureProjects.Sample, new DependencyAuditOptions { FindProjectEnvironment = false }));
        foreach (var file in FixtureProjects.PythonFiles(FixtureProjects.Sample))
        {
            run.AddFile(file.RelativePath, SyntaxTree.ParseFile(file.AbsolutePath).Tree!.Root);
        }

        var first = run.Complete();

        run.Complete().ShouldBeSameAs(first);
        run.DiagnosticsOf(GilReenablingDependency.Id).Count().ShouldBe(1);
        run.DiagnosticsOf(CompiledDependencyWithoutFreeThreadedWheel.Id).Count().ShouldBe(3);
        run.DiagnosticsOf(BlockingDependencyImport.Id).Count().ShouldBe(5);
        first.Diagnostics.Select(d => d.Message).ShouldBe(FixtureProjects.AnalysedSample.Diagnostics.Select(d => d.Message));
        Should.Throw<InvalidOperationException>(() => run.AddUnparsedFile("late.py"));
    }

    [Fact]
    public void A_project_without_dependency_inputs_has_nothing_to_audit()
    {
        using var project = new TemporaryProject();
        project.Write("main.py", "import numpy\n");

        var session = ProjectDependencyAudit.Open(project.Root, new DependencyAuditOptions { FindProjectEnvironment = false });

        session.HasDependencyInputs.ShouldBeFalse();
        session.Audit.Verdicts.ShouldBeEmpty();
    }
}
