using System.Diagnostics;

namespace GilScan.Rules.Tests;

/// <summary>
/// Runs tools/sarif-validate/validate.sh (GitHub's schema gate and Microsoft's SARIF Multitool with
/// the GitHub rules) on files the tests write.
/// </summary>
internal static class SarifValidators
{
    public const string RequireVariable = "GILSCAN_REQUIRE_VALIDATORS";

    public static readonly string Directory = RepositoryRoot.Combine("tools", "sarif-validate");

    public static bool Installed =>
        File.Exists(Path.Combine(Directory, "node_modules", "jsonschema", "package.json"))
        && File.Exists(Path.Combine(Directory, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool"));

    public static string? SkipReason =>
        Installed || Environment.GetEnvironmentVariable(RequireVariable) == "1"
            ? null
            : $"SARIF validators are not installed: run 'npm ci --prefix tools/sarif-validate' (CI does; set {RequireVariable}=1 to fail instead of skipping).";

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

/// <summary>A fact that needs the npm-installed validators: skipped with the setup command when they are missing.</summary>
public sealed class ValidatorFactAttribute : FactAttribute
{
    public ValidatorFactAttribute() => Skip = SarifValidators.SkipReason;
}
