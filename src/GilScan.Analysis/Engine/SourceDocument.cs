using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Syntax.Text;

namespace GilScan.Analysis.Engine;

/// <summary>
/// One input file of a run: its project-relative path and either its bytes or why they could not be
/// read (which becomes a GIL002 finding). Discovery reads the files; the driver never touches the disk.
/// </summary>
public sealed class SourceDocument
{
    private SourceDocument(string path, byte[]? content, string? readError)
    {
        Path = Location.NormalizePath(path);
        Content = content;
        ReadError = readError;
    }

    /// <summary>Project-relative path with '/' separators.</summary>
    public string Path { get; }

    /// <summary>The file's bytes, or null when it could not be read.</summary>
    public byte[]? Content { get; }

    /// <summary>Why the file could not be read, or null.</summary>
    public string? ReadError { get; }

    public static SourceDocument FromBytes(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new SourceDocument(path, content, null);
    }

    /// <summary>A file given as text, stored as UTF-8 (tests, editors).</summary>
    public static SourceDocument FromText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SourceDocument(path, new UTF8Encoding(false).GetBytes(text), null);
    }

    public static SourceDocument Unreadable(string path, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new SourceDocument(path, null, reason);
    }

    /// <summary>
    /// Reads <paramref name="absolutePath"/>; an I/O or permission error gives an unreadable document, and
    /// so does a path that is not a regular file (a named pipe would block the read forever), without opening it.
    /// </summary>
    public static SourceDocument Read(string relativePath, string absolutePath)
    {
        if (FileKinds.Of(absolutePath) is var kind and not (FileKind.Regular or FileKind.Missing))
        {
            return Unreadable(relativePath, FileKinds.NotReadMessage(kind));
        }

        try
        {
            return FromBytes(relativePath, File.ReadAllBytes(absolutePath));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Unreadable(relativePath, $"cannot read file: {error.Message}");
        }
    }

    public override string ToString() => Path;
}
