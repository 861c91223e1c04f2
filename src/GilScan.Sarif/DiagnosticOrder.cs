using GilScan.Analysis.Diagnostics;

namespace GilScan.Sarif;

/// <summary>
/// The order results are written in, total over everything a diagnostic shows, so that the same
/// findings produce the same bytes whatever order parallel analysis found them in.
/// </summary>
internal sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static DiagnosticOrder Instance { get; } = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = CompareLocations(x.Location, y.Location);
        if (order == 0)
        {
            order = string.CompareOrdinal(x.RuleId, y.RuleId);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Message, y.Message);
        }

        return order != 0 ? order : string.CompareOrdinal(Details(x), Details(y));
    }

    public static int CompareLocations(Location x, Location y)
    {
        var order = string.CompareOrdinal(x.Path, y.Path);
        if (order == 0)
        {
            order = x.Span.StartLine.CompareTo(y.Span.StartLine);
        }

        if (order == 0)
        {
            order = x.Span.StartColumnUtf16.CompareTo(y.Span.StartColumnUtf16);
        }

        if (order == 0)
        {
            order = x.Span.EndLine.CompareTo(y.Span.EndLine);
        }

        return order != 0 ? order : x.Span.EndColumnUtf16.CompareTo(y.Span.EndColumnUtf16);
    }

    // The rest of what a result shows, as text: only consulted for otherwise identical findings.
    private static string Details(Diagnostic d) => string.Join(
        '\u001f',
        d.Level.ToString(),
        d.Confidence.ToString(),
        d.FingerprintKey ?? string.Empty,
        d.Suppression?.ToString() ?? string.Empty,
        string.Join('|', d.RelatedLocations.Select(r => $"{r.Location}:{r.Message}")),
        string.Join('|', d.CodeFlow.Select(s => $"{s.Location}:{s.NestingLevel}:{s.Message}")),
        string.Join('|', d.Properties.Select(p => $"{p.Key}={SarifProperties.ToCanonicalString(p.Value)}")),
        d.Fix is null ? string.Empty : d.Fix.Description + string.Join('|', d.Fix.Replacements.Select(r => $"{r.Range}:{r.InsertedText}")));
}
