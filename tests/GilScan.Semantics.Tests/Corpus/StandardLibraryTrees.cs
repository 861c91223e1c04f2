using System.Diagnostics;
using GilScan.Syntax.Tests.Support;

namespace GilScan.Semantics.Tests.Corpus;

/// <summary>Streams CPython's reference dump of many files, one (path, JSON line) at a time, so that
/// the JSON of a whole corpus never sits in memory at once.</summary>
public static class StandardLibraryTrees
{
    public static IEnumerable<(string Path, string Json)> Dump(IReadOnlyList<string> paths, int jobs)
    {
        var listing = Path.GetTempFileName();
        File.WriteAllLines(listing, paths);
        try
        {
            var script = Path.Combine(PythonReference.RepositoryRoot, "tests", "reference", "ast_dump.py");
            var start = new ProcessStartInfo(PythonReference.Python313!)
            {
                ArgumentList = { "-X", "utf8", "-W", "ignore", script, "--jobs", jobs.ToString(), "--files-from", listing },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var i = 0;
            while (process.StandardOutput.ReadLine() is { } line) yield return (paths[i++], line);
            process.WaitForExit();
            if (i != paths.Count) throw new InvalidOperationException($"ast_dump.py stopped after {i} of {paths.Count} files");
        }
        finally
        {
            File.Delete(listing);
        }
    }
}
