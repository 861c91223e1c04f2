namespace GilScan.Sarif;

/// <summary>Gives the builder the bytes of project files, for fingerprints; null when a file cannot be read.</summary>
public interface ISourceFileReader
{
    /// <param name="path">Project-relative path with '/' separators, as in <see cref="GilScan.Analysis.Diagnostics.Location.Path"/>.</param>
    byte[]? ReadAllBytes(string path);
}

/// <summary>Reads project files from the directory the paths are relative to.</summary>
public sealed class FileSystemSourceReader(string projectRoot) : ISourceFileReader
{
    public byte[]? ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(projectRoot, path.Replace('/', Path.DirectorySeparatorChar)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file vanished or is unreadable since analysis; the result simply gets no line hash.
            return null;
        }
    }
}
