using System.Diagnostics;
using System.Globalization;

namespace GilScan.Cli.Output;

/// <summary>
/// A one-line progress counter on standard error for long runs, redrawn in place at most ten times
/// a second and only after the first half second; erased when the run ends. Silent unless standard
/// error is a terminal and no CI system runs us, so redirected and CI output stays clean.
/// </summary>
internal sealed class ProgressLine
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter? error;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private TimeSpan lastDrawn = TimeSpan.MinValue;
    private int width;

    public ProgressLine(CliHost host) => error = host.ErrorIsTerminal && !host.IsContinuousIntegration ? host.Error : null;

    public bool Enabled => error is not null;

    public void Report(int done, int total)
    {
        if (error is null || clock.Elapsed < Delay)
        {
            return;
        }

        lock (gate)
        {
            var now = clock.Elapsed;
            if (now - lastDrawn < Interval && done != total)
            {
                return;
            }

            lastDrawn = now;
            var text = string.Create(CultureInfo.InvariantCulture, $"gilscan: checked {done:N0} of {total:N0} files");
            width = Math.Max(width, text.Length);
            error.Write("\r" + text.PadRight(width));
            error.Flush();
        }
    }

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
}
