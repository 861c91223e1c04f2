using System.Diagnostics;

namespace GilScan.Syntax.Tests.Parsing;

/// <summary>Finds the CPython 3.13.0 standard library installed by pyenv.</summary>
internal static class PythonStdlib
{
    public const string MissingReason =
        "CPython 3.13.0 stdlib not found: install it with pyenv (`pyenv prefix 3.13.0`, or ~/.pyenv/versions/3.13.0)";

    private static readonly Lazy<string?> Location = new(Find);

    /// <summary>The lib/python3.13 directory, or null when it is not installed.</summary>
    public static string? Directory => Location.Value;

    private static string? Find()
    {
        foreach (string prefix in Prefixes())
        {
            string lib = Path.Combine(prefix, "lib", "python3.13");
            if (File.Exists(Path.Combine(lib, "ast.py")))
            {
                return lib;
            }
        }

        return null;
    }

    private static IEnumerable<string> Prefixes()
    {
        string? fromPyenv = null;
        try
        {
            var info = new ProcessStartInfo("pyenv", "prefix 3.13.0") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info);
            if (process is not null)
            {
                fromPyenv = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pyenv is not installed.
        }

        if (!string.IsNullOrEmpty(fromPyenv))
        {
            yield return fromPyenv;
        }

        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions", "3.13.0");
    }
}

/// <summary>A fact that is skipped, with the reason, when the CPython 3.13 stdlib is absent.</summary>
public sealed class StdlibFactAttribute : FactAttribute
{
    public StdlibFactAttribute()
    {
        if (PythonStdlib.Directory is null)
        {
            Skip = PythonStdlib.MissingReason;
        }
    }
}
