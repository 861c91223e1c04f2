using System.Diagnostics;
using System.Globalization;
using GilScan.Analysis.Engine;

namespace GilScan.Cli.Output;

/// <summary>
/// A one-line progress display on standard error, drawn from the start of the run and redrawn in
/// place: the phase (finding files, reading, parsing, building the model, checking) with its counts.
/// A new phase is drawn at once, counts at most ten times a second; the line is erased when the run
/// ends. Silent unless standard error is a terminal and no CI system runs us, so that redirected and
/// CI output stays clean.
/// </summary>
internal sealed class ProgressLine
{
    private static readonly long IntervalTicks = Stopwatch.Frequency / 10;

    private readonly TextWriter? error;
    private readonly Lock gate = new();
    private long lastDrawn;
    private bool drawn;
    private string? lastPhase;
    private int width;

    public ProgressLine(CliHost host) => error = host.ErrorIsTerminal && !host.IsContinuousIntegration ? host.Error : null;

    public bool Enabled => error is not null;

    /// <summary>Shows a phase without counts, such as "finding files".</summary>
    public void Show(string phase) => Draw(phase, phase, force: true);

    /// <summary>Shows a phase with how many of its items are done.</summary>
    public void Show(string phase, int done, int total, string items) =>
        Draw(phase, string.Create(CultureInfo.InvariantCulture, $"{phase} {done:N0}/{total:N0} {items}"), force: done == total);

    /// <summary>The driver's progress, named for a person: without project rules each file is parsed and checked in one pass.</summary>
    public AnalysisProgress ForDriver(bool hasProjectRules) => (phase, done, total) =>
    {
        switch (phase)
        {
            case AnalysisPhase.Parsing:
                Show(hasProjectRules ? "parsing" : "checking", done, total, "files");
                break;
            case AnalysisPhase.Model:
                Show("building the project model");
                break;
            default:
                Show("checking", done, total, "files");
                break;
        }
    };

    public void Clear()
    {
        if (error is null)
        {
            return;
        }

        lock (gate)
        {
            if (width > 0)
            {
                error.Write("\r" + new string(' ', width) + "\r");
                error.Flush();
                width = 0;
            }
        }
    }

    private void Draw(string phase, string text, bool force)
    {
        if (error is null)
        {
            return;
        }

        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            var newPhase = !string.Equals(phase, lastPhase, StringComparison.Ordinal);
            if (drawn && !newPhase && !force && now - lastDrawn < IntervalTicks)
            {
                return;
            }

            drawn = true;
            lastDrawn = now;
            lastPhase = phase;
            var line = "gilscan: " + text;
            var padded = line.PadRight(width);
            width = Math.Max(width, line.Length);
            error.Write("\r" + padded);
            error.Flush();
        }
    }
}
