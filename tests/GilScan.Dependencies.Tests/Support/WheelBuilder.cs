using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace GilScan.Dependencies.Tests.Support;

/// <summary>
/// Writes a real wheel per the binary distribution format: the package files, then
/// <c>{name}-{version}.dist-info/METADATA</c>, <c>WHEEL</c> (one <c>Tag:</c> line per expanded tag) and
/// <c>RECORD</c> (CSV with urlsafe-base64 sha256 digests without padding, and sizes; RECORD itself has
/// neither), so that pip accepts it.
/// </summary>
internal sealed class WheelBuilder(string distribution, string version)
{
    private readonly List<(string Path, byte[] Content)> _files = [];
    private readonly List<string> _classifiers = [];
    private readonly List<string> _importNames = [];
    private string[] _tags = ["py3-none-any"];

    public WheelBuilder File(string path, byte[] content)
    {
        _files.Add((path, content));
        return this;
    }

    public WheelBuilder File(string path, string text) => File(path, Encoding.UTF8.GetBytes(text));

    public WheelBuilder Tags(params string[] tags)
    {
        _tags = tags;
        return this;
    }

    public WheelBuilder Classifier(string classifier)
    {
        _classifiers.Add(classifier);
        return this;
    }

    public WheelBuilder ImportName(string name)
    {
        _importNames.Add(name);
        return this;
    }

    /// <summary>The wheel's file name: tags compressed per part, e.g. cp313-cp313t-linux_x86_64.</summary>
    public string FileName
    {
        get
        {
            var parts = _tags.Select(t => t.Split('-')).ToList();
            string Join(int index) => string.Join('.', parts.Select(p => p[index]).Distinct());
            return $"{distribution.Replace('-', '_')}-{version}-{Join(0)}-{Join(1)}-{Join(2)}.whl";
        }
    }

    public string WriteTo(string directory)
    {
        var distInfo = $"{distribution.Replace('-', '_')}-{version}.dist-info";
        var metadata = new StringBuilder()
            .Append("Metadata-Version: 2.4\n")
            .Append($"Name: {distribution}\n")
            .Append($"Version: {version}\n");
        foreach (var classifier in _classifiers)
        {
            metadata.Append($"Classifier: {classifier}\n");
        }

        foreach (var importName in _importNames)
        {
            metadata.Append($"Import-Name: {importName}\n");
        }

        var pure = _tags.All(t => t.EndsWith("-none-any", StringComparison.Ordinal));
        var wheel = new StringBuilder("Wheel-Version: 1.0\nGenerator: gilscan-tests (1.0)\n")
            .Append($"Root-Is-Purelib: {(pure ? "true" : "false")}\n");
        foreach (var tag in _tags)
        {
            wheel.Append($"Tag: {tag}\n");
        }

        var files = new List<(string Path, byte[] Content)>(_files)
        {
            ($"{distInfo}/METADATA", Encoding.UTF8.GetBytes(metadata.ToString())),
            ($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes(wheel.ToString())),
        };
        var record = new StringBuilder();
        foreach (var (path, content) in files)
        {
            var digest = Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{path},sha256={digest},{content.Length}\n");
        }

        record.Append($"{distInfo}/RECORD,,\n");
        files.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString())));

        var output = Path.Combine(directory, FileName);
        using var stream = System.IO.File.Create(output);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (path, content) in files)
        {
            var entry = archive.CreateEntry(path, CompressionLevel.Fastest);
            using var entryStream = entry.Open();
            entryStream.Write(content);
        }

        return output;
    }
}
