using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Reporting;

/// <summary>
/// The audit report's chart for a thread-work finding: speedup against k for threads under each
/// interpreter (GIL build, free-threaded build, PyPy) and for processes under the project's interpreter,
/// with the ideal line speedup = k. Every series starts at (1, 1): one worker is the sequential baseline.
/// </summary>
public static class SpeedupChart
{
    private const double Width = 720;
    private const double Height = 320;
    private const double Left = 48;
    private const double Top = 34;
    private const double PlotWidth = 330;
    private const double PlotHeight = 240;

    private static readonly ImmutableDictionary<string, string> Colours = new Dictionary<string, string>
    {
        ["processes"] = "#1f77b4",
        ["gil"] = "#d62728",
        ["free-threaded"] = "#2ca02c",
        ["pypy"] = "#9467bd",
    }.ToImmutableDictionary();

    /// <summary>The chart as an SVG document, or null when there is nothing to draw (not thread work, or no figures).</summary>
    public static string? Render(ConfirmationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Target.Kind != ConfirmationKind.ThreadWork)
        {
            return null;
        }

        var series = Series(result);
        if (series.Count == 0)
        {
            return null;
        }

        var maxK = Math.Max(2, series.SelectMany(s => s.Points).Max(p => p.K));
        var top = Math.Max(maxK, series.SelectMany(s => s.Points).Max(p => p.Speedup));
        var yMax = Math.Ceiling(top * 2) / 2;
        var yStep = yMax <= 4 ? 0.5 : Math.Ceiling(yMax / 8);
        double X(double k) => Left + ((k - 1) / (maxK - 1) * PlotWidth);
        double Y(double speedup) => Top + PlotHeight - (speedup / yMax * PlotHeight);

        var title = $"{result.Target.Key}: speedup against k ({ConfirmationProperty.VerdictName(result.Verdict)})";
        var svg = new SvgWriter(Width, Height, title);
        svg.Text("title", title);
        svg.Text("desc", result.Reason);
        svg.Text("text", title, ("x", SvgWriter.Number(Left)), ("y", "18"), ("font-size", "13"), ("font-weight", "bold"));

        svg.Open("g", ("stroke", "#dddddd"), ("stroke-width", "1"));
        for (var y = 0.0; y <= yMax + 1e-9; y += yStep)
        {
            svg.Element("line", ("x1", SvgWriter.Number(Left)), ("y1", SvgWriter.Number(Y(y))), ("x2", SvgWriter.Number(Left + PlotWidth)), ("y2", SvgWriter.Number(Y(y))));
        }

        svg.Close("g");
        svg.Open("g", ("fill", "#444444"), ("text-anchor", "end"));
        for (var y = 0.0; y <= yMax + 1e-9; y += yStep)
        {
            svg.Text("text", SvgWriter.Number(y), ("x", SvgWriter.Number(Left - 6)), ("y", SvgWriter.Number(Y(y) + 4)));
        }

        svg.Close("g");
        svg.Open("g", ("fill", "#444444"), ("text-anchor", "middle"));
        for (var k = 1; k <= maxK; k++)
        {
            svg.Text("text", k.ToString(System.Globalization.CultureInfo.InvariantCulture), ("x", SvgWriter.Number(X(k))), ("y", SvgWriter.Number(Top + PlotHeight + 16)));
        }

        svg.Text("text", "k (workers)", ("x", SvgWriter.Number(Left + (PlotWidth / 2))), ("y", SvgWriter.Number(Top + PlotHeight + 32)));
        svg.Close("g");
        svg.Text("text", "speedup", ("x", "12"), ("y", SvgWriter.Number(Top + (PlotHeight / 2))), ("fill", "#444444"),
            ("text-anchor", "middle"), ("transform", $"rotate(-90 12 {SvgWriter.Number(Top + (PlotHeight / 2))})"));
        svg.Element("rect", ("x", SvgWriter.Number(Left)), ("y", SvgWriter.Number(Top)), ("width", SvgWriter.Number(PlotWidth)), ("height", SvgWriter.Number(PlotHeight)),
            ("fill", "none"), ("stroke", "#888888"));

