using GilScan.Sarif;

namespace GilScan.Cli.Output;

/// <summary>Gives the SARIF builder the bytes the run analysed, and reads other files (pyproject.toml) from disk.</summary>
internal sealed class ReportSources(string root, IReadOnlyDictionary<string, byte[]> analysed) : ISourceFileReader
{
    private readonly FileSystemSourceReader _disk = new(root);

    public byte[]? ReadAllBytes(string path) => analysed.TryGetValue(path, out var bytes) ? bytes : _disk.ReadAllBytes(path);
}
