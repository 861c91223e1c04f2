using System.Diagnostics;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Running;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Tests;

/// <summary>Runs end cleanly: a timeout takes the whole process group, and nothing a program does throws.</summary>
public sealed class ProcessGroupRunnerTests
{
    private readonly ProcessGroupRunner _runner = new();

    [SkippableFact]
    public async Task A_timeout_kills_the_leader_and_every_process_it_started_in_its_group()
    {
        _ = MachineInterpreters.Get().CPython313;
        const string script = """
            import os, subprocess, sys, time
            os.setpgid(0, 0)
            for _ in range(3):
                subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
            print("started", flush=True)
            time.sleep(600)
            """;
        var clock = Stopwatch.StartNew();
        var outcome = await _runner.RunAsync(new ProcessRequest
        {
            FileName = MachineInterpreters.CPython313Path,
            Arguments = ["-c", script],
            WorkingDirectory = Path.GetTempPath(),
            Timeout = TimeSpan.FromSeconds(2),
        });

        outcome.End.ShouldBe(ProcessEnd.TimedOut);
        outcome.StandardOutput.ShouldBe("started\n");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        await WaitUntilGone(outcome.ProcessId!.Value);
    }

    [SkippableFact]
    public async Task Children_a_hanging_target_starts_die_with_the_harness()
    {
        var marker = "gilscan-test-" + Guid.NewGuid().ToString("N");
        var target = DemoTargets.Target("demo.spawner", "hangs_with_children", ConfirmationKind.ThreadWork, 2, marker) with
        {
            Settings = DemoTargets.TestSettings with { Repeat = 1, Timeout = TimeSpan.FromSeconds(3) },
        };
        var result = await new ConfirmationEngine(_runner).ConfirmAsync(target, [MachineInterpreters.Get().CPython313]);

        result.Runs.Single().Status.ShouldBe(RunStatus.TimedOut);
        var deadline = Stopwatch.StartNew();
        while (ProcessesWithArgument(marker).Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
        }

        ProcessesWithArgument(marker).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_program_that_does_not_exist_fails_to_start_without_an_exception()
    {
        var outcome = await _runner.RunAsync(new ProcessRequest
        {
            FileName = "/nonexistent/python3",
            WorkingDirectory = Path.GetTempPath(),
            Timeout = TimeSpan.FromSeconds(5),
        });

        outcome.End.ShouldBe(ProcessEnd.FailedToStart);
        outcome.StartError.ShouldNotBeNullOrEmpty();
    }

    [SkippableFact]
    public async Task Only_the_tail_of_a_flood_of_output_is_kept()
    {
        _ = MachineInterpreters.Get().CPython313;
        var outcome = await _runner.RunAsync(new ProcessRequest
        {
            FileName = MachineInterpreters.CPython313Path,
            Arguments = ["-c", "import sys\nfor i in range(200000): sys.stdout.write('%07d\\n' % i)"],
            WorkingDirectory = Path.GetTempPath(),
            Timeout = TimeSpan.FromSeconds(20),
            MaxCapturedChars = 80,
        });

        outcome.End.ShouldBe(ProcessEnd.Exited);
        outcome.ExitCode.ShouldBe(0);
        outcome.StandardOutput.ShouldBe(string.Concat(Enumerable.Range(199990, 10).Select(i => $"{i:0000000}\n")));
    }

    [SkippableFact]
    public async Task Environment_changes_set_and_remove_variables()
    {
        _ = MachineInterpreters.Get().CPython313;
        var outcome = await _runner.RunAsync(new ProcessRequest
        {
            FileName = MachineInterpreters.CPython313Path,
            Arguments = ["-c", "import os; print(os.environ.get('GILSCAN_SET'), os.environ.get('HOME'))"],
            WorkingDirectory = Path.GetTempPath(),
            Timeout = TimeSpan.FromSeconds(20),
            Environment = System.Collections.Immutable.ImmutableSortedDictionary<string, string?>.Empty.Add("GILSCAN_SET", "yes").Add("HOME", null),
        });

        outcome.StandardOutput.ShouldBe("yes None\n");
    }

    private static async Task WaitUntilGone(int groupId)
    {
        var clock = Stopwatch.StartNew();
        while (ProcGroups.LiveMembers(groupId).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
        }

        ProcGroups.LiveMembers(groupId).ShouldBeEmpty();
    }

    private static List<int> ProcessesWithArgument(string marker)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var state = File.ReadAllText(Path.Combine(folder, "stat"));
                var alive = state[(state.LastIndexOf(')') + 2)] != 'Z';
                if (alive && File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0').Contains(marker))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        return found;
    }
}
