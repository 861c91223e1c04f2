using System.Text;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Harness;

/// <summary>A written harness script, and the temp folder made for it (null when the caller chose the folder).</summary>
internal sealed record HarnessFile(string Path, string? OwnFolder);

/// <summary>Where harness scripts live: a folder of our own under the temp folder (or one the caller names), never the project's tree.</summary>
internal static class HarnessFiles
{
    public static HarnessFile Write(ConfirmationTarget target, string script)
    {
        var chosen = target.Settings.HarnessDirectory;
        var folder = chosen ?? Directory.CreateTempSubdirectory("gilscan-confirm-").FullName;
        Directory.CreateDirectory(folder);
        var stem = "confirm_" + new string([.. target.Key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        var path = System.IO.Path.Combine(folder, stem + ".py");
        for (var n = 2; File.Exists(path); n++)
        {
            path = System.IO.Path.Combine(folder, $"{stem}_{n}.py");
        }

        File.WriteAllText(path, script, new UTF8Encoding(false));
        return new HarnessFile(path, chosen is null ? folder : null);
    }

    /// <summary>Deletes the script, and the folder when we made it.</summary>
    public static void Delete(HarnessFile file)
    {
        try
        {
            File.Delete(file.Path);
            if (file.OwnFolder is not null)
            {
                Directory.Delete(file.OwnFolder, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A temp file left behind is not worth failing a confirmation for.
        }
    }
}
