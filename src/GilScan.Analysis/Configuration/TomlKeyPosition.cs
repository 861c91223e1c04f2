using Tomlyn.Model;
using Tomlyn.Serialization;

namespace GilScan.Analysis.Configuration;

/// <summary>Where a key of a TOML table was written, for problems anchored on its line.</summary>
public static class TomlKeyPosition
{
    /// <summary>
    /// The key's position: 1-based line, 0-based start and exclusive end columns (Tomlyn's are 0-based,
    /// end inclusive); line 1, column 0 when the parse did not record it.
    /// </summary>
    public static (int Line, int Start, int End) Of(TomlMetadataStore store, TomlTable table, string key)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.TryGetProperties(table, out var metadata) && metadata is not null && metadata.TryGetProperty(key, out var property) && property is not null)
        {
            var span = property.Span;
            var end = span.End.Line == span.Start.Line ? span.End.Column + 1 : span.Start.Column;
            return (span.Start.Line + 1, span.Start.Column, Math.Max(end, span.Start.Column));
        }

        return (1, 0, 0);
    }
}
