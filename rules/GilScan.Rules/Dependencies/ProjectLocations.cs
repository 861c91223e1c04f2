using System.Collections.Concurrent;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Model;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// Turns the dependency library's anchors (paths as read, 1-based UTF-16 columns) into diagnostic
/// locations (paths relative to the project root, 0-based columns in UTF-16 and UTF-8). The UTF-8
/// columns need the line's text, so files are read once and cached. An anchor outside the project
/// root (an environment given with --python-env, a wheel directory elsewhere) has no location:
/// SARIF paths must stay under SRCROOT.
/// </summary>
public sealed class ProjectLocations
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>?> _lines = new(StringComparer.Ordinal);

    public ProjectLocations(string projectRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectRoot);
        Root = Path.GetFullPath(projectRoot);
    }

    /// <summary>The project root as a full path (SARIF's SRCROOT).</summary>
    public string Root { get; }

    /// <summary>The path relative to the root with '/' separators, or null when it lies outside the root.</summary>
    public string? RelativePath(string path)
    {
        var relative = Path.GetRelativePath(Root, Path.GetFullPath(path));
        if (relative == "." || Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        return Location.NormalizePath(relative);
    }

    /// <summary>
    /// <paramref name="text"/> with every full path under the root written relative to it, so that
    /// evidence such as "/home/me/app/.venv/…/METADATA" reads the same on every checkout.
    /// </summary>
    public string Relativize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var prefix = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        var relative = text.Replace(prefix, string.Empty, StringComparison.Ordinal);
        return Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The location of <paramref name="anchor"/>, or null when its file lies outside the project root.</summary>
    public Location? Of(SourceAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var relative = RelativePath(anchor.Path);
        if (relative is null)
        {
            return null;
        }

        if (anchor is { Line: 1, StartColumn: 1, EndColumn: 1 })
        {
            // A whole-file anchor (a wheel, a METADATA file without a Name line): nothing to read.
            return Location.StartOf(relative);
        }

        var start16 = anchor.StartColumn - 1;
        var end16 = Math.Max(anchor.EndColumn - 1, start16);
        var line = LineOf(anchor.Path, anchor.Line);
        if (line is null || end16 > line.Length)
        {
            // The file changed or cannot be read: keep the line, drop the columns we cannot vouch for.
            return new Location(relative, new SourceSpan(anchor.Line, 0, 0, anchor.Line, 0, 0));
        }

        try
        {
            return new Location(relative, new SourceSpan(
                anchor.Line, LineColumns.Utf16ToUtf8(line, start16), start16,
                anchor.Line, LineColumns.Utf16ToUtf8(line, end16), end16));
        }
        catch (ArgumentException)
        {
            // A column inside a surrogate pair: the anchor does not fit the text as read.
            return new Location(relative, new SourceSpan(anchor.Line, 0, 0, anchor.Line, 0, 0));
        }
    }

    private string? LineOf(string path, int line)
    {
        var text = _lines.GetOrAdd(Path.GetFullPath(path), Read);
        return text is not null && line >= 1 && line <= text.Count ? text[line - 1] : null;
    }

    private static IReadOnlyList<string>? Read(string path)
    {
        try
        {
            return SourceLines.Split(File.ReadAllText(path));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
