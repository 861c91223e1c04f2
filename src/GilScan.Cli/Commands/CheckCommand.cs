using System.CommandLine;
using GilScan.Analysis.Diagnostics;
using GilScan.Cli.Check;
using GilScan.Cli.Confirm;
using GilScan.Confirmation.Targets;

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
        var confirm = new Option<bool>("--confirm") { Description = "Measure each confirmable finding (GIL101, GIL102, GIL201) by running the flagged code: this imports and runs project code." };
        var python = new Option<string[]>("--python") { Description = "With --confirm: an interpreter to measure with (repeatable; the first is the project's; default: the project's .venv, else python3). Free-threaded builds and PyPy on PATH are added." };
        var cores = new Option<string?>("--cores") { Description = "With --confirm: the cores to pin measurements to, such as 0-3 or 0,2 (default: every core gilscan may use); k = their number." };
        var repeat = new Option<int?>("--repeat") { Description = "With --confirm: repeats of each measurement; the median is reported (default: 5)." };
        var confirmTimeout = new Option<double?>("--confirm-timeout") { Description = "With --confirm: seconds one interpreter may take to measure one finding before it is killed (default: 60)." };
        var keepHarness = new Option<bool>("--keep-harness") { Description = "With --confirm: keep the generated harness scripts and print where they are." };

        var command = new Command("check", "Analyse Python files and report findings.")
        {
            paths, format, output, github, showSource, statistics, baseline, writeBaseline, exitZero, failLevel,
            config, isolated, select, extendSelect, ignore, jobs, noCache, cacheDir,
            confirm, python, cores, repeat, confirmTimeout, keepHarness,
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

            var (confirmOptions, confirmProblem) = ConfirmOptionsFrom(
                parse.GetValue(confirm), parse.GetValue(python) ?? [], parse.GetValue(cores), parse.GetValue(repeat), parse.GetValue(confirmTimeout), parse.GetValue(keepHarness));
            if (confirmProblem is not null)
            {
                host.Error.WriteLine($"gilscan: error: {confirmProblem}");
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
                Confirm = confirmOptions,
            };
            return new CheckRunner(app, host, options).Run();
        });
        return command;
    }

    private static (ConfirmOptions? Options, string? Problem) ConfirmOptionsFrom(
        bool confirm, string[] pythons, string? cores, int? repeat, double? timeout, bool keepHarness)
    {
        if (!confirm)
        {
            var stray = (pythons.Length > 0 ? "--python" : null) ?? (cores is not null ? "--cores" : null) ?? (repeat is not null ? "--repeat" : null)
                ?? (timeout is not null ? "--confirm-timeout" : null) ?? (keepHarness ? "--keep-harness" : null);
            return (null, stray is null ? null : $"{stray} only applies with --confirm");
        }

        CoreSet? coreSet = null;
        if (cores is not null && !CoreSet.TryParse(cores, out coreSet, out var coreError))
        {
            return (null, $"--cores: {coreError}");
        }

        if (repeat is < 1)
        {
            return (null, "--repeat must be at least 1");
        }

        if (timeout is { } seconds && !(double.IsFinite(seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2))
        {
            return (null, "--confirm-timeout must be a positive number of seconds");
        }

        return (new ConfirmOptions
        {
            Pythons = [.. pythons],
            Cores = coreSet,
            Repeat = repeat ?? ConfirmationSettings.Default.Repeat,
            Timeout = timeout is { } limit ? TimeSpan.FromSeconds(limit) : ConfirmationSettings.Default.Timeout,
            KeepHarness = keepHarness,
        }, null);
    }

    private static string[] SplitCodes(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
