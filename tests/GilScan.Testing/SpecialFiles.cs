using System.Diagnostics;

namespace GilScan.Testing;

/// <summary>Files that are not regular files (named pipes, links to devices), for tests of what is never opened.</summary>
public static class SpecialFiles
{
    /// <summary>Creates a named pipe (FIFO) at <paramref name="path"/> with mkfifo(1); opening it for reading blocks until a writer comes.</summary>
    public static string MakeNamedPipe(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!;
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed with exit code {mkfifo.ExitCode}");
        }

        return path;
    }

    /// <summary>Runs <paramref name="action"/> and fails if it does not return within <paramref name="seconds"/>: a blocked open() would otherwise hang the test run.</summary>
    public static T WithinSeconds<T>(int seconds, Func<T> action)
    {
        var task = Task.Run(action);
        if (!task.Wait(TimeSpan.FromSeconds(seconds)))
        {
            throw new TimeoutException($"did not finish within {seconds} s: something opened a named pipe or a device");
        }

        return task.Result;
    }
}
