namespace GilScan.Reporting.Audit;

/// <summary>
/// What <c>--confirm</c> measured for one finding of the report, as the report shows it: the verdict
/// (confirmed, refuted, inconclusive, or not-run), one line with the figures, and the chart (an SVG
/// document: speedup against k, or event-loop lag), null without figures to draw. Plain strings: the
/// report does not depend on the confirmation library that produced them.
/// </summary>
public sealed record FindingMeasurement(string Verdict, string Summary, string? Svg);
