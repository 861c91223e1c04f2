using System.Diagnostics;

namespace GilScan.Syntax.Tests.Support;

/// <summary>
/// The real CPython 3.13 of this machine (pyenv), running tests/reference/ast_dump.py: the authority
/// our front end is compared with. Tests that need it skip, with the reason, where it is absent.
/// </summary>
public static class PythonReference
{
    private static readonly Lazy<string?> Interpreter = new(FindInterpreter);

    public static string? Python313 => Interpreter.Value;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Fixtures(params string[] parts) => Path.Combine([RepositoryRoot, "fixtures", .. parts]);

    public static string MissingReason =>
        "CPython 3.13 not found (looked at GILSCAN_PYTHON313, `pyenv prefix 3.13.0`, ~/.pyenv/versions/3.13.0)";

    public static string? StandardLibrary
    {
        get
        {
            if (Python313 is null) return null;
            var lib = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Python313)!, "..", "lib", "python3.13"));
            return Directory.Exists(lib) ? lib : null;
        }
    }

    /// <summary>Runs the reference dumper over <paramref name="paths"/>; one JSON line per path, in order.</summary>
    public static IReadOnlyList<string> Dump(IReadOnlyList<string> paths, int jobs = 1)
    {
        var python = Python313 ?? throw new InvalidOperationException(MissingReason);
        var listing = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(listing, paths);
            var script = Path.Combine(RepositoryRoot, "tests", "reference", "ast_dump.py");
            var start = new ProcessStartInfo(python)
            {
                ArgumentList = { "-X", "utf8", "-W", "ignore", script, "--jobs", jobs.ToString(), "--files-from", listing },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var lines = new List<string>(paths.Count);
            while (process.StandardOutput.ReadLine() is { } line) lines.Add(line);
            process.WaitForExit();
            if (process.ExitCode != 0 || lines.Count != paths.Count)
                throw new InvalidOperationException($"ast_dump.py failed ({process.ExitCode}): {stderr.Result}");
            return lines;
        }
        finally
        {
            File.Delete(listing);
        }
    }

    private static string? FindInterpreter()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("GILSCAN_PYTHON313"),
            PyenvPrefix() is { } prefix ? Path.Combine(prefix, "bin", "python3") : null,
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions", "3.13.0", "bin", "python3"),
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }

    private static string? PyenvPrefix()
    {
        try
        {
            var start = new ProcessStartInfo("pyenv") { ArgumentList = { "prefix", "3.13.0" }, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Analyzer.sln"))) return dir.FullName;
        throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);
    }
}
