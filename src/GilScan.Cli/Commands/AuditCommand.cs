using System.CommandLine;
using GilScan.Cli.Audit;
using GilScan.Dependencies.Audit;
using GilScan.Reporting.Audit;

namespace GilScan.Cli.Commands;

/// <summary>
/// <c>gilscan audit [PATH]</c>: the pre-migration report for a free-threaded target: every dependency
/// with its verdict and evidence (blockers first), where the project imports each, and the findings
/// of the other rules, as Markdown, HTML or SARIF.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(GilScanApp app, CliHost host)
    {
        var path = new Argument<string?>("path") { Description = "The project folder (default: the current folder).", Arity = ArgumentArity.ZeroOrOne };
        var target = new Option<string?>("--target") { Description = "The free-threaded CPython to migrate to: 3.13t or 3.14t (default: the newest one the project's requires-python allows)." };
        var platform = new Option<string>("--platform") { Description = $"The platform whose markers and wheels count: {TargetPlatform.Choices}.", DefaultValueFactory = _ => TargetPlatform.Default.Name };
        var format = new Option<string>("--format", "-f") { Description = "Report format: markdown, html, sarif, or sarif-github (SARIF for GitHub code scanning).", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "html", "sarif", "sarif-github");
        var pythonEnv = new Option<string?>("--python-env") { HelpName = "DIR", Description = "Scan the installed environment in DIR (default: the project's .venv or venv)." };
        var wheels = new Option<string?>("--wheels") { HelpName = "DIR", Description = "Scan the .whl files in DIR." };
        var shared = new SharedRunOptions();
        var confirm = new ConfirmRunOptions();

        var command = new Command("audit", "Report which dependencies keep the GIL on under free-threaded CPython, where the project imports them, and the other rules' findings.")
        {
            path, target, platform, format, pythonEnv, wheels,
        };
        shared.AddTo(command);
        confirm.AddTo(command);
        command.SetAction(parse =>
        {
            var (common, problem) = shared.Read(parse, parse.GetValue(path) is { } folder ? [folder] : [], "audit", host);
            if (common is null)
            {
                return CommandErrors.Usage(host, problem!);
            }

            FreeThreadedTarget? freeThreaded = null;
            if (parse.GetValue(target) is { } targetText && !FreeThreadedTarget.TryParse(targetText, out freeThreaded))
            {
                return CommandErrors.Usage(host, $"--target: '{targetText}' is not a free-threaded target; use 3.13t or 3.14t");
            }

            if (!TargetPlatform.TryParse(parse.GetValue(platform) ?? string.Empty, out var targetPlatform))
            {
                return CommandErrors.Usage(host, $"--platform: '{parse.GetValue(platform)}' is not a known platform; use one of {TargetPlatform.Choices}");
            }

            var (confirmOptions, confirmProblem) = confirm.Read(parse);
            if (confirmProblem is not null)
            {
                return CommandErrors.Usage(host, confirmProblem);
            }

            AuditOutput.TryParseFormat(parse.GetValue(format) ?? string.Empty, out var auditFormat);
            var options = new AuditOptions
            {
                Run = common with { Confirm = confirmOptions is null ? null : confirmOptions with { EveryK = true } },
                Target = freeThreaded,
                Platform = targetPlatform,
                Format = auditFormat,
                PythonEnvironment = parse.GetValue(pythonEnv),
                WheelsDirectory = parse.GetValue(wheels),
            };
            return new AuditRunner(app, host, options).Run();
        });
        return command;
    }
}
