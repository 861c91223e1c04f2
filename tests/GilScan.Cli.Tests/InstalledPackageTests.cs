using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// Calls followed into installed pure-Python packages (fixtures/projects/installed-packages, whose
/// .venv holds a hand-written cipher package, a stand-in for a catalogued package and a package with
/// threads of its own): what is reported, where the paths stop, and what is never read or reported.
/// </summary>
public sealed class InstalledPackageTests
{
    private static readonly string Project = RepositoryRoot.Combine("fixtures", "projects", "installed-packages");

    private const string SealTask = "is CPU-bound pure Python ('loop over the values of parameter \"message\", ~2,020 operations per item in the installed package tinycipher (tinycipher.rounds.KeyStream.apply)')";

    [Fact]
    public void Tasks_that_spend_their_time_in_an_installed_package_are_reported_at_the_project_call()
    {
        var result = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--select", "GIL1,GIL2,GIL5");

        result.Out.ShouldBe(
            $"""
            app.py:18:17: GIL102 'seal' is sent to 'ThreadPoolExecutor.map' but {SealTask}; under the GIL the pool's threads run it one at a time.
            app.py:23:18: GIL102 'seal' is sent to 'AbstractEventLoop.run_in_executor' but {SealTask}; under the GIL the pool's threads run it one at a time.
            Found 2 findings.

            """);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Without_an_environment_the_package_is_unknown_and_nothing_is_reported()
    {
        using var copy = new TempDirectory();
        File.Copy(Path.Combine(Project, "app.py"), Path.Combine(copy.Path, "app.py"));

        var result = CliRun.Run(CliRun.Shipped, copy.Path, "check", "--no-cache", "--select", "GIL1,GIL2,GIL5");

        result.Out.ShouldBe("All checks passed!\n");
        result.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void An_environment_outside_the_project_is_named_with_python_env_and_the_paths_stay_in_the_project()
    {
        using var copy = new TempDirectory();
        var project = Directory.CreateDirectory(Path.Combine(copy.Path, "project")).FullName;
        File.Copy(Path.Combine(Project, "app.py"), Path.Combine(project, "app.py"));
        CopyTree(Path.Combine(Project, ".venv"), Path.Combine(copy.Path, "env"));

        var result = CliRun.Run(CliRun.Shipped, project, "check", "--no-cache", "--select", "GIL102", "--python-env", "../env", "--format", "sarif");

        using var sarif = JsonDocument.Parse(result.Out);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(2);
        var uris = results.SelectMany(r => r.EnumerateObject().Where(p => p.Name is "locations" or "relatedLocations").SelectMany(p => p.Value.EnumerateArray()))
            .Select(l => l.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()).Distinct().ToList();
        uris.ShouldBe(["app.py"]);
        results[0].GetProperty("message").GetProperty("text").GetString().ShouldNotBeNull().ShouldContain("in the installed package tinycipher (tinycipher.rounds.KeyStream.apply)");
    }

    [Fact]
    public void A_python_env_that_does_not_exist_is_a_usage_error()
    {
        var result = CliRun.Run(CliRun.Shipped, Project, "check", "--no-cache", "--python-env", "no-such-env");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--python-env: no such folder:");
    }

    [Fact]
    public void A_project_module_shadows_an_installed_package_of_the_same_name()
    {
        using var copy = new TempDirectory();
        File.Copy(Path.Combine(Project, "app.py"), Path.Combine(copy.Path, "app.py"));
        CopyTree(Path.Combine(Project, ".venv"), Path.Combine(copy.Path, ".venv"));
        File.WriteAllText(Path.Combine(copy.Path, "tinycipher.py"), "def encrypt(key, message):\n    return message\n");

        var result = CliRun.Run(CliRun.Shipped, copy.Path, "check", "--no-cache", "--select", "GIL1,GIL2,GIL5");

        result.Out.ShouldBe("All checks passed!\n");
    }

    [Fact]
    public void Reading_stops_at_the_module_cap_and_the_run_says_so()
    {
        using var project = new TempDirectory();
        project.Write("app.py", "import chain0\n\ndef run():\n    return chain0.step()\n");
        project.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        // A chain of 450 installed modules, each importing the next.
        for (var i = 0; i < 450; i++)
        {
            project.Write($".venv/lib/python3.12/site-packages/chain{i}.py", $"import chain{i + 1}\n\ndef step():\n    return {i}\n");
        }

        var result = CliRun.Run(CliRun.Shipped, project.Path, "check", "--no-cache", "--select", "GIL101");

        result.ExitCode.ShouldBe(0);
        result.Error.ShouldContain("followed 400 modules");
        result.Error.ShouldContain("of installed packages, the most gilscan reads");
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
