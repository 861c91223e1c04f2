using System.Globalization;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Engine;

/// <summary>
/// A total order over findings: by location (path, then start and end), rule, message, then every
/// other visible detail. Sorting with it makes output independent of the order parallel analysis
/// found things in.
/// </summary>
public sealed class DiagnosticComparer : IComparer<Diagnostic>
{
    public static DiagnosticComparer Instance { get; } = new();

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

    // Consulted only for findings equal in location, rule and message.
    private static string Details(Diagnostic d) => string.Join(
        '\u001f',
        d.Level.ToString(),
        d.Confidence.ToString(),
        d.FingerprintKey ?? string.Empty,
        d.Suppression is { } s ? $"{s.Kind}:{s.Justification}" : string.Empty,
        string.Join('|', d.RelatedLocations.Select(r => $"{r.Location}:{r.Message}")),
        string.Join('|', d.CodeFlow.Select(step => $"{step.Location}:{step.NestingLevel.ToString(CultureInfo.InvariantCulture)}:{step.Message}")),
        string.Join('|', d.Properties.Select(p => $"{p.Key}={PropertyText(p.Value)}")),
        d.Fix is null ? string.Empty : d.Fix.Description + string.Join('|', d.Fix.Replacements.Select(r => $"{r.Range}:{r.InsertedText}")));

    private static string PropertyText(PropertyValue value) => value switch
    {
        PropertyValue.Text text => "s:" + text.Value,
        PropertyValue.Integer integer => "i:" + integer.Value.ToString(CultureInfo.InvariantCulture),
        PropertyValue.Real real => "r:" + real.Value.ToString("R", CultureInfo.InvariantCulture),
        PropertyValue.Boolean boolean => boolean.Value ? "true" : "false",
        PropertyValue.TextList list => "[" + string.Join(',', list.Values) + "]",
        PropertyValue.ItemList items => "(" + string.Join(',', items.Values.Select(PropertyText)) + ")",
        PropertyValue.Map map => "{" + string.Join(',', map.Entries.Select(e => e.Key + "=" + PropertyText(e.Value))) + "}",
        _ => value.GetType().Name,
    };
}

/// <summary>A total order over tool notifications: by path, position, rule, message and level.</summary>
public sealed class NotificationComparer : IComparer<ToolNotification>
{
    public static NotificationComparer Instance { get; } = new();

    public int Compare(ToolNotification? x, ToolNotification? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = string.CompareOrdinal(x.Path ?? string.Empty, y.Path ?? string.Empty);
        if (order == 0)
        {
            order = (x.Span?.StartLine ?? 0).CompareTo(y.Span?.StartLine ?? 0);
        }

        if (order == 0)
        {
            order = (x.Span?.StartColumnUtf16 ?? 0).CompareTo(y.Span?.StartColumnUtf16 ?? 0);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Rule?.Id ?? string.Empty, y.Rule?.Id ?? string.Empty);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Message, y.Message);
        }

        return order != 0 ? order : x.Level.CompareTo(y.Level);
    }
}
