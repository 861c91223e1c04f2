using System.Diagnostics;

namespace GilScan.Syntax.Tests.Text;

/// <summary>
/// The local CPython 3.13 (pyenv 3.13.0, or GILSCAN_CPYTHON313) that differential tests compare with.
/// </summary>
internal static class CPython313
{
    public static readonly string? Executable = Find();

    public static string? StandardLibrary => Executable is null
        ? null
        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Executable)!, "..", "lib", "python3.13"));

    /// <summary>Runs <paramref name="script"/> with <paramref name="input"/> on stdin and returns stdout (UTF-8).</summary>
    public static string Run(string script, string input)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("CPython 3.13 not found"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        start.ArgumentList.Add("-X");
        start.ArgumentList.Add("utf8");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"CPython failed ({process.ExitCode}): {stderr.Result}");
        }
        return output;
    }

    private static string? Find()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("GILSCAN_CPYTHON313"),
            Combine(Environment.GetEnvironmentVariable("PYENV_ROOT"), "versions/3.13.0/bin/python3"),
            Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv/versions/3.13.0/bin/python3"),
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string? Combine(string? root, string relative) => string.IsNullOrEmpty(root) ? null : Path.Combine(root, relative);
}

/// <summary>A fact that compares with the real CPython 3.13, skipped with a reason when it is not installed.</summary>
public sealed class CPythonFactAttribute : FactAttribute
{
    public CPythonFactAttribute()
    {
        if (CPython313.Executable is null)
        {
            Skip = "CPython 3.13 not found: install it with pyenv (3.13.0) or set GILSCAN_CPYTHON313 to its python3";
        }
    }
}
