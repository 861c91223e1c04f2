using System.Diagnostics;

namespace GilScan.FuzzBench;

/// <summary>Runs the two parsers as processes.</summary>
internal static class Tools
{
    /// <summary>What a process printed, line by line, and whether it ended in time with exit code 0.</summary>
    public sealed record Result(IReadOnlyList<string> Lines, bool Completed, int ExitCode);

    public static Result Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var reader = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line) lines.Add(line);
        });
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            reader.Wait();
            return new Result(lines, false, -1);
        }

        reader.Wait();
        _ = errors.Result;
        return new Result(lines, process.ExitCode == 0, process.ExitCode);
    }

    /// <summary>Writes the paths to a listing file in <paramref name="folder"/> and returns its path.</summary>
    public static string Listing(string folder, IReadOnlyList<string> paths)
    {
        var listing = Path.Combine(folder, "files.txt");
        File.WriteAllLines(listing, paths);
        return listing;
    }
}
