using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Inputs;

public sealed class ProjectInputsTests
{
    [Fact]
    public void A_project_root_yields_its_manifest_lockfile_requirements_and_venv_once_each()
    {
        using var project = new TemporaryDirectory();
        project.Write("pyproject.toml", "[project]\nname = \"svc\"\nversion = \"1\"\ndependencies = [\"orjson>=3\"]\n");
        File.Copy(RepositoryPaths.Fixture("uv", "uv.lock"), Path.Combine(project.Path, "uv.lock"));
        project.Write("requirements.txt", "orjson==3.11.3\n");
        project.Write("requirements-dev.txt", "-r requirements.txt\npytest==8.4.2\n");
        project.Write(Path.Combine(".venv", "pyvenv.cfg"), "home = /usr/bin\nversion = 3.14.0\n");
        var sitePackages = Path.Combine(".venv", "lib", "python3.14t", "site-packages");
        project.Write(Path.Combine(sitePackages, "six-1.17.0.dist-info", "METADATA"), "Metadata-Version: 2.1\nName: six\nVersion: 1.17.0\n");
        project.Write(Path.Combine(sitePackages, "six-1.17.0.dist-info", "RECORD"), "six.py,sha256=x,10\nsix-1.17.0.dist-info/RECORD,,\n");
        project.Write(Path.Combine(sitePackages, "six.py"), "");

        var inputs = ProjectInputs.Load(project.Path);
        inputs.Files.Select(f => (Path.GetFileName(f.Path), f.Kind)).ShouldBe([
            ("pyproject.toml", InputKind.PyprojectToml), ("requirements-dev.txt", InputKind.RequirementsTxt), ("uv.lock", InputKind.UvLock)]);
        inputs.Files[1].IncludedFiles!.Select(Path.GetFileName).ShouldBe(["requirements.txt"]);
        var environment = inputs.Environments.ShouldHaveSingleItem();
        (environment.PythonVersion, environment.IsFreeThreaded).ShouldBe(("3.14", true));
        inputs.Diagnostics.ShouldBeEmpty();

        var result = DependencyAuditor.Audit(inputs, FreeThreadedTarget.Python314t);
        var orjson = result.For("orjson")!;
        orjson.Anchor.Path.ShouldEndWith("pyproject.toml");
        orjson.OtherAnchors.Select(a => Path.GetFileName(a.Path)).ShouldBe(["uv.lock", "requirements.txt"]);
        result.For("six")!.Verdict.ShouldBe(Verdict.PurePython);
        result.For("pytest")!.Verdict.ShouldBe(Verdict.Unknown);
    }

    [Fact]
    public void A_venv_whose_lib64_links_to_lib_is_read_once()
    {
        using var project = new TemporaryDirectory();
        var sitePackages = Path.Combine(".venv", "lib", "python3.14t", "site-packages");
        project.Write(Path.Combine(sitePackages, "six-1.17.0.dist-info", "METADATA"), "Metadata-Version: 2.1\nName: six\nVersion: 1.17.0\n");
        project.Write(Path.Combine(sitePackages, "six-1.17.0.dist-info", "RECORD"), "six.py,sha256=x,10\n");
        Directory.CreateSymbolicLink(Path.Combine(project.Path, ".venv", "lib64"), "lib");

        InstalledEnvironmentReader.FindSitePackages(Path.Combine(project.Path, ".venv")).ShouldHaveSingleItem();
        InstalledEnvironmentReader.Read(Path.Combine(project.Path, ".venv")).Distributions.ShouldHaveSingleItem();
    }
}
