namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// A span in a file of the analysed project. <see cref="Path"/> is relative to the project root
/// (SARIF's SRCROOT) with '/' separators, never absolute and never climbing out with "..", so that
/// the same finding has the same location on every machine.
/// </summary>
public sealed record Location
{
    public Location(string path, SourceSpan span)
    {
        Path = CheckPath(path);
        Span = span;
    }

    /// <summary>Project-relative path with '/' separators (src/app/worker.py).</summary>
    public string Path { get; }

    public SourceSpan Span { get; }

    /// <summary>The location of a whole file, for findings that have no better place.</summary>
    public static Location StartOf(string path) => new(path, SourceSpan.StartOfFile);

    /// <summary>Turns an OS path relative to the project root into the form <see cref="Path"/> requires.</summary>
    public static string NormalizePath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var slashed = relativePath.Replace('\\', '/');
        var segments = slashed.Split('/').Where(s => s.Length > 0 && s != ".");
        return CheckPath(string.Join('/', segments));
    }

    public override string ToString() => $"{Path}:{Span}";

    private static string CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\') || System.IO.Path.IsPathRooted(path))
        {
            throw new ArgumentException($"'{path}' must be a non-empty path relative to the project root, with '/' separators.", nameof(path));
        }

        if (path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' must not contain empty, '.' or '..' segments.", nameof(path));
        }

        return path;
    }
}
