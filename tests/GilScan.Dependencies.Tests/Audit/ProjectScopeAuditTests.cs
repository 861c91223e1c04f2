using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Audit;

/// <summary>Project folders with their own lockfiles, workspace members, Poetry graphs, pip-compile files and the default target.</summary>
public sealed class ProjectScopeAuditTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.LoadBundled();

    private static (DependencyInputs Inputs, TargetChoice Choice, AuditResult Result) AuditFolder(string folder, FreeThreadedTarget? target = null)
    {
        var inputs = ProjectInputs.Load(RepositoryPaths.Fixture(folder), findProjectEnvironment: false);
        var choice = target is null ? TargetChoice.ForProject(inputs.Scopes, TargetPlatform.Default) : TargetChoice.Given(target);
        return (inputs, choice, DependencyAuditor.Audit(inputs, choice.Target, Knowledge));
    }

    [Fact]
    public void A_nested_lockfile_is_its_own_scope_and_a_workspace_member_joins_the_root_lock()
    {
        var (inputs, _, result) = AuditFolder("workspace");
        inputs.Scopes.Select(s => s.RelativeFolder + ": " + string.Join(", ", s.Files.Select(f => Path.GetRelativePath(RepositoryPaths.Fixture("workspace"), f.Path).Replace('\\', '/'))))
            .ShouldBe([
                ": pyproject.toml, uv.lock, packages/lib/pyproject.toml",
                "core: core/pyproject.toml, core/uv.lock",
            ]);
        inputs.Scopes[0].MemberFolders.ShouldBe([RepositoryPaths.Fixture("workspace", "packages", "lib")]);
        result.Verdicts.Select(v => (v.Scope, v.Name, v.Version)).OrderBy(v => v.Scope).ThenBy(v => v.Name).ShouldBe([
            ("", "orjson", "3.11.3"), ("", "pyyaml", "6.0.2"), ("core", "orjson", "3.9.15")]);
        var pyyaml = result.For("pyyaml")!;
        pyyaml.Anchor.Path.ShouldBe(RepositoryPaths.Fixture("workspace", "packages", "lib", "pyproject.toml"));
        pyyaml.IsDirect.ShouldBeTrue();
    }

    [Fact]
    public void Each_file_belongs_to_the_deepest_scope_that_holds_it()
    {
        var (inputs, _, _) = AuditFolder("workspace");
        var root = RepositoryPaths.Fixture("workspace");
        ProjectScopes.ScopeOf(inputs.Scopes, root, "core/core/fast.py").RelativeFolder.ShouldBe("core");
        ProjectScopes.ScopeOf(inputs.Scopes, root, "packages/lib/lib/config.py").RelativeFolder.ShouldBe("");
        ProjectScopes.ScopeOf(inputs.Scopes, root, "app/main.py").RelativeFolder.ShouldBe("");
        ProjectScopes.ScopeOf(inputs.Scopes, root, "corejunk/x.py").RelativeFolder.ShouldBe("");
    }

    [Fact]
    public void The_default_target_is_the_newest_free_threaded_python_the_root_project_allows()
    {
        AuditFolder("workspace").Choice.ShouldBe(new TargetChoice(FreeThreadedTarget.Python314t,
            "the newest free-threaded CPython, which requires-python '>=3.11' (pyproject.toml) allows"));
        AuditFolder("poetry-markers").Choice.ShouldBe(new TargetChoice(FreeThreadedTarget.Python313t,
            "the newest free-threaded CPython that requires-python '>=3.9,<3.14' (pyproject.toml) allows"));
        AuditFolder("requirements-compiled").Choice.Reason.ShouldBe("the newest free-threaded CPython; the project states no requires-python");
    }

    [Theory]
    [InlineData("==3.13.*", "3.13t")]
    [InlineData(">=3.10", "3.14t")]
    [InlineData(">=3.10,<3.14", "3.13t")]
    [InlineData("<3.13", "3.14t")]
    public void Requires_python_picks_the_target(string requiresPython, string expected)
    {
        using var project = new TemporaryDirectory();
        project.Write("pyproject.toml", $"[project]\nname = \"x\"\nversion = \"1\"\nrequires-python = \"{requiresPython}\"\n");
        var choice = TargetChoice.ForProject(ProjectScopes.Load(project.Path), TargetPlatform.Default);
        choice.Target.Name.ShouldBe(expected);
        if (requiresPython == "<3.13")
        {
            choice.Reason.ShouldBe("requires-python '<3.13' (pyproject.toml) allows no free-threaded CPython; audited for the newest one");
        }
    }

    [Fact]
    public void A_poetry_lock_is_walked_from_the_pyproject_declarations_with_extras_markers_and_python_constraints()
    {
        var (_, choice, result) = AuditFolder("poetry-markers");
        choice.Target.ShouldBe(FreeThreadedTarget.Python313t);
        result.Verdicts.Select(v => v.Name).Order(StringComparer.Ordinal).ShouldBe([
            "asgiref", "django", "h11", "httptools", "pytest", "sqlparse", "uvicorn", "uvloop"]);
        result.NotOnTarget.Select(e => (e.Name, e.Reason)).ShouldBe([
            ("argon2-cffi", "only 'django[argon2]' requires it, and nothing installed asks for that extra"),
            ("exceptiongroup", "'pytest' requires it only where 'python_full_version < '3.11''"),
            ("pywin32", "the project requires it only where 'sys_platform == 'win32''"),
            ("typing-extensions", "'asgiref' requires it only where 'python_version < \"3.11\"'"),
            ("tzdata", "'django' requires it only where 'sys_platform == \"win32\"'"),
        ]);
        var uvloop = result.For("uvloop")!;
        (uvloop.RuleId, uvloop.DeclaredAs).ShouldBe(("GIL402", "group:dev"));
        uvloop.PulledInBy.ShouldBe(["uvicorn"]);
        result.Blockers.Select(v => v.Name).ShouldBe(["httptools", "uvloop"]);
    }

    [Fact]
    public void Pip_compile_via_comments_give_the_path_and_requirements_folders_are_read_whole()
    {
        var (inputs, _, result) = AuditFolder("requirements-compiled");
        inputs.Files.Select(f => Path.GetFileName(f.Path)).ShouldBe(["base-ft.txt", "base.in", "base.txt"]);
        var multidict = result.Verdicts.Where(v => v.Name == "multidict").Select(v => (v.Version, v.PulledInBy.Count == 0 ? "" : string.Join(">", v.PulledInBy))).ToList();
        multidict.ShouldBe([("6.1.0", "aiohttp"), ("6.7.0", "aiohttp")], ignoreOrder: true);
        result.For("aiohttp")!.IsDirect.ShouldBeTrue();
        result.Verdicts.Where(v => v.Name == "aiohttp").Select(v => (v.Version, v.Verdict)).ShouldBe(
            [("3.9.5", Verdict.NoFreeThreadedWheel), ("3.13.2", Verdict.Ok)], ignoreOrder: true);
        result.For("aiohttp")!.Declarations.ShouldHaveSingleItem().Path.ShouldEndWith("base.in");
        result.NotOnTarget.Select(e => e.Name).ShouldBe(["async-timeout"]);
    }
}