        // The ideal: k workers, k times as fast.
        svg.Element("line", ("x1", SvgWriter.Number(X(1))), ("y1", SvgWriter.Number(Y(1))), ("x2", SvgWriter.Number(X(maxK))), ("y2", SvgWriter.Number(Y(maxK))),
            ("stroke", "#999999"), ("stroke-dasharray", "4 4"));

        var legendY = Top + 6.0;
        DrawLegend(svg, legendY, "#999999", "4 4", "ideal (speedup = k)");
        foreach (var line in series)
        {
            legendY += 18;
            var points = string.Join(" ", line.Points.Select(p => $"{SvgWriter.Number(X(p.K))},{SvgWriter.Number(Y(p.Speedup))}"));
            svg.Element("polyline", ("points", points), ("fill", "none"), ("stroke", line.Colour), ("stroke-width", "2"), ("stroke-dasharray", line.Dash));
            foreach (var point in line.Points.Skip(1))
            {
                svg.Element("circle", ("cx", SvgWriter.Number(X(point.K))), ("cy", SvgWriter.Number(Y(point.Speedup))), ("r", "3"), ("fill", line.Colour));
            }

            var last = line.Points[^1];
            DrawLegend(svg, legendY, line.Colour, line.Dash, $"{line.Label}: {Verdicts.Figures.Speedup(last.Speedup)}");
        }

        return svg.Finish();
    }

    private static void DrawLegend(SvgWriter svg, double y, string colour, string dash, string label)
    {
        const double x = Left + PlotWidth + 14;
        svg.Element("line", ("x1", SvgWriter.Number(x)), ("y1", SvgWriter.Number(y)), ("x2", SvgWriter.Number(x + 18)), ("y2", SvgWriter.Number(y)),
            ("stroke", colour), ("stroke-width", "2"), ("stroke-dasharray", dash));
        svg.Text("text", label, ("x", SvgWriter.Number(x + 24)), ("y", SvgWriter.Number(y + 4)), ("fill", "#222222"));
    }

    private static List<ChartSeries> Series(ConfirmationResult result)
    {
        var series = new List<ChartSeries>();
        var measured = result.Runs.Where(r => r.IsMeasured && r.Threads is { Levels.IsEmpty: false }).ToList();
        var dashes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in measured)
        {
            // A free-threaded build whose GIL an import turned back on is drawn as what it ran as.
            var family = run.Interpreter.IsPyPy ? "pypy" : run.GilEnabled == false ? "free-threaded" : "gil";
            var seen = dashes.GetValueOrDefault(family);
            dashes[family] = seen + 1;
            var label = $"threads, {run.Interpreter.Name}" + (run.Interpreter.GilDisabledBuild && run.GilEnabled == true ? " (GIL re-enabled)" : "");
            series.Add(new ChartSeries(label, Colours[family], seen == 0 ? "none" : "6 3", Points(run, p => p.ThreadSpeedup)));
        }

        if (measured.FirstOrDefault(r => r.GilEnabled == true) is { } reference)
        {
            series.Insert(0, new ChartSeries($"processes, {reference.Interpreter.Name}", Colours["processes"], "none", Points(reference, p => p.ProcessSpeedup)));
        }

        return series;
    }

    private static ImmutableArray<ChartPoint> Points(InterpreterRun run, Func<Measurements.SpeedupFigures, double> speedup)
    {
        var points = run.Threads!.Levels.OrderBy(l => l.K).Select(l => new ChartPoint(l.K, speedup(l))).ToList();
        if (points[0].K != 1)
        {
            points.Insert(0, new ChartPoint(1, 1.0));
        }

        return [.. points];
    }

    private sealed record ChartPoint(int K, double Speedup);

    private sealed record ChartSeries(string Label, string Colour, string Dash, ImmutableArray<ChartPoint> Points);
}
