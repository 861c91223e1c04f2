using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Audit;

/// <summary>What the target installs: lockfile graphs walked with environment markers, extras and groups.</summary>
public sealed class MarkerAuditTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.LoadBundled();

    private static AuditResult AuditFolder(FreeThreadedTarget target, string folder)
    {
        var inputs = ProjectInputs.Load(RepositoryPaths.Fixture(folder), findProjectEnvironment: false);
        return DependencyAuditor.Audit(inputs, target, Knowledge);
    }

    [Fact]
    public void A_uv_lock_installs_only_what_its_markers_allow_on_linux_3_14t()
    {
        var result = AuditFolder(FreeThreadedTarget.Python314t, "uv-markers");
        result.Verdicts.Select(v => $"{v.Name} {v.Version}").Order(StringComparer.Ordinal).ShouldBe([
            "anyio 4.11.0", "fastapi 0.119.0", "idna 3.11", "iniconfig 2.1.0", "numpy 2.3.4", "orjson 3.11.3", "pluggy 1.6.0",
            "pydantic 2.12.3", "pydantic-core 2.41.4", "pytest 8.4.2", "sniffio 1.3.1", "starlette 0.48.0", "typing-extensions 4.15.0"]);
        result.NotOnTarget.Select(e => (e.Name, e.Version, e.Reason)).ShouldBe([
            ("colorama", "0.4.6", "'pytest' requires it only where 'sys_platform == 'win32''"),
            ("exceptiongroup", "1.3.0", "'anyio' requires it only where 'python_full_version < '3.11''"),
            ("greenlet", "3.1.1", "'starlette' requires it only where 'python_full_version < '3.14''"),
            ("numpy", "2.2.6", "'svc' requires it only where 'python_full_version < '3.11''"),
            ("pywin32", "311", "'svc' requires it only where 'sys_platform == 'win32''"),
            ("ujson", "5.11.0", "only 'pydantic[email]' requires it, and nothing installed asks for that extra"),
        ]);
        result.Blockers.Select(v => (v.Name, v.RuleId)).ShouldBe([("orjson", "GIL402")]);
    }

    [Fact]
    public void A_package_excluded_on_3_14t_is_installed_on_3_13t_with_the_path_that_pulls_it_in()
    {
        var result = AuditFolder(FreeThreadedTarget.Python313t, "uv-markers");
        var greenlet = result.For("greenlet")!;
        (greenlet.Verdict, greenlet.RuleId).ShouldBe((Verdict.ReenablesGil, "GIL401"));
        greenlet.PulledInBy.ShouldBe(["fastapi", "starlette"]);
        greenlet.IsDirect.ShouldBeFalse();
        greenlet.Declarations.ShouldBeEmpty();
        greenlet.Anchor.ShouldBe(greenlet.Pins.ShouldHaveSingleItem());
        result.NotOnTarget.Select(e => e.Name).ShouldNotContain("greenlet");
    }

    [Fact]
    public void Direct_dependencies_sit_on_their_declaration_with_the_pin_beside_it_and_say_how_they_are_declared()
    {
        var result = AuditFolder(FreeThreadedTarget.Python314t, "uv-markers");
        var orjson = result.For("orjson")!;
        orjson.IsDirect.ShouldBeTrue();
        orjson.DeclaredAs.ShouldBe("extra:speed");
        orjson.Anchor.ShouldBe(new SourceAnchor(RepositoryPaths.Fixture("uv-markers", "pyproject.toml"), 12, 11, 23));
        orjson.Pins.Select(p => (Path.GetFileName(p.Path), p.Line)).ShouldBe([("uv.lock", 101)]);
        result.For("pytest")!.DeclaredAs.ShouldBe("group:dev");
        result.For("pluggy")!.PulledInBy.ShouldBe(["pytest"]);
        result.For("typing-extensions")!.PulledInBy.ShouldBe(["fastapi", "pydantic", "pydantic-core"]);
    }

    [Fact]
    public void The_platform_decides_windows_only_packages()
    {
        TargetPlatform.TryParse("windows-amd64", out var windows).ShouldBeTrue();
        var result = AuditFolder(FreeThreadedTarget.Python314t with { Platform = windows }, "uv-markers");
        result.For("pywin32")!.Verdict.ShouldBe(Verdict.NoFreeThreadedWheel);
        result.For("colorama").ShouldNotBeNull();
        result.NotOnTarget.Select(e => e.Name).ShouldBe(["exceptiongroup", "greenlet", "numpy", "ujson"]);
    }

    [Fact]
    public void A_workspace_without_a_root_package_is_walked_from_its_manifest_requirements_and_unrequired_pins_are_kept()
    {
        var lockfile = DependencyInputReader.Parse("""
            version = 1
            requires-python = ">=3.10"

            [manifest]
            members = ["worker"]
            requirements = [{ name = "orjson", specifier = ">=3" }, { name = "colorama", marker = "sys_platform == 'win32'" }]

            [[package]]
            name = "worker"
            version = "1.0"
            source = { editable = "worker" }

            [[package]]
            name = "orjson"
            version = "3.11.3"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "colorama"
            version = "0.4.6"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "stray"
            version = "1.0"
            source = { registry = "https://pypi.org/simple" }
            """, "/project/uv.lock", InputKind.UvLock);
        var result = DependencyAuditor.Audit(new AuditRequest(FreeThreadedTarget.Python314t, [lockfile], [], [], Knowledge));
        result.Verdicts.Select(v => v.Name).Order(StringComparer.Ordinal).ShouldBe(["orjson", "stray"]);
        result.For("orjson")!.IsDirect.ShouldBeTrue();
        result.NotOnTarget.ShouldHaveSingleItem().Reason.ShouldBe("the project requires it only where 'sys_platform == 'win32''");
    }
}
