using System.Text;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Harness;

/// <summary>Where harness scripts live: our own folder under the temp folder, never the project's tree.</summary>
internal static class HarnessFiles
{
    public static string Write(ConfirmationTarget target, string script)
    {
        var folder = target.Settings.HarnessDirectory ?? Directory.CreateTempSubdirectory("gilscan-confirm-").FullName;
        Directory.CreateDirectory(folder);
        var stem = "confirm_" + new string([.. target.Key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        var path = Path.Combine(folder, stem + ".py");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(folder, $"{stem}_{n}.py");
        }

        File.WriteAllText(path, script, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Deletes the script, and its folder when it was ours and is now empty.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
            var folder = Path.GetDirectoryName(path);
            if (folder is not null && Path.GetFileName(folder).StartsWith("gilscan-confirm-", StringComparison.Ordinal)
                && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A temp file left behind is not worth failing a confirmation for.
        }
    }
}
