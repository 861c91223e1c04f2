using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Sarif.Fingerprints;

namespace GilScan.Sarif;

/// <summary>Reads each project file once per build and keeps what fingerprints need from it.</summary>
internal sealed class SourceFileCache(ISourceFileReader reader)
{
    private readonly Dictionary<string, SourceFile?> _files = new(StringComparer.Ordinal);

    /// <summary>The file, or null when it cannot be read.</summary>
    public SourceFile? Get(string path)
    {
        if (!_files.TryGetValue(path, out var file))
        {
            var bytes = reader.ReadAllBytes(path);
            file = bytes is null ? null : new SourceFile(bytes);
            _files.Add(path, file);
        }

        return file;
    }
}

/// <summary>One file as text (UTF-8, invalid bytes replaced, as GitHub reads it), its lines and line hashes.</summary>
internal sealed class SourceFile
{
    public SourceFile(byte[] bytes)
    {
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(bytes);
        Lines = SourceLines.Split(text);
        LineHashes = PrimaryLocationLineHash.ForText(text);
    }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<string> LineHashes { get; }

    public string? LineHash(int line) => line >= 1 && line <= LineHashes.Count ? LineHashes[line - 1] : null;

    /// <summary>The text of <paramref name="span"/> (UTF-16 columns), clamped to the file; empty when outside it.</summary>
    public string TextOf(SourceSpan span)
    {
        if (span.StartLine > Lines.Count)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        var lastLine = Math.Min(span.EndLine, Lines.Count);
        for (var line = span.StartLine; line <= lastLine; line++)
        {
            var content = Lines[line - 1];
            var from = line == span.StartLine ? Math.Min(span.StartColumnUtf16, content.Length) : 0;
            var to = line == span.EndLine ? Math.Min(span.EndColumnUtf16, content.Length) : content.Length;
            text.Append(content, from, Math.Max(0, to - from)).Append('\n');
        }

        return text.ToString();
    }

    public string LineText(int line) => line >= 1 && line <= Lines.Count ? Lines[line - 1] : string.Empty;
}
