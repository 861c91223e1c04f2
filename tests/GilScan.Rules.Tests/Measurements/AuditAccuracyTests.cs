using GilScan.Dependencies.Audit;
using GilScan.Rules.Dependencies;
using Xunit.Abstractions;

namespace GilScan.Rules.Tests.Measurements;

/// <summary>Prints the accuracy figures of the dependency audit on the bench corpus and holds them to the issue's bar.</summary>
public sealed class AuditAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Blockers_are_found_and_pure_python_packages_are_never_reported()
    {
        var outcomes = AuditBenchmark.Run();
        foreach (var project in outcomes.GroupBy(o => (o.Project, o.Input)))
        {
            output.WriteLine($"{project.Key.Project} ({project.Key.Input}): {AuditBenchmark.Measure(project).Describe()}");
            foreach (var miss in project.Where(o => o.Reported != o.ShouldBeReported))
            {
                output.WriteLine($"    {miss.Package}: labelled {miss.Label}, verdict {miss.Verdict?.ToString() ?? "none"}");
            }
        }

        var total = AuditBenchmark.Measure(outcomes);
        output.WriteLine($"all: {total.Describe()}");
        total.PureReported.ShouldBe(0);
        total.Recall402.ShouldBeGreaterThanOrEqualTo(0.9);
        total.Precision.ShouldBeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Wheel_tags_alone_find_every_blocker_of_lockfiles_that_list_file_names()
    {
        var outcomes = AuditBenchmark.Run(AuditBenchmark.EmptyKnowledge());
        foreach (var project in outcomes.GroupBy(o => (o.Project, o.Input)))
        {
            output.WriteLine($"{project.Key.Project} ({project.Key.Input}), no knowledge base: {AuditBenchmark.Measure(project).Describe()}");
        }

        var withFileNames = AuditBenchmark.Measure(outcomes.Where(o => o.Input != "requirements.txt"));
        output.WriteLine($"lockfiles with file names, no knowledge base: {withFileNames.Describe()}");
        withFileNames.Recall402.ShouldBe(1.0);
        withFileNames.PureReported.ShouldBe(0);
        // Tags cannot tell that a compiled part is optional (tornado's speedups): only the knowledge base can.
        var bundled = GilScan.Dependencies.Knowledge.KnowledgeBase.LoadBundled();
        outcomes.Where(o => o.Input != "requirements.txt" && o.Reported && !o.ShouldBeReported).Select(o => o.Package)
            .ShouldAllBe(package => bundled.OptionalCompiled(package, null) != null);
        withFileNames.Precision.ShouldBeGreaterThanOrEqualTo(0.96);
        // Free-threaded wheels whose modules do not declare look fine by their tags: only binaries or the knowledge base tell.
        withFileNames.Found401.ShouldBe(0);
    }

    [Fact]
    public void A_package_with_cp314t_wheels_only_blocks_3_13t_but_not_3_14t()
    {
        var project = Path.Combine(AuditBenchmark.Directory, "ml-inference");

        var on314 = ProjectDependencyAudit.Open(project, new DependencyAuditOptions { FindProjectEnvironment = false });
        var on313 = ProjectDependencyAudit.Open(project, new DependencyAuditOptions { FindProjectEnvironment = false, Target = FreeThreadedTarget.Python313t });

        foreach (var package in new[] { "pydantic-core", "uvloop", "pillow" })
        {
            on314.Audit.For(package)!.IsBlocker.ShouldBeFalse(package);
            on313.Audit.For(package)!.RuleId.ShouldBe("GIL402", package);
        }
    }
}
