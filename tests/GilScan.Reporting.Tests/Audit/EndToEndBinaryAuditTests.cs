using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Knowledge;
using GilScan.Reporting.Audit;
using GilScan.Rules.Dependencies;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>
/// From real binaries to findings: gcc-built free-threaded modules, packed into wheels in the
/// project's wheels/ directory, pinned by requirements.txt and imported by the code. One wheel has a
/// module without a gil slot next to one that declares (GIL401); the other declares everywhere (fine).
/// </summary>
public sealed class EndToEndBinaryAuditTests
{
    private const string Tag = "cp314-cp314t-manylinux_2_28_x86_64";
    private const string Suffix = ".cpython-314t-x86_64-linux-gnu.so";

    [NativeFact]
    public void A_wheel_with_one_undeclared_module_is_reported_and_its_import_is_linked_through_top_level_txt()
    {
        using var project = new TemporaryProject();
        var work = Path.Combine(project.Root, "build");
        Directory.CreateDirectory(work);
        NativeBuild.Wheel(Path.Combine(project.Root, "wheels"), "fastcrc-native", "0.3.2", Tag, "fastcrc",
        [
            ("fastcrc/__init__.py", "from ._core import answer\n"u8.ToArray()),
            ($"fastcrc/_core{Suffix}", NativeBuild.FreeThreadedModule("_core", gilSlot: null, work)),
            ($"fastcrc/_fast{Suffix}", NativeBuild.FreeThreadedModule("_fast", gilSlot: 1, work)),
        ]);
        NativeBuild.Wheel(Path.Combine(project.Root, "wheels"), "quickhash", "1.0", Tag, "quickhash",
            [($"quickhash/_impl{Suffix}", NativeBuild.FreeThreadedModule("_impl", gilSlot: 1, work))]);
        Directory.Delete(work, recursive: true);
        project.Write("requirements.txt", "fastcrc-native==0.3.2\nquickhash==1.0\n");
        project.Write("service/app.py", "import fastcrc\nfrom quickhash import _impl\n");

        var analysis = FixtureProjects.Analyze(project.Root, new DependencyAuditOptions
        {
            WheelsDirectory = Path.Combine(project.Root, "wheels"),
            FindProjectEnvironment = false,
        });

        analysis.Audit.For("quickhash")!.Verdict.ShouldBe(Verdict.Ok);
        analysis.Diagnostics.Select(d => (d.RuleId, d.Location.Path, d.Location.Span.StartLine, d.Level)).ShouldBe([
            ("GIL401", "requirements.txt", 1, RuleLevel.Warning),
            ("GIL403", "service/app.py", 1, RuleLevel.Warning),
        ]);
        var dependency = analysis.Diagnostics[0];
        dependency.Message.ShouldBe("Importing 'fastcrc-native 0.3.2' ('direct dependency') re-enables the GIL on '3.14t' ('1 of 2 extension module(s) built for 3.14t need the GIL: fastcrc._core'); fix: 'none known yet; ask the maintainers for a free-threaded build, or replace the package'.");
        dependency.Confidence.ShouldBe(Confidence.High);
        dependency.Properties["modules-needing-gil"].ShouldBe(PropertyValue.List("fastcrc._core"));
        dependency.RelatedLocations.Select(r => (r.Location.Path, r.Message)).ShouldBe([
            ("wheels/fastcrc_native-0.3.2-cp314-cp314t-manylinux_2_28_x86_64.whl", "'fastcrc-native' is also named here"),
            ("service/app.py", "'fastcrc' is imported here"),
        ]);
        analysis.Imports.Select(i => (i.Site.Module, i.Verdict.Name, i.Match.Source)).ShouldBe([
            ("fastcrc", "fastcrc-native", ImportNameSource.TopLevelTxt),
            ("quickhash", "quickhash", ImportNameSource.TopLevelTxt),
        ]);
        var report = AuditReportBuilder.Build(analysis);
        report.Inputs.ShouldBe(["requirements.txt", "wheels/fastcrc_native-0.3.2-cp314-cp314t-manylinux_2_28_x86_64.whl", "wheels/quickhash-1.0-cp314-cp314t-manylinux_2_28_x86_64.whl"]);
        MarkdownAuditRenderer.Render(report).ShouldContain("- **Modules that need the GIL:** `fastcrc._core`\n");
    }
}
