using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;

namespace GilScan.Confirmation.Reporting;

/// <summary>
/// The audit report's chart for a coroutine finding: the loop lag figures as bars against the latency
/// budget, with the machine's own lag (the heartbeat alone) for comparison.
/// </summary>
public static class LagChart
{
    private const double Width = 600;
    private const double Left = 150;
    private const double PlotWidth = 400;
    private const double Top = 34;
    private const double BarHeight = 18;
    private const double Gap = 8;

    /// <summary>The chart as an SVG document, or null when there is nothing to draw.</summary>
    public static string? Render(Results.ConfirmationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Target.Kind != ConfirmationKind.CoroutineWork || result.Runs.FirstOrDefault()?.Coroutine is not { } lag)
        {
            return null;
        }

        (string Label, double Ms)[] bars =
        [
            ("worst lag", lag.WorstLagMs),
            ("typical worst lag", lag.TypicalWorstLagMs),
            ("p99 lag", lag.P99LagMs),
            ("machine alone", lag.BaselineWorstLagMs),
        ];
        var scale = Math.Max(lag.BudgetMs * 1.25, bars.Max(b => b.Ms) * 1.1);
        double X(double ms) => Left + (ms / scale * PlotWidth);
        var height = Top + (bars.Length * (BarHeight + Gap)) + 30;

        var title = $"{result.Target.Key}: event-loop lag ({ConfirmationProperty.VerdictName(result.Verdict)})";
        var svg = new SvgWriter(Width, height, title);
        svg.Text("title", title);
        svg.Text("desc", result.Reason);
        svg.Text("text", title, ("x", "10"), ("y", "18"), ("font-size", "13"), ("font-weight", "bold"));
        var y = Top;
        foreach (var (label, ms) in bars)
        {
            var over = ms > lag.BudgetMs;
            svg.Text("text", label, ("x", SvgWriter.Number(Left - 8)), ("y", SvgWriter.Number(y + 13)), ("text-anchor", "end"), ("fill", "#222222"));
            svg.Element("rect", ("x", SvgWriter.Number(Left)), ("y", SvgWriter.Number(y)), ("width", SvgWriter.Number(Math.Max(1, X(ms) - Left))),
                ("height", SvgWriter.Number(BarHeight)), ("fill", over ? "#d62728" : "#2ca02c"));
            svg.Text("text", Figures.Milliseconds(ms), ("x", SvgWriter.Number(X(ms) + 4)), ("y", SvgWriter.Number(y + 13)), ("fill", "#222222"));
            y += BarHeight + Gap;
        }

        svg.Element("line", ("x1", SvgWriter.Number(X(lag.BudgetMs))), ("y1", SvgWriter.Number(Top - 4)), ("x2", SvgWriter.Number(X(lag.BudgetMs))), ("y2", SvgWriter.Number(y)),
            ("stroke", "#444444"), ("stroke-dasharray", "4 4"));
        svg.Text("text", $"budget {Figures.Milliseconds(lag.BudgetMs)}", ("x", SvgWriter.Number(X(lag.BudgetMs))), ("y", SvgWriter.Number(y + 14)),
            ("text-anchor", "middle"), ("fill", "#444444"));
        return svg.Finish();
    }
}
