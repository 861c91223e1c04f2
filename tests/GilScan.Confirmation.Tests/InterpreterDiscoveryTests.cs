using System.Diagnostics;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Running;

namespace GilScan.Confirmation.Tests;

/// <summary>Interpreters are found where a Python user expects and identified by running them once.</summary>
public sealed class InterpreterDiscoveryTests
{
    private readonly InterpreterDiscovery _discovery = new(new ProcessGroupRunner());

    [SkippableFact]
    public async Task Named_interpreters_are_identified_by_implementation_version_and_gil()
    {
        MachineInterpreters.RequireAll();
        var found = await _discovery.DiscoverAsync(new DiscoveryRequest
        {
            ProjectRoot = RepositoryRoot.DemoProject,
            Named = [MachineInterpreters.CPython313Path, "/usr/bin/python3", "/usr/bin/pypy3"],
            FindOthers = false,
        });

        found.Problems.ShouldBeEmpty();
        found.Interpreters.Select(i => (i.Implementation, i.Version, i.ImplementationVersion, i.GilDisabledBuild, i.GilEnabledAtStart, i.Origin)).ShouldBe(
        [
            ("cpython", "3.13.0", "3.13.0", false, (bool?)true, InterpreterOrigin.Named),
            ("cpython", "3.11.2", "3.11.2", false, (bool?)null, InterpreterOrigin.Named),
            ("pypy", "3.9.16", "7.3.11", false, (bool?)null, InterpreterOrigin.Named),
        ]);
        found.Interpreters.Select(i => i.Name).ShouldBe(["CPython 3.13.0", "CPython 3.11.2", "PyPy 7.3.11 (Python 3.9.16)"]);
        found.Interpreters[0].Prefix.ShouldBe(Path.GetDirectoryName(Path.GetDirectoryName(MachineInterpreters.CPython313Path)));
        found.Project!.Command.ShouldBe(MachineInterpreters.CPython313Path);
    }

    [SkippableFact]
    public async Task Without_python_the_project_venv_comes_first_and_pypy_is_found_on_path()
    {
        MachineInterpreters.RequireAll();
        var project = Directory.CreateTempSubdirectory("gilscan-venv-").FullName;
        try
        {
            await MakeVenv(project);
            var found = await _discovery.DiscoverAsync(new DiscoveryRequest { ProjectRoot = project, SearchPath = "/usr/bin" });

            found.Problems.ShouldBeEmpty();
            found.Interpreters.Select(i => (i.Origin, i.Implementation, i.Version)).ShouldBe(
            [
                (InterpreterOrigin.ProjectEnvironment, "cpython", "3.13.0"),
                (InterpreterOrigin.FoundOnPath, "pypy", "3.9.16"),
            ]);
            var venv = found.Interpreters[0];
            venv.Command.ShouldBe(Path.Combine(project, ".venv", "bin", "python3"));
            venv.Prefix.ShouldBe(Path.Combine(project, ".venv"));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Without_python_or_venv_python3_on_path_is_the_projects_interpreter()
    {
        _ = MachineInterpreters.Get().DebianPython;
        var found = await _discovery.DiscoverAsync(new DiscoveryRequest
        {
            ProjectRoot = RepositoryRoot.DemoProject,
            SearchPath = "/usr/bin",
            FindOthers = false,
        });

        found.Interpreters.Single().Origin.ShouldBe(InterpreterOrigin.PathPython);
        found.Interpreters.Single().Command.ShouldBe("/usr/bin/python3");
    }

    [SkippableFact]
    public async Task The_same_interpreter_named_twice_counts_once_but_a_venv_of_it_is_another()
    {
        _ = MachineInterpreters.Get().CPython313;
        var project = Directory.CreateTempSubdirectory("gilscan-venv-").FullName;
        try
        {
            await MakeVenv(project);
            var venvPython = Path.Combine(project, ".venv", "bin", "python3");
            var found = await _discovery.DiscoverAsync(new DiscoveryRequest
            {
                ProjectRoot = project,
                Named = [MachineInterpreters.CPython313Path, venvPython, MachineInterpreters.CPython313Path],
                FindOthers = false,
            });

            found.Interpreters.Select(i => i.Command).ShouldBe([MachineInterpreters.CPython313Path, venvPython]);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Names_that_are_not_interpreters_are_reported_not_thrown()
    {
        var found = await _discovery.DiscoverAsync(new DiscoveryRequest
        {
            ProjectRoot = RepositoryRoot.DemoProject,
            Named = ["/nonexistent/python3", "no-such-python-anywhere", "/bin/false"],
            FindOthers = false,
        });

        found.Interpreters.ShouldBeEmpty();
        found.Problems.ShouldBe(
        [
            "--python '/nonexistent/python3' is not an executable file or a program on PATH.",
            "--python 'no-such-python-anywhere' is not an executable file or a program on PATH.",
            "'/bin/false' is not a usable Python interpreter: it exited with code 1.",
        ]);
    }

    private static async Task MakeVenv(string project)
    {
        using var venv = Process.Start(new ProcessStartInfo(MachineInterpreters.CPython313Path, ["-m", "venv", "--without-pip", Path.Combine(project, ".venv")])
        {
            RedirectStandardError = true,
        })!;
        await venv.WaitForExitAsync();
        venv.ExitCode.ShouldBe(0, await venv.StandardError.ReadToEndAsync());
    }
}
