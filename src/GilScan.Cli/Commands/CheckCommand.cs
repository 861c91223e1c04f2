using System.CommandLine;
using GilScan.Analysis.Diagnostics;
using GilScan.Cli.Check;

namespace GilScan.Cli.Commands;

/// <summary><c>gilscan check [PATHS…]</c>: discovery, configuration, analysis and every output format.</summary>
internal static class CheckCommand
{
    public static Command Create(GilScanApp app, CliHost host)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files and folders to check (default: the current folder).", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, github, json or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "github", "json", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output." };
        var github = new Option<bool>("--github") { Description = "SARIF for GitHub code scanning: leave out suppressed and absent results." };
        var showSource = new Option<bool>("--show-source") { Description = "Show the source line of each finding (text format)." };
        var statistics = new Option<bool>("--statistics") { Description = "Show counts per rule instead of the findings." };
        var baseline = new Option<string?>("--baseline") { Description = "Compare with an earlier SARIF file: only new findings fail the run." };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write every current finding to FILE (SARIF) as the new baseline; the run does not fail." };
        var exitZero = new Option<bool>("--exit-zero") { Description = "Exit with 0 even when there are findings." };
        var failLevel = new Option<string>("--fail-level") { Description = "Lowest level that fails the run: note, warning or error.", DefaultValueFactory = _ => "warning" };
        failLevel.AcceptOnlyFromAmong("note", "warning", "error");
        var config = new Option<string?>("--config") { Description = "Read settings from FILE (a pyproject.toml's [tool.gilscan], or a gilscan TOML file) instead of the nearest pyproject.toml." };
        var isolated = new Option<bool>("--isolated") { Description = "Ignore every configuration file." };
        var select = new Option<string[]>("--select") { Description = "Rules to run, replacing the configuration's 'select' (comma-separated codes or prefixes).", AllowMultipleArgumentsPerToken = false };
        var extendSelect = new Option<string[]>("--extend-select") { Description = "Rules to run in addition (comma-separated)." };
        var ignore = new Option<string[]>("--ignore") { Description = "Rules not to run (comma-separated), in addition to the configuration's 'ignore'." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files analysed in parallel (default: all cores). The output does not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the results cache." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Keep the results cache in DIR (default: .gilscan_cache next to the configuration)." };

        var command = new Command("check", "Analyse Python files and report findings.")
        {
            paths, format, output, github, showSource, statistics, baseline, writeBaseline, exitZero, failLevel,
            config, isolated, select, extendSelect, ignore, jobs, noCache, cacheDir,
        };
        command.SetAction(parse =>
        {
            // The paths argument takes any word, so a misspelt option arrives here as a path.
            var unknown = (parse.GetValue(paths) ?? []).FirstOrDefault(p => p.StartsWith('-') && !File.Exists(host.FullPath(p)) && !Directory.Exists(host.FullPath(p)));
            if (unknown is not null)
            {
                host.Error.WriteLine($"gilscan: error: unknown option '{unknown}'; 'gilscan check --help' lists the options");
                return ExitCodes.UsageError;
            }

            var jobCount = parse.GetValue(jobs);
            if (jobCount < 1)
            {
                host.Error.WriteLine("gilscan: error: --jobs must be at least 1");
                return ExitCodes.UsageError;
            }

            var options = new CheckOptions
            {
                Paths = parse.GetValue(paths) is { Length: > 0 } given ? given : ["."],
                Format = parse.GetValue(format) switch
                {
                    "github" => OutputFormat.GitHub,
                    "json" => OutputFormat.Json,
                    "sarif" => OutputFormat.Sarif,
                    _ => OutputFormat.Text,
                },
                OutputFile = parse.GetValue(output),
                GitHubProfile = parse.GetValue(github),
                ShowSource = parse.GetValue(showSource),
                Statistics = parse.GetValue(statistics),
                BaselineFile = parse.GetValue(baseline),
                WriteBaselineFile = parse.GetValue(writeBaseline),
                ExitZero = parse.GetValue(exitZero),
                FailLevel = parse.GetValue(failLevel) switch
                {
                    "note" => RuleLevel.Note,
                    "error" => RuleLevel.Error,
                    _ => RuleLevel.Warning,
                },
                ConfigFile = parse.GetValue(config),
                Isolated = parse.GetValue(isolated),
                Select = parse.GetResult(select) is null ? null : SplitCodes(parse.GetValue(select)),
                ExtendSelect = SplitCodes(parse.GetValue(extendSelect)),
                Ignore = SplitCodes(parse.GetValue(ignore)),
                Jobs = jobCount,
                NoCache = parse.GetValue(noCache),
                CacheDirectory = parse.GetValue(cacheDir),
            };
            return new CheckRunner(app, host, options).Run();
        });
        return command;
    }

    private static string[] SplitCodes(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
