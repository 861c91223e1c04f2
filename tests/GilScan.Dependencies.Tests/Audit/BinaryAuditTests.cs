using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Tests.Audit;

/// <summary>
/// Real wheels packed in the test from the gcc-built modules, audited as wheel files and, after a real
/// pip install into free-threaded and GIL-build site-packages layouts, as installed environments.
/// </summary>
[Collection(NativeModulesCollection.Name)]
public sealed class BinaryAuditTests(NativeModules modules) : IDisposable
{
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.LoadBundled();
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private void RequireNative() => Skip.If(modules.SkipReason is not null, modules.SkipReason);

    /// <summary>A wheel with the given modules as members of package directories, under their real file names.</summary>
    private WheelBuilder Wheel(string distribution, string version, string tag, params (string Directory, string ModuleKey)[] members)
    {
        var builder = new WheelBuilder(distribution, version).Tags(tag).File($"{distribution}/__init__.py", "");
        foreach (var (directory, key) in members)
        {
            builder.File($"{directory}/{modules[key].FileName}", modules[key].Bytes());
        }

        return builder;
    }

    private string WriteWheels(string folder, params WheelBuilder[] wheels)
    {
        var directory = Path.Combine(_directory.Path, folder);
        Directory.CreateDirectory(directory);
        foreach (var wheel in wheels)
        {
            wheel.WriteTo(directory);
        }

        return directory;
    }

    private static AuditResult Audit(FreeThreadedTarget target, IReadOnlyList<InstalledEnvironment> environments, IReadOnlyList<ScannedDistribution> wheels) =>
        DependencyAuditor.Audit(new AuditRequest(target, [], environments, wheels, Knowledge));

    [SkippableFact]
    public void Wheel_whose_modules_all_declare_is_ok_from_the_binary()
    {
        RequireNative();
        var directory = WriteWheels("ok", Wheel("ftok", "1.0", "cp313-cp313t-linux_x86_64",
            ("ftok", "ft_notused"), ("ftok", "ft_setgil")));
        var wheels = WheelArchiveReader.ReadDirectory(directory);
        wheels.Diagnostics.ShouldBeEmpty();
        var scanned = wheels.Distributions.ShouldHaveSingleItem();
        scanned.Metadata.Tags.ShouldBe([new WheelTag("cp313", "cp313t", "linux_x86_64")]);
        scanned.ExtensionModules.Select(m => (m.ModuleName, m.Declaration)).ShouldBe([
            ("ftok.mp_ft_notused", GilDeclaration.DeclaredNotUsed), ("ftok.sp_ft_setgil", GilDeclaration.SetGilCalled)]);

        var verdict = Audit(FreeThreadedTarget.Python313t, [], wheels.Distributions).For("ftok")!;
        verdict.Verdict.ShouldBe(Verdict.Ok);
        verdict.Confidence.ShouldBe(VerdictConfidence.Medium); // one module declares through SetGIL, whose argument is not checked
        verdict.Evidence[0].Kind.ShouldBe(EvidenceKind.ExtensionBinary);
        verdict.Anchor.Path.ShouldBe(Path.Combine(directory, "ftok-1.0-cp313-cp313t-linux_x86_64.whl"));
    }

    [SkippableFact]
    public void One_undeclared_module_makes_the_whole_distribution_reenable_the_gil()
    {
        RequireNative();
        var directory = WriteWheels("partial", Wheel("partial", "2.3.0", "cp313-cp313t-linux_x86_64",
            ("partial/_libs", "ft_notused"),
            ("partial/_libs", "ft_noslot"),
            ("partial/_libs", "ft_used")));
        var verdict = Audit(FreeThreadedTarget.Python313t, [], WheelArchiveReader.ReadDirectory(directory).Distributions).For("partial")!;
        verdict.Verdict.ShouldBe(Verdict.ReenablesGil);
        verdict.RuleId.ShouldBe("GIL401");
        verdict.Confidence.ShouldBe(VerdictConfidence.High);
        verdict.Summary.ShouldBe("2 of 3 extension module(s) built for 3.13t need the GIL: partial._libs.mp_ft_noslot, partial._libs.mp_ft_used");
        verdict.Modules.Where(m => m.NeedsGil).Select(m => m.ModuleName).ShouldBe(["partial._libs.mp_ft_noslot", "partial._libs.mp_ft_used"]);
    }

