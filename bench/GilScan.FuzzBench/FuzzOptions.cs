using System.Diagnostics;
using System.Globalization;

namespace GilScan.FuzzBench;

/// <summary>The fuzzer's command line (see the comment at the top of Program.cs).</summary>
internal sealed record FuzzOptions(int Files, int Seed, int First, int Batch, int Jobs, string Python, string StandardLibrary, string? Keep)
{
    public static FuzzOptions Parse(string[] args)
    {
        int files = 10_000, seed = 1, first = 0, batch = 2_000, jobs = Environment.ProcessorCount;
        string? python = null, keep = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--files": files = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--first": first = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--jobs": jobs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--python": python = args[++i]; break;
                case "--keep": keep = Path.GetFullPath(args[++i]); break;
                default: throw new ArgumentException($"unknown option {args[i]}; see the comment at the top of Program.cs");
            }
        }

        python ??= Python313() ?? throw new InvalidOperationException("CPython 3.13 not found; pass --python");
        var stdlib = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(python)!, "..", "lib", "python3.13"));
        return new FuzzOptions(files, seed, first, batch, jobs, python, stdlib, keep);
    }

    // GILSCAN_PYTHON313, else $(pyenv prefix 3.13.0)/bin/python3.
    private static string? Python313()
    {
        if (Environment.GetEnvironmentVariable("GILSCAN_PYTHON313") is { Length: > 0 } configured) return configured;
        try
        {
            var start = new ProcessStartInfo("pyenv") { ArgumentList = { "prefix", "3.13.0" }, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var prefix = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            var python = Path.Combine(prefix, "bin", "python3");
            return process.ExitCode == 0 && File.Exists(python) ? python : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
