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
        var format = new Option<string>("--format", "-f", "--output-format") { Description = "Output format: text, grouped (by file), github, json or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "grouped", "github", "json", "sarif");
        var color = new Option<string>("--color") { Description = "Colour in the text formats: auto (when standard output is a terminal and NO_COLOR is not set), always or never.", DefaultValueFactory = _ => "auto" };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        var stdinFilename = new Option<string?>("--stdin-filename") { Description = "With '-' as the path: the file name the source on standard input is checked and reported under (for editors)." };
        var github = new Option<bool>("--github") { Description = "SARIF for GitHub code scanning: leave out suppressed and absent results." };
        var showSource = new Option<bool>("--show-source") { Description = "Show the source line of each finding (text format)." };
        var statistics = new Option<bool>("--statistics") { Description = "Show counts per rule instead of the findings." };
        var baseline = new Option<string?>("--baseline") { Description = "Compare with an earlier SARIF file: only new findings fail the run." };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write every current finding to FILE (SARIF) as the new baseline; the run does not fail." };
        var failLevel = new Option<string>("--fail-level") { Description = "Lowest level that fails the run: note, warning or error.", DefaultValueFactory = _ => "warning" };
        failLevel.AcceptOnlyFromAmong("note", "warning", "error");
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the results cache." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Keep the results cache in DIR (default: .gilscan_cache next to the configuration)." };
        var pythonEnv = new Option<string?>("--python-env") { HelpName = "DIR", Description = "Follow calls into the pure-Python packages installed in DIR (a venv or prefix; default: the project's .venv or venv)." };
        var shared = new SharedRunOptions();
        var confirm = new ConfirmRunOptions();

        var command = new Command("check", "Analyse Python files and report findings.")
        {
            paths, format, color, stdinFilename, github, showSource, statistics, baseline, writeBaseline, failLevel, noCache, cacheDir, pythonEnv,
        };
        shared.AddTo(command);
        confirm.AddTo(command);
        command.SetAction(parse =>
        {
            var given = parse.GetValue(paths) ?? [];
            var (stdinPath, stdinProblem) = StdinPath(given, parse.GetValue(stdinFilename));
            if (stdinProblem is not null)
            {
                return CommandErrors.Usage(host, stdinProblem);
            }

            var (common, problem) = shared.Read(parse, stdinPath is null ? given : [stdinPath], "check", host);
            if (common is null)
            {
                return CommandErrors.Usage(host, problem!);
            }

            var (confirmOptions, confirmProblem) = confirm.Read(parse);
            if (confirmProblem is not null)
            {
                return CommandErrors.Usage(host, confirmProblem);
            }

            var environment = parse.GetValue(pythonEnv) is { } env ? host.FullPath(env) : null;
            if (environment is not null && !Directory.Exists(environment))
            {
                return CommandErrors.Usage(host, $"--python-env: no such folder: {environment}");
            }

            var options = common with
            {
                PythonEnvironment = environment,
                Format = parse.GetValue(format) switch
                {
                    "grouped" => OutputFormat.Grouped,
                    "github" => OutputFormat.GitHub,
                    "json" => OutputFormat.Json,
                    "sarif" => OutputFormat.Sarif,
                    _ => OutputFormat.Text,
                },
                GitHubProfile = parse.GetValue(github),
                ShowSource = parse.GetValue(showSource),
                Statistics = parse.GetValue(statistics),
                BaselineFile = parse.GetValue(baseline),
                WriteBaselineFile = parse.GetValue(writeBaseline),
                FailLevel = parse.GetValue(failLevel) switch
                {
                    "note" => RuleLevel.Note,
                    "error" => RuleLevel.Error,
                    _ => RuleLevel.Warning,
                },
                NoCache = parse.GetValue(noCache),
                CacheDirectory = parse.GetValue(cacheDir),
                Confirm = confirmOptions,
                Colour = parse.GetValue(color) switch
                {
                    "always" => true,
                    "never" => false,
                    _ => host.OutIsTerminal && common.OutputFile is null
                        && string.IsNullOrEmpty(host.GetEnvironmentVariable("NO_COLOR")) && host.GetEnvironmentVariable("TERM") != "dumb",
                },
                Stdin = stdinPath is null ? null : host.ReadStandardInput(),
            };
            return new CheckRunner(app, host, options).Run();
        });
        return command;
    }

    // '-' reads the source from standard input, as ruff does: it must be the only path, and it is
    // checked and reported as --stdin-filename (default stdin.py in the current folder). The file need
    // not exist; its folder still decides the project and the configuration.
    private static (string? Path, string? Problem) StdinPath(IReadOnlyList<string> paths, string? stdinFilename)
    {
        if (!paths.Contains("-"))
        {
            return stdinFilename is null ? (null, null) : (null, "--stdin-filename applies only when the path is '-' (the source on standard input)");
        }

        if (paths.Count > 1)
        {
            return (null, "'-' (standard input) must be the only path");
        }

        return (stdinFilename ?? "stdin.py", null);
    }
}
