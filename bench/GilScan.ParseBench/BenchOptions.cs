using System.Diagnostics;

namespace GilScan.ParseBench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(string Directory, int Passes, bool Profile, int Top, bool LexOnly, string? ComparePython)
{
    public static BenchOptions Parse(string[] args)
    {
        string? directory = null;
        int passes = 3;
        bool profile = false;
        int top = 25;
        bool lexOnly = false;
        string? comparePython = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--passes":
                    passes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--profile":
                    profile = true;
                    if (i + 1 < args.Length && int.TryParse(args[i + 1], out int n))
                    {
                        top = n;
                        i++;
                    }

                    break;
                case "--lex-only":
                    lexOnly = true;
                    break;
                case "--compare-cpython":
                    comparePython = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && File.Exists(args[i + 1])
                        ? args[++i]
                        : Path.Combine(PyenvPrefix(), "bin", "python3");
                    break;
                default:
                    directory = args[i];
                    break;
            }
        }

        return new BenchOptions(directory ?? DefaultStdlib(), passes, profile, top, lexOnly, comparePython);
    }

    /// <summary>The CPython 3.13.0 stdlib from pyenv.</summary>
    private static string DefaultStdlib() => Path.Combine(PyenvPrefix(), "lib", "python3.13");

    private static string PyenvPrefix()
    {
        string prefix;
        try
        {
            var info = new ProcessStartInfo("pyenv", "prefix 3.13.0") { RedirectStandardOutput = true };
            using var process = Process.Start(info)!;
            prefix = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            prefix = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions", "3.13.0");
        }

        return prefix;
    }
}