    [SkippableFact]
    public void Abi3_only_wheel_cannot_be_used_on_free_threaded_targets()
    {
        RequireNative();
        var directory = WriteWheels("abi3", Wheel("stable", "1.0", "cp39-abi3-linux_x86_64", ("stable", "abi3")));
        foreach (var target in new[] { FreeThreadedTarget.Python313t, FreeThreadedTarget.Python314t })
        {
            var verdict = Audit(target, [], WheelArchiveReader.ReadDirectory(directory).Distributions).For("stable")!;
            verdict.Verdict.ShouldBe(Verdict.NoFreeThreadedWheel);
            verdict.Summary.ShouldBe($"no wheel installs on {target.Name}: only abi3 wheels (stable-1.0-cp39-abi3-linux_x86_64.whl); free-threaded {target.Name} cannot load the stable ABI");
        }
    }

    [SkippableFact]
    public void Platform_wheel_with_only_a_ctypes_library_raises_no_gil_question()
    {
        RequireNative();
        var directory = WriteWheels("cdll", Wheel("nativelib", "4.6.0", "py3-none-linux_x86_64", ("nativelib/lib", "cdll")));
        var verdict = Audit(FreeThreadedTarget.Python314t, [], WheelArchiveReader.ReadDirectory(directory).Distributions).For("nativelib")!;
        verdict.Verdict.ShouldBe(Verdict.NoExtensionModules);
        verdict.IsBlocker.ShouldBeFalse();
    }

    [SkippableFact]
    public void A_cp314t_wheel_serves_3_14t_and_blocks_3_13t()
    {
        RequireNative();
        var directory = WriteWheels("ft314", Wheel("newonly", "1.0", "cp314-cp314t-linux_x86_64",
            ("newonly", "ft_notused_314")));
        var distributions = WheelArchiveReader.ReadDirectory(directory).Distributions;
        Audit(FreeThreadedTarget.Python314t, [], distributions).For("newonly")!.Verdict.ShouldBe(Verdict.Ok);
        var on313 = Audit(FreeThreadedTarget.Python313t, [], distributions).For("newonly")!;
        on313.Verdict.ShouldBe(Verdict.NoFreeThreadedWheel);
        on313.Evidence.First(e => e.Kind == EvidenceKind.ExtensionBinary).Summary.ShouldBe(
            "1 extension module(s), none built for 3.13t (e.g. newonly/mp_ft314_notused.cpython-314t-x86_64-linux-gnu.so: file name tag cpython-314t); their slot arrays declare Py_MOD_GIL_NOT_USED");
    }

    [SkippableFact]
    public void Damaged_wheels_are_diagnostics_and_the_others_are_read()
    {
        RequireNative();
        var directory = WriteWheels("mixed", Wheel("good", "1.0", "py3-none-any"));
        File.WriteAllBytes(Path.Combine(directory, "broken-1.0-py3-none-any.whl"), [0x50, 0x4B, 0x03, 0x04, 0x00]);
        File.WriteAllText(Path.Combine(directory, "not_a_wheel.whl"), "x");
        var wheels = WheelArchiveReader.ReadDirectory(directory);
        wheels.Distributions.Select(d => d.Metadata.Name).ShouldBe(["good"]);
        wheels.Diagnostics.Select(d => (Path.GetFileName(d.Location.Path), d.Message.Split(':')[0])).ShouldBe([
            ("broken-1.0-py3-none-any.whl", "cannot read wheel"),
            ("not_a_wheel.whl", "'not_a_wheel.whl' is not a wheel file name"),
        ]);
    }

