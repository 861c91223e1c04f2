using System.Text;

namespace GilScan.ParseBench;

/// <summary>One Python source file, decoded as UTF-8 with replacement characters.</summary>
internal sealed record SourceFile(string RelativePath, string Text, int Lines);

internal static class SourceFiles
{
    public static IReadOnlyList<SourceFile> Load(string directory)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        return Directory.EnumerateFiles(directory, "*.py", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                string text = File.ReadAllText(path, utf8);
                int lines = text.AsSpan().Count('\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
                return new SourceFile(Path.GetRelativePath(directory, path), text, lines);
            })
            .ToList();
    }
}
