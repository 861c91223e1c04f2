using System.Security.Cryptography;
using System.Text;

namespace GilScan.Analysis.Engine;

/// <summary>SHA-256 in lowercase hex: of a file's bytes (the cache's content key), or of a text key.</summary>
public static class ContentHash
{
    public static string Of(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Content is { } bytes
            ? Convert.ToHexStringLower(SHA256.HashData(bytes))
            : "unreadable:" + OfText(document.ReadError!);
    }

    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
