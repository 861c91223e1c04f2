using System.Collections.Immutable;
using System.Text;
using GilScan.Analysis.Caching;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Discovery;
using GilScan.Analysis.Engine;
using GilScan.Cli.Confirm;
using GilScan.Cli.Output;
using GilScan.Confirmation.Findings;
using GilScan.Reporting.Check;
using GilScan.Sarif;

namespace GilScan.Cli.Check;

/// <summary>
/// One <c>gilscan check</c>: resolve the project and its configuration, discover and read the files,
/// run the driver (with the results cache), compare with a baseline, write the chosen format and
/// choose the exit code (0 clean, 1 findings at or above the fail level, 2 usage, configuration or
/// internal error).
/// </summary>
internal sealed class CheckRunner(GilScanApp app, CliHost host, CheckOptions options)
{
    public int Run() => CommandErrors.Guard(host, RunChecked);

    private int RunChecked()
    {
        var run = new ProjectRun(app, host, options);
        var (setup, problem) = run.ResolveSetup();
        if (setup is null)
        {
            return Usage(problem!);
        }

        Baseline? baseline = null;
        if (options.BaselineFile is { } baselinePath)
        {
            try
            {
                baseline = Baseline.Load(host.FullPath(baselinePath));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return Usage($"--baseline: {error.Message}");
            }
        }

        // Each Python project under the inputs runs with its own configuration, lockfiles and module
        // roots; their results are put together under the top-level root.
        var parts = new List<(ProjectSetup Project, ProjectRunResult Result, ConfirmationOutcome Confirmed)>();
        foreach (var project in setup.WithNestedProjects(options, host))
        {
            var config = run.LoadConfiguration(project);
            if (!config.IsValid)
            {
                return ReportInvalidConfiguration(run, project, config);
            }

            var part = run.Analyse(project, config.Settings, new RunRequest { Models = app.Models });

            // After the cache is saved: measured results are never cached, the static ones may be.
            parts.Add((project, part, run.Confirm(project, config.Settings, part.Analysis.Diagnostics, part.Sources)));
        }

        var (rulesRan, result, notifications, sources, fileCount, confirmed) = Merge(setup, parts);
        var report = BuildReport(setup, rulesRan, confirmed.Diagnostics, notifications, result.ExecutionSuccessful, fileCount, sources, baseline, confirmed.Confirmations);
        Write(report);
        if (options.WriteBaselineFile is { } baselineOut)
        {
            var fresh = BuildSarif(setup, rulesRan, confirmed.Diagnostics, notifications, result.ExecutionSuccessful, sources, null, SarifProfile.Ide);
            ReportFile.Write(host, baselineOut, fresh.ToUtf8Bytes());
        }

        if (!report.ExecutionSuccessful)
        {
            host.Error.WriteLine("gilscan: error: a rule failed; its results are incomplete (see the notifications above).");
            return ExitCodes.UsageError;
        }

        if (options.WriteBaselineFile is not null || options.ExitZero)
        {
            return ExitCodes.Success;
        }

        var failing = report.Shown.Any(f => f.Diagnostic.Level != RuleLevel.None && f.Diagnostic.Level >= options.FailLevel);
        return failing ? ExitCodes.Findings : ExitCodes.Success;
    }

    // One run's results from its projects' runs: paths of a nested project get its folder in front,
    // then everything is put in the engine's total order again.
    private (IReadOnlyList<RuleDescriptor> RulesRan, AnalysisResult Result, IReadOnlyList<ToolNotification> Notifications,
        IReadOnlyDictionary<string, byte[]> Sources, int FileCount, ConfirmationOutcome Confirmed) Merge(
        ProjectSetup top, List<(ProjectSetup Project, ProjectRunResult Result, ConfirmationOutcome Confirmed)> parts)
    {
        if (parts.Count == 1)
        {
            var (_, only, confirmedOnly) = parts[0];
            return (only.RulesRan, only.Analysis, only.Notifications, only.Sources, only.FileCount, confirmedOnly);
        }

        var diagnostics = new List<Diagnostic>();
        var confirmations = new Dictionary<Diagnostic, ConfirmedFinding>(ReferenceEqualityComparer.Instance);
        var notifications = new List<ToolNotification>();
        var sources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var ran = new HashSet<string>(StringComparer.Ordinal);
        var successful = true;
        var files = 0;
        foreach (var (project, part, confirmed) in parts)
        {
            var prefix = project.Root == top.Root ? string.Empty : top.Relative(project.Root) + "/";
            foreach (var diagnostic in confirmed.Diagnostics)
            {
                var moved = diagnostic.WithPathPrefix(prefix);
                diagnostics.Add(moved);
                if (confirmed.Confirmations.TryGetValue(diagnostic, out var confirmation))
                {
                    confirmations[moved] = confirmation;
                }
            }

            notifications.AddRange(part.Notifications.Select(n => n.Path is null || prefix.Length == 0 ? n : n with { Path = prefix + n.Path }));
            foreach (var (path, bytes) in part.Sources)
            {
                sources[prefix + path] = bytes;
            }

            ran.UnionWith(part.RulesRan.Select(rule => rule.Id));
            successful &= part.Analysis.ExecutionSuccessful;
            files += part.FileCount;
        }

        var ordered = diagnostics.Order(DiagnosticComparer.Instance).ToImmutableArray();
        var statistics = new AnalysisStatistics(
            files, parts.Sum(p => p.Result.Analysis.Statistics.ParsedFiles), parts.Sum(p => p.Result.Analysis.Statistics.FilesFromCache), parts.All(p => p.Result.Analysis.Statistics.ProjectFromCache));
        var result = new AnalysisResult(ordered, [.. notifications.Order(NotificationComparer.Instance)], statistics, successful);
        IReadOnlyList<RuleDescriptor> rulesRan = [.. app.Catalog.Descriptors.Where(rule => ran.Contains(rule.Id))];
        return (rulesRan, result, result.Notifications, sources, files, new ConfirmationOutcome(ordered, confirmations));
    }