    [SkippableFact]
    public void Pip_installed_free_threaded_environment_is_audited_module_by_module()
    {
        RequireNative();
        var skip = OptionalTools.SkipReason(Python313.Interpreter is null ? "CPython 3.13 with pip is needed to install the test wheels" : null);
        Skip.If(skip is not null, skip);
        var wheels = WriteWheels("pip-ft",
            Wheel("ftok", "1.0", "cp313-cp313t-linux_x86_64", ("ftok", "ft_notused"))
                .Classifier("Programming Language :: Python :: Free Threading :: 3 - Stable"),
            Wheel("ftbad", "0.9", "cp313-cp313t-linux_x86_64", ("ftbad", "ft_single_nosetgil")),
            Wheel("untagged", "1.0", "cp313-cp313t-linux_x86_64", ("untagged", "ft_notused_untagged")));
        var root = Path.Combine(_directory.Path, "ft-venv");
        var sitePackages = Path.Combine(root, "lib", "python3.13t", "site-packages");
        var install = ProcessRunner.Run(Python313.Interpreter!, [
            "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--disable-pip-version-check", "--root-user-action=ignore",
            "--target", sitePackages, "--python-version", "3.13", "--abi", "cp313t", "--platform", "linux_x86_64", "--implementation", "cp",
            "--only-binary=:all:", .. Directory.GetFiles(wheels, "*.whl").Order(StringComparer.Ordinal)]);
        install.ExitCode.ShouldBe(0, install.StandardError);

        var environment = InstalledEnvironmentReader.Read(root);
        environment.PythonVersion.ShouldBe("3.13");
        environment.IsFreeThreaded.ShouldBe(true);
        environment.Diagnostics.ShouldBeEmpty();
        var result = Audit(FreeThreadedTarget.Python313t, [environment], []);
        result.Verdicts.Select(v => (v.Name, v.Verdict, v.Confidence)).ShouldBe([
            ("ftbad", Verdict.ReenablesGil, VerdictConfidence.High),
            ("ftok", Verdict.Ok, VerdictConfidence.High),
            ("untagged", Verdict.Ok, VerdictConfidence.High),
        ]);
        var ok = result.For("ftok")!;
        ok.Anchor.ShouldBe(new SourceAnchor(Path.Combine(sitePackages, "ftok-1.0.dist-info", "METADATA"), 2, 7, 11));
        ok.ImportNames.ShouldBe(["ftok"]);
        ok.Evidence.Select(e => e.Kind).ShouldBe([EvidenceKind.ExtensionBinary, EvidenceKind.Metadata]);
    }

    [SkippableFact]
    public void Abi3_module_installed_into_a_free_threaded_environment_is_flagged()
    {
        RequireNative();
        // pip would not choose an abi3 wheel for cp313t; a hand-copied or mis-resolved file still lands there.
        var root = Path.Combine(_directory.Path, "ft-venv-abi3");
        var sitePackages = Path.Combine(root, "lib", "python3.13t", "site-packages");
        var wheel = Wheel("stable", "1.0", "cp39-abi3-linux_x86_64", ("stable", "abi3")).WriteTo(_directory.Path);
        System.IO.Compression.ZipFile.ExtractToDirectory(wheel, sitePackages);
        var environment = InstalledEnvironmentReader.Read(root);
        var verdict = Audit(FreeThreadedTarget.Python313t, [environment], []).For("stable")!;
        verdict.Verdict.ShouldBe(Verdict.NoFreeThreadedWheel);
        verdict.Evidence[0].Summary.ShouldBe(
            "stable/gilscan_limited.abi3.so is built for Abi3 (file name suffix .abi3.so); a free-threaded 3.13t interpreter cannot load it");
    }

    [SkippableFact]
    public void Gil_build_environment_shows_compiled_code_but_cannot_prove_a_free_threaded_build()
    {
        RequireNative();
        var skip = OptionalTools.SkipReason(Python313.Interpreter is null ? "CPython 3.13 with pip is needed to install the test wheels" : null);
        Skip.If(skip is not null, skip);
        var wheels = WriteWheels("pip-gil",
            Wheel("declares", "1.0", "cp313-cp313-linux_x86_64", ("declares", "gil_notused")),
            Wheel("plain", "1.0", "cp313-cp313-linux_x86_64", ("plain", "gil_noslot")),
            new WheelBuilder("purelib", "1.0").File("purelib/__init__.py", "x = 1\n"));
        var root = Path.Combine(_directory.Path, "gil-venv");
        var sitePackages = Path.Combine(root, "lib", "python3.13", "site-packages");
        var install = ProcessRunner.Run(Python313.Interpreter!, [
            "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--disable-pip-version-check", "--root-user-action=ignore",
            "--target", sitePackages, .. Directory.GetFiles(wheels, "*.whl").Order(StringComparer.Ordinal)]);
        install.ExitCode.ShouldBe(0, install.StandardError);

        // The installed GIL-build modules are real: the interpreter imports them from there.
        var import = ProcessRunner.Run(Python313.Interpreter!, ["-c",
            $"import sys; sys.path.insert(0, {Quote(sitePackages)}); import declares.mp_gil_notused as d, plain.mp_gil_noslot as p; print(d.answer(), p.answer())"]);
        import.StandardOutput.Trim().ShouldBe("42 42", import.StandardError);

        var environment = InstalledEnvironmentReader.Read(root);
        environment.IsFreeThreaded.ShouldBe(false);
        var result = Audit(FreeThreadedTarget.Python314t, [environment], []);
        result.Verdicts.Select(v => (v.Name, v.Verdict)).ShouldBe([
            ("declares", Verdict.DeclarationUnverified), ("plain", Verdict.Unknown), ("purelib", Verdict.PurePython)]);
        result.Blockers.ShouldBeEmpty();
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
