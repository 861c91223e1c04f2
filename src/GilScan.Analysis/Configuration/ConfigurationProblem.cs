namespace GilScan.Analysis.Configuration;

/// <summary>
/// A setting gilscan refuses (GIL003) or warns about: the file, where in it (1-based line, 0-based
/// UTF-16 columns, end exclusive), the key as written in <c>[tool.gilscan]</c> and what is wrong.
/// </summary>
public sealed record ConfigurationProblem(string FilePath, int Line, int StartColumn, int EndColumn, string Key, string Message)
{
    public override string ToString() => $"{FilePath}:{Line}:{StartColumn + 1}: {Key}: {Message}";
}
