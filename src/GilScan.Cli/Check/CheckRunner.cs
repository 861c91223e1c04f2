using System.Collections.Immutable;
using System.Text;
using GilScan.Analysis.Caching;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Discovery;
using GilScan.Analysis.Engine;
using GilScan.Cli.Confirm;
using GilScan.Cli.Output;
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
    public int Run()
    {
        try
        {
            return RunChecked();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            host.Error.WriteLine($"gilscan: internal error: {error}");
            return ExitCodes.UsageError;
        }
    }

    private int RunChecked()
    {
        var (setup, problem) = ProjectSetup.Resolve(options, host);
        if (setup is null)
        {
            return Usage(problem!);
        }

        var badCode = (options.Select ?? []).Concat(options.ExtendSelect).Concat(options.Ignore).FirstOrDefault(code => !RuleSelectors.IsWellFormed(code));
        if (badCode is not null)
        {
            return Usage($"'{badCode}' is not a rule code: use a rule id such as GIL101, a prefix such as GIL1, or ALL");
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

        var config = setup.ConfigFile is null
            ? new ConfigurationResult(GilScanSettings.Defaults, [], [])
            : ConfigurationLoader.Load(setup.ConfigFile, app.Catalog.Ids);
        foreach (var warning in config.Warnings)
        {
            host.Error.WriteLine($"gilscan: warning: {DisplayConfigPath(setup, warning.FilePath)}:{warning.Line}:{warning.StartColumn + 1}: {warning.Key}: {warning.Message}");
        }

        // The confirm tables are checked on every run, as every other setting is, not only with --confirm.
        var confirmTables = ConfirmConfiguration.Read(setup.ConfigFile);
        if (!confirmTables.Problems.IsEmpty)
        {
            config = config with { Errors = [.. config.Errors.Concat(confirmTables.Problems).OrderBy(p => p.Line).ThenBy(p => p.StartColumn)] };
        }

        if (!config.IsValid)
        {
            return ReportInvalidConfiguration(setup, config);
        }

        var settings = config.Settings;
        var enabled = RuleSelection.Resolve(
            app.Catalog.Descriptors,
            options.Select ?? (settings.Select is { } select ? [.. select] : null),
            [.. settings.ExtendSelect, .. options.ExtendSelect],
            [.. settings.Ignore, .. options.Ignore]);
        var policy = new DiagnosticPolicy(enabled, settings.Severity, settings.PerFileIgnores);
        var rules = app.Catalog.RulesFor(enabled);

        var excludes = new GlobSet([.. settings.Exclude ?? [.. DefaultExcludes.Patterns], .. settings.ExtendExclude]);
        var discovered = new FileDiscovery(setup.Root, excludes, settings.RespectGitignore).Discover(setup.Inputs);
        var documents = new SourceDocument[discovered.Files.Count];
        Parallel.For(0, documents.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, i =>
            documents[i] = SourceDocument.Read(discovered.Files[i].RelativePath, discovered.Files[i].AbsolutePath));

        var driver = new AnalysisDriver(rules, new AnalysisDriverOptions
        {
            Options = settings.Options,
            Policy = policy,
            Models = app.Models,
            Jobs = options.Jobs,
        });
        using var cache = options.NoCache
            ? null
            : FileAnalysisCache.Open(setup.CacheDirectory, CacheKey.For(rules, policy, settings.Options, app.Models), app.Catalog.Descriptors, setup.Root);
        var progress = new ProgressLine(host);
        var result = driver.Run(documents, cache, progress.Enabled ? progress.Report : null);
        progress.Clear();
        SaveCache(cache);

        var notifications = result.Notifications
            .Concat(discovered.Problems.Select(p => new ToolNotification(RuleLevel.Warning, p.Message) { Path = p.Path.Length == 0 ? null : p.Path }))
            .Order(NotificationComparer.Instance)
            .ToList();
        var rulesRan = app.Catalog.Descriptors.Where(rule => enabled.Contains(rule.Id) || rule.Id == ToolRules.InvalidConfiguration.Id).ToList();
        var sources = documents.Where(d => d.Content is not null).ToDictionary(d => d.Path, d => d.Content!, StringComparer.Ordinal);

        // After the cache is saved: measured results are never cached, the static ones may be.
        var confirmed = options.Confirm is { } confirm
            ? new ConfirmationRun(host, confirm).Run(new ConfirmationInput
            {
                Diagnostics = result.Diagnostics,
                ProjectRoot = setup.Root,
                Sources = sources,
                Overrides = confirmTables.Overrides,
                LatencyBudgetMs = settings.Options.LatencyBudgetMs,
            })
            : ConfirmationOutcome.Unchanged(result.Diagnostics);
        var report = BuildReport(setup, rulesRan, confirmed.Diagnostics, notifications, result.ExecutionSuccessful, documents.Length, sources, baseline, confirmed.Confirmations);
        Write(report);
        if (options.WriteBaselineFile is { } baselineOut)
        {
            var fresh = BuildSarif(setup, rulesRan, confirmed.Diagnostics, notifications, result.ExecutionSuccessful, sources, null, SarifProfile.Ide);
            WriteFile(baselineOut, fresh.ToUtf8Bytes());
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

    private int ReportInvalidConfiguration(ProjectSetup setup, ConfigurationResult config)
    {
        setup = setup.Covering(setup.ConfigFile!);
        var diagnostics = config.Errors.Select(p => ConfigurationDiagnostics.From(p, setup)).Order(DiagnosticComparer.Instance).ToImmutableArray();
        var report = BuildReport(setup, [ToolRules.InvalidConfiguration], diagnostics, [], false, 0, new Dictionary<string, byte[]>(), null);
        Write(report);
        host.Error.WriteLine($"gilscan: error: {DisplayConfigPath(setup, setup.ConfigFile!)} has {config.Errors.Length} invalid setting{(config.Errors.Length == 1 ? string.Empty : "s")} (GIL003); nothing was checked.");
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
            Sources = new ReportSources(setup.Root, sources),
            Profile = profile,
            Baseline = baseline,
        });

    private void Write(CheckReport report)
    {
        foreach (var notification in report.StandaloneNotifications)
        {
            var where = notification.Path is null ? string.Empty : report.DisplayPath(notification.Path) + ": ";
            host.Error.WriteLine($"gilscan: {JsonFormat.LevelName(notification.Level)}: {where}{notification.Message}");
        }

        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            switch (options.Format)
            {
                case OutputFormat.Text when options.Statistics:
                    StatisticsFormat.WriteText(report, text);
                    break;
                case OutputFormat.Text:
                    TextFormat.Write(report, options.ShowSource, text);
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
                    JsonFormat.Write(report, buffer);
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

        if (options.OutputFile is { } file)
        {
            WriteFile(file, buffer.ToArray());
        }
        else
        {
            host.Out.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            host.Out.Flush();
        }
    }

    private void WriteFile(string file, byte[] bytes)
    {
        var path = host.FullPath(file);
        if (Path.GetDirectoryName(path) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, bytes);
    }

    private void SaveCache(FileAnalysisCache? cache)
    {
        try
        {
            cache?.Save();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            host.Error.WriteLine($"gilscan: warning: the results cache could not be written: {error.Message}");
        }
    }

    private string DisplayConfigPath(ProjectSetup setup, string absolutePath) =>
        Path.GetRelativePath(host.CurrentDirectory, absolutePath).Replace('\\', '/');

    private int Usage(string message)
    {
        host.Error.WriteLine($"gilscan: error: {message}");
        return ExitCodes.UsageError;
    }
}
