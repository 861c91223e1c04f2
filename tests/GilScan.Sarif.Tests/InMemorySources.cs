using System.Text;

namespace GilScan.Sarif.Tests;

/// <summary>Project files held in memory, for scenarios where code changes between two runs.</summary>
internal sealed class InMemorySources(IReadOnlyDictionary<string, string> files) : ISourceFileReader
{
    public byte[]? ReadAllBytes(string path) => files.TryGetValue(path, out var text) ? Encoding.UTF8.GetBytes(text) : null;
}
