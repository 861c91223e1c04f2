using GilScan.Cli;

namespace GilScan.Cli.Tests.Support;

/// <summary>What one in-process run of the command line gave.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>
/// Runs the real command line in-process, with its own output writers, working folder and
/// environment (no CI variable, standard error not a terminal), so that tests run side by side.
/// </summary>
internal static class CliRun
{
    public static CliResult Run(GilScanApp app, string currentDirectory, params string[] args) =>
        Run(app, currentDirectory, new Dictionary<string, string>(), errorIsTerminal: false, args);

    public static CliResult Run(GilScanApp app, string currentDirectory, IReadOnlyDictionary<string, string> environment, bool errorIsTerminal, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var host = new CliHost(output, error, currentDirectory)
        {
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
            ErrorIsTerminal = errorIsTerminal,
        };
        var exit = app.Run(args, host);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>The shipped tool: the rules and documentation a user gets.</summary>
    public static GilScanApp Shipped { get; } = GilScanApp.Shipped();
}
