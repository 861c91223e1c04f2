using System.Globalization;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Cli.Check;
using GilScan.Cli.Output;
using GilScan.Confirmation.Reporting;
using GilScan.Reporting.Audit;
using GilScan.Reporting.Check;
using GilScan.Rules.Dependencies;
using GilScan.Rules.FreeThreading;
using GilScan.Sarif;
using GilScan.Semantics;

namespace GilScan.Cli.Audit;

/// <summary>
/// One <c>gilscan audit</c>: the run <c>check</c> makes (same project, configuration, discovery and
/// rules), with GIL401-403 always on and the audit's target, environment and wheels, then the
/// pre-migration report (<see cref="AuditReportBuilder"/>) in the chosen format. Exit codes: 1 when a
/// dependency blocks free-threading on the target (0 with <c>--exit-zero</c>), 0 otherwise, 2 for
/// usage, configuration and internal errors. The results cache is not used: the report needs every
/// dependency's verdict, not only the findings a cache keeps, and the target changes them. With
/// <c>--confirm</c>, the confirmable findings are measured after the analysis, as <c>check</c> does, and
/// the report shows each one's figures and chart.
/// </summary>
internal sealed class AuditRunner(GilScanApp app, CliHost host, AuditOptions options)
{
    public int Run() => CommandErrors.Guard(host, RunChecked);

    private int RunChecked()
    {
        var environment = options.PythonEnvironment is { } env ? host.FullPath(env) : null;
        var wheels = options.WheelsDirectory is { } dir ? host.FullPath(dir) : null;
        if (environment is not null && !Directory.Exists(environment))
        {
            return Usage($"--python-env: no such folder: {environment}");
        }

        if (wheels is not null && !Directory.Exists(wheels))
        {
            return Usage($"--wheels: no such folder: {wheels}");
        }

        // The environment the audit scans is also the one whose pure-Python packages the code rules follow.
        var run = new ProjectRun(app, host, options.Run with { PythonEnvironment = environment });
        var (setup, problem) = run.ResolveSetup();
        if (setup is null)
        {
            return Usage(problem!);
        }

        var config = run.LoadConfiguration(setup);
        if (!config.IsValid)
        {
            return ReportInvalidConfiguration(run, setup, config.Errors);
        }

        var auditOptions = new DependencyAuditOptions { Target = options.Target, Platform = options.Platform, PythonEnvironment = environment, WheelsDirectory = wheels };
        var request = new RunRequest
        {
            // The audit's own options replace the default registration; the report reads the model the run built.
            Models = app.Models.With(input => DependencyModel.Build(input, auditOptions), DependencyModel.Inputs(auditOptions)),
            AlwaysEnabled = [.. DependencyRules.All.Select(rule => rule.Id)],
            UseCache = false,
        };
        var result = run.Analyse(setup, config.Settings, request);
        ProjectRun.WriteStandaloneNotifications(host, result.Notifications, path => CheckReport.DisplayPath(setup.Root, host.CurrentDirectory, path));
        if (!result.Analysis.ExecutionSuccessful)
        {
            host.Error.WriteLine("gilscan: error: a rule failed; the audit is incomplete (see the notifications above).");
            return ExitCodes.UsageError;
        }

        if (result.Analysis.Models.Find<DependencyModel>()?.Outcome is not { } analysis)
        {
            host.Error.WriteLine("gilscan: error: this build of gilscan has no dependency rules (GIL401-403) to audit with.");
            return ExitCodes.UsageError;
        }

        // --confirm measures after the analysis (never cached: the audit uses no cache at all).
        var confirmed = run.Confirm(setup, config.Settings, result.Analysis.Diagnostics, result.Sources);
        var measured = result with { Analysis = result.Analysis with { Diagnostics = confirmed.Diagnostics } };
        var outputFile = options.Run.OutputFile is { } output ? host.FullPath(output) : null;
        var linkPrefix = AuditReportBuilder.LinkPrefixFor(setup.Root, outputFile);
        var report = AuditReportBuilder.Build(WithEngineResults(analysis, measured), confirmed.Diagnostics, result.RulesRan, linkPrefix, FreeThreadingChecked(result)) with
        {
            Measurements = confirmed.Confirmations.ToDictionary(
                c => c.Key,
                c => new FindingMeasurement(c.Value.Ran ? ConfirmationProperty.VerdictName(c.Value.Result.Verdict) : "not-run", ConfirmationText.Line(c.Value), c.Value.Chart),
                (IEqualityComparer<Diagnostic>)ReferenceEqualityComparer.Instance),
        };
        ReportFile.Write(host, options.Run.OutputFile, AuditOutput.Render(report, options.Format, ToolIdentity.Gilscan(ToolVersion.Current), app.Docs));
        return AuditExitCodes.For(report, options.Run.ExitZero);
    }

    // The report shows GIL401-403 as the engine passed them on (suppression comments, per-file-ignores
    // and severities applied, as check shows them), and every problem of the run, not only the audit's,
    // except files that did not parse or read: those are GIL001/GIL002 code findings already.
    private static DependencyAuditOutcome WithEngineResults(DependencyAuditOutcome analysis, ProjectRunResult result)
    {
        var dependencyRuleIds = DependencyRules.All.Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);
        var diagnostics = result.Analysis.Diagnostics.Where(d => dependencyRuleIds.Contains(d.RuleId)).Order(DiagnosticLocationOrder.Instance).ToList();
        var notifications = result.Notifications.Where(CheckReport.IsStandalone).ToList();
        return analysis with { Findings = analysis.Findings with { Diagnostics = diagnostics, Notifications = notifications } };
    }

    // Null when neither GIL501 nor GIL502 ran, so that the report says "not checked" rather than "nothing found".
    // GIL501/GIL502's analysis of the semantic model the run built (cached per model) says what they checked,
    // for the report's section on the project's own code. A run whose rules ran without building a model
    // (no Python file) checked no function.
    private static FreeThreadingCoverage? FreeThreadingChecked(ProjectRunResult result)
    {
        IEnumerable<ProjectModel> models = result.Analysis.Models.Find<ProjectModel>() is { } model ? [model] : [];
        var ran = result.RulesRan.Select(rule => rule.Id).Where(FreeThreadingCoverage.IsFreeThreadingRule).ToList();
        if (ran.Count == 0)
        {
            return null;
        }

        return FreeThreadingCoverage.Combine(models.Select(model => FreeThreadingCoverage.Of(model, ran)).Append(new FreeThreadingCoverage(ran, 0, 0, 0)));
    }

    private int ReportInvalidConfiguration(ProjectRun run, ProjectSetup setup, IReadOnlyList<Analysis.Configuration.ConfigurationProblem> errors)
    {
        setup = setup.Covering(setup.ConfigFile!);
        foreach (var diagnostic in errors.Select(error => ConfigurationDiagnostics.From(error, setup)).Order(DiagnosticComparer.Instance))
        {
            var span = diagnostic.Location.Span;
            host.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{CheckReport.DisplayPath(setup.Root, host.CurrentDirectory, diagnostic.Location.Path)}:{span.StartLine}:{span.StartColumnUtf16 + 1}: {diagnostic.RuleId} {diagnostic.Message}"));
        }

        host.Error.WriteLine($"gilscan: error: {run.DisplayConfigPath(setup.ConfigFile!)} has {errors.Count} invalid setting{(errors.Count == 1 ? string.Empty : "s")} (GIL003); nothing was audited.");
        return ExitCodes.UsageError;
    }

    private int Usage(string message) => CommandErrors.Usage(host, message);
}
