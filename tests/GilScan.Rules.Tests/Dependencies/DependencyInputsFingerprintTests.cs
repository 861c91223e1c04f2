using GilScan.Dependencies.Audit;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>The fingerprint of the non-Python inputs that keys cached GIL401-403 results: it changes exactly when they do.</summary>
public sealed class DependencyInputsFingerprintTests
{
    [Fact]
    public void It_is_stable_while_nothing_changes_and_ignores_python_files()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        var before = DependencyInputsFingerprint.Of(project.Root);

        project.Write("sample_app/new_module.py", "import yaml\n");

        DependencyInputsFingerprint.Of(project.Root).ShouldBe(before);
        before.Length.ShouldBe(64);
    }

    [Fact]
    public void A_changed_lockfile_or_manifest_changes_it()
    {
        using var project = FixtureProjects.Copy(FixtureProjects.Sample);
        var before = DependencyInputsFingerprint.Of(project.Root);

        File.AppendAllText(Path.Combine(project.Root, "uv.lock"), "\n");
        var afterLock = DependencyInputsFingerprint.Of(project.Root);
        File.AppendAllText(Path.Combine(project.Root, "pyproject.toml"), "\n");
        var afterManifest = DependencyInputsFingerprint.Of(project.Root);

        afterLock.ShouldNotBe(before);
        afterManifest.ShouldNotBe(afterLock);
    }

    [Fact]
    public void A_requirement_file_included_from_outside_the_root_counts()
    {
        using var workspace = new TemporaryProject();
        workspace.Write("common/base.txt", "pyyaml==6.0.2\n");
        var root = Path.GetDirectoryName(workspace.Write("service/requirements.txt", "-r ../common/base.txt\n"))!;
        var before = DependencyInputsFingerprint.Of(root);

        workspace.Write("common/base.txt", "pyyaml==6.0.3\n");

        DependencyInputsFingerprint.Of(root).ShouldNotBe(before);
    }

    [Fact]
    public void Installing_a_package_in_the_project_environment_changes_it()
    {
        using var project = new TemporaryProject();
        project.Write("requirements.txt", "pyyaml\n");
        project.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        project.Write(".venv/lib/python3.14t/site-packages/pyyaml-6.0.2.dist-info/METADATA", "Name: PyYAML\nVersion: 6.0.2\n");
        var before = DependencyInputsFingerprint.Of(project.Root);

        project.Write(".venv/lib/python3.14t/site-packages/orjson-3.11.3.dist-info/METADATA", "Name: orjson\nVersion: 3.11.3\n");

        DependencyInputsFingerprint.Of(project.Root).ShouldNotBe(before);
        DependencyInputsFingerprint.Of(project.Root, new DependencyAuditOptions { FindProjectEnvironment = false })
            .ShouldNotBe(DependencyInputsFingerprint.Of(project.Root));
    }

    [Fact]
    public void The_target_is_part_of_it()
    {
        DependencyInputsFingerprint.Of(FixtureProjects.Sample, new DependencyAuditOptions { Target = FreeThreadedTarget.Python313t })
            .ShouldNotBe(DependencyInputsFingerprint.Of(FixtureProjects.Sample));
    }
}
