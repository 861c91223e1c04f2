using System.CommandLine;
using GilScan.Cli.Commands;

namespace GilScan.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("gilscan: finds Python work that the GIL or the event loop serialises.")
        {
            AstCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
