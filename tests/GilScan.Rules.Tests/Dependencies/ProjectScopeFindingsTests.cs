using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>Findings in projects with several lockfiles, transitive blockers, markers and optional compiled parts.</summary>
public sealed class ProjectScopeFindingsTests
{
    private static readonly string Workspace = RepositoryRoot.Combine("fixtures", "dependencies", "workspace");
    private static readonly string Markers = RepositoryRoot.Combine("fixtures", "dependencies", "uv-markers");

    private static string Where(Location location) => $"{location.Path}:{location.Span.StartLine}:{location.Span.StartColumnUtf16 + 1}";

    [Fact]
    public void Imports_are_attributed_to_the_lockfile_that_governs_the_importing_file()
    {
        var analysis = FixtureProjects.Analyze(Workspace);
        analysis.Imports.Select(i => $"{Where(i.Site.Location)} {i.Site.Module} -> {i.Verdict.Scope}/{i.Verdict.Name} {i.Verdict.Version}").ShouldBe([
            "app/main.py:1:8 orjson -> /orjson 3.11.3",
            "app/main.py:2:8 yaml -> /pyyaml 6.0.2",
            "core/core/fast.py:1:8 orjson -> core/orjson 3.9.15",
            "packages/lib/lib/config.py:1:8 yaml -> /pyyaml 6.0.2",
        ]);
        analysis.Diagnostics.Where(d => d.RuleId != "GIL403").Select(d => $"{d.RuleId} {Where(d.Location)} {d.FingerprintKey}").ShouldBe([
            "GIL402 core/pyproject.toml:5:18 core|orjson|GIL402|3.14t",
            "GIL402 packages/lib/pyproject.toml:5:18 pyyaml|GIL402|3.14t",
            "GIL402 pyproject.toml:5:25 orjson|GIL402|3.14t",
        ]);
        var coreOrjson = analysis.Diagnostics.Single(d => d.RuleId == "GIL402" && d.Location.Path == "core/pyproject.toml");
        coreOrjson.Message.ShouldStartWith("'orjson 3.9.15' ('direct dependency') has compiled code");
        coreOrjson.RelatedLocations.Select(r => $"{Where(r.Location)} {r.Message}").ShouldBe([
            "core/uv.lock:14:9 'orjson 3.9.15' is pinned here",
            "core/core/fast.py:1:8 'orjson' is imported here",
        ]);
        coreOrjson.Properties["project"].ShouldBe((PropertyValue)"core");
    }

    [Fact]
    public void A_transitive_blocker_sits_on_its_pin_and_links_the_declaration_of_the_direct_dependency_that_pulls_it_in()
    {
        var analysis = FixtureProjects.Analyze(Markers, new DependencyAuditOptions { Target = FreeThreadedTarget.Python313t, FindProjectEnvironment = false });
        var greenlet = analysis.Diagnostics.Single(d => d.RuleId == "GIL401" && d.Properties["distribution"] == (PropertyValue)"greenlet");
        greenlet.Message.ShouldBe("Importing 'greenlet 3.1.1' ('pulled in by fastapi → starlette') re-enables the GIL on '3.13t' ('a free-threaded wheel exists, but the knowledge base says its modules re-enable the GIL'); fix: 'upgrade to greenlet 3.3.0 or later, which declares Py_MOD_GIL_NOT_USED on 3.13t'.");
        Where(greenlet.Location).ShouldBe("uv.lock:51:9");
        greenlet.RelatedLocations.Select(r => $"{Where(r.Location)} {r.Message}").ShouldBe([
            "pyproject.toml:6:6 'fastapi', which pulls in 'greenlet', is declared here",
            "svc/app.py:1:8 'greenlet' is imported here",
        ]);
        greenlet.Properties["pulled-in-by"].ShouldBe(PropertyValue.List("fastapi", "starlette"));
        greenlet.Properties["direct"].ShouldBe((PropertyValue)false);
    }

    [Fact]
    public void Packages_whose_markers_exclude_the_target_and_optional_compiled_parts_give_no_finding_and_no_import_finding()
    {
        using var project = new TemporaryProject();
        project.Write("requirements.txt", "tornado==6.4.1\npywin32==311 ; sys_platform == 'win32'\norjson==3.11.3\n");
        project.Write("app.py", "import tornado.web\nimport win32api\nimport orjson\n");
        var analysis = FixtureProjects.Analyze(project.Root);
        analysis.Diagnostics.Select(d => $"{d.RuleId} {Where(d.Location)}").ShouldBe([
            "GIL403 app.py:3:8",
            "GIL402 requirements.txt:3:1",
        ]);
        analysis.Audit.For("tornado")!.Verdict.ShouldBe(Verdict.PurePythonFallback);
        analysis.Audit.NotOnTarget.Select(e => (e.Name, e.Reason)).ShouldBe([("pywin32", "requirements.txt installs it only where 'sys_platform == 'win32''")]);
    }
}
