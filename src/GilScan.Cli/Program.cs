namespace GilScan.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var host = CliHost.FromConsole();
        try
        {
            return GilScanApp.Shipped().Run(args, host);
        }
        finally
        {
            host.Out.Flush();
            host.Error.Flush();
        }
    }
}
