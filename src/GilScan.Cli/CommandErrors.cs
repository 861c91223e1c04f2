namespace GilScan.Cli;

/// <summary>How every command ends on a problem of its own: usage errors and internal errors are exit code 2, with one line on standard error.</summary>
internal static class CommandErrors
{
    /// <summary>Runs a command; an exception it did not expect is an internal error (printed in full, exit code 2), never a crash.</summary>
    public static int Guard(CliHost host, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            host.Error.WriteLine($"gilscan: internal error: {error}");
            return ExitCodes.UsageError;
        }
    }

    /// <summary>Prints a usage error and returns its exit code.</summary>
    public static int Usage(CliHost host, string message)
    {
        host.Error.WriteLine($"gilscan: error: {message}");
        return ExitCodes.UsageError;
    }
}
