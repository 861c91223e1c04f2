using System.Diagnostics;

namespace GilScan.ParseBench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(string Directory, int Passes, bool Profile, int Top, bool LexOnly)
{
    public static BenchOptions Parse(string[] args)
    {
        string? directory = null;
        int passes = 3;
        bool profile = false;
        int top = 25;
        bool lexOnly = false;
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
                default:
                    directory = args[i];
                    break;
            }
        }

        return new BenchOptions(directory ?? DefaultStdlib(), passes, profile, top, lexOnly);
    }

    /// <summary>The CPython 3.13.0 stdlib from pyenv.</summary>
    private static string DefaultStdlib()
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

        return Path.Combine(prefix, "lib", "python3.13");
    }
}