    private int ReportInvalidConfiguration(ProjectRun run, ProjectSetup setup, ConfigurationResult config)
    {
        setup = setup.Covering(setup.ConfigFile!);
        var diagnostics = config.Errors.Select(p => ConfigurationDiagnostics.From(p, setup)).Order(DiagnosticComparer.Instance).ToImmutableArray();
        var report = BuildReport(setup, [ToolRules.InvalidConfiguration], diagnostics, [], false, 0, new Dictionary<string, byte[]>(), null);
        Write(report);
        host.Error.WriteLine($"gilscan: error: {run.DisplayConfigPath(setup.ConfigFile!)} has {config.Errors.Length} invalid setting{(config.Errors.Length == 1 ? string.Empty : "s")} (GIL003); nothing was checked.");
        return ExitCodes.UsageError;
    }

    private CheckReport BuildReport(
        ProjectSetup setup, IReadOnlyList<RuleDescriptor> rulesRan, ImmutableArray<Diagnostic> diagnostics,
        IReadOnlyList<ToolNotification> notifications, bool successful, int fileCount, IReadOnlyDictionary<string, byte[]> sources, Baseline? baseline,
        IReadOnlyDictionary<Diagnostic, ConfirmedFinding>? confirmations = null)
    {
        SarifReport? sarif = null;
        var findings = diagnostics.Select(d => new Finding(d, null, ResultBaselineState.NotCompared)).ToList();
        if (options.Format is OutputFormat.Sarif or OutputFormat.Json || baseline is not null)
        {
            sarif = BuildSarif(setup, rulesRan, diagnostics, notifications, successful, sources, baseline, options.GitHubProfile ? SarifProfile.GitHub : SarifProfile.Ide);
            var byDiagnostic = new Dictionary<Diagnostic, ReportedResult>(ReferenceEqualityComparer.Instance);
            foreach (var reported in sarif.Results)
            {
                byDiagnostic[reported.Diagnostic] = reported;
            }

            findings = [.. diagnostics.Select(d => new Finding(d, byDiagnostic[d].StableFingerprint, byDiagnostic[d].BaselineState))];
        }

        return new CheckReport(setup.Root, host.CurrentDirectory, rulesRan, findings, notifications, successful, fileCount, sources)
        {
            HasBaseline = baseline is not null,
            AbsentCount = sarif?.AbsentCount ?? 0,
            Sarif = sarif,
            Confirmations = confirmations ?? ConfirmationOutcome.Unchanged([]).Confirmations,
        };
    }

    private SarifReport BuildSarif(
        ProjectSetup setup, IReadOnlyList<RuleDescriptor> rulesRan, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<ToolNotification> notifications,
        bool successful, IReadOnlyDictionary<string, byte[]> sources, Baseline? baseline, SarifProfile profile) =>
        SarifLogBuilder.Build(new SarifRunInput
        {
            Tool = ToolIdentity.Gilscan(ToolVersion.Current),
            Rules = rulesRan,
            Docs = app.Docs,
            Diagnostics = diagnostics,
            Notifications = notifications,
            ExecutionSuccessful = successful,
            SourceRoot = setup.Root,
            UriRoot = setup.RepositoryRoot,
            Sources = new ReportSources(setup.Root, sources),
            Profile = profile,
            Baseline = baseline,
        });

    private void Write(CheckReport report)
    {
        ProjectRun.WriteStandaloneNotifications(host, report.Notifications, report.DisplayPath);

        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            switch (options.Format)
            {
                case OutputFormat.Text or OutputFormat.Grouped when options.Statistics:
                    StatisticsFormat.WriteText(report, text);
                    break;
                case OutputFormat.Text:
                    TextFormat.Write(report, options.ShowSource, text, new Ansi(options.Colour));
                    break;
                case OutputFormat.Grouped:
                    TextFormat.WriteGrouped(report, options.ShowSource, text, new Ansi(options.Colour));
                    break;
                case OutputFormat.GitHub:
                    GitHubFormat.Write(report, text);
                    break;
                case OutputFormat.Json when options.Statistics:
                    text.Flush();
                    StatisticsFormat.WriteJson(report, buffer);
                    break;
                case OutputFormat.Json:
                    text.Flush();
                    JsonFormat.Write(report, ToolVersion.Current, buffer);
                    break;
                case OutputFormat.Sarif:
                    text.Flush();
                    report.Sarif!.WriteTo(buffer);
                    break;
            }
        }

        if (options.Statistics && options.Format is OutputFormat.GitHub or OutputFormat.Sarif)
        {
            // Machine formats stay clean: the table goes to standard error.
            StatisticsFormat.WriteText(report, host.Error);
        }

        ReportFile.Write(host, options.OutputFile, buffer.ToArray());
    }

    private int Usage(string message) => CommandErrors.Usage(host, message);
}
