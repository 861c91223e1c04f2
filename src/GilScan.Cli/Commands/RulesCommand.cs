using System.CommandLine;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Cli.Commands;

/// <summary>
/// <c>gilscan rules</c> lists every rule (id, default level, name, title); <c>gilscan rules GIL101</c>
/// prints the rule's page from rules/docs (embedded in the tool).
/// </summary>
internal static class RulesCommand
{
    public static Command Create(GilScanApp app, CliHost host)
    {
        var id = new Argument<string?>("rule") { Description = "A rule id such as GIL101: print its documentation.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("rules", "List the rules, or print the documentation of one.") { id };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(id);
            if (wanted is null)
            {
                var nameWidth = app.Catalog.Descriptors.Max(rule => rule.Name.Length);
                foreach (var rule in app.Catalog.Descriptors)
                {
                    host.Out.Write($"{rule.Id}  {DiagnosticJson.LevelName(rule.DefaultLevel),-7}  {rule.Name.PadRight(nameWidth)}  {rule.Title}\n");
                }

                host.Out.Flush();
                return ExitCodes.Success;
            }

            var descriptor = app.Catalog.Find(wanted.ToUpperInvariant());
            if (descriptor is null || !app.Docs.TryGet(descriptor.Id, out var doc))
            {
                host.Error.WriteLine($"gilscan: error: no rule {wanted}; 'gilscan rules' lists them.");
                return ExitCodes.UsageError;
            }

            host.Out.Write($"# {doc.Id}: {doc.Title}\n\n{doc.HelpMarkdown}");
            host.Out.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
