using System.Diagnostics;
using System.Globalization;

/// <summary>The bench's command line: which library, how many timed rounds, how many jobs.</summary>
internal sealed record BenchOptions(string StandardLibrary, int Runs, int Jobs, bool SkipValidate)
{
    public static BenchOptions Parse(string[] args)
    {
        string? stdlib = null;
        var runs = 3;
        var jobs = Environment.ProcessorCount;
        var skipValidate = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--stdlib":
                    stdlib = args[++i];
                    break;
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--jobs":
                    jobs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--skip-validate":
                    skipValidate = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}; see the comment at the top of Program.cs");
            }
        }

        return new BenchOptions(stdlib ?? DefaultStandardLibrary(), runs, jobs, skipValidate);
    }

    // $(pyenv prefix 3.13.0)/lib/python3.13
    private static string DefaultStandardLibrary()
    {
        var start = new ProcessStartInfo("pyenv") { ArgumentList = { "prefix", "3.13.0" }, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var prefix = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return Path.Combine(prefix, "lib", "python3.13");
    }
}
