using System.Text;

namespace GilScan.Cli.Output;

/// <summary>Where a command's report goes: <c>--output FILE</c> (folders created, relative to the current folder), else standard output.</summary>
internal static class ReportFile
{
    /// <param name="host">The process's streams and current folder.</param>
    /// <param name="file">The file given with --output, or null for standard output.</param>
    /// <param name="bytes">The report: UTF-8 without a byte order mark.</param>
    public static void Write(CliHost host, string? file, byte[] bytes)
    {
        if (file is null)
        {
            host.Out.Write(Encoding.UTF8.GetString(bytes));
            host.Out.Flush();
            return;
        }

        var path = host.FullPath(file);
        if (Path.GetDirectoryName(path) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, bytes);
    }
}
