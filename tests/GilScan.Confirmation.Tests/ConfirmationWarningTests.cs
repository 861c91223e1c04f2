using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Targets;
using static GilScan.Confirmation.Tests.Figures;

namespace GilScan.Confirmation.Tests;

/// <summary>Before anything runs, the user is told which project code will be imported and called, and how.</summary>
public sealed class ConfirmationWarningTests
{
    [Fact]
    public void The_warning_names_every_import_and_call_the_interpreters_and_the_limits()
    {
        var settings = ConfirmationSettings.Default with { Cores = CoreSet.Of([0, 1]), Timeout = TimeSpan.FromSeconds(60) };
        ConfirmationTarget[] targets =
        [
            new() { ProjectRoot = "/srv/app", Module = "app.jobs", Function = "crunch", Kind = ConfirmationKind.ThreadWork, Arguments = [10], Settings = settings },
            new() { ProjectRoot = "/srv/app", Module = "app.api", Function = "handler", Kind = ConfirmationKind.CoroutineWork, Settings = settings },
            new() { ProjectRoot = "/srv/app", Module = "fastext", Kind = ConfirmationKind.ImportProbe, Settings = settings },
        ];

        ConfirmationWarning.Describe(targets, [CPython, PyPy]).ShouldBe("""
            warning: --confirm runs project code.
            It will import, and call, from /srv/app:
              import app.api; app.api.handler()
              import app.jobs; app.jobs.crunch(10)
              import fastext   (in a fresh free-threaded interpreter)
            under CPython 3.13.0 (/usr/local/bin/python3.13), PyPy 7.3.11 (Python 3.9.16) (/usr/bin/pypy3).
            Each measurement runs in its own process group, pinned to cores 0-1, and is killed after 60 s.
            The generated harness scripts go to the temp folder and are deleted afterwards (--keep-harness keeps them).
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Nothing_to_confirm_is_said_plainly() =>
        ConfirmationWarning.Describe([], [CPython]).ShouldBe("warning: --confirm runs project code. Nothing to confirm: no finding can be measured.");
}
