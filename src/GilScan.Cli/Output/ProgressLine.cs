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

    private readonly TextWriter? _error;
    private readonly Lock _gate = new();
    private long _lastDrawn;
    private bool _drawn;
    private string? _lastPhase;
    private int _width;

    public ProgressLine(CliHost host) => _error = host.ErrorIsTerminal && !host.IsContinuousIntegration ? host.Error : null;

    public bool Enabled => _error is not null;

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
        if (_error is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_width > 0)
            {
                _error.Write("\r" + new string(' ', _width) + "\r");
                _error.Flush();
                _width = 0;
            }
        }
    }

    private void Draw(string phase, string text, bool force)
    {
        if (_error is null)
        {
            return;
        }

        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var newPhase = !string.Equals(phase, _lastPhase, StringComparison.Ordinal);
            if (_drawn && !newPhase && !force && now - _lastDrawn < IntervalTicks)
            {
                return;
            }

            _drawn = true;
            _lastDrawn = now;
            _lastPhase = phase;
            var line = "gilscan: " + text;
            var padded = line.PadRight(_width);
            _width = Math.Max(_width, line.Length);
            _error.Write("\r" + padded);
            _error.Flush();
        }
    }
}
