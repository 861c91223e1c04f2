using System.CommandLine;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Cli.Commands;
using GilScan.Rules;

namespace GilScan.Cli;

/// <summary>
/// The gilscan command line over a given rule catalog, its documentation and the shared models:
/// <see cref="Shipped"/> for the real tool, other catalogs for tests. Parse errors are usage errors
/// (exit code 2), as every other problem with how gilscan was called.
/// </summary>
public sealed class GilScanApp(RuleCatalog catalog, RuleDocs docs, ProjectModelRegistry models)
{
    public RuleCatalog Catalog => catalog;

    public RuleDocs Docs => docs;

    public ProjectModelRegistry Models => models;

    public static GilScanApp Shipped() => new(ShippedRuleSet.Catalog, RuleDocs.LoadEmbedded(), ShippedRuleSet.Models);

    public int Run(string[] args, CliHost host)
    {
        var root = new RootCommand("gilscan: finds Python work that the GIL or the event loop serialises.")
        {
            CheckCommand.Create(this, host),
            AuditCommand.Create(this, host),
            RulesCommand.Create(this, host),
            AstCommand.Create(),
        };
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = host.Out, Error = host.Error };
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                host.Error.WriteLine($"gilscan: error: {ParseErrors.Describe(error)}");
            }

            host.Error.WriteLine("Run 'gilscan --help' for usage.");
            return ExitCodes.UsageError;
        }

        return parsed.Invoke(configuration);
    }
}
