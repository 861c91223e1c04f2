namespace GilScan.Dependencies.Model;

/// <summary>
/// A place in an input file: 1-based line, 1-based columns counted in UTF-16 code units, end column
/// exclusive (the same convention as SARIF's <c>region</c>, so the rule layer can copy it as is).
/// </summary>
public sealed record SourceAnchor(string Path, int Line, int StartColumn, int EndColumn)
{
    /// <summary>An anchor on a file as a whole, for inputs without lines (binaries, zip members).</summary>
    public static SourceAnchor File(string path) => new(path, 1, 1, 1);

    public override string ToString() => $"{Path}:{Line}:{StartColumn}";
}
