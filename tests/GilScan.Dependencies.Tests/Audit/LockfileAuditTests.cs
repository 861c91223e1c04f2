using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Audit;

/// <summary>Verdicts from lockfiles and manifests alone (wheel tags plus the knowledge base).</summary>
public sealed class LockfileAuditTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.LoadBundled();

    private static AuditResult Audit(FreeThreadedTarget target, params string[] fixture) =>
        DependencyAuditor.Audit(new AuditRequest(target, [DependencyInputReader.Read(RepositoryPaths.Fixture(fixture))], [], [], Knowledge));

    [Fact]
    public void Uv_lock_blockers_for_3_14t_are_the_undeclared_and_the_wheel_less_packages()
    {
        var result = Audit(FreeThreadedTarget.Python314t, "uv", "uv.lock");
        result.Blockers.Select(v => (v.Name, v.Verdict, v.RuleId)).ShouldBe([
            ("lxml", Verdict.ReenablesGil, "GIL401"),
            ("pandas", Verdict.ReenablesGil, "GIL401"),
            ("orjson", Verdict.NoFreeThreadedWheel, "GIL402"),
            ("polars", Verdict.NoFreeThreadedWheel, "GIL402"),
        ]);
        result.Verdicts.Count.ShouldBe(21); // the virtual project root is not a dependency
    }

    [Fact]
    public void Pure_python_packages_are_never_blockers()
    {
        var result = Audit(FreeThreadedTarget.Python314t, "uv", "uv.lock");
        result.Verdicts.Where(v => v.Verdict == Verdict.PurePython).Select(v => v.Name).ShouldBe([
            "annotated-types", "certifi", "idna", "pydantic", "python-dateutil", "pytz", "requests", "six", "typing-extensions",
            "typing-inspection", "tzdata", "urllib3",
        ]);
        result.For("xgboost")!.Verdict.ShouldBe(Verdict.NoExtensionModules);
        result.For("charset-normalizer")!.Verdict.ShouldBe(Verdict.PurePythonFallback);
    }

    [Fact]
    public void A_verdict_carries_its_anchor_evidence_and_fix()
    {
        var pandas = Audit(FreeThreadedTarget.Python314t, "uv", "uv.lock").For("pandas")!;
        pandas.Version.ShouldBe("2.3.3");
        pandas.Anchor.ShouldBe(new SourceAnchor(RepositoryPaths.Fixture("uv", "uv.lock"), 127, 9, 15));
        pandas.Evidence.Select(e => e.Kind).ShouldBe([EvidenceKind.WheelTags, EvidenceKind.KnowledgeBase]);
        // Only the Linux x86_64 wheel counts on the default platform (the macOS and Windows ones are listed too).
        pandas.Evidence[0].Summary.ShouldBe("1 cp314t wheel(s) for Linux x86_64, e.g. pandas-2.3.3-cp314-cp314t-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl");
        pandas.Evidence[1].Summary.ShouldBe(
            "pandas >=2.2.3,<3.0.0 on 3.14t: modules do not declare; importing them re-enables the GIL (one undeclared module (pandas._libs.pandas_parser) re-enables the GIL when pandas is imported)");
        pandas.Evidence[1].Source.ShouldBe("https://github.com/pandas-dev/pandas/issues/61844");
        pandas.Fix!.MinimumVersion!.ToString().ShouldBe("3.0.0");
        pandas.Fix.Summary.ShouldBe("upgrade to pandas 3.0.0 or later, which declares Py_MOD_GIL_NOT_USED on 3.14t");
    }

    [Fact]
    public void Gil_only_wheels_for_the_target_version_are_strong_evidence()
    {
        var orjson = Audit(FreeThreadedTarget.Python314t, "uv", "uv.lock").For("orjson")!;
        orjson.Confidence.ShouldBe(VerdictConfidence.High);
        orjson.Summary.ShouldBe(
            "no wheel installs on 3.14t: CPython 3.14 wheels are GIL-build only (e.g. orjson-3.11.3-cp314-cp314-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl); no cp314t wheel");
    }

    [Fact]
    public void A_cp314t_only_package_blocks_3_13t_but_not_3_14t()
    {
        Audit(FreeThreadedTarget.Python314t, "uv", "uv.lock").For("pydantic-core")!.Verdict.ShouldBe(Verdict.Ok);
        var on313 = Audit(FreeThreadedTarget.Python313t, "uv", "uv.lock").For("pydantic-core")!;
        on313.Verdict.ShouldBe(Verdict.NoFreeThreadedWheel);
        on313.RuleId.ShouldBe("GIL402");
    }

    [Fact]
    public void A_lockfile_resolved_for_one_python_does_not_prove_missing_wheels()
    {
        var result = Audit(FreeThreadedTarget.Python314t, "uv-python312-only", "uv.lock");
        var numpy = result.For("numpy")!;
        numpy.Verdict.ShouldBe(Verdict.Ok);
        numpy.Evidence.Select(e => e.Kind).ShouldBe([EvidenceKind.WheelTags, EvidenceKind.KnowledgeBase, EvidenceKind.InputCoverage]);
        numpy.Evidence[2].Summary.ShouldBe("uv.lock was resolved for Python '==3.12.*', which excludes 3.14; its wheel lists cannot show cp314t wheels");
        var unknown = result.For("fastcrc")!;
        unknown.Verdict.ShouldBe(Verdict.Unknown);
        unknown.IsBlocker.ShouldBeFalse();
        result.Blockers.Select(v => v.Name).ShouldBe(["orjson"]);
    }

    [Fact]
    public void An_old_lockfile_release_without_target_wheels_is_a_blocker_with_the_upgrade_as_fix()
    {
        var numpy = Audit(FreeThreadedTarget.Python313t, "poetry-1", "poetry.lock").For("numpy")!;
        numpy.Verdict.ShouldBe(Verdict.NoFreeThreadedWheel);
        numpy.Fix!.Summary.ShouldBe("upgrade to numpy 2.1.0 or later, which declares Py_MOD_GIL_NOT_USED on 3.13t");
    }

    [Fact]
    public void A_free_threaded_wheel_of_a_version_known_not_to_declare_reenables_the_gil()
    {
        var ujson = Audit(FreeThreadedTarget.Python313t, "poetry-1", "poetry.lock").For("ujson")!;
        ujson.Verdict.ShouldBe(Verdict.ReenablesGil);
        ujson.Fix!.MinimumVersion!.ToString().ShouldBe("5.13.0");
    }

    [Fact]
    public void Hash_only_inputs_fall_back_to_the_knowledge_base_and_name_alternatives()
    {
        var result = Audit(FreeThreadedTarget.Python314t, "requirements", "requirements.txt");
        result.Blockers.Select(v => (v.Name, v.RuleId)).ShouldBe([("lxml", "GIL401"), ("orjson", "GIL402"), ("psycopg2-binary", "GIL402")]);
        var psycopg = result.For("psycopg2-binary")!;
        psycopg.Fix!.Alternative.ShouldBe("psycopg");
        psycopg.Anchor.Path.ShouldEndWith("requirements-base.txt");
        result.For("requests")!.Verdict.ShouldBe(Verdict.Unknown);
        result.Diagnostics.Count.ShouldBe(2);
    }

    [Fact]
    public void Pipfile_lock_verdicts_come_from_the_knowledge_base_only()
    {
        var result = Audit(FreeThreadedTarget.Python314t, "pipfile", "Pipfile.lock");
        result.Blockers.Select(v => v.Name).ShouldBe(["orjson"]);
        result.For("orjson")!.Anchor.ShouldBe(new SourceAnchor(RepositoryPaths.Fixture("pipfile", "Pipfile.lock"), 55, 10, 16));
        result.For("mylib").ShouldBeNull(); // the editable project itself
    }

    [Fact]
    public void Manifest_and_lockfile_naming_the_same_package_give_one_verdict_at_the_declaration_with_the_pin_related()
    {
        var lockfile = DependencyInputReader.Read(RepositoryPaths.Fixture("uv", "uv.lock"));
        var manifest = DependencyInputReader.Read(RepositoryPaths.Fixture("pyproject-pep621", "pyproject.toml"));
        var result = DependencyAuditor.Audit(new AuditRequest(FreeThreadedTarget.Python314t, [manifest, lockfile], [], [], Knowledge));
        var orjson = result.For("orjson")!;
        orjson.Anchor.ShouldBe(new SourceAnchor(manifest.Path, 12, 6, 18));
        orjson.Declarations.ShouldBe([orjson.Anchor]);
        orjson.Pins.ShouldHaveSingleItem().Path.ShouldEndWith("uv.lock");
        orjson.OtherAnchors.ShouldBe(orjson.Pins);
        orjson.Version.ShouldBe("3.11.3");
        orjson.IsDirect.ShouldBeTrue();
    }

    [Fact]
    public void An_optional_compiled_part_without_a_free_threaded_wheel_works_slower_and_is_no_blocker()
    {
        var requirements = DependencyInputReader.Parse("tornado==6.4.1\nwebsockets==13.1\nwebsockets-old==1.0\nmarkupsafe==2.1.5\n", "/project/requirements.txt", InputKind.RequirementsTxt);
        var result = DependencyAuditor.Audit(new AuditRequest(FreeThreadedTarget.Python314t, [requirements], [], [], Knowledge));
        var tornado = result.For("tornado")!;
        (tornado.Verdict, tornado.IsBlocker).ShouldBe((Verdict.PurePythonFallback, false));
        tornado.Summary.ShouldBe("works, slower: the knowledge base says this version ships abi3 wheels only; its compiled part (tornado.speedups) is optional and a pure-Python fallback runs instead");
        tornado.Evidence.Last().Source.ShouldBe("https://github.com/tornadoweb/tornado/blob/v6.5.0/tornado/util.py");
        result.For("websockets")!.Verdict.ShouldBe(Verdict.PurePythonFallback);
        // MarkupSafe's speedups are optional at import time too, but a source build on a free-threaded
        // interpreter succeeds without declaring: nothing says it falls back, so it stays a blocker.
        result.For("markupsafe")!.Verdict.ShouldBe(Verdict.NoFreeThreadedWheel);
        result.Blockers.Select(v => v.Name).ShouldBe(["markupsafe"]);
    }

    [Fact]
    public void A_free_threaded_wheel_of_a_package_with_an_optional_part_is_judged_by_its_declaration()
    {
        var lockfile = DependencyInputReader.Parse("""
            version = 1
            requires-python = ">=3.10"

            [[package]]
            name = "websockets"
            version = "16.0"
            source = { registry = "https://pypi.org/simple" }
            wheels = [
                { url = "https://files.pythonhosted.org/packages/websockets-16.0-cp314-cp314t-manylinux_2_28_x86_64.whl" },
            ]
            """, "/project/uv.lock", InputKind.UvLock);
        var result = DependencyAuditor.Audit(new AuditRequest(FreeThreadedTarget.Python314t, [lockfile], [], [], Knowledge));
        result.For("websockets")!.Verdict.ShouldBe(Verdict.Ok);
    }

    [Fact]
    public void Free_threaded_wheels_for_other_platforms_only_do_not_install_on_the_target_platform()
    {
        var lockfile = DependencyInputReader.Parse("""
            version = 1
            requires-python = ">=3.10"

            [[package]]
            name = "winonly"
            version = "1.0"
            source = { registry = "https://pypi.org/simple" }
            wheels = [
                { url = "https://files.pythonhosted.org/packages/winonly-1.0-cp314-cp314t-win_amd64.whl" },
                { url = "https://files.pythonhosted.org/packages/winonly-1.0-cp314-cp314-manylinux_2_28_x86_64.whl" },
            ]
            """, "/project/uv.lock", InputKind.UvLock);
        var linux = DependencyAuditor.Audit(new AuditRequest(FreeThreadedTarget.Python314t, [lockfile], [], [], Knowledge)).For("winonly")!;
        (linux.Verdict, linux.Confidence).ShouldBe((Verdict.NoFreeThreadedWheel, VerdictConfidence.High));
        linux.Summary.ShouldBe("no wheel installs on 3.14t: cp314t wheels exist only for other platforms (e.g. winonly-1.0-cp314-cp314t-win_amd64.whl); none for Linux x86_64");
        TargetPlatform.TryParse("windows", out var windows).ShouldBeTrue();
        var onWindows = DependencyAuditor.Audit(new AuditRequest(FreeThreadedTarget.Python314t with { Platform = windows }, [lockfile], [], [], Knowledge)).For("winonly")!;
        onWindows.Verdict.ShouldBe(Verdict.DeclarationUnverified);
    }
}
