using System.CommandLine;
using GilScan.Cli.Check;

namespace GilScan.Cli.Commands;

/// <summary>
/// The options <c>check</c> and <c>audit</c> share, declared once: where the report goes, the exit
/// status, the configuration, the rule selection and parallelism. Each command adds them to its own
/// <see cref="Command"/> and reads them into the <see cref="CheckOptions"/> of the run they share.
/// </summary>
internal sealed class SharedRunOptions
{
    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to FILE instead of standard output." };

    public Option<bool> ExitZero { get; } = new("--exit-zero") { Description = "Exit with 0 even when there are findings." };

    public Option<string?> Config { get; } = new("--config") { Description = "Read settings from FILE (a pyproject.toml's [tool.gilscan], or a gilscan TOML file) instead of the nearest pyproject.toml." };

    public Option<bool> Isolated { get; } = new("--isolated") { Description = "Ignore every configuration file." };

    public Option<string[]> Select { get; } = new("--select") { Description = "Rules to run, replacing the configuration's 'select' (comma-separated codes or prefixes).", AllowMultipleArgumentsPerToken = false };

    public Option<string[]> ExtendSelect { get; } = new("--extend-select") { Description = "Rules to run in addition (comma-separated)." };

    public Option<string[]> Ignore { get; } = new("--ignore") { Description = "Rules not to run (comma-separated), in addition to the configuration's 'ignore'." };

    public Option<int> Jobs { get; } = new("--jobs", "-j") { Description = "Files analysed in parallel (default: all cores). The output does not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };

    /// <summary>Adds every shared option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Output, ExitZero, Config, Isolated, Select, ExtendSelect, Ignore, Jobs })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The shared options as <see cref="CheckOptions"/> over <paramref name="paths"/>, or the usage error
    /// that the parser could not see: a misspelt option taken for a path, or fewer than one job.
    /// </summary>
    public (CheckOptions? Options, string? UsageError) Read(ParseResult parse, IReadOnlyList<string> paths, string commandName, CliHost host)
    {
        // The paths argument takes any word, so a misspelt option arrives here as a path.
        var unknown = paths.FirstOrDefault(p => p.StartsWith('-') && !File.Exists(host.FullPath(p)) && !Directory.Exists(host.FullPath(p)));
        if (unknown is not null)
        {
            return (null, $"unknown option '{unknown}'; 'gilscan {commandName} --help' lists the options");
        }

        var jobs = parse.GetValue(Jobs);
        if (jobs < 1)
        {
            return (null, "--jobs must be at least 1");
        }

        return (new CheckOptions
        {
            Paths = paths.Count > 0 ? paths : ["."],
            OutputFile = parse.GetValue(Output),
            ExitZero = parse.GetValue(ExitZero),
            ConfigFile = parse.GetValue(Config),
            Isolated = parse.GetValue(Isolated),
            Select = parse.GetResult(Select) is null ? null : SplitCodes(parse.GetValue(Select)),
            ExtendSelect = SplitCodes(parse.GetValue(ExtendSelect)),
            Ignore = SplitCodes(parse.GetValue(Ignore)),
            Jobs = jobs,
        }, null);
    }

    private static string[] SplitCodes(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
