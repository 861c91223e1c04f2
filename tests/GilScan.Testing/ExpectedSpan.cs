using System.Globalization;

namespace GilScan.Testing;

/// <summary>A finding a markup test expects: the rule and the span (1-based lines, 0-based UTF-16 columns, end exclusive).</summary>
public sealed record ExpectedSpan(string Path, string RuleId, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{RuleId} {Path}:{StartLine}:{StartColumn + 1}-{EndLine}:{EndColumn + 1}");
}
