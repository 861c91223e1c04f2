using System.Collections.Immutable;
using GilScan.Confirmation.Targets;

namespace GilScan.Cli.Confirm;

/// <summary>What <c>--confirm</c> and its companions asked for (see the README, "Confirmation").</summary>
internal sealed record ConfirmOptions
{
    /// <summary><c>--python PATH</c>, in the order given; the first is the project's interpreter.</summary>
    public ImmutableArray<string> Pythons { get; init; } = [];

    /// <summary><c>--cores 0-3</c>; null means every core gilscan may use.</summary>
    public CoreSet? Cores { get; init; }

    /// <summary><c>--repeat N</c>.</summary>
    public int Repeat { get; init; } = ConfirmationSettings.Default.Repeat;

    /// <summary><c>--confirm-timeout S</c>: the limit for one interpreter's measurement of one target.</summary>
    public TimeSpan Timeout { get; init; } = ConfirmationSettings.Default.Timeout;

    /// <summary><c>--keep-harness</c>.</summary>
    public bool KeepHarness { get; init; }

    /// <summary>
    /// Measure thread work at every k from 2 up to the number of cores, not only at that number, so that
    /// the chart draws speedup against k (<c>audit</c>); the verdict is decided at k = the number of cores.
    /// </summary>
    public bool EveryK { get; init; }
}
