using System.Text;

namespace GilScan.Analysis.Caching;

/// <summary>
/// The <c>.gilscan_cache/</c> folder: created with a CACHEDIR.TAG (so that backup tools skip it, see
/// https://bford.info/cachedir/) and a .gitignore that ignores everything in it, as ruff and pytest
/// do with their caches.
/// </summary>
public static class CacheDirectory
{
    /// <summary>The folder's name at the project root.</summary>
    public const string DefaultName = ".gilscan_cache";

    /// <summary>The signature line the cache-directory-tag convention requires.</summary>
    public const string TagSignature = "Signature: 8a477f597d28d172789f06886806bc55";

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Creates the folder and its marker files if they are missing.</summary>
    public static void Ensure(string directory)
    {
        Directory.CreateDirectory(directory);
        WriteIfMissing(
            Path.Combine(directory, "CACHEDIR.TAG"),
            TagSignature + "\n# This file is a cache directory tag created by gilscan.\n# For information about cache directory tags see https://bford.info/cachedir/\n");
        WriteIfMissing(Path.Combine(directory, ".gitignore"), "# Automatically created by gilscan.\n*\n");
    }

    private static void WriteIfMissing(string path, string content)
    {
        if (!File.Exists(path))
        {
            File.WriteAllText(path, content, Utf8);
        }
    }
}
