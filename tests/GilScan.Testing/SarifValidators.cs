using System.Diagnostics;

namespace GilScan.Testing;

/// <summary>
/// Runs tools/sarif-validate/validate.sh (GitHub's JSON-schema gate and Microsoft's SARIF Multitool
/// with the GitHub rules) on SARIF files. Tests skip with the setup command when the npm tools are
/// missing, and fail instead when GILSCAN_REQUIRE_VALIDATORS=1 or CI=true (<see cref="OptionalTools"/>).
/// </summary>
public static class SarifValidators
{
    public const string RequireVariable = "GILSCAN_REQUIRE_VALIDATORS";

    public static string Directory => Path.Combine(RepositoryRoot.Path, "tools", "sarif-validate");

    public static bool Installed =>
        File.Exists(Path.Combine(Directory, "node_modules", "jsonschema", "package.json"))
        && File.Exists(Path.Combine(Directory, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool"));

    /// <summary>Why a validator test cannot run here, or null when it must run.</summary>
    public static string? SkipReason =>
        Installed || Environment.GetEnvironmentVariable(RequireVariable) == "1"
            ? null
            : OptionalTools.SkipReason($"SARIF validators are not installed: run 'npm ci --prefix tools/sarif-validate' (or set {RequireVariable}=1 to fail instead of skipping)");

    /// <summary>Validates the files; returns the script's exit code (0 pass, 1 errors, 3 not installed) and everything it printed.</summary>
    public static (int ExitCode, string Output) Validate(params string[] files)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Directory, "validate.sh"));
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"validate.sh did not finish within 5 minutes for {string.Join(' ', files)}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
