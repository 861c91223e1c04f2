namespace GilScan.Analysis.Diagnostics;

/// <summary>A rule documentation page does not follow the skeleton; names the page and the line.</summary>
public sealed class RuleDocFormatException : FormatException
{
    public RuleDocFormatException(string source, int line, string problem)
        : base($"{source}:{line}: {problem}")
    {
        Source = source;
        Line = line;
        Problem = problem;
    }

    /// <summary>The page: a file path or a resource name.</summary>
    public new string Source { get; }

    /// <summary>1-based line of the problem (1 when it concerns the whole page).</summary>
    public int Line { get; }

    public string Problem { get; }
}
