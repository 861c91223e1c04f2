using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Harness;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Tests;

/// <summary>The generated script: what it says it runs, the CONFIG it carries, and the import probe run for real.</summary>
public sealed class HarnessScriptTests
{
    [SkippableFact]
    public void The_script_starts_with_what_it_runs_and_its_config_as_python_literals()
    {
        var target = new ConfirmationTarget
        {
            ProjectRoot = "/p",
            Module = "app.jobs",
            Function = "Jobs.crunch",
            Kind = ConfirmationKind.ThreadWork,
            Arguments = [1000, "it's"],
            KeywordArguments = ImmutableSortedDictionary<string, PythonValue>.Empty.Add("mode", "fast"),
            Scale = ArgumentScale.Fixed(0.5),
        };

        var lines = HarnessScript.Generate(target, CoreSet.Of([0, 1, 2]), [1, 3]).Split('\n');

        lines[0].ShouldBe("# gilscan confirmation harness (generated): GIL101/GIL102 thread work, 1 thread vs k threads vs k processes");
        lines[1].ShouldBe("# It runs project code: app.jobs.Jobs.crunch(1000, 'it\\'s', mode='fast')");
        lines[3].ShouldBe("CONFIG = {'module': 'app.jobs', 'function': 'Jobs.crunch', 'args': (1000, 'it\\'s'), 'kwargs': {'mode': 'fast'}, 'scale': 0.5, "
            + "'targetCallSeconds': 0.2, 'levels': [1, 3], 'repeat': 5, 'cores': [0, 1, 2], 'searchPaths': ['/p'], 'heartbeatSeconds': 0.005, 'watchdogSeconds': 70}");
        lines.ShouldContain("def _own_process_group():");
        lines[^2].ShouldBe("    sys.exit(run(main))");
    }

    [SkippableFact]
    public void A_src_layout_puts_src_on_the_path_first()
    {
        var project = Directory.CreateTempSubdirectory("gilscan-src-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(project, "src", "app"));
            var target = new ConfirmationTarget { ProjectRoot = project, Module = "app.jobs", Function = "f", Kind = ConfirmationKind.ThreadWork };

            target.ResolveSearchPaths().ShouldBe([Path.Combine(project, "src"), project]);
            (target with { Module = "other" }).ResolveSearchPaths().ShouldBe([project]);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [SkippableFact]
    public async Task The_import_probe_reports_the_gil_and_the_runtime_warnings_of_an_import()
    {
        var target = DemoTargets.Target("demo.warns", "", ConfirmationKind.ImportProbe);
        var run = await RunHarness(target);

        run.Status.ShouldBe(RunStatus.Measured, run.Problem);
        run.Import!.GilEnabledBefore.ShouldBeTrue();
        run.Import.GilEnabledAfter.ShouldBeTrue();
        run.Import.RuntimeWarnings.ShouldBe(["pretend: the GIL has been enabled to load module 'demo.warns'"]);
        run.Import.ImportEnabledTheGil.ShouldBeFalse();
    }

    [SkippableFact]
    public async Task The_import_probe_reports_an_import_that_fails()
    {
        var run = await RunHarness(DemoTargets.Target("demo.vectorised", "", ConfirmationKind.ImportProbe));

        run.Status.ShouldBe(RunStatus.Failed);
        run.Problem.ShouldBe("importing 'demo.vectorised' failed under CPython 3.13.0: ModuleNotFoundError: No module named 'numpy'");
    }

    [SkippableFact]
    public async Task Without_a_free_threaded_interpreter_an_import_probe_runs_nothing_and_says_why()
    {
        var machine = MachineInterpreters.Get();
        var result = await new ConfirmationEngine(new ProcessGroupRunner()).ConfirmAsync(
            DemoTargets.Target("demo.warns", "", ConfirmationKind.ImportProbe), [machine.CPython313, machine.PyPy]);

        result.Runs.ShouldBeEmpty();
        result.Verdict.ShouldBe(Verdict.Inconclusive);
        result.Reason.ShouldBe("no free-threaded interpreter was found (python3.13t, python3.14t on PATH); name one with --python to probe the import");
    }

    private static async Task<InterpreterRun> RunHarness(ConfirmationTarget target)
    {
        var interpreter = MachineInterpreters.Get().CPython313;
        var folder = Directory.CreateTempSubdirectory("gilscan-probe-").FullName;
        try
        {
            var script = Path.Combine(folder, "probe.py");
            await File.WriteAllTextAsync(script, HarnessScript.Generate(target, CoreSet.Of([0, 1]), [2]));
            var outcome = await new ProcessGroupRunner().RunAsync(new ProcessRequest
            {
                FileName = interpreter.Command,
                Arguments = [script],
                WorkingDirectory = target.ProjectRoot,
                Timeout = TimeSpan.FromSeconds(30),
            });
            return HarnessOutput.Read(interpreter, target, outcome);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
