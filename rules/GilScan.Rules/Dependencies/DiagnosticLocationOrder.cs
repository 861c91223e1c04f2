using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Dependencies;

/// <summary>Orders diagnostics by path (ordinal), position, rule id and message: the order every output of the audit uses.</summary>
public sealed class DiagnosticLocationOrder : IComparer<Diagnostic>
{
    public static DiagnosticLocationOrder Instance { get; } = new();

    public static IComparer<Location> Locations { get; } = Comparer<Location>.Create(CompareLocations);

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

        var byLocation = CompareLocations(x.Location, y.Location);
        if (byLocation != 0)
        {
            return byLocation;
        }

        var byRule = string.CompareOrdinal(x.RuleId, y.RuleId);
        return byRule != 0 ? byRule : string.CompareOrdinal(x.Message, y.Message);
    }

    public static int CompareLocations(Location? x, Location? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var byPath = string.CompareOrdinal(x.Path, y.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var (a, b) = (x.Span, y.Span);
        return a.StartLine != b.StartLine ? a.StartLine.CompareTo(b.StartLine)
            : a.StartColumnUtf16 != b.StartColumnUtf16 ? a.StartColumnUtf16.CompareTo(b.StartColumnUtf16)
            : a.EndLine != b.EndLine ? a.EndLine.CompareTo(b.EndLine)
            : a.EndColumnUtf16.CompareTo(b.EndColumnUtf16);
    }
}
