using System.CommandLine;
using GilScan.Cli.Confirm;
using GilScan.Confirmation.Targets;

namespace GilScan.Cli.Commands;

/// <summary>
/// <c>--confirm</c> and its companions, declared once for <c>check</c> and <c>audit</c>: the command adds
/// them and reads them into the <see cref="ConfirmOptions"/> of its run (null without <c>--confirm</c>).
/// </summary>
internal sealed class ConfirmRunOptions
{
    public Option<bool> Confirm { get; } = new("--confirm") { Description = "Measure each confirmable finding (GIL101, GIL102, GIL201; GIL401 and GIL403 under a free-threaded interpreter) by running the flagged code: this imports and runs project code." };

    public Option<string[]> Python { get; } = new("--python") { Description = "With --confirm: an interpreter to measure with (repeatable; the first is the project's; default: the project's .venv, else python3). Free-threaded builds and PyPy on PATH are added." };

    public Option<string?> Cores { get; } = new("--cores") { Description = "With --confirm: the cores to pin measurements to, such as 0-3 or 0,2 (default: every core gilscan may use); k = their number." };

    public Option<int?> Repeat { get; } = new("--repeat") { Description = "With --confirm: repeats of each measurement; the median is reported (default: 5)." };

    public Option<double?> Timeout { get; } = new("--confirm-timeout") { Description = "With --confirm: seconds one interpreter may take to measure one finding before it is killed (default: 60)." };

    public Option<bool> KeepHarness { get; } = new("--keep-harness") { Description = "With --confirm: keep the generated harness scripts and print where they are." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Confirm, Python, Cores, Repeat, Timeout, KeepHarness })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The confirmation settings (null without --confirm), or the usage error: a companion without --confirm, a bad core list, repeat or timeout.</summary>
    public (ConfirmOptions? Options, string? UsageError) Read(ParseResult parse)
    {
        var pythons = parse.GetValue(Python) ?? [];
        var cores = parse.GetValue(Cores);
        var repeat = parse.GetValue(Repeat);
        var timeout = parse.GetValue(Timeout);
        var keepHarness = parse.GetValue(KeepHarness);
        if (!parse.GetValue(Confirm))
        {
            var stray = (pythons.Length > 0 ? Python.Name : null) ?? (cores is not null ? Cores.Name : null) ?? (repeat is not null ? Repeat.Name : null)
                ?? (timeout is not null ? Timeout.Name : null) ?? (keepHarness ? KeepHarness.Name : null);
            return (null, stray is null ? null : $"{stray} only applies with --confirm");
        }

        CoreSet? coreSet = null;
        if (cores is not null && !CoreSet.TryParse(cores, out coreSet, out var coreError))
        {
            return (null, $"--cores: {coreError}");
        }

        if (repeat is < 1)
        {
            return (null, "--repeat must be at least 1");
        }

        if (timeout is { } seconds && !(double.IsFinite(seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2))
        {
            return (null, "--confirm-timeout must be a positive number of seconds");
        }

        return (new ConfirmOptions
        {
            Pythons = [.. pythons],
            Cores = coreSet,
            Repeat = repeat ?? ConfirmationSettings.Default.Repeat,
            Timeout = timeout is { } limit ? TimeSpan.FromSeconds(limit) : ConfirmationSettings.Default.Timeout,
            KeepHarness = keepHarness,
        }, null);
    }
}
